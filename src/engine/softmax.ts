import { messages, runError } from '../errors';
import { addCompensated, compensatedNewton } from './newtonSolve';
import { meanOuter, rawFeatures, reportedObjective } from './leastSquares';
import { planeLoss, type ModelDescriptor } from './model';
import type { KnownMinima, Objective, SampledObjective, Weights } from './objective';
import type { Reparametrization } from './reparametrization';
import { columnScalings, featureMaps } from './standardize';
import { symmetricEigen } from './symmetricEigen';

/**
 * Softmax regression (`mlvis softmax`): K classes on feature columns, class k's score ηₖ = wₖ0 + Σⱼ wₖⱼ·xⱼ,
 * pₖ = exp(ηₖ)/Σ exp(η), the mean cross-entropy (1/N) Σ [logsumexp(ηₙ) − ηₙ,yₙ] (the largest score taken out
 * first: never an overflow, never log(0)), the gradient (1/N) Σ (pₙₖ − [yₙ = k])·φₙ.
 *
 * The weights are class by class: (w0, w1, w2) of the first class, then of the second… Adding one vector to
 * every class's weights changes no probability, so the minimum is a line, not a point. The convention:
 * **each feature's weights sum to 0 over the classes** (and so do the intercepts). The optimum is reported
 * so; gd, momentum and nesterov from the default start (every weight 0) never leave that convention, since
 * the gradient's classes sum to 0; the verdicts measure distances within it (`canonical`).
 *
 * Trained on standardized columns and reported in the data's units, as logistic regression on two features
 * is; the optimum is Newton's method with the last class's weights held at 0 (where the minimum is a point),
 * every sum compensated, claimed only when it settled, then shifted to the convention.
 */
export interface SoftmaxFit {
  trained: SampledObjective;
  reported: SampledObjective;
  reparametrization: Reparametrization;
  classes: number;
}

