import type { LossGrid, Point, Trajectory } from '../types';
import type { ModelDescriptor } from './model';
import type { Objective } from './objective';

export interface GridOptions {
  /** Samples per axis. */
  size: number;
  /** Number of contour levels. */
  levels: number;
  /** Give both axes the same span (weights in one unit, drawn at equal aspect). */
  square?: boolean;
  /** The window to sample, given (a landscape's domain) instead of chosen around the path and the optimum. */
  window?: { w0: [number, number]; w1: [number, number] };
  /** 'linear': levels evenly spaced from the lowest to the highest value; default geometric (see geometricLevels). */
  levelScale?: 'log' | 'linear';
}

export const DEFAULT_GRID: GridOptions = { size: 128, levels: 22 };

/** Share of the window's span added as margin on each side. */
const MARGIN = 0.12;

/**
 * The loss surface over a window of (w0, w1) that holds the start, the optimum and the path with a margin.
 * A diverging path is left out once its loss passes four times the start's, so the window stays readable.
 * Each axis spans at least the distance over which the loss rises appreciably, so a path that moves in one
 * coordinate only still gets a readable bowl. Computed once per run.
 */
export function lossGrid(
  descriptor: ModelDescriptor,
  model: Objective,
  trajectory: Trajectory,
  optimum: Point | null,
  diverged: boolean,
  opts: GridOptions = DEFAULT_GRID,
): LossGrid {
  const window = opts.window ?? chooseWindow(model, trajectory, optimum, diverged, opts.square ?? false);
  const { size } = opts;
  const evalLoss = descriptor.surfaceLoss(model);
  const values = new Float64Array(size * size);
  let max = 0;
  let min = Infinity;
  for (let j = 0; j < size; j++) {
    const w1 = window.w1[0] + ((window.w1[1] - window.w1[0]) * j) / (size - 1);
    for (let i = 0; i < size; i++) {
      const w0 = window.w0[0] + ((window.w0[1] - window.w0[0]) * i) / (size - 1);
      const v = evalLoss(w0, w1);
      values[j * size + i] = v;
      if (Number.isFinite(v)) {
        if (v > max) max = v;
        if (v < min) min = v;
      }
    }
  }
  // Samples where the loss is not finite are drawn at the top level, and remembered so that the surface can
  // hatch them instead of passing them off as the highest loss.
  let undefinedAt: Uint8Array | undefined;
  for (let k = 0; k < values.length; k++) {
    if (Number.isFinite(values[k])) continue;
    values[k] = max;
    (undefinedAt ??= new Uint8Array(values.length))[k] = 1;
  }
  const floor = optimum ? Math.min(optimum.loss, min) : min;
  // A test function whose loss spans many decades (Beale: 0 at the minimum, 10⁵ in its corners) needs its levels
  // from lower than a regression's bowl, or its valley floor is one band: its first level at a loss of 1 above
  // the floor (these functions are dimensionless), between a millionth and a thousandth of the range.
  const first = opts.levelScale === 'log' ? Math.min(1e-3, Math.max(1e-6, 1 / (max - floor))) : 1e-3;
  const levels = opts.levelScale === 'linear' ? linearLevels(floor, max, opts.levels) : geometricLevels(floor, max, opts.levels, first);
  return { w0Range: window.w0, w1Range: window.w1, nx: size, ny: size, values, levels, ...(undefinedAt ? { undefinedAt } : {}) };
}

/** `count` levels evenly spaced above `floor` up to `max` (a landscape whose values do not span decades). */
export function linearLevels(floor: number, max: number, count: number): number[] {
  const range = max - floor;
  if (!(range > 0)) return [floor];
  return Array.from({ length: count }, (_, k) => floor + (range * (k + 0.5)) / count);
}

/**
 * Levels at floor + (max − floor)·r^k, geometric from 10⁻³ of the range up to all of it: around a quadratic
 * minimum the loss rises with the square of the distance, so geometric levels come out as evenly spaced rings.
 */
export function geometricLevels(floor: number, max: number, count: number, first = 1e-3): number[] {
  const range = max - floor;
  if (!(range > 0)) return [floor];
  const levels: number[] = [];
  for (let k = 0; k < count; k++) {
    const frac = first * Math.pow(1 / first, k / (count - 1));
    levels.push(floor + range * frac);
  }
  return levels;
}

function chooseWindow(
  model: Objective,
  t: Trajectory,
  optimum: Point | null,
  diverged: boolean,
  square: boolean,
): { w0: [number, number]; w1: [number, number] } {
  const lo = [t.w[0][0], t.w[1][0]];
  const hi = [t.w[0][0], t.w[1][0]];
  const include = (a: number, b: number) => {
    if (!Number.isFinite(a) || !Number.isFinite(b)) return;
    lo[0] = Math.min(lo[0], a);
    hi[0] = Math.max(hi[0], a);
    lo[1] = Math.min(lo[1], b);
    hi[1] = Math.max(hi[1], b);
  };
  if (optimum) include(optimum.w[0], optimum.w[1]);
  const cap = diverged ? 4 * Math.max(t.loss[0], optimum ? optimum.loss : 0) : Infinity;
  for (let i = 0; i < t.w[0].length; i++) if (t.loss[i] <= cap) include(t.w[0][i], t.w[1][i]);

  const last = t.loss.length - 1;
  const centre = optimum ?? { w: t.w.map((c) => c[last]), loss: t.loss[last] };
  const rise = Math.max(t.loss[0] - centre.loss, 0.25 * Math.abs(centre.loss), 1e-12);
  const out: [number, number][] = [];
  for (let k = 0; k < 2; k++) {
    const c = centre.w[k];
    const h = axisCurvature(model, centre.w, k);
    // Distance along this axis over which the loss rises by `rise` (for a quadratic: √(2·rise/h)).
    const reach = h > 0 ? Math.sqrt((2 * rise) / h) : 1;
    const minSpan = Math.max(reach, 1e-9 * (1 + Math.abs(c)));
    let a = lo[k];
    let b = hi[k];
    if (b - a < minSpan) {
      const mid = (a + b) / 2;
      a = mid - minSpan / 2;
      b = mid + minSpan / 2;
    }
    const pad = (b - a) * MARGIN;
    out.push([a - pad, b + pad]);
  }
  if (square) {
    // The narrower axis grows about its middle to the wider one's span.
    const span = Math.max(out[0][1] - out[0][0], out[1][1] - out[1][0]);
    for (const r of out) {
      const mid = (r[0] + r[1]) / 2;
      r[0] = mid - span / 2;
      r[1] = mid + span / 2;
    }
  }
  return { w0: out[0], w1: out[1] };
}

/** ∂²g/∂w_k² at w by a central difference (exact for the quadratic linear loss). */
function axisCurvature(model: Objective, w: readonly number[], k: number): number {
  const c = w[k];
  const d = 1e-3 * (1 + Math.abs(c));
  const moved = Float64Array.from(w);
  const at = (delta: number) => {
    moved[k] = c + delta;
    return model.loss(moved);
  };
  return (at(d) - 2 * at(0) + at(-d)) / (d * d);
}
