import type { FitPrediction } from '../../types';

type Weights = ArrayLike<number>;

/** How far the window may stretch past the data's on each side, in spans of the data's window (so 3× in all). */
const MAX_STRETCH = 1;

/**
 * The fit panel's y window for a model of values: the data's extent padded by 10 %, stretched to hold the
 * starting model line across `xWindow` when that line misses the data's window entirely, so that frame 0
 * shows where the descent begins (the default start, w = 0, is the line y = 0, often well below the data).
 * The stretch is capped at one span of the data's window on each side, so data far from zero is not pressed
 * into a sliver for the whole animation; a line wholly past the cap changes nothing, stays out of view, and
 * the panel says so.
 */
export function valueWindow(y: [number, number], xWindow: [number, number], model: FitPrediction, starts: Weights[]): [number, number] {
  const data = pad(y, 0.1);
  const span = data[1] - data[0];
  const [floor, ceiling] = [data[0] - MAX_STRETCH * span, data[1] + MAX_STRETCH * span];
  let [lo, hi] = data;
  for (const w of starts) {
    const ends = xWindow.map((x) => model.predict(w, x));
    if (!ends.every(Number.isFinite)) continue;
    const [a, b] = [Math.min(...ends), Math.max(...ends)];
    // A line that crosses the data's window is already in view; one the cap cannot reach is left out of view
    // rather than squeezing the data for nothing.
    if ((b >= data[0] && a <= data[1]) || b < floor || a > ceiling) continue;
    // A little room beyond the line, so the panel's frame does not cover it.
    const margin = (Math.max(hi, b) - Math.min(lo, a)) * 0.04;
    lo = Math.max(floor, Math.min(lo, a - margin));
    hi = Math.min(ceiling, Math.max(hi, b + margin));
  }
  return [lo, hi];
}

/** Widens [a, b] by `share` of its span on each side (by 1 when it has no span). */
export function pad([a, b]: [number, number], share: number): [number, number] {
  const m = b > a ? (b - a) * share : Math.max(1, Math.abs(a) * 0.1);
  return [a - m, b + m];
}

/** The smallest and largest of the values ([0, 1] when none is finite). */
export function extent(v: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    if (v[i] < lo) lo = v[i];
    if (v[i] > hi) hi = v[i];
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 1];
}