export function softmaxFit(columns: readonly Float64Array[], y: Float64Array, classNames: readonly string[], columnNames: readonly string[] = columns.map((_, j) => `x${j + 1}`)): SoftmaxFit {
  const n = y.length;
  const K = classNames.length;
  const m = columns.length + 1;
  const dim = K * m;
  const stats = columnScalings(columns);
  const z = columns.map((x, j) => Float64Array.from(x, (v) => (v - stats[j].mean) / (stats[j].std || 1)));
  const phi = [new Float64Array(n).fill(1), ...z];
  const labels = Int32Array.from(y);
  const gEig = symmetricEigen(meanOuter(phi), m).values;
  const gMax = gEig[m - 1];
  // Columns that move together (to within rounding) leave no single best set of boundaries.
  if (!(gEig[0] > 1e-12 * gMax)) throw runError(messages.featuresDependent(columnNames));
  let maxRow = 0;
  let sumRow = 0;
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let a = 0; a < m; a++) r += phi[a][i] * phi[a][i];
    maxRow = Math.max(maxRow, r);
    sumRow += r;
  }

  const eta = new Float64Array(K);
  const p = new Float64Array(K);
  /** Row i's probabilities at v into p; returns its loss logsumexp(η) − η_y. */
  const probabilities = (i: number, v: Weights): number => rowSoftmax(phi, i, v, K, labels[i], eta, p);

  const at = new Float64Array(dim).fill(NaN);
  const grad = new Float64Array(dim);
  let lossAt = NaN;
  const evaluate = (v: Weights) => {
    let same = true;
    for (let k = 0; k < dim && same; k++) same = v[k] === at[k];
    if (same) return;
    grad.fill(0);
    let l = 0;
    for (let i = 0; i < n; i++) {
      l += probabilities(i, v);
      for (let k = 0; k < K; k++) {
        const e = p[k] - (labels[i] === k ? 1 : 0);
        for (let a = 0; a < m; a++) grad[k * m + a] += e * phi[a][i];
      }
    }
    lossAt = l / n;
    for (let k = 0; k < dim; k++) grad[k] /= n;
    at.set(v as ArrayLike<number>);
  };
  const hessianAt = (v: Weights, out: Float64Array) => {
    out.fill(0);
    for (let i = 0; i < n; i++) {
      probabilities(i, v);
      for (let k = 0; k < K; k++) {
        for (let l = 0; l < K; l++) {
          const c = (k === l ? p[k] : 0) - p[k] * p[l];
          if (c === 0) continue;
          for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) out[(k * m + a) * dim + l * m + b] += c * phi[a][i] * phi[b][i];
        }
      }
    }
    for (let k = 0; k < dim * dim; k++) out[k] /= n;
  };

  // The class a sample-based optimizer steps on: sampleError·features is the gradient of one row's loss only
  // for a single output, so for K outputs the row's gradient is kept whole (see features).
  let solved: { v: Float64Array | null; minima: KnownMinima } | undefined;
  const solve = () => (solved ??= solveSoftmax(phi, labels, K));
  let minCurvature: number | undefined;
  const names = weightNamesOf(classNames, m);
  const rowGrad = new Float64Array(dim);
  let rowOf = -1;
  const trained: SampledObjective = {
    name: 'softmax',
    dim,
    weightNames: names,
    get minima() {
      return solve().minima;
    },
    n,
    x: z[0],
    y,
    gradientScale: 1,
    loss(v) {
      evaluate(v);
      return lossAt;
    },
    gradient(v, out) {
      evaluate(v);
      out.set(grad);
    },
    hessian: hessianAt,
    canonical: (v, out) => centred(v, K, m, out),
    // One row's gradient is Σₖ (pₖ − [y = k])·(eₖ ⊗ φ): returned whole as features(i) with error 1.
    sampleError(i, v) {
      probabilities(i, v);
      rowGrad.fill(0);
      for (let k = 0; k < K; k++) {
        const e = p[k] - (labels[i] === k ? 1 : 0);
        for (let a = 0; a < m; a++) rowGrad[k * m + a] = e * phi[a][i];
      }
      rowOf = i;
      return 1;
    },
    features(i, out) {
      if (rowOf !== i) throw new Error('softmax: features(i) follows sampleError(i, w)');
      out.set(rowGrad);
    },
    optimum() {
      const v = solve().v;
      return v && Float64Array.from(v);
    },
    // Böhning's bound: diag(p) − ppᵀ ≼ ½·I, so the Hessian ≼ ½·(I ⊗ G).
    curvature: () => gMax / 2,
    minCurvature() {
      if (minCurvature === undefined) {
        const h = new Float64Array(dim * dim);
        hessianAt(solve().v ?? new Float64Array(dim), h);
        // The m directions that shift every class alike have curvature 0: the smallest of the others.
        minCurvature = Math.max(0, symmetricEigen(h, dim).values[m]);
      }
      return minCurvature;
    },
    referenceLoss: () => {
      // Predicting each class's share for every row.
      const counts = new Float64Array(K);
      for (let i = 0; i < n; i++) counts[labels[i]]++;
      let h = 0;
      for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
      return h;
    },
    referenceWeights: () => new Float64Array(dim),
    sampleCurvatureMax: () => maxRow / 2,
    sampleCurvatureMean: () => sumRow / n / 2,
  };

  // Each class's weights change units as one regression's do (featureMaps), block by block.
  const one = featureMaps(stats);
  const toTrained = (w: Weights, out = new Float64Array(dim)) => {
    for (let k = 0; k < K; k++) out.set(one.toTrained(Array.prototype.slice.call(w, k * m, k * m + m)), k * m);
    return out;
  };
  const toReported = (v: Weights, out = new Float64Array(dim)) => {
    for (let k = 0; k < K; k++) out.set(one.toReported(Array.prototype.slice.call(v, k * m, k * m + m)), k * m);
    return out;
  };
  const jacobian = new Float64Array(dim * dim);
  for (let k = 0; k < K; k++) for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) jacobian[(k * m + a) * dim + k * m + b] = one.jacobian[a * m + b];
  const maxRaw = rawFeatures(columns).maxRow;
  const reported = reportedObjective(trained, {
    jacobian,
    toTrained,
    toReported,
    x: columns[0],
    features(i, out) {
      // As the trained side: one row's whole gradient, in the data's units (Jᵀ of the trained one's).
      const g = new Float64Array(dim);
      trained.features(i, g);
      for (let c = 0; c < dim; c++) {
        let s = 0;
        for (let r = 0; r < dim; r++) if (jacobian[r * dim + c] !== 0) s += jacobian[r * dim + c] * g[r];
        out[c] = s;
      }
    },
    sampleCurvatureMax: maxRaw / 2,
  });
  return {
    trained,
    reported,
    classes: K,
    reparametrization: {
      trained,
      toTrained,
      toReported,
      summary: { standardization: { columns: stats.map((s, j) => ({ column: columnNames[j], mean: s.mean, std: s.std })) } },
    },
  };
}

/** "Adelie.w0", "Adelie.w1", … class by class. */
export function weightNamesOf(classNames: readonly string[], m: number): string[] {
  return classNames.flatMap((c) => Array.from({ length: m }, (_, a) => `${c}.w${a}`));
}

/** Weights moved to the convention (each feature's weights, and the intercepts, summing to 0 over the classes), into out. */
export function centred(v: ArrayLike<number>, K: number, m: number, out: Float64Array = new Float64Array(K * m)): Float64Array {
  for (let a = 0; a < m; a++) {
    let mean = 0;
    for (let k = 0; k < K; k++) mean += v[k * m + a] / K;
    for (let k = 0; k < K; k++) out[k * m + a] = v[k * m + a] - mean;
  }
  return out;
}

/** The convention softmax's weights are reported in (the summary's softmax.convention). */
export const SOFTMAX_CONVENTION = "each feature's weights, and the intercepts, sum to 0 over the classes";

/** Why no minimum is claimed when Newton's method does not settle. */
export const SOFTMAX_UNSETTLED = "Newton's method did not settle on a minimum (a line may separate a class from the others)";

/**
 * The minimum by Newton's method on the K − 1 first classes' weights (the last held at 0: there the loss is
 * strictly convex unless a class is separable), every sum compensated, full steps once the Newton decrement
 * is within rounding; then centred. Null, with the minimum unknown, when it does not settle.
 */
