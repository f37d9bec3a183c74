import { maxEigen2, minEigen2, type Model, type ModelDescriptor, type Weights } from './model';
import { momentsOf } from './moments';
import { binnedLoss } from './surfaceLoss';

/** σ(z) = 1/(1+e^(−z)) without overflow for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(1 + e^z) without overflow or log(0): max(z, 0) + log1p(e^(−|z|)). */
export function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/**
 * Logistic regression p = σ(w1·x + w0) with the mean cross-entropy
 * g = −(1/N) Σ [yₙ log pₙ + (1−yₙ) log(1−pₙ)], evaluated as (1/N) Σ [softplus(zₙ) − yₙ·zₙ], which is the
 * same quantity but never takes log(0) and never overflows.
 */
export function logisticModel(x: Float64Array, y: Float64Array): Model {
  const n = x.length;
  const mx = momentsOf(x);
  let optimumCache: Float64Array | null | undefined;

  // One pass gives the loss and the gradient at the same point, sharing e^(−|z|) between softplus and σ:
  // training records the loss at each new iterate, and gd-type optimizers then ask for the gradient at
  // that very point, so caching it halves the work per iteration on large data. Bit-identical to
  // computing softplus and sigmoid separately.
  let at0 = NaN;
  let at1 = NaN;
  let g0Cache = 0;
  let g1Cache = 0;
  let lossCache = 0;
  const evaluate = (w0: number, w1: number): void => {
    if (w0 === at0 && w1 === at1) return;
    let s = 0;
    let g0 = 0;
    let g1 = 0;
    for (let i = 0; i < n; i++) {
      const z = w1 * x[i] + w0;
      const e = Math.exp(-Math.abs(z));
      s += (z > 0 ? z + Math.log1p(e) : Math.log1p(e)) - y[i] * z;
      const err = (z >= 0 ? 1 / (1 + e) : e / (1 + e)) - y[i];
      g0 += err;
      g1 += err * x[i];
    }
    at0 = w0;
    at1 = w1;
    lossCache = s / n;
    g0Cache = g0 / n;
    g1Cache = g1 / n;
  };
  const loss = (w: Weights): number => {
    evaluate(w[0], w[1]);
    return lossCache;
  };

  return {
    name: 'logistic',
    dim: 2,
    n,
    x,
    y,
    gradientScale: 1,
    loss,
    gradient(w, out) {
      evaluate(w[0], w[1]);
      out[0] = g0Cache;
      out[1] = g1Cache;
    },
    sampleError(i, w) {
      return sigmoid(w[1] * x[i] + w[0]) - y[i];
    },
    features(i, out) {
      out[0] = 1;
      out[1] = x[i];
    },
    optimum() {
      if (optimumCache === undefined) optimumCache = newtonOptimum(x, y);
      return optimumCache;
    },
    *optimumSteps() {
      if (optimumCache === undefined) optimumCache = yield* newtonOptimumSteps(x, y);
    },
    curvature() {
      // The Hessian is (1/N) Σ p(1−p)(1, x)(1, x)ᵀ ≼ (1/4)·(1/N) Σ (1, x)(1, x)ᵀ.
      return maxEigen2(1, mx.meanX, mx.meanX2) / 4;
    },
    referenceLoss() {
      return Math.LN2;
    },
    minCurvature() {
      const at = this.optimum() ?? [0, 0];
      let h00 = 0;
      let h01 = 0;
      let h11 = 0;
      for (let i = 0; i < n; i++) {
        const p = sigmoid(at[1] * x[i] + at[0]);
        const w = p * (1 - p);
        h00 += w;
        h01 += w * x[i];
        h11 += w * x[i] * x[i];
      }
      return minEigen2(h00 / n, h01 / n, h11 / n);
    },
    sampleCurvatureMax() {
      return (1 + mx.maxX2) / 4;
    },
    sampleCurvatureMean() {
      return (1 + mx.meanX2) / 4;
    },
  };
}

/**
 * True when one threshold on x puts every 1 on one side and every 0 on the other (ties included): then the
 * cross-entropy keeps falling as |w1| grows and has no finite minimum.
 */
export function isSeparable(x: Float64Array, y: Float64Array): boolean {
  let min0 = Infinity;
  let max0 = -Infinity;
  let min1 = Infinity;
  let max1 = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (y[i] >= 0.5) {
      if (x[i] < min1) min1 = x[i];
      if (x[i] > max1) max1 = x[i];
    } else {
      if (x[i] < min0) min0 = x[i];
      if (x[i] > max0) max0 = x[i];
    }
  }
  if (min0 === Infinity || min1 === Infinity) return true;
  return max0 <= min1 || max1 <= min0;
}

/**
 * The maximum-likelihood weights by Newton's method (IRLS), exact to the last few bits of each weight.
 * - Solved on standardized x for conditioning and mapped back to the data's units. (Polishing with Newton
 *   steps on raw x was tried: with x far from zero its 2×2 solve is ill-conditioned and made w0 worse.)
 * - Every sum is compensated (Neumaier), so the gradient of N terms is good to a few ε, not N·ε.
 * - Steps are damped (halved until the loss does not rise) only while the Newton decrement is large. Near
 *   the optimum the loss changes by less than its own rounding noise, a loss test would reject good steps
 *   and stall the iteration about 1e-9 short; there Newton converges quadratically with full steps.
 */
