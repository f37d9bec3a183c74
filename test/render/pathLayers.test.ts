/**
 * A long path kept on layers (pathLayers) against the same path stroked whole in every frame (strokePath):
 * drawn in one go they are the same pixels; drawn frame by frame they differ only where batches of segments
 * meet or cross, on the edges of the halo; going back rebuilds the layers.
 */
import { createCanvas } from '@napi-rs/canvas';
import type { Plot, Style } from '../../src/render/layout';
import { LAYERED_FROM, pathLayers, strokePath, surfacePath, type SurfacePath } from '../../src/render/surfacePath';
import type { Series } from '../../src/types';
import { theme } from '../../src/render/theme';

const W = 320, H = 220;
const rect = { x: 10.5, y: 10.25, w: 300, h: 200 };
const box = { x: rect.x - 4, y: rect.y - 4, w: rect.w + 8, h: rect.h + 8 };
const style = { theme: theme('light'), f: 11, thin: 1, line: 2.2 } as Style;
const colour = '#d62728';
const BACKGROUND = '#2a3b5c';

/** A noisy descent of `n` steps (a deterministic random walk drifting to the middle), many vertices after thinning. */
function noisyPath(n: number) {
  const a = new Float64Array(n), b = new Float64Array(n);
  let x = 20, y = 200, seed = 7;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32) - 0.5;
  for (let i = 0; i < n; i++) {
    x += (160 - x) * 0.002 + rand() * 6;
    y += (110 - y) * 0.002 + rand() * 6;
    a[i] = x;
    b[i] = y;
  }
  const series = { trajectory: { w: [a, b], loss: new Float64Array(n) }, diverged: null } as unknown as Series;
  const plot = { x: { map: (v: number) => v }, y: { map: (v: number) => v } } as unknown as Plot;
  return surfacePath(series, series.trajectory, plot, box);
}

/** A spiral inwards, 8 turns 10 px apart, a vertex every 0.6 px: long, and never over itself. */
function spiral(n: number) {
  const a = new Float64Array(n), b = new Float64Array(n);
  let t = 0;
  for (let i = 0; i < n; i++) {
    const r = 95 - (85 * i) / (n - 1);
    a[i] = 160 + r * Math.cos(t);
    b[i] = 110 + r * Math.sin(t) * 0.95;
    t += 0.6 / r;
  }
  const series = { trajectory: { w: [a, b], loss: new Float64Array(n) }, diverged: null } as unknown as Series;
  const plot = { x: { map: (v: number) => v }, y: { map: (v: number) => v } } as unknown as Plot;
  return surfacePath(series, series.trajectory, plot, box);
}

const scribble = noisyPath(6000);
const coil = spiral(4500);

function canvas() {
  const c = createCanvas(W, H);
  const ctx = c.getContext('2d');
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, W, H);
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  return { c, ctx };
}

/** The path at iteration k stroked whole, as a frame without layers draws it. */
function whole(p: SurfacePath, k: number): Buffer {
  const { c, ctx } = canvas();
  strokePath(ctx, p, k, box, colour, style, style.line);
  return c.data();
}

function drawWith(draw: ReturnType<typeof pathLayers>, k: number): Buffer {
  const { c, ctx } = canvas();
  draw(ctx, k, box, colour, style, style.line);
  return c.data();
}

/**
 * How two frames differ: pixels that differ at all, by more than `far` levels in some channel (a seam's
 * doubled anti-aliasing stays under it; a gap or a misplaced stroke does not), the mean
 * difference (levels, all channels) over the pixels the path covers in `a` (those unlike the background),
 * and how many those are.
 */
function compare(a: Buffer, b: Buffer, far = 128): { differ: number; farOff: number; mean: number; path: number } {
  const plain = canvas().c.data();
  let differ = 0, farOff = 0, sum = 0, path = 0;
  for (let i = 0; i < a.length; i += 4) {
    const d = Math.max(Math.abs(a[i] - b[i]), Math.abs(a[i + 1] - b[i + 1]), Math.abs(a[i + 2] - b[i + 2]));
    if (d > 0) differ++;
    if (d > far) farOff++;
    if (a[i] !== plain[i] || a[i + 1] !== plain[i + 1] || a[i + 2] !== plain[i + 2]) {
      path++;
      sum += Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]);
    }
  }
  return { differ, farOff, mean: sum / (3 * Math.max(path, 1)), path };
}

describe('pathLayers', () => {
  it('is used for these paths: they have enough vertices', () => {
    expect(scribble.line.length).toBeGreaterThanOrEqual(LAYERED_FROM);
    expect(coil.line.length).toBeGreaterThanOrEqual(LAYERED_FROM);
  });

  it('draws, in one go, the very pixels of the path stroked whole', () => {
    for (const p of [scribble, coil]) {
      for (const k of [0, 1, 40, 2500, p.path.loss.length - 1]) {
        expect(compare(drawWith(pathLayers(p, W, H, rect), k), whole(p, k)).differ).toBe(0);
      }
    }
  });

  /** The worst frame, drawn in `frames` steps forwards, against the whole stroke. */
  function forwards(p: SurfacePath, frames: number) {
    const draw = pathLayers(p, W, H, rect);
    const last = p.path.loss.length - 1;
    let seen = 0, far = 0, mean = 0;
    for (let f = 0; f <= frames; f++) {
      const k = Math.round((last * f) / frames);
      const d = compare(drawWith(draw, k), whole(p, k));
      seen += d.differ;
      if (d.path > 0) {
        far = Math.max(far, d.farOff);
        mean = Math.max(mean, d.mean);
      }
    }
    return { seen, far, mean };
  }

  it('frame by frame, a path that does not cross itself: the same picture, seams only in the anti-aliasing', () => {
    const { seen, far, mean } = forwards(coil, 40);
    expect(seen).toBeGreaterThan(0); // batches do meet: the comparison sees them
    expect(far).toBe(0); // no gap, no doubled stroke: every seam within 128 levels
    expect(mean).toBeLessThan(1.5);
  });

  it('frame by frame, a scribble that crosses itself everywhere: crossings blend their edges twice, no more', () => {
    const { far, mean } = forwards(scribble, 30);
    expect(far).toBe(0); // of some 11,000 pixels the scribble covers, none off by more than 128 levels
    expect(mean).toBeLessThan(2);
  });

  it('rebuilds its layers when the clock goes back', () => {
    const draw = pathLayers(coil, W, H, rect);
    for (const k of [100, 2000, 4499]) drawWith(draw, k);
    expect(compare(drawWith(draw, 1500), whole(coil, 1500)).differ).toBe(0);
    expect(compare(drawWith(draw, 0), whole(coil, 0)).differ).toBe(0);
  });
});
