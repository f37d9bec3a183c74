import type { SKRSContext2D } from '@napi-rs/canvas';
import type { FitPrediction } from '../../types';

type Weights = ArrayLike<number>;
import { clipSegment } from '../core/clip';
import type { Plot, Rect } from '../core/layout';

/**
 * Adds the model's line, clipped to `box`, to the path; false when no part of it is in view. A model whose
 * target is 'values' predicts a straight line in x (w0 + w1·x), so its two ends in the window describe it.
 */
export function traceLine(ctx: SKRSContext2D, plot: Plot, box: Rect, model: FitPrediction, w: Weights): boolean {
  const [a, b] = plot.x.domain;
  const x0 = plot.x.map(a);
  const x1 = plot.x.map(b);
  const y0 = plot.y.map(model.predict(w, a));
  const y1 = plot.y.map(model.predict(w, b));
  const c = clipSegment(x0, y0, x1, y1, box);
  if (!c) return false;
  ctx.moveTo(x0 + c[0] * (x1 - x0), y0 + c[0] * (y1 - y0));
  ctx.lineTo(x0 + c[1] * (x1 - x0), y0 + c[1] * (y1 - y0));
  return true;
}

/**
 * Adds a curve of values (a polynomial) across the window, sampled at `samples` + 1 points, to the path;
 * false when no sample is in `box`. Points far off the panel are held a few heights beyond it (the panel
 * clips the stroke), so a curve that shoots off to ±1e30 does not hand the rasterizer huge coordinates.
 */
export function traceValues(ctx: SKRSContext2D, plot: Plot, box: Rect, model: FitPrediction, w: Weights, samples: number): boolean {
  const [a, b] = plot.x.domain;
  const lo = box.y - 4 * box.h;
  const hi = box.y + 5 * box.h;
  let visible = false;
  let open = false;
  for (let s = 0; s <= samples; s++) {
    const x = a + ((b - a) * s) / samples;
    const px = plot.x.map(x);
    const raw = plot.y.map(model.predict(w, x));
    if (Number.isNaN(raw)) {
      open = false;
      continue;
    }
    const py = Math.min(hi, Math.max(lo, raw));
    if (py >= box.y && py <= box.y + box.h) visible = true;
    if (open) ctx.lineTo(px, py);
    else ctx.moveTo(px, py);
    open = true;
  }
  return visible;
}

/** Adds the predicted probability across the window, sampled at `samples` + 1 points, to the path. */
export function traceCurve(ctx: SKRSContext2D, plot: Plot, model: FitPrediction, w: Weights, samples: number): void {
  const [a, b] = plot.x.domain;
  for (let s = 0; s <= samples; s++) {
    const x = a + ((b - a) * s) / samples;
    const px = plot.x.map(x);
    const py = plot.y.map(model.predict(w, x));
    if (s === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  }
}

/**
 * Every x in the window where a network's predicted probability crosses 1/2 (a network's curve may cross it
 * several times, and each crossing is a boundary between the classes it predicts; the newcomer review found
 * only the outermost drawn): the window scanned at `samples` steps, as the curve is drawn, and each step where
 * the side changes bisected to the last bit. A crossing and back within one step (under 2 px) is not seen.
 */
export function decisionBoundaries(plot: Plot, model: FitPrediction, w: Weights, samples: number): number[] {
  const [a, b] = plot.x.domain;
  const above = (x: number) => model.predict(w, x) >= 0.5;
  // The runs between changes of side, each with how far the curve gets from 1/2 in it: a crossing between two
  // runs that both stay within FLAT of 1/2 is rounding on a curve flat at 1/2, no boundary (hostile review:
  // five lines on a flat network).
  const crossings: number[] = [];
  let x0 = a;
  let p0 = model.predict(w, a);
  let side = p0 >= 0.5;
  const reach: number[] = [Math.abs(p0 - 0.5) || 0];
  for (let s = 1; s <= samples; s++) {
    const x1 = s === samples ? b : a + ((b - a) * s) / samples;
    const p1 = model.predict(w, x1);
    const now = p1 >= 0.5;
    if (now !== side && Number.isFinite(p0) && Number.isFinite(p1)) {
      crossings.push(crossingIn(x0, x1, above, side));
      reach.push(0);
    }
    if (Number.isFinite(p1)) reach[reach.length - 1] = Math.max(reach[reach.length - 1], Math.abs(p1 - 0.5));
    x0 = x1;
    p0 = p1;
    side = now;
  }
  return crossings.filter((_, k) => reach[k] > FLAT || reach[k + 1] > FLAT);
}

/** How far from 1/2 (in probability) a curve must get on one side of a crossing for it to be a boundary. */
const FLAT = 0.005;

/** Bisection between lo (on side `atLo`) and hi (on the other): the last x on lo's side, to the last bit. */
function crossingIn(lo: number, hi: number, above: (x: number) => boolean, atLo: boolean): number {
  for (let i = 0; i < 2100; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (above(mid) === atLo) lo = mid;
    else hi = mid;
  }
  return atLo ? lo : hi;
}

/**
 * The x in the window where the predicted probability crosses 1/2 (the decision boundary), or null when it
 * does not cross there. Bisection on predict, to the last bit: the boundary of any monotone model.
 */
export function decisionBoundary(plot: Plot, model: FitPrediction, w: Weights): number | null {
  const [lo, hi] = plot.x.domain;
  const above = (x: number) => model.predict(w, x) >= 0.5;
  const atLo = above(lo);
  if (atLo === above(hi) || !Number.isFinite(model.predict(w, lo))) return null;
  return crossingIn(lo, hi, above, atLo);
}
