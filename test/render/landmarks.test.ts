/**
 * A landscape's surface, drawn: every known minimum and saddle is marked where it is, in its own symbol, the
 * legend names the kinds, and the minimum a path reached is named from the iteration it reached it (and not
 * before). Frames come through the real pipeline (sceneFromOptions) and are read back as pixels.
 */
import { createRenderer, type PreparedFrame } from '../../src/render/frame/renderer';
import type { Scene } from '../../src/types';

const { sceneFromOptions } = require('../../src/index') as typeof import('../../src/index');
const { prepareFrame } = require('../../src/render/frame/renderer') as { prepareFrame: (s: Scene) => PreparedFrame };

const W = 960;
const H = 480;
const at = (rgba: Uint8Array, x: number, y: number) => Array.from(rgba.subarray((Math.round(y) * W + Math.round(x)) * 4, (Math.round(y) * W + Math.round(x)) * 4 + 3));
/** Pixels that differ by more than a few levels inside a box. */
function changed(a: Uint8Array, b: Uint8Array, box: { x: number; y: number; w: number; h: number }): number {
  let n = 0;
  for (let y = Math.max(0, Math.floor(box.y)); y < Math.min(H, box.y + box.h); y++) {
    for (let x = Math.max(0, Math.floor(box.x)); x < Math.min(W, box.x + box.w); x++) {
      const i = (y * W + x) * 4;
      if (Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]) > 12) n++;
    }
  }
  return n;
}

describe('Himmelblau: four global minima and four saddles', () => {
  const scene = sceneFromOptions({ model: 'function', function: 'himmelblau', optimizer: 'adam', init: [0, 0], width: W, height: H, out: 'x.gif' });
  const surface = prepareFrame(scene).panels[0].plot;
  const renderer = createRenderer(scene);
  const last = renderer.drawFrame(scene.iterations);

  it('has every known point in the scene, exactly', () => {
    expect(scene.surface.landmarks.filter((m) => m.kind === 'global')).toHaveLength(4);
    expect(scene.surface.landmarks.filter((m) => m.kind === 'saddle')).toHaveLength(4);
    expect(scene.surface.landmarks[0]).toEqual({ u: 3, v: 2, loss: 0, kind: 'global', name: '(3, 2)' });
  });

  it('marks each with a white symbol at its place (a star for a minimum, a cross for a saddle)', () => {
    // Frame 0: the path's current point, drawn over the minimum it ends on, is still at the start.
    const first = renderer.drawFrame(0);
    for (const m of scene.surface.landmarks) {
      const x = surface.x.map(m.u);
      const y = surface.y.map(m.v);
      expect([m.name, at(first, x, y)]).toEqual([m.name, [255, 255, 255]]);
    }
  });

  it('draws them from the first frame on, where no path is yet', () => {
    const first = renderer.drawFrame(0);
    const far = scene.surface.landmarks.find((m) => m.name === '(-3.779, -3.283)')!;
    expect(at(first, surface.x.map(far.u), surface.y.map(far.v))).toEqual([255, 255, 255]);
  });

  it('names the minimum the path reached from the iteration it did, not before', () => {
    const reached = scene.series[0].reached!;
    expect(scene.surface.landmarks[reached.landmark].name).toBe('(3, 2)');
    const m = scene.surface.landmarks[reached.landmark];
    const x = surface.x.map(m.u);
    const y = surface.y.map(m.v);
    // The label sits beside the marker (right of it, or left at the plot's edge) and above it.
    const box = { x: x - 140, y: y - 40, w: 280, h: 35 };
    const before = renderer.drawFrame(reached.iteration - 1);
    const from = renderer.drawFrame(reached.iteration);
    const without = createRenderer({ ...scene, series: scene.series.map((s) => ({ ...s, reached: undefined })) }).drawFrame(reached.iteration);
    expect(changed(from, without, box)).toBeGreaterThan(100);
    expect(changed(before, createRenderer({ ...scene, series: scene.series.map((s) => ({ ...s, reached: undefined })) }).drawFrame(reached.iteration - 1), box)).toBe(0);
  });

  it('the legend names the saddle: a frame without landmarks differs in the heading row', () => {
    const plain = createRenderer({ ...scene, surface: { ...scene.surface, landmarks: [] }, optimum: null }).drawFrame(scene.iterations);
    const heading = { x: surface.rect.x, y: surface.rect.y - 28, w: surface.rect.w + 80, h: 24 };
    expect(changed(last, plain, heading)).toBeGreaterThan(50);
  });
});

