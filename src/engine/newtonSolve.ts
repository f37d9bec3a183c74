import { choleskySolve } from './cholesky';

/** Neumaier's compensated sum, kept as (sum, compensation) pairs: value added to pair k of acc. */
export function addCompensated(acc: Float64Array, k: number, value: number): void {
  const s = acc[2 * k];
  const t = s + value;
  acc[2 * k + 1] += Math.abs(s) >= Math.abs(value) ? s - t + value : value - t + s;
  acc[2 * k] = t;
}

/** A convex loss over rows as Newton's method sees it (logistic regression on features, softmax). */
export interface NewtonSystem {
  /** How many weights Newton moves. */
  readonly size: number;
  /** How many rows the loss is a mean over (the Newton decrement is judged per row). */
  readonly rows: number;
  /**
   * Every row's gradient and Hessian terms at v, each passed to add(k, x): k < size the gradient's entry k,
   * size + a·size + b (b ≤ a) the Hessian's lower triangle. The sums are compensated by the caller.
   */
  accumulate(v: Float64Array, add: (k: number, x: number) => void): void;
  /** The mean loss at w, compensated. */
  loss(w: Float64Array): number;
}

/** Below this Newton decrement g·H⁻¹g per row the loss is within reach of its rounding: full steps from here. */
const FULL_STEPS = 1e-10;

/**
 * Newton's method from v (moved in place), at most 200 steps, every sum compensated. Steps are halved until
 * the loss does not rise only while the Newton decrement is large: near the optimum the loss changes by less
 * than its own rounding, a loss test would reject good steps and stall the iteration about 1e-9 short, and
 * there Newton converges quadratically with full steps. Settled when, at full steps with the decrement within
 * rounding, a step no longer moves the weights or steps reached rounding and stopped shrinking (quadratic
 * convergence squares a real error; noise stays the same size); a step is measured against its weight, or
 * against 1e-3 for a weight at 0 (standardized weights are of order 1: an optimum at 0 has steps of pure
 * rounding, which must count as settled). `finite` is false when a step left the finite numbers (v is then
 * partly moved); a Hessian that is not safely positive definite ends the iteration unsettled.
 */
export function compensatedNewton(sys: NewtonSystem, v: Float64Array): { settled: boolean; finite: boolean } {
  const r = sys.size;
  const n = sys.rows;
  const sums = new Float64Array(2 * (r + r * r));
  const add = (k: number, x: number) => addCompensated(sums, k, x);
  const g = new Float64Array(r);
  const H = new Float64Array(r * r);
  const step = new Float64Array(r);
  const scratch = new Float64Array(r * r);
  const trial = new Float64Array(r);
  let current = sys.loss(v);
  let previous = Infinity;
  for (let iter = 0; iter < 200; iter++) {
    sums.fill(0);
    sys.accumulate(v, add);
    for (let x = 0; x < r; x++) {
      g[x] = sums[2 * x] + sums[2 * x + 1];
      for (let y = 0; y <= x; y++) H[x * r + y] = H[y * r + x] = sums[2 * (r + x * r + y)] + sums[2 * (r + x * r + y) + 1];
    }
    if (!choleskySolve(H, 0, g, r, step, scratch, 0)) break;
    let decrement = 0;
    for (let x = 0; x < r; x++) decrement += g[x] * step[x];
    let t = 1;
    if (decrement / n > FULL_STEPS) {
      for (let x = 0; x < r; x++) trial[x] = v[x] - step[x];
      let next = sys.loss(trial);
      while (!(next <= current) && t > 1e-10) {
        t /= 2;
        for (let x = 0; x < r; x++) trial[x] = v[x] - t * step[x];
        next = sys.loss(trial);
      }
      current = next;
    }
    let size = 0;
    let unchanged = true;
    for (let x = 0; x < r; x++) {
      const next = v[x] - t * step[x];
      if (!Number.isFinite(next)) return { settled: false, finite: false };
      size = Math.max(size, Math.abs(t * step[x]) / Math.max(Math.abs(v[x]), 1e-3));
      unchanged &&= next === v[x];
      v[x] = next;
    }
    if (t === 1 && decrement / n < 1e-20 && (unchanged || size < 1e-16 || (size < 1e-12 && size > previous / 4))) return { settled: true, finite: true };
    if (t === 1) previous = size;
  }
  return { settled: false, finite: true };
}
