import { blockCompensatedSum, blockSum, sequentialReducer, type BlockPass, type BlockReducer } from './blocks';
import { maxEigen2, minEigen2, type ModelDescriptor, type Weights } from './model';
import { momentsOf } from './moments';
import { minimaOf, type SampledObjective } from './objective';
import { standardization } from './standardize';
import { sigmoid, softplus } from './rowKernels';
import { binnedLoss } from './surfaceLoss';

export { sigmoid, softplus };

/**
 * Logistic regression p = σ(w1·x + w0) with the mean cross-entropy
 * g = −(1/N) Σ [yₙ log pₙ + (1−yₙ) log(1−pₙ)], evaluated as (1/N) Σ [softplus(zₙ) − yₙ·zₙ], which is the
 * same quantity but never takes log(0) and never overflows.
 */
export function logisticModel(x: Float64Array, y: Float64Array, sums: BlockReducer = sequentialReducer): SampledObjective {
  const n = x.length;
  const mx = momentsOf(x);
  let optimumCache: Float64Array | null | undefined;
  let minCurvatureCache: number | undefined;
  let hessianPass: BlockPass | undefined;

  // One pass gives the loss and the gradient at the same point (see logisticPass): training records the
  // loss at each new iterate, and gd-type optimizers then ask for the gradient at that very point, so
  // caching it halves the work per iteration on large data. The rows are summed block by block, the blocks
  // in order (see blocks.ts): the same bits on one thread or several.
  const pass = sums.bind('logisticPass', x, y);
  const at = new Float64Array(2);
  let at0 = NaN;
  let at1 = NaN;
  let g0Cache = 0;
  let g1Cache = 0;
  let lossCache = 0;
  const evaluate = (w0: number, w1: number): void => {
    if (w0 === at0 && w1 === at1) return;
    at[0] = w0;
    at[1] = w1;
    const p = pass.run(at);
    at0 = w0;
    at1 = w1;
    lossCache = blockSum(p, 3, pass.blocks, 0) / n;
    g0Cache = blockSum(p, 3, pass.blocks, 1) / n;
    g1Cache = blockSum(p, 3, pass.blocks, 2) / n;
  };
  const loss = (w: Weights): number => {
    evaluate(w[0], w[1]);
    return lossCache;
  };

  const model: SampledObjective = {
    name: 'logistic',
    dim: 2,
    weightNames: logistic.weightNames,
    get minima() {
      const opt = model.optimum();
      return minimaOf(opt, opt ? loss(opt) : NaN, SEPARABLE);
    },
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
    hessian(w, out) {
      // (1/N) Σ pₙ(1 − pₙ)·φₙφₙᵀ with φₙ = (1, xₙ): one pass over the rows at w.
      hessianPass ??= sums.bind('logisticHessian', x, y);
      const p = hessianPass.run(Float64Array.of(w[0], w[1]));
      out[0] = blockSum(p, 3, hessianPass.blocks, 0) / n;
      out[1] = out[2] = blockSum(p, 3, hessianPass.blocks, 1) / n;
      out[3] = blockSum(p, 3, hessianPass.blocks, 2) / n;
    },
    sampleError(i, w) {
      return sigmoid(w[1] * x[i] + w[0]) - y[i];
    },
    features(i, out) {
      out[0] = 1;
      out[1] = x[i];
    },
    optimum() {
      if (optimumCache === undefined) optimumCache = newtonOptimum(x, y, sums);
      return optimumCache;
    },
    *optimumSteps() {
      if (optimumCache === undefined) optimumCache = yield* newtonOptimumSteps(x, y, sums);
    },
    curvature() {
      // The Hessian is (1/N) Σ p(1−p)(1, x)(1, x)ᵀ ≼ (1/4)·(1/N) Σ (1, x)(1, x)ᵀ.
      return maxEigen2(1, mx.meanX, mx.meanX2) / 4;
    },
    referenceLoss() {
      return Math.LN2;
    },
    referenceWeights() {
      return new Float64Array(2);
    },
    minCurvature() {
      if (minCurvatureCache !== undefined) return minCurvatureCache;
      const opt = model.optimum() ?? [0, 0];
      const hessian = sums.bind('logisticHessian', x, y);
      const p = hessian.run(Float64Array.of(opt[0], opt[1]));
      const h = (k: number) => blockSum(p, 3, hessian.blocks, k) / n;
      minCurvatureCache = minEigen2(h(0), h(1), h(2));
      return minCurvatureCache;
    },
    sampleCurvatureMax() {
      return (1 + mx.maxX2) / 4;
    },
    sampleCurvatureMean() {
      return (1 + mx.meanX2) / 4;
    },
    standardize: () => standardization(x, (z) => logisticModel(z, y, sums)),
  };
  return model;
}

/** Why separable classes have no minimum. */
const SEPARABLE = 'one threshold on x separates the classes, so the cross-entropy keeps falling as the slope grows';

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
function newtonOptimum(x: Float64Array, y: Float64Array, sums: BlockReducer = sequentialReducer): Float64Array | null {
  const steps = newtonOptimumSteps(x, y, sums);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * newtonOptimum one Newton iteration (one pass over the data) at a time: a caller that must hear a stop
 * signal on a million rows turns the event loop between the yields (see Objective.optimumSteps).
 */
export function* newtonOptimumSteps(x: Float64Array, y: Float64Array, sums: BlockReducer = sequentialReducer): Generator<void, Float64Array | null, void> {
  if (isSeparable(x, y)) return null;
  const n = x.length;
  const m = momentsOf(x);
  const sd = Math.sqrt(m.varX);
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[i];
  ybar /= n;
  const v = yield* newton(x, y, m.meanX, sd, Math.log(ybar / (1 - ybar)), 0, sums);
  if (!v) return null;
  const w1 = v[1] / sd;
  return Float64Array.of(v[0] - w1 * m.meanX, w1);
}

/** Below this Newton decrement g·H⁻¹g the loss is within reach of its rounding: full steps from here. */
const FULL_STEPS = 1e-10;

/**
 * Newton's method on standardized x, zₙ = (xₙ − mean)/sd (computed row by row in the passes, see
 * newtonPass), from (w0, w1); null when it fails (a singular Hessian or non-finite weights). Each sum is
 * compensated within a block and over the blocks (blockCompensatedSum).
 */
function* newton(x: Float64Array, y: Float64Array, mean: number, sd: number, w0: number, w1: number, sums: BlockReducer): Generator<void, Float64Array | null, void> {
  const n = x.length;
  const step = sums.bind('newtonPass', x, y);
  const loss = sums.bind('newtonLoss', x, y);
  const params = Float64Array.of(0, 0, mean, sd);
  const lossAt = (a: number, b: number) => {
    params[0] = a;
    params[1] = b;
    return blockCompensatedSum(loss.run(params), 2, loss.blocks, 0) / n;
  };
  let current = lossAt(w0, w1);
  let previous = Infinity;
  for (let iter = 0; iter < 200; iter++) {
    yield;
    params[0] = w0;
    params[1] = w1;
    const p = step.run(params);
    const [G0, G1, H00, H01, H11] = [0, 2, 4, 6, 8].map((k) => blockCompensatedSum(p, 10, step.blocks, k));
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
  standardizedWeightLabels: ['v0 (intercept), x standardized', 'v1 (slope), x standardized'],
  trivialName: 'predicting 1/2 for every row',
  target: 'classes',
  create: logisticModel,
  predict: (w, x) => sigmoid(w[0] + w[1] * x),
  surfaceLoss: (model) => binnedLoss(model),
};
