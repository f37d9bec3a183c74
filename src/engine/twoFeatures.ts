import { messages, runError } from '../errors';
import { householderLeastSquares, leastSquaresObjective, meanOuter, rawFeatures, reportedObjective } from './leastSquares';
import { planeLoss, type ModelDescriptor } from './model';
import type { Objective, SampledObjective, Weights } from './objective';
import type { Reparametrization } from './reparametrization';
import { columnScalings, featureMaps } from './standardize';
import { symmetricEigen } from './symmetricEigen';

/**
 * Linear regression on k ≥ 2 features, y = w0 + w1·x1 + … + wk·xk, with the mean squared error (`--x a,b,…`).
 *
 * Trained, always, on the standardized columns zⱼ = (xⱼ − meanⱼ)/stdⱼ with weights v: y = v0 + Σ vⱼ·zⱼ
 * (two features in different units, say horsepower and pounds, make a valley no rate crosses). The optimum
 * is a Householder QR solve on those columns and the loss is written around it (leastSquaresObjective).
 * Reported in the data's units: wⱼ = vⱼ/stdⱼ, w0 = v0 − Σ wⱼ·meanⱼ.
 */
export interface TwoFeatureFit {
  trained: SampledObjective;
  reported: SampledObjective;
  reparametrization: Reparametrization;
}

export function twoFeatureFit(columns: readonly Float64Array[], names: readonly string[], y: Float64Array): TwoFeatureFit {
  const n = y.length;
  const k = columns.length;
  const stats = columnScalings(columns);
  const z = columns.map((x, j) => Float64Array.from(x, (v) => (v - stats[j].mean) / stats[j].std));
  const design = [new Float64Array(n).fill(1), ...z];
  const vStar = householderLeastSquares(design, y);
  // Features that move together exactly (one a combination of the others) have no single best fit.
  if (!vStar || !stats.every((s) => s.std > 0 && Number.isFinite(s.std))) throw runError(messages.featuresDependent(names));
  const G = meanOuter(design);
  // Columns that nearly move together: past DIRECT_CONDITION the loss is summed over the rows (see
  // LeastSquaresParts.direct); past MAX_CONDITION even v* keeps too few digits to be called the optimum.
  const eigen = symmetricEigen(G, k + 1).values;
  const condition = eigen[k] / eigen[0];
  if (!(eigen[0] > 0 && condition <= MAX_CONDITION)) throw runError(messages.featuresNearlyDependent(names, condition));
  const residual = (i: number, v: Weights) => {
    let s = v[0] - y[i];
    for (let j = 0; j < k; j++) s += v[j + 1] * z[j][i];
    return s;
  };
  let sE = 0;
  for (let i = 0; i < n; i++) sE += residual(i, vStar) ** 2;
  const weightNames = featureWeightNames(k);
  const trained = leastSquaresObjective({ name: 'linear', weightNames, columns: design, x: z[0], y, vStar, G, E: sE / n, sampleError: residual, direct: condition > DIRECT_CONDITION });

  const { toTrained, toReported, jacobian } = featureMaps(stats);
  // J = ∂v/∂w: v0 = w0 + Σ mⱼ·wⱼ, vⱼ = sⱼ·wⱼ.
  const raw = rawFeatures(columns);
  const reported = reportedObjective(trained, { jacobian, toTrained, toReported, x: columns[0], features: raw.features, sampleCurvatureMax: raw.maxRow });
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

/**
 * The standardized columns' condition number above which losses are summed over the rows (about 1e-10 of the
 * loss would be lost around v* beyond it), and above which no optimum is claimed at all (v* then keeps fewer
 * than four digits).
 */
const DIRECT_CONDITION = 1e6;
const MAX_CONDITION = 1e12;

/** The weights of a model on k features: w0 (the intercept), then w1…wk, one a column. */
export function featureWeightNames(k: number): string[] {
  return Array.from({ length: k + 1 }, (_, j) => `w${j}`);
}

/** Each row's linear part w0 + Σ wⱼ·xⱼ into out. */
export function linearParts(w: Weights, columns: readonly Float64Array[], out: Float64Array): void {
  out.fill(w[0]);
  columns.forEach((c, j) => {
    const wj = w[j + 1];
    for (let i = 0; i < out.length; i++) out[i] += wj * c[i];
  });
}

/** What differs between the regressions on feature columns: the model, its loss and its link from z to the output. */
interface FeatureModel {
  name: 'linear' | 'logistic';
  /** "Linear" or "Logistic", as the title starts. */
  word: string;
  summary: string;
  lossName: string;
  lossShort: string;
  trivialName: string;
  target: 'values' | 'classes';
  /** The output from the linear part z: z itself, or σ(z). */
  link(z: number): number;
}

/**
 * A regression on the named features (two or more) as the rest of mlvis sees it: its weights' names and
 * labels, and for two features the fitted value in their plane (`twoFeatures`, `predict2`), for more each
 * row's linear part (`features`, `scoreRows`: the fit panel plots the rows against it).
 */
export function featureDescriptor(names: readonly string[], m: FeatureModel): ModelDescriptor {
  const k = names.length;
  const weightNames = featureWeightNames(k);
  const { word, link, ...rest } = m;
  return {
    ...rest,
    title: k === 2 ? `${word} regression on two features` : `${word} regression on ${k} features`,
    short: `${word}, ${k} features`,
    weightNames,
    weightLabels: ['w0 (intercept)', ...names.map((name, j) => `w${j + 1} (${name})`)],
    standardizedWeightLabels: weightNames.map((_, j) => `v${j}`),
    ...(k === 2
      ? { twoFeatures: [names[0], names[1]] as const, predict2: (w: Weights, x1: number, x2: number) => link(w[0] + w[1] * x1 + w[2] * x2) }
      : { features: [...names], scoreRows: linearParts }),
    predict: () => NaN,
    create: () => {
      throw new Error(`built by the ${m.name} fit on feature columns`);
    },
    surfaceLoss: (objective: Objective) => planeLoss(objective),
  };
}

/** Linear regression on the named features (two or more). */
export function twoFeaturesOf(names: readonly string[]): ModelDescriptor {
  return { ...featureDescriptor(names, {
    name: 'linear',
    word: 'Linear',
    summary: 'animate gradient descent on linear regression (y = w1*x + w0, mean squared error)',
    lossName: 'mean squared error',
    lossShort: 'MSE',
    trivialName: 'predicting the mean of y',
    target: 'values',
    link: (z) => z,
  }), recipe: { of: 'linearFeatures', args: [[...names]] } };
}
