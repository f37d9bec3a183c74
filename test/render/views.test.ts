/**
 * Golden frames of the views of issue 8: the samples of the step on the fit panel (sgd, minibatch), the
 * reference path (--reference-path) and the arrows (--arrows) on the surface. Each frame is also drawn with
 * its feature taken out of the scene, and must differ from that by many pixels: a golden that a missing
 * feature would still match proves nothing.
 */
import { sceneFromOptions, type RunOptions } from '../../src/index';
import { createRenderer } from '../../src/render';
import type { Scene } from '../../src/types';
import { compareWithGolden, mismatchedPixels } from './goldenFiles';

const size = { width: 640, height: 320 } as const;
const withoutSamples = (s: Scene): Scene => ({ ...s, series: s.series.map(({ samples: _, ...rest }) => rest) });
const withoutReference = (s: Scene): Scene => ({
  ...s,
  series: s.series.map(({ reference: _, ...rest }) => rest),
  surface: { ...s.surface, references: s.surface.references.map(() => undefined) },
});
const withoutArrows = ({ arrows: _, ...rest }: Scene): Scene => rest;

const cases: [string, RunOptions, number, (s: Scene) => Scene][] = [
  ['samples-sgd', { model: 'linear', optimizer: 'sgd', iterations: 300, ...size }, 20, withoutSamples],
  ['samples-minibatch-penguins-dark', { model: 'logistic', data: 'penguins', optimizer: 'minibatch', batchSize: 8, iterations: 300, theme: 'dark', ...size }, 30, withoutSamples],
  ['reference-cars', { model: 'linear', data: 'cars', optimizer: 'sgd', iterations: 300, referencePath: true, ...size }, 40, withoutReference],
  ['arrows-momentum', { model: 'linear', optimizer: 'momentum', iterations: 300, arrows: true, out: 'x.png', frame: 8, ...size }, 8, withoutArrows],
  ['views-race', { model: 'linear', optimizer: ['sgd', 'minibatch', 'momentum'], batchSize: 4, iterations: 300, referencePath: true, arrows: true, out: 'x.png', frame: 30, ...size }, 30, withoutArrows],
];

describe.each(cases)('golden frame %s', (name, options, k, remove) => {
  it('matches its golden image, and differs from the frame without the feature', async () => {
    const scene = sceneFromOptions(options);
    const px = Buffer.from(createRenderer(scene).drawFrame(k));
    expect(await compareWithGolden(name, px, scene.width, scene.height)).toBe(0);
    const bare = Buffer.from(createRenderer(remove(scene)).drawFrame(k));
    expect(mismatchedPixels(px, bare)).toBeGreaterThan(40);
  });
});
