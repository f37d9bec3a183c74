/**
 * The golden frames of a fair race: six optimizers on Rosenbrock over 10,000 iterations, each at the rate
 * --tune chose (the title says "tuned rates", each legend entry its rate). The golden is strict enough to
 * matter: the frame without one path, without the legend (the title band of a race), or without the words
 * "tuned rates" fails it.
 */
import { createCanvas, ImageData } from '@napi-rs/canvas';
import { sceneFromOptions } from '../../src/index';
import { createRenderer } from '../../src/render';
import { prepareFrame } from '../../src/render/frame/renderer';
import type { Scene } from '../../src/types';
import { compareWithGolden, decodePng, GOLDEN_DIR, mismatchedPixels } from './goldenFiles';

const OPTIMIZERS = ['gd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'lion'] as const;
const make = (): Scene => sceneFromOptions({ model: 'function', function: 'rosenbrock', optimizer: [...OPTIMIZERS], iterations: 10_000, tune: true });
const FRAMES = { early: 1500, last: 10_000 } as const;
const draw = (scene: Scene, k: number) => Buffer.from(createRenderer(scene).drawFrame(k));

/** Pixels that differ from a golden, without ever writing it (UPDATE_GOLDEN must not store a broken frame). */
async function differsFrom(name: string, px: Uint8Array): Promise<number> {
  return mismatchedPixels(px, (await decodePng(`${GOLDEN_DIR}/${name}.png`)).px);
}

let scene: Scene;
beforeAll(() => {
  scene = make();
});

it('runs every series at a tuned rate, named in its legend entry', () => {
  expect(scene.tuned).toBe(true);
  expect(scene.series.map((s) => s.optimizer)).toEqual([...OPTIMIZERS]);
  // Each rate is a grid point 10^(k/4), and the label shows it.
  for (const s of scene.series) {
    const k = Math.log10(s.lr) * 4;
    expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
    expect(s.label).toMatch(/ · lr \S+$/);
  }
});

describe.each(Object.entries(FRAMES))('the %s frame', (which, k) => {
  const name = `function-rosenbrock-tuned-race-${which}`;

  it('matches its golden image', async () => {
    expect(await compareWithGolden(name, draw(scene, k), scene.width, scene.height)).toBe(0);
  });

  it('fails without one path (Adam stays at its start; its legend and loss curve unchanged)', async () => {
    const i = OPTIMIZERS.indexOf('adam');
    const s = scene.series[i];
    const still = { w: s.trajectory.w.map((c) => new Float64Array(c.length).fill(c[0])), loss: s.trajectory.loss };
    // The surface draws the plane's paths (scene.surface), the title and loss panel the series' own.
    const p = scene.surface.paths[i];
    const stillPlane = { u: new Float64Array(p.u.length).fill(p.u[0]), v: new Float64Array(p.v.length).fill(p.v[0]), loss: p.loss };
    const surface = { ...scene.surface, paths: scene.surface.paths.map((x, j) => (j === i ? stillPlane : x)) };
    const bare = { ...scene, surface, series: scene.series.map((x, j) => (j === i ? { ...x, trajectory: still } : x)) };
    expect(await differsFrom(name, draw(bare, k))).toBeGreaterThan(100);
  });

  it('fails without the legend (the title band of a race)', async () => {
    const { layout } = prepareFrame(scene);
    const canvas = createCanvas(scene.width, scene.height);
    const ctx = canvas.getContext('2d');
    ctx.putImageData(new ImageData(new Uint8ClampedArray(draw(scene, k)), scene.width, scene.height), 0, 0);
    ctx.fillStyle = layout.style.theme.background;
    ctx.fillRect(layout.title.x, layout.title.y, layout.title.w, layout.title.h);
    expect(await differsFrom(name, Buffer.from(canvas.data()))).toBeGreaterThan(1000);
  });

  it('fails without "tuned rates" in the title', async () => {
    const bad = await differsFrom(name, draw({ ...scene, tuned: false }, k));
    expect(bad).toBeGreaterThan(100);
  });
});

describe('a single tuned series', () => {
  it('names its tuned rate in the title ("tuned lr …"), and only the title band differs from the untuned drawing', () => {
    const single = sceneFromOptions({ model: 'function', function: 'booth', optimizer: 'gd', iterations: 50, tune: true, width: 640, height: 320 });
    expect(single.tuned).toBe(true);
    const { layout } = prepareFrame(single);
    const tuned = draw(single, 25);
    const plain = draw({ ...single, tuned: false }, 25);
    let inTitle = 0;
    let elsewhere = 0;
    const bottom = layout.title.y + layout.title.h;
    for (let i = 0; i < tuned.length; i += 4) {
      if (tuned[i] === plain[i] && tuned[i + 1] === plain[i + 1] && tuned[i + 2] === plain[i + 2]) continue;
      if (Math.floor(i / 4 / single.width) < bottom) inTitle++;
      else elsewhere++;
    }
    // "· tuned lr 0.1" is a dozen characters of heading: a few hundred pixels.
    expect(inTitle).toBeGreaterThan(100);
    expect(elsewhere).toBe(0);
  });
});
