/**
 * A long path kept on layers (pathLayers) against the same path stroked whole in every frame (strokePath):
 * what a frame shows depends only on its iteration, whatever was drawn before; against the whole stroke it
 * differs only in the anti-aliasing where chunks of the path meet or cross.
 */
import { createCanvas } from '@napi-rs/canvas';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plot, Style } from '../../../src/render/core/layout';
import { CHUNK, pathLayers, strokePath, surfacePath, usesLayers, type SurfacePath } from '../../../src/render/surface2d/surfacePath';
import type { Series } from '../../../src/types';
import { theme } from '../../../src/render/core/theme';
import { mlvisInProcess } from '../../helpers/cli';

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
  return surfacePath(series, { u: a, v: b, loss: series.trajectory.loss }, plot, box);
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
  return surfacePath(series, { u: a, v: b, loss: series.trajectory.loss }, plot, box);
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

type Painter = ReturnType<typeof pathLayers>;
const painter = (p: SurfacePath): Painter => pathLayers(p, rect, style, style.line);

function drawWith(draw: Painter, k: number): Buffer {
  const { c, ctx } = canvas();
  draw(ctx, k, box, colour);
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
  it('is used for these paths: long, and dense for their box', () => {
    expect(usesLayers(scribble, style.line)).toBe(true);
    expect(usesLayers(coil, style.line)).toBe(true);
    // The same number of vertices spread thin over a large box: copying the layers would cost more.
    const sparse = { ...coil, line: { ...coil.line, x: coil.line.x.map((v) => v * 40), y: coil.line.y.map((v) => v * 40) } };
    expect(usesLayers(sparse, style.line)).toBe(false);
  });

  it('shows at each iteration what a fresh painter shows, whatever was drawn before (forwards, every step, backwards)', () => {
    for (const p of [scribble, coil]) {
      const last = p.path.loss.length - 1;
      const ks = [0, 1, 2, CHUNK, 40 * CHUNK - 1, 2500, last];
      const fresh = ks.map((k) => drawWith(painter(p), k));
      const forwards = painter(p);
      ks.forEach((k, j) => expect(drawWith(forwards, k).equals(fresh[j])).toBe(true));
      // One iteration at a time over a stretch, as --every 1 draws: the seams stay where the chunks end.
      const stepped = painter(p);
      let frame = drawWith(stepped, 0);
      for (let k = 2300; k <= 2500; k++) frame = drawWith(stepped, k);
      expect(frame.equals(fresh[5])).toBe(true);
      const backwards = painter(p);
      [...ks].reverse().forEach((k) => expect(drawWith(backwards, k).equals(fresh[ks.indexOf(k)])).toBe(true));
    }
  });

  /** The worst frame, drawn in `frames` steps forwards, against the whole stroke. */
  function forwards(p: SurfacePath, frames: number) {
    const draw = painter(p);
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

  it('against the whole stroke, a path that does not cross itself: the same picture, seams only in the anti-aliasing', () => {
    const { seen, far, mean } = forwards(coil, 40);
    expect(seen).toBeGreaterThan(0); // chunks do meet: the comparison sees them
    expect(far).toBe(0); // no gap, no doubled stroke: every seam within 128 levels
    expect(mean).toBeLessThan(2);
  });

  it('against the whole stroke, a scribble that crosses itself everywhere: crossings blend their edges twice, no more', () => {
    const { far, mean } = forwards(scribble, 30);
    expect(far).toBe(0); // of some 11,000 pixels the scribble covers, none off by more than 128 levels
    expect(mean).toBeLessThan(2);
  });

  it('draws the path before its first whole chunk, and its last segment, directly', () => {
    for (const k of [0, 5, CHUNK - 2]) {
      const d = compare(drawWith(painter(coil), k), whole(coil, k));
      expect(d.differ).toBe(0); // no chunk yet: the same stroke as the whole path's
    }
  });
});

describe('a long path in a run', () => {
  it('gives a still the same pixels whether or not an animation was drawn before it', async () => {
    // sgd over 100,000 iterations: ~1,900 vertices, drawn on layers. The PNG is drawn after the GIF's
    // frames in the second run, by the same renderer.
    const dir = mkdtempSync(join(tmpdir(), 'mlvis-layers-'));
    try {
      const args = ['linear', '--optimizer', 'sgd', '--iters', '100000', '--quiet'];
      expect((await mlvisInProcess([...args, '--out', join(dir, 'alone.png')])).code).toBe(0);
      expect((await mlvisInProcess([...args, '--out', join(dir, 'after.gif'), '--out', join(dir, 'after.png')])).code).toBe(0);
      expect(readFileSync(join(dir, 'after.png')).equals(readFileSync(join(dir, 'alone.png')))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
