/**
 * Thousands of paths drawn as they move: each path is thinned once to the points at least a fraction of a
 * pixel apart (a path that settles into a minimum adds nothing after that), and a checkpoint layer
 * (checkpointLayer.ts) keeps what was drawn, so that a frame only adds a short stretch: O(starts) a frame,
 * not O(starts × iterations).
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { LayerSteps } from './checkpointLayer';
import type { PlanePath } from '../../types';
import type { Plot } from '../core/layout';

/** One path in pixels: the kept points and the iteration of each, increasing. */
export interface PixelPath {
  xy: Float32Array;
  at: Int32Array;
}

/** Points closer than this many pixels to the last kept one are dropped. */
const MIN_STEP = 0.6;
/** Coordinates are kept within this many pixels outside the plot (a diverged path stays drawable). */
const REACH = 4000;

/** A path in the plot's pixels, thinned (see MIN_STEP); non-finite points end it. */
export function pixelPath(t: PlanePath, plot: Plot): PixelPath {
  const xs = t.u;
  const ys = t.v;
  const xy: number[] = [];
  const at: number[] = [];
  const { rect } = plot;
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi + REACH, Math.max(lo - REACH, v));
  let lx = NaN;
  let ly = NaN;
  const n = t.loss.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) break;
    const px = clamp(plot.x.map(xs[i]), rect.x, rect.x + rect.w);
    const py = clamp(plot.y.map(ys[i]), rect.y, rect.y + rect.h);
    if (i > 0 && Math.hypot(px - lx, py - ly) < MIN_STEP && i < n - 1) continue;
    xy.push(px, py);
    at.push(i);
    lx = px;
    ly = py;
  }
  return { xy: Float32Array.from(xy), at: Int32Array.from(at) };
}

/**
 * The steps of a checkpoint layer (checkpointLayer.ts) of trails: every path stroked as far as the iteration,
 * grouped by colour (one stroke per colour and stretch). `colourOf` gives path s's colour.
 */
export function trailSteps(paths: readonly PixelPath[], colourOf: (s: number) => string, lineWidth: number): LayerSteps {
  const cursor = new Int32Array(paths.length);
  const groups = new Map<string, number[]>();
  paths.forEach((_, s) => {
    const c = colourOf(s);
    if (!groups.has(c)) groups.set(c, []);
    groups.get(c)!.push(s);
  });
  return {
    reset: () => cursor.fill(0),
    grow: (ctx, _from, to) => extend(ctx, paths, groups, cursor, to, lineWidth, true),
    tail: (ctx, _from, to) => extend(ctx, paths, groups, cursor, to, lineWidth, false),
  };
}

/** Strokes each path from its cursor up to iteration k; `advance` moves the cursors there (the layer), else they stay (a frame's tail). */
function extend(ctx: SKRSContext2D, paths: readonly PixelPath[], groups: Map<string, number[]>, cursor: Int32Array, k: number, lineWidth: number, advance: boolean): void {
  ctx.save();
  ctx.lineWidth = lineWidth;
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  for (const [colour, members] of groups) {
    ctx.beginPath();
    let any = false;
    for (const s of members) {
      const p = paths[s];
      let c = cursor[s];
      if (c + 1 >= p.at.length || p.at[c + 1] > k) continue;
      ctx.moveTo(p.xy[2 * c], p.xy[2 * c + 1]);
      while (c + 1 < p.at.length && p.at[c + 1] <= k) {
        c++;
        ctx.lineTo(p.xy[2 * c], p.xy[2 * c + 1]);
      }
      if (advance) cursor[s] = c;
      any = true;
    }
    if (!any) continue;
    ctx.strokeStyle = colour;
    ctx.stroke();
  }
  ctx.restore();
}

/** Where path s is at iteration k, in pixels (its last kept point at or before k). */
export function pointAt(p: PixelPath, k: number): [number, number] {
  let lo = 0;
  let hi = p.at.length - 1;
  if (hi < 0) return [NaN, NaN];
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (p.at[mid] <= k) lo = mid;
    else hi = mid - 1;
  }
  return [p.xy[2 * lo], p.xy[2 * lo + 1]];
}