function solveSoftmax(phi: readonly Float64Array[], labels: Int32Array, K: number): { v: Float64Array | null; minima: KnownMinima } {
  const m = phi.length;
  const n = labels.length;
  const r = (K - 1) * m;
  const eta = new Float64Array(K);
  const p = new Float64Array(K);
  // Newton moves the first K − 1 classes' weights; the last class's stay 0 in the full vector.
  const full = new Float64Array(K * m);
  const expand = (w: Float64Array) => {
    full.set(w);
    return full;
  };
  const lossAcc = new Float64Array(2);
  const meanLoss = (f: Float64Array) => {
    lossAcc.fill(0);
    for (let i = 0; i < n; i++) addCompensated(lossAcc, 0, rowSoftmax(phi, i, f, K, labels[i], eta, p));
    return (lossAcc[0] + lossAcc[1]) / n;
  };
  const v = new Float64Array(r);
  const { settled, finite } = compensatedNewton(
    {
      size: r,
      rows: n,
      accumulate(w, add) {
        const f = expand(w);
        for (let i = 0; i < n; i++) {
          rowSoftmax(phi, i, f, K, labels[i], eta, p);
          for (let k = 0; k < K - 1; k++) {
            const e = p[k] - (labels[i] === k ? 1 : 0);
            for (let a = 0; a < m; a++) {
              add(k * m + a, e * phi[a][i]);
              for (let l = 0; l <= k; l++) {
                const c = (k === l ? p[k] : 0) - p[k] * p[l];
                for (let b = 0; b < m; b++) if (l * m + b <= k * m + a) add(r + (k * m + a) * r + l * m + b, c * phi[a][i] * phi[b][i]);
              }
            }
          }
        }
      },
      loss: (w) => meanLoss(expand(w)),
    },
    v,
  );
  if (!settled || !finite) return { v: null, minima: { kind: 'unknown' } };
  const opt = centred(expand(v), K, m);
  return { v: opt, minima: { kind: 'points', points: [{ w: Array.from(opt), loss: meanLoss(opt), kind: 'global', name: 'minimum (centred)' }] } };
}

/**
 * Row i's class probabilities at w (class by class, m weights each: intercept, then one per feature column of
 * φ) into p, its scores into eta; returns its loss logsumexp(η) − η_label, the largest score taken out first.
 */
function rowSoftmax(phi: readonly Float64Array[], i: number, w: ArrayLike<number>, K: number, label: number, eta: Float64Array, p: Float64Array): number {
  const m = phi.length;
  let top = -Infinity;
  for (let k = 0; k < K; k++) {
    let s = w[k * m];
    for (let a = 1; a < m; a++) s += w[k * m + a] * phi[a][i];
    eta[k] = s;
    if (s > top) top = s;
  }
  let sum = 0;
  for (let k = 0; k < K; k++) {
    p[k] = Math.exp(eta[k] - top);
    sum += p[k];
  }
  for (let k = 0; k < K; k++) p[k] /= sum;
  return top + Math.log(sum) - eta[label];
}

/** Softmax regression on two named features and these classes, as the rest of mlvis sees it. */
export function softmaxOf(names: readonly [string, string], classNames: readonly string[]): ModelDescriptor {
  const K = classNames.length;
  const m = 3;
  const weightNames = weightNamesOf(classNames, m);
  return {
    recipe: { of: 'softmax', args: [[names[0], names[1]], [...classNames]] },
    name: 'softmax',
    title: `Softmax regression, ${K} classes`,
    short: `Softmax, ${K} classes`,
    summary: 'animate gradient descent on softmax regression (K classes on two features, cross-entropy)',
    lossName: 'cross-entropy',
    lossShort: 'cross-entropy',
    weightNames,
    weightLabels: weightNames,
    standardizedWeightLabels: weightNames,
    trivialName: "predicting the classes' shares",
    target: 'classes',
    twoFeatures: names,
    classNames,
    // A prediction costs an exp per class: the surface grid of a large data set is kept to budget by it.
    predictCost: K,
    predict: () => NaN,
    predict2: () => NaN,
    predictClasses(w, x1, x2, out) {
      let top = -Infinity;
      for (let k = 0; k < K; k++) {
        out[k] = w[k * m] + w[k * m + 1] * x1 + w[k * m + 2] * x2;
        if (out[k] > top) top = out[k];
      }
      let sum = 0;
      for (let k = 0; k < K; k++) {
        out[k] = Math.exp(out[k] - top);
        sum += out[k];
      }
      for (let k = 0; k < K; k++) out[k] /= sum;
    },
    canonical: (w, out) => centred(w, K, m, out),
    create: () => {
      throw new Error('built by softmaxFit');
    },
    surfaceLoss: (objective: Objective) => planeLoss(objective),
  };
}

/** The command's descriptor (its name and help), before the data fixes the classes. */
export const softmax: ModelDescriptor = softmaxOf(['x1', 'x2'], ['class 0', 'class 1', 'class 2']);
