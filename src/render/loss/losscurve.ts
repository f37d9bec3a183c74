import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Scene } from '../../types';
import { chooseLayers, layeredPanel } from '../core/layer';
import { placePlot, type Plot, type Rect, type Style } from '../core/layout';
import { inflate, type Panel } from '../core/panel';
import { buildPolyline, type Polyline } from '../core/polyline';
import { formatTicks } from '../core/format';
import { linearAxis, logAxis, type Axis } from '../core/scale';
import type { LossContext } from './layers/context';
import { LOSS_LAYERS } from './layers';

/**
 * The gap to the optimum (loss minus the minimum's loss) against iteration on a log scale, where linear
 * convergence is a straight line and its slope the rate; the plain loss when the loss has no finite minimum.
 * Each series is drawn up to the current iteration only, never ahead of it, in its colour with its current
 * point marked; the y range fits the whole run's values, so the axes stay put while the curve grows. A list
 * of layers (layers/index.ts) over the plot's scales.
 */
export function lossPanel(measure: SKRSContext2D, outer: Rect, scene: Scene, style: Style): Panel {
  const c = lossContext(measure, outer, scene, style);
  return layeredPanel(c.plot, chooseLayers(LOSS_LAYERS, c));
}

/** Places the plot, chooses the values and the scales, and thins each curve once. */
export function lossContext(measure: SKRSContext2D, outer: Rect, scene: Scene, style: Style): LossContext {
  const optimum = scene.optimum?.loss;
  // --holdout: the training and the test loss themselves (a test loss has no minimum to take a gap to).
  const tests = scene.series.map((s) => s.testLoss);
  const holdout = tests.some((t) => t !== undefined);
  const gapMode = !holdout && optimum !== undefined && Number.isFinite(optimum);
  const losses = scene.series.map((s) => (gapMode ? gapsOf(s.trajectory.loss, optimum!) : s.trajectory.loss));
  const counts = losses.map((loss) => Math.min(loss.length, scene.iterations + 1));
  const testValues = holdout ? tests.map((t, i) => t ?? losses[i]) : [];
  const windowed = [...losses, ...testValues];
  const windowCounts = [...counts, ...(holdout ? counts : [])];
  const last = Math.max(1, Math.max(...counts) - 1);
  // Below about 1e-14 of the minimum's loss a gap is the rounding of the loss itself.
  const noise = gapMode ? 1e-14 * Math.abs(optimum) : 0;
  // A loss that reaches 0 or below (a landscape unbounded below, an expression) has no log scale: linear then.
  const linear = !gapMode && windowed.some((l, s) => l.subarray(0, windowCounts[s]).some((v) => Number.isFinite(v) && v <= 0));
  const [floor, yDomain] = linear ? linearWindow(windowed, windowCounts, scene.grid.values) : lossWindow(windowed, windowCounts, noise);
  // Every gap within rounding of 0: the run sat at the minimum throughout, and the axis would mean nothing.
  const atMinimum = gapMode && losses.every((l, s) => l.subarray(0, counts[s]).every((v) => !(v > noise)));
  const plot = placePlot(
    measure,
    outer,
    style,
    (range, c) => integerTicks(linearAxis([0, last], range, c)),
    (range, c) => (linear ? linearAxis(yDomain, range, c) : logAxis(yDomain, range, c)),
  );
  // On a linear axis a loss below its window (one that fell without bound, off a saddle) runs off the bottom
  // of the plot, where the curves are clipped, rather than lying flat on the floor as if it had converged; a
  // notice says where it went (layers/offPanel.ts). On a log axis the floor is rounding noise: it sits on it.
  const off = linear && losses.some((l, s) => l.subarray(0, counts[s]).some((v) => v < floor)) ? floor : null;
  const under = plot.rect.y + plot.rect.h + 3 * style.f;
  const y = (v: number) => (off !== null && v < off ? under : plot.y.map(v < floor ? floor : v));
  const box = inflate(plot.rect, style.f);
  const curves = losses.map((loss, i) => decimatedCurve(plot, counts[i], loss, y, box));
  const test = holdout ? { values: testValues, curves: testValues.map((loss, i) => decimatedCurve(plot, counts[i], loss, y, box)) } : undefined;
  return { scene, style, outer, plot, box, values: losses, gapMode, linear, atMinimum, y, curves, offBelow: off, ...(test ? { test } : {}) };
}

/**
 * The y window: from the smallest positive value of any series (never below 1e−15 of the largest, nor below
 * `noise`, where only rounding lives) to the largest finite one, padded by 6 % of the decades. Only the
 * first counts[s] values of series s are looked at. Returns the clamp floor and the domain.
 */
