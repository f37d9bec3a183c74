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
 * The maximum-likelihood weights by Newton's method (IRLS), solved on standardized x for conditioning and
 * mapped back to the data's units. Each step is damped by halving until the loss does not rise, and the
 * iteration runs until the step no longer changes the weights in double precision.
 */
function newtonOptimum(x: Float64Array, y: Float64Array): Float64Array | null {
  if (isSeparable(x, y)) return null;
  const n = x.length;
  const m = momentsOf(x);
  const sd = Math.sqrt(m.varX);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = (x[i] - m.meanX) / sd;
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[i];
  ybar /= n;

  const lossZ = (v0: number, v1: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const t = v1 * z[i] + v0;
      s += softplus(t) - y[i] * t;
    }
    return s / n;
  };

  let v0 = Math.log(ybar / (1 - ybar));
  let v1 = 0;
  let current = lossZ(v0, v1);
  let previous = Infinity;
  for (let iter = 0; iter < 200; iter++) {
    let g0 = 0;
    let g1 = 0;
    let h00 = 0;
    let h01 = 0;
    let h11 = 0;
    for (let i = 0; i < n; i++) {
      const p = sigmoid(v1 * z[i] + v0);
      const e = p - y[i];
      const w = p * (1 - p);
      g0 += e;
      g1 += e * z[i];
      h00 += w;
      h01 += w * z[i];
      h11 += w * z[i] * z[i];
    }
    const det = h00 * h11 - h01 * h01;
    if (!(det > 0)) break;
    const s0 = (h11 * g0 - h01 * g1) / det;
    const s1 = (h00 * g1 - h01 * g0) / det;
    let t = 1;
    let next0 = v0 - s0;
    let next1 = v1 - s1;
    let nextLoss = lossZ(next0, next1);
    // Allow for rounding in the loss itself: near the optimum a full Newton step changes it by less than
    // its last digit, and must still be taken.
    const slack = 4 * Number.EPSILON * Math.abs(current);
    while (nextLoss > current + slack && t > 1e-10) {
      t /= 2;
      next0 = v0 - t * s0;
      next1 = v1 - t * s1;
      nextLoss = lossZ(next0, next1);
    }
    const unchanged = next0 === v0 && next1 === v1;
    // Newton doubles the correct digits each step: once a step moves the weights by less than 1e-13 of
    // their size the next would only stir the last bit (the gradient of N terms is itself only good to
    // about √N·ε), so this step is the last.
    const tiny = Math.abs(t * s0) <= 1e-13 * (1 + Math.abs(v0)) && Math.abs(t * s1) <= 1e-13 * (1 + Math.abs(v1));
    if (nextLoss <= current + slack) {
      v0 = next0;
      v1 = next1;
      current = nextLoss;
    }
    // Past quadratic convergence, steps stop shrinking and only chase rounding noise: stop there too.
    const size = Math.max(Math.abs(t * s0) / (1 + Math.abs(v0)), Math.abs(t * s1) / (1 + Math.abs(v1)));
    const stalled = size < 1e-8 && size > previous / 4;
    previous = size;
    if (unchanged || tiny || stalled || t <= 1e-10) break;
  }
  if (!Number.isFinite(v0) || !Number.isFinite(v1)) return null;
  const w1 = v1 / sd;
  const w0 = v0 - w1 * m.meanX;
  return Float64Array.of(w0, w1);
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
