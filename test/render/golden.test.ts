/**
 * Golden frames: the first, middle and last frame of a fixed scene of each model, compared with PNGs in
 * test/render/golden/ with a small per-pixel tolerance (antialiasing may differ by a few levels between
 * machines). A missing golden is written, as is every golden with UPDATE_GOLDEN=1; in CI a missing golden
 * fails instead, so a forgotten file cannot pass silently. Look at a rewritten golden before committing it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { createCanvas, ImageData, loadImage } from '@napi-rs/canvas';
import { createRenderer } from '../../src/render';
import type { Scene } from '../../src/types';
import { makeScene } from './fixtures';
import { buildScene, loadData, resolveConfig, train } from '../../src/index';

/** A scene from a fixed seeded run through the real pipeline (data, engine, loss grid). */
function seededScene(model: 'linear' | 'logistic'): Scene {
  const config = resolveConfig({ model, iterations: 200, width: 640, height: 320, seed: 'golden' });
  const data = loadData(config, () => {});
  return buildScene(config, data, train(config, data));
}

const DIR = path.join(__dirname, 'golden');
const MAX_CHANNEL_DIFF = 8;
const MIN_SHARE_WITHIN = 0.995;

const scenes: [string, Scene][] = [
  ['linear-light', makeScene('linear', { panels: ['surface', 'fit', 'loss'] })],
  ['logistic-dark', makeScene('logistic', { theme: 'dark' })],
  ['seeded-linear', seededScene('linear')],
  ['seeded-logistic', seededScene('logistic')],
];

function encodePng(px: Uint8Array, width: number, height: number): Buffer {
  const canvas = createCanvas(width, height);
  canvas.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(px), width, height), 0, 0);
  return canvas.toBuffer('image/png');
}

async function decodePng(file: string): Promise<{ width: number; height: number; px: Uint8Array }> {
  const img = await loadImage(fs.readFileSync(file));
  const canvas = createCanvas(img.width, img.height);
  canvas.getContext('2d').drawImage(img, 0, 0);
  return { width: img.width, height: img.height, px: canvas.data() };
}

/** Share of pixels whose largest channel difference is within the tolerance. */
function shareWithin(a: Uint8Array, b: Uint8Array): number {
  let ok = 0;
  for (let i = 0; i < a.length; i += 4) {
    const d = Math.max(Math.abs(a[i] - b[i]), Math.abs(a[i + 1] - b[i + 1]), Math.abs(a[i + 2] - b[i + 2]));
    if (d <= MAX_CHANNEL_DIFF) ok++;
  }
  return ok / (a.length / 4);
}

describe.each(scenes)('golden frames of %s', (name, scene) => {
  const renderer = createRenderer(scene);
  const frames: [string, number][] = [
    ['first', 0],
    ['middle', Math.round(scene.iterations / 2)],
    ['last', scene.iterations],
  ];

  it.each(frames)('%s frame matches its golden image', async (which, k) => {
    const px = Buffer.from(renderer.drawFrame(k));
    const file = path.join(DIR, `${name}-${which}.png`);
    if (!fs.existsSync(file) || process.env.UPDATE_GOLDEN === '1') {
      if (process.env.CI && !fs.existsSync(file)) throw new Error(`golden image ${file} is missing (run the tests locally to write it)`);
      fs.mkdirSync(DIR, { recursive: true });
      fs.writeFileSync(file, encodePng(px, scene.width, scene.height));
    }
    const golden = await decodePng(file);
    expect([golden.width, golden.height]).toEqual([scene.width, scene.height]);
    expect(shareWithin(px, golden.px)).toBeGreaterThanOrEqual(MIN_SHARE_WITHIN);
  });

  it('differs between its first and last frame (the comparison can fail)', () => {
    const a = Buffer.from(renderer.drawFrame(0));
    const b = Buffer.from(renderer.drawFrame(scene.iterations));
    expect(shareWithin(a, b)).toBeLessThan(MIN_SHARE_WITHIN);
  });
});
