'use strict';
/**
 * The decision region's cost per frame (issue 19: under 2 ms at 960x480): the probability field and the
 * p = 1/2 contour of a default `mlvis mlp` run (moons, 200 points, 2-8-1 tanh), each frame at a new
 * iteration, timed as CPU time over 100 frames in several rounds (the canvas's deferred rendering included:
 * a pixel is read after each frame's layers), beside the whole frame's drawing.
 *
 *   node bench/mlpFrame.js [rounds] [WxH]      (after npm run build)
 */
const { join } = require('node:path');
const { createCanvas } = require('@napi-rs/canvas');

const ROOT = join(__dirname, '..');
const { sceneFromOptions } = require(join(ROOT, 'dist', 'index.js'));
const { createRenderer } = require(join(ROOT, 'dist', 'render', 'index.js'));
const { fitContext } = require(join(ROOT, 'dist', 'render', 'fit', 'fit.js'));
const { probabilityField } = require(join(ROOT, 'dist', 'render', 'fit', 'layers', 'probabilityField.js'));
const { boundaryContours } = require(join(ROOT, 'dist', 'render', 'fit', 'layers', 'boundaryContours.js'));
const { frameLayout } = require(join(ROOT, 'dist', 'render', 'core', 'layout.js'));

const rounds = Number(process.argv[2] ?? 5);
const [width, height] = (process.argv[3] ?? '960x480').split('x').map(Number);
const FRAMES = 100;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const scene = sceneFromOptions({ model: 'mlp', width, height });
  const iterations = scene.iterations;
  const at = (i) => ({ index: i, count: FRAMES, seconds: i / 20, iteration: Math.round((i * iterations) / (FRAMES - 1)) });
  // The fit panel's half of the frame, as the renderer lays it out side by side.
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const layout = frameLayout(scene);
  const c = fitContext(ctx, layout.panels[scene.panels.indexOf('fit')], scene, layout.style);
  const layers = [probabilityField.make(c), boundaryContours.make(c)];
  const renderer = createRenderer(scene);
  const region = [];
  const whole = [];
  for (let r = 0; r < rounds; r++) {
    let cpu = 0;
    for (let i = 0; i < FRAMES; i++) {
      const t0 = process.cpuUsage();
      for (const l of layers) l.drawFrame(ctx, at(i));
      // The canvas records draws and renders them when pixels are read: read one, so the time counts them.
      ctx.getImageData(0, 0, 1, 1);
      const t = process.cpuUsage(t0);
      cpu += t.user + t.system;
      await new Promise((resolve) => setImmediate(resolve));
    }
    region.push(cpu / 1000 / FRAMES);
    cpu = 0;
    for (let i = 0; i < FRAMES; i++) {
      const t0 = process.cpuUsage();
      renderer.drawFrame(at(i));
      const t = process.cpuUsage(t0);
      cpu += t.user + t.system;
      await new Promise((resolve) => setImmediate(resolve));
    }
    whole.push(cpu / 1000 / FRAMES);
  }
  const ok = median(region) < 2 ? 'ok' : 'MISS';
  console.log(`mlp decision region (field + contour) at ${width}x${height}: ${median(region).toFixed(2)} ms a frame (${ok} < 2 ms; median of ${rounds} rounds of ${FRAMES} frames); the whole frame ${median(whole).toFixed(2)} ms`);
}

main();
