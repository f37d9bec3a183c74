import { maxEigen2, minEigen2, planeLoss, type ModelDescriptor } from './model';
import { momentsOf } from './moments';
import { minimaOf, type SampledObjective } from './objective';
import { standardization } from './standardize';

/**
 * Linear regression y = w1·x + w0 with the mean squared error g = (1/N) Σ (w1·xₙ + w0 − yₙ)².
 *
 * One O(N) pass computes centred sufficient statistics; after that the loss and the batch gradient cost
 * O(1) whatever N is. The loss is written around the least-squares solution (b, ā):
 *   rₙ = d·dxₙ − eₙ + a,  d = w1 − b,  a = w0 + w1·x̄ − ȳ,  eₙ = dyₙ − b·dxₙ (the optimal residuals),
 * so g = d²·S + E + a² − 2d·Q + 2a·d·P − 2a·R with every term formed from centred data. The big terms are
 * non-negative, so nothing cancels, even near the optimum where the naive Σy² − … form loses all digits.
 * P, Q, R are zero in exact arithmetic; keeping them makes the formula exact in floating point too.
 */
export function linearModel(x: Float64Array, y: Float64Array): SampledObjective {
  const n = x.length;
  const mx = momentsOf(x);
  let sy = 0;
  for (let i = 0; i < n; i++) sy += y[i];
  const meanY = sy / n;

  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx.meanX;
    sxx += dx * dx;
    sxy += dx * (y[i] - meanY);
  }
  const b = sxy / sxx;

  let sE = 0;
  let sE2 = 0;
  let sDxE = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx.meanX;
    const e = y[i] - meanY - b * dx;
    sE += e;
    sE2 += e * e;
    sDxE += dx * e;
  }
  const S = sxx / n; // mean dx²
  const P = mx.meanDx; // mean dx
  const Q = sDxE / n; // mean dx·e
  const R = sE / n; // mean e
  const E = sE2 / n; // mean e²

  const meanX = mx.meanX;
  const split = (w0: number, w1: number) => {
    const d = w1 - b;
    const a = w0 + w1 * meanX - meanY;
    return { d, a };
  };

  const model: SampledObjective = {
    name: 'linear',
    dim: 2,
    weightNames: linear.weightNames,
    // Least squares always has its minimum (a constant x is refused before a descent: see problem.ts).
    get minima() {
      const opt = model.optimum()!;
      return minimaOf(opt, model.loss(opt), '');
    },
    n,
    x,
    y,
    gradientScale: 2,
    loss(w) {
      const { d, a } = split(w[0], w[1]);
      const g = d * d * S + E + a * a - 2 * d * Q + 2 * a * d * P - 2 * a * R;
      // Rounding can leave a hair below 0 at the optimum; NaN only comes from ∞ − ∞ when the weights are
      // so large that the squares overflow, where the true loss is beyond every double.
      if (g >= 0) return g;
      return Number.isNaN(g) ? Infinity : 0;
    },
    gradient(w, out) {
      const { d, a } = split(w[0], w[1]);
      const meanR = d * P - R + a;
      const meanRDx = d * S - Q + a * P;
      out[0] = 2 * meanR;
      out[1] = 2 * (meanRDx + meanX * meanR);
    },
    hessian(_w, out) {
      // (2/N) Σ φₙφₙᵀ with φₙ = (1, xₙ): the same at every w, since the loss is quadratic.
      out[0] = 2;
      out[1] = out[2] = 2 * meanX;
      out[3] = 2 * mx.meanX2;
    },
    sampleError(i, w) {
      return w[1] * x[i] + w[0] - y[i];
    },
    features(i, out) {
      out[0] = 1;
      out[1] = x[i];
    },
    optimum() {
      // Minimise the exact quadratic in (d, a): ∂/∂a: a + d·P − R = 0, ∂/∂d: d·S − Q + a·P = 0.
      const d = (Q - R * P) / (S - P * P);
      const a = R - d * P;
      const w1 = b + d;
      return Float64Array.of(a + meanY - w1 * meanX, w1);
    },
    curvature() {
      return 2 * maxEigen2(1, meanX, mx.meanX2);
    },
    referenceLoss() {
      let s = 0;
      for (let i = 0; i < n; i++) s += (y[i] - meanY) ** 2;
      return s / n;
    },
    referenceWeights() {
      return Float64Array.of(meanY, 0);
    },
    minCurvature() {
      return 2 * minEigen2(1, meanX, mx.meanX2);
    },
    sampleCurvatureMax() {
      return 1 + mx.maxX2;
    },
    sampleCurvatureMean() {
      return 1 + mx.meanX2;
    },
    standardize: () => standardization(x, (z) => linearModel(z, y)),
  };
  return model;
}

/** Linear regression as the rest of mlvis sees it. */
export const linear: ModelDescriptor = {
  name: 'linear',
  title: 'Linear regression',
  short: 'Linear',
  summary: 'animate gradient descent on linear regression (y = w1*x + w0, or y = w0 + w1*x1 + w2*x2 with --x a,b; mean squared error)',
  lossName: 'mean squared error',
  lossShort: 'MSE',
  weightNames: ['w0', 'w1'],
  weightLabels: ['w0 (intercept)', 'w1 (slope)'],
  standardizedWeightLabels: ['v0 (intercept), x standardized', 'v1 (slope), x standardized'],
  trivialName: 'predicting the mean of y',
  target: 'values',
  create: linearModel,
  predict: (w, x) => w[0] + w[1] * x,
  // O(1) per point after the one pass over the data: exact is cheap.
  surfaceLoss: planeLoss,
};