function newtonOptimum(x: Float64Array, y: Float64Array): Float64Array | null {
  const steps = newtonOptimumSteps(x, y);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * newtonOptimum one Newton iteration (one pass over the data) at a time: a caller that must hear a stop
 * signal on a million rows turns the event loop between the yields (see Model.optimumSteps).
 */
export function* newtonOptimumSteps(x: Float64Array, y: Float64Array): Generator<void, Float64Array | null, void> {
  if (isSeparable(x, y)) return null;
  const n = x.length;
  const m = momentsOf(x);
  const sd = Math.sqrt(m.varX);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = (x[i] - m.meanX) / sd;
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[i];
  ybar /= n;
  const v = yield* newton(z, y, Math.log(ybar / (1 - ybar)), 0);
  if (!v) return null;
  const w1 = v[1] / sd;
  return Float64Array.of(v[0] - w1 * m.meanX, w1);
}

/** Below this Newton decrement g·H⁻¹g the loss is within reach of its rounding: full steps from here. */
const FULL_STEPS = 1e-10;

/** Newton's method on (x, y) from (w0, w1); null when it fails (a singular Hessian or non-finite weights). */
function* newton(x: Float64Array, y: Float64Array, w0: number, w1: number): Generator<void, Float64Array | null, void> {
  const n = x.length;
  const g0 = new Neumaier();
  const g1 = new Neumaier();
  const h00 = new Neumaier();
  const h01 = new Neumaier();
  const h11 = new Neumaier();
  const lossAt = (a: number, b: number) => {
    const s = new Neumaier();
    for (let i = 0; i < n; i++) {
      const t = b * x[i] + a;
      s.add(softplus(t) - y[i] * t);
    }
    return s.value() / n;
  };
  let current = lossAt(w0, w1);
  let previous = Infinity;
  for (let iter = 0; iter < 200; iter++) {
    yield;
    for (const s of [g0, g1, h00, h01, h11]) s.reset();
    for (let i = 0; i < n; i++) {
      const p = sigmoid(w1 * x[i] + w0);
      const e = p - y[i];
      const w = p * (1 - p);
      g0.add(e);
      g1.add(e * x[i]);
      h00.add(w);
      h01.add(w * x[i]);
      h11.add(w * x[i] * x[i]);
    }
    const [G0, G1, H00, H01, H11] = [g0.value(), g1.value(), h00.value(), h01.value(), h11.value()];
    const det = H00 * H11 - H01 * H01;
    if (!(det > 0)) return iter > 0 ? Float64Array.of(w0, w1) : null;
    const s0 = (H11 * G0 - H01 * G1) / det;
    const s1 = (H00 * G1 - H01 * G0) / det;
    let t = 1;
    if ((G0 * s0 + G1 * s1) / n > FULL_STEPS) {
      let next = lossAt(w0 - s0, w1 - s1);
      while (!(next <= current) && t > 1e-10) {
        t /= 2;
        next = lossAt(w0 - t * s0, w1 - t * s1);
      }
      current = next;
    }
    const next0 = w0 - t * s0;
    const next1 = w1 - t * s1;
    if (!Number.isFinite(next0) || !Number.isFinite(next1)) return null;
    const size = Math.max(Math.abs(t * s0) / (Math.abs(w0) + Number.MIN_VALUE), Math.abs(t * s1) / (Math.abs(w1) + Number.MIN_VALUE));
    const unchanged = next0 === w0 && next1 === w1;
    w0 = next0;
    w1 = next1;
    // Done when a step no longer moves the weights, or when steps have reached rounding and stopped
    // shrinking (quadratic convergence squares a real error; noise stays the same size).
    if (unchanged || size < 1e-16 || (size < 1e-12 && size > previous / 4)) break;
    if (t === 1) previous = size;
  }
  return Float64Array.of(w0, w1);
}

/** A running sum with Neumaier's compensation: the error stays a few ε of the total, whatever the count. */
class Neumaier {
  private sum = 0;
  private c = 0;
  add(v: number): void {
    const t = this.sum + v;
    this.c += Math.abs(this.sum) >= Math.abs(v) ? this.sum - t + v : v - t + this.sum;
    this.sum = t;
  }
  value(): number {
    return this.sum + this.c;
  }
  reset(): void {
    this.sum = 0;
    this.c = 0;
  }
}

/** Logistic regression as the rest of mlvis sees it. */
export const logistic: ModelDescriptor = {
  name: 'logistic',
  title: 'Logistic regression',
  short: 'Logistic',
  summary: 'animate gradient descent on logistic regression (p = sigmoid(w1*x + w0), cross-entropy)',
  lossName: 'cross-entropy',
  lossShort: 'cross-entropy',
  weightNames: ['w0', 'w1'],
  weightLabels: ['w0 (intercept)', 'w1 (slope)'],
  target: 'classes',
  create: logisticModel,
  predict: (w, x) => sigmoid(w[0] + w[1] * x),
  surfaceLoss: (model) => binnedLoss(model),
};
