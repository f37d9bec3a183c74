import { messages, runError } from '../errors';
import { householderLeastSquares, leastSquaresObjective, meanOuter, reportedObjective } from './leastSquares';
import { planeLoss, type ModelDescriptor } from './model';
import type { Objective, SampledObjective, Weights } from './objective';
import type { Reparametrization } from './reparametrization';
import { columnScalings, featureMaps } from './standardize';

/**
 * Linear regression on two features, y = w0 + w1·x1 + w2·x2, with the mean squared error (`--x a,b`).
 *
 * Trained, always, on the standardized columns zⱼ = (xⱼ − meanⱼ)/stdⱼ with weights v: y = v0 + v1·z1 + v2·z2
 * (two features in different units, say horsepower and pounds, make a valley no rate crosses). The optimum
 * is a Householder QR solve on those columns and the loss is written around it (leastSquaresObjective).
 * Reported in the data's units: wⱼ = vⱼ/stdⱼ, w0 = v0 − w1·mean1 − w2·mean2.
 */
export interface TwoFeatureFit {
  trained: SampledObjective;
  reported: SampledObjective;
  reparametrization: Reparametrization;
}

export function twoFeatureFit(columns: readonly [Float64Array, Float64Array], names: readonly [string, string], y: Float64Array): TwoFeatureFit {
  const n = y.length;
  const stats = columnScalings(columns);
  const z = columns.map((x, j) => Float64Array.from(x, (v) => (v - stats[j].mean) / stats[j].std));
  const design = [new Float64Array(n).fill(1), z[0], z[1]];
  const vStar = householderLeastSquares(design, y);
  // Two features that move together exactly (one a multiple of the other) have no single best plane.
  if (!vStar || !stats.every((s) => s.std > 0 && Number.isFinite(s.std))) throw runError(messages.featuresDependent(names[0], names[1]));
  const G = meanOuter(design);
  const residual = (i: number, v: Weights) => v[0] + v[1] * z[0][i] + v[2] * z[1][i] - y[i];
  let sE = 0;
  for (let i = 0; i < n; i++) sE += residual(i, vStar) ** 2;
  const trained = leastSquaresObjective({ name: 'linear', weightNames: WEIGHTS, columns: design, x: z[0], y, vStar, G, E: sE / n, sampleError: residual });

  const { toTrained, toReported, jacobian } = featureMaps(stats);
  // J = ∂v/∂w: v0 = w0 + m1·w1 + m2·w2, v1 = s1·w1, v2 = s2·w2.
  let maxRow = 0;
  for (let i = 0; i < n; i++) maxRow = Math.max(maxRow, 1 + columns[0][i] ** 2 + columns[1][i] ** 2);
  const reported = reportedObjective(trained, {
    jacobian,
    toTrained,
    toReported,
    x: columns[0],
    features(i, out) {
      out[0] = 1;
      out[1] = columns[0][i];
      out[2] = columns[1][i];
    },
    sampleCurvatureMax: maxRow,
  });
  return {
    trained,
    reported,
    reparametrization: {
      trained,
      toTrained,
      toReported,
      // Per column.
      summary: { standardization: { columns: stats.map((s, j) => ({ column: names[j], mean: s.mean, std: s.std })) } },
    },
  };
}

const WEIGHTS = ['w0', 'w1', 'w2'] as const;

/** Linear regression on the two named features, as the rest of mlvis sees it. */
export function twoFeaturesOf(names: readonly [string, string]): ModelDescriptor {
  return {
    name: 'linear',
    title: 'Linear regression on two features',
    short: 'Linear, 2 features',
    summary: 'animate gradient descent on linear regression (y = w1*x + w0, mean squared error)',
    lossName: 'mean squared error',
    lossShort: 'MSE',
    weightNames: WEIGHTS,
    weightLabels: ['w0 (intercept)', `w1 (${names[0]})`, `w2 (${names[1]})`],
    standardizedWeightLabels: ['v0', 'v1', 'v2'],
    trivialName: 'predicting the mean of y',
    target: 'values',
    twoFeatures: names,
    predict: () => NaN,
    predict2: (w, x1, x2) => w[0] + w[1] * x1 + w[2] * x2,
    create: () => {
      throw new Error('built by twoFeatureFit');
    },
    surfaceLoss: (objective: Objective) => planeLoss(objective),
  };
}