export function lossWindow(losses: Float64Array[], counts: number[], noise = 0): [number, [number, number]] {
  let lo = Infinity;
  let hi = 0;
  losses.forEach((loss, s) => {
    for (let i = 0; i < counts[s]; i++) {
      const v = loss[i];
      if (Number.isFinite(v) && v > 0) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  });
  if (!(hi > 0)) return [1e-3, [1e-3, 1]];
  lo = Math.max(lo, hi * 1e-15, noise);
  const l0 = Math.log10(lo);
  const l1 = Math.log10(hi);
  const span = Math.max(l1 - l0, 0.3);
  const mid = (l0 + l1) / 2;
  const half = span / 2 + span * 0.06;
  return [lo, [10 ** (mid - half), 10 ** (mid + half)]];
}

/**
 * A linear loss axis: from the highest loss down to the lowest, but no lower than one surface's range below
 * the surface's lowest value (a path that falls for ever, as off a saddle, is drawn leaving at the bottom).
 */
function linearWindow(losses: Float64Array[], counts: number[], surface: Float64Array): [number, [number, number]] {
  let gridLo = Infinity;
  let gridHi = -Infinity;
  for (const v of surface) {
    if (v < gridLo) gridLo = v;
    if (v > gridHi) gridHi = v;
  }
  const bottom = gridLo - Math.max(gridHi - gridLo, 1e-12);
  let lo = Infinity;
  let hi = -Infinity;
  losses.forEach((loss, s) => {
    for (let i = 0; i < counts[s]; i++) {
      const v = loss[i];
      if (!Number.isFinite(v)) continue;
      lo = Math.min(lo, Math.max(v, bottom));
      hi = Math.max(hi, v);
    }
  });
  if (!(hi > lo)) [lo, hi] = [lo - 1, lo + 1];
  const pad = 0.05 * (hi - lo);
  return [lo - pad, [lo - pad, hi + pad]];
}

/** loss − minimum at every iteration (non-finite losses stay non-finite). */
function gapsOf(loss: Float64Array, optimum: number): Float64Array {
  const out = new Float64Array(loss.length);
  for (let i = 0; i < loss.length; i++) out[i] = loss[i] - optimum;
  return out;
}

/** Ticks at whole iterations only (a run of 3 iterations must not be labelled 0.5, 1.5, …). */
function integerTicks(axis: Axis): Axis {
  const ticks = axis.ticks.filter((t) => Number.isInteger(t));
  return { ...axis, ticks, labels: formatTicks(ticks) };
}

/**
 * The curve through (i, y(loss[i])) thinned per pixel column to its first, lowest, highest and last point
 * (in iteration order): a million noisy SGD losses draw as at most four vertices a column, and look the same.
 * Written as plain loops over arrays: a race of six over 10,000 iterations runs it over 60,000 losses while
 * the code is still cold, where every call costs.
 */
function decimatedCurve(plot: Plot, n: number, loss: Float64Array, y: (v: number) => number, box: Rect): Polyline {
  const mx = plot.x.map;
  const kept = new Int32Array(n);
  let count = 0;
  let column = NaN;
  let first = -1;
  let latest = -1;
  let lowest = -1;
  let highest = -1;
  let lowestY = NaN;
  let highestY = NaN;
  const flush = () => {
    if (first < 0) return;
    // first ≤ lowest, highest ≤ latest: each once, in iteration order.
    kept[count++] = first;
    let last = first;
    const a = Math.min(lowest, highest);
    const b = Math.max(lowest, highest);
    if (a > last) kept[count++] = last = a;
    if (b > last) kept[count++] = last = b;
    if (latest > last) kept[count++] = latest;
    first = latest = lowest = highest = -1;
  };
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(mx(i));
    const v = (ys[i] = y(loss[i]));
    if (c !== column || !Number.isFinite(v)) flush();
    column = c;
    if (!Number.isFinite(v)) {
      kept[count++] = i;
      continue;
    }
    // Pixel y grows downwards: the lowest loss has the largest y.
    if (first < 0) {
      first = lowest = highest = i;
      lowestY = highestY = v;
    } else if (v > lowestY) {
      lowest = i;
      lowestY = v;
    } else if (v < highestY) {
      highest = i;
      highestY = v;
    }
    latest = i;
  }
  flush();
  const px = new Float64Array(count);
  const py = new Float64Array(count);
  const at = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    const i = kept[j];
    px[j] = mx(i);
    py[j] = ys[i];
    at[j] = i;
  }
  return buildPolyline(count, px, py, box, 0, at);
}