describe('a local minimum is told from a global one', () => {
  it('three-hump camel: the local minima are grey stars, the global one white', () => {
    const scene = sceneFromOptions({ model: 'function', function: 'three-hump-camel', iterations: 50, width: W, height: H, out: 'x.gif' });
    const surface = prepareFrame(scene).panels[0].plot;
    const frame = createRenderer(scene).drawFrame(0);
    const kinds = scene.surface.landmarks.map((m) => m.kind);
    expect(kinds.filter((k) => k === 'local').length).toBeGreaterThan(0);
    for (const m of scene.surface.landmarks) {
      const px = at(frame, surface.x.map(m.u), surface.y.map(m.v));
      expect([m.kind, px]).toEqual([m.kind, m.kind === 'local' ? [158, 158, 158] : [255, 255, 255]]);
    }
  });
});

describe('a model on data keeps its one star', () => {
  it('linear: its optimum is the one landmark, a global minimum (the golden frames check its pixels)', () => {
    const scene = sceneFromOptions({ model: 'linear', iterations: 20, width: W, height: H });
    const o = scene.optimum!;
    expect(scene.surface.landmarks).toEqual([{ u: o.w[0], v: o.w[1], loss: o.loss, kind: 'global', name: '' }]);
  });
});

describe('the 3-D view marks them too', () => {
  it('Himmelblau in 3-D: removing the landmarks changes the frame, and the legend names the saddle', () => {
    const scene = sceneFromOptions({ model: 'function', function: 'himmelblau', optimizer: 'adam', init: [0, 0], view: '3d', width: W, height: H, out: 'x.gif' });
    const frame = createRenderer(scene).drawFrame(0);
    // The optimum stays in the scene: only the list of landmarks goes (a renderer that drew the optimum's
    // star alone would not notice).
    const bare = createRenderer({ ...scene, surface: { ...scene.surface, landmarks: [] } }).drawFrame(0);
    // Four stars and four crosses on the mesh: well over a few hundred pixels.
    expect(changed(frame, bare, { x: 0, y: 0, w: W / 2, h: H })).toBeGreaterThan(400);
  });
});

describe('where f is not defined (hostile review)', () => {
  it('the grid marks exactly the samples where the loss is not finite, and the surface hatches them, not the top colour', () => {
    const scene = sceneFromOptions({ model: 'function', expr: 'log(x)+y^2', domain: [[-1, 3], [-1, 1]], init: [2, 0.5], lr: 0.01, iterations: 50, width: W, height: H, out: 'x.gif' });
    const g = scene.grid;
    const marked = g.undefinedAt!;
    for (let j = 0; j < g.ny; j++) {
      for (let i = 0; i < g.nx; i++) {
        const x = g.uRange[0] + ((g.uRange[1] - g.uRange[0]) * i) / (g.nx - 1);
        expect([x, marked[j * g.nx + i]]).toEqual([x, x <= 0 ? 1 : 0]);
      }
    }
    const surface = prepareFrame(scene).panels[0].plot;
    const frame = createRenderer(scene).drawFrame(0);
    const unhatched = createRenderer({ ...scene, grid: { ...g, undefinedAt: undefined } }).drawFrame(0);
    // Left of x = 0: the hatch (light), where without it the top band's yellow would be.
    const px = at(frame, surface.x.map(-0.5), surface.y.map(0.35));
    const top = at(unhatched, surface.x.map(-0.5), surface.y.map(0.35));
    expect(px).not.toEqual(top);
    expect(px[2]).toBeGreaterThan(150); // grey or white, not viridis yellow (blue channel low)
    expect(top[2]).toBeLessThan(100);
  });
});
