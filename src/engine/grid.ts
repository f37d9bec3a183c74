import type { LossGrid, PlanePath, Point, Trajectory } from '../types';
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
  window?: { u: [number, number]; v: [number, number] };
  /**
   * A plane through many weights (PCA, pair, random): an axis along which the loss hardly rises is sized by
   * the paths' extent, not by the rise (a nearly flat direction would otherwise dwarf the path).
   */
  capReach?: boolean;
  /** 'linear': levels evenly spaced from the lowest to the highest value; default geometric (see geometricLevels). */
  levelScale?: 'log' | 'linear';
}

export const DEFAULT_GRID: GridOptions = { size: 128, levels: 22 };

/** Share of the window's span added as margin on each side. */
const MARGIN = 0.12;

/**
 * A loss as a function of the surface plane's coordinates (a view of the weights, see src/pipeline/view.ts):
 * `loss` exactly (the window is sized by its curvature), `surface` as drawn (it may be cheaper, see
 * surfaceLoss.ts).
 */
export interface PlaneLoss {
  loss(u: number, v: number): number;
  surface(u: number, v: number): number;
}

/** A point of the plane and the loss there. */
export interface PlanePoint {
  u: number;
  v: number;
  loss: number;
}

/** A model of two weights seen through its own weights: u = w0, v = w1. */
export function weightPlane(descriptor: ModelDescriptor, model: Objective): PlaneLoss {
  const w = new Float64Array(2);
  return {
    loss(u, v) {
      w[0] = u;
      w[1] = v;
      return model.loss(w);
    },
    surface: descriptor.surfaceLoss(model),
  };
}

/**
 * The loss surface over a window of (w0, w1) of a model of two weights: planeGrid seen through its weights.
 */
export function lossGrid(
  descriptor: ModelDescriptor,
  model: Objective,
  trajectory: Trajectory,
  optimum: Point | null,
  diverged: boolean,
  opts: GridOptions = DEFAULT_GRID,
): LossGrid {
  const path = { u: trajectory.w[0], v: trajectory.w[1], loss: trajectory.loss };
  return planeGrid(weightPlane(descriptor, model), path, optimum && { u: optimum.w[0], v: optimum.w[1], loss: optimum.loss }, diverged, opts);
}

/**
 * The loss surface over a window of the plane (u, v) that holds the start, the optimum and the path with a
 * margin. A diverging path is left out once its loss passes four times the start's, so the window stays
 * readable. Each axis spans at least the distance over which the loss rises appreciably, so a path that
 * moves in one coordinate only still gets a readable bowl. Computed once per run.
 */
export function planeGrid(plane: PlaneLoss, path: PlanePath, optimum: PlanePoint | null, diverged: boolean, opts: GridOptions = DEFAULT_GRID): LossGrid {
  const window = opts.window ?? chooseWindow(plane, path, optimum, diverged, opts.square ?? false, opts.capReach ?? false);
  const { size } = opts;
  const evalLoss = plane.surface;
  const values = new Float64Array(size * size);
  let max = 0;
  let min = Infinity;
  for (let j = 0; j < size; j++) {
    const vj = window.v[0] + ((window.v[1] - window.v[0]) * j) / (size - 1);
    for (let i = 0; i < size; i++) {
      const ui = window.u[0] + ((window.u[1] - window.u[0]) * i) / (size - 1);
      const v = evalLoss(ui, vj);
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
  return { uRange: window.u, vRange: window.v, nx: size, ny: size, values, levels, ...(undefinedAt ? { undefinedAt } : {}) };
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
  plane: PlaneLoss,
  t: PlanePath,
  optimum: PlanePoint | null,
  diverged: boolean,
  square: boolean,
  capReach: boolean,
): { u: [number, number]; v: [number, number] } {
  const lo = [t.u[0], t.v[0]];
  const hi = [t.u[0], t.v[0]];
  const include = (a: number, b: number) => {
    if (!Number.isFinite(a) || !Number.isFinite(b)) return;
    lo[0] = Math.min(lo[0], a);
    hi[0] = Math.max(hi[0], a);
    lo[1] = Math.min(lo[1], b);
    hi[1] = Math.max(hi[1], b);
  };
  if (optimum) include(optimum.u, optimum.v);
  const cap = diverged ? 4 * Math.max(t.loss[0], optimum ? optimum.loss : 0) : Infinity;
  for (let i = 0; i < t.u.length; i++) if (t.loss[i] <= cap) include(t.u[i], t.v[i]);

  const last = t.loss.length - 1;
  const centre = optimum ?? { u: t.u[last], v: t.v[last], loss: t.loss[last] };
  const at = [centre.u, centre.v];
  const rise = Math.max(t.loss[0] - centre.loss, 0.25 * Math.abs(centre.loss), 1e-12);
  const out: [number, number][] = [];
  const extent = Math.max(hi[0] - lo[0], hi[1] - lo[1]);
  for (let k = 0; k < 2; k++) {
    const c = at[k];
    const h = axisCurvature(plane, at, k);
    // Distance along this axis over which the loss rises by `rise` (for a quadratic: √(2·rise/h)).
    const rising = h > 0 ? Math.sqrt((2 * rise) / h) : 1;
    const reach = capReach && extent > 0 ? Math.min(rising, extent) : rising;
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
  return { u: out[0], v: out[1] };
}

/** ∂²g/∂u² (k = 0) or ∂²g/∂v² (k = 1) at a point of the plane by a central difference (exact for a quadratic loss). */
function axisCurvature(plane: PlaneLoss, at: readonly number[], k: number): number {
  const c = at[k];
  const d = 1e-3 * (1 + Math.abs(c));
  const moved = [at[0], at[1]];
  const f = (delta: number) => {
    moved[k] = c + delta;
    return plane.loss(moved[0], moved[1]);
  };
  return (f(d) - 2 * f(0) + f(-d)) / (d * d);
}
