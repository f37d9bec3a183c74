import { messages, runError } from '../errors';
import { addCompensated, compensatedNewton } from './newtonSolve';
import { meanOuter, rawFeatures, reportedObjective } from './leastSquares';
import type { ModelDescriptor } from './model';
import { minimaOf, type SampledObjective, type Weights } from './objective';
import type { Reparametrization } from './reparametrization';
import { sigmoid, softplus } from './rowKernels';
import { columnScalings, featureMaps } from './standardize';
import { featureDescriptor, featureWeightNames } from './twoFeatures';
import { symmetricEigen } from './symmetricEigen';

/**
 * Logistic regression on feature columns (`mlvis logistic --x a,b`): p = σ(w0 + w1·x1 + w2·x2), with the
 * mean cross-entropy (1/N) Σ [softplus(ηₙ) − yₙ·ηₙ] (never log(0), never an overflow) and the gradient
 * (1/N) Σ (pₙ − yₙ)·(1, x1ₙ, x2ₙ).
 *
 * Trained, always, on the standardized columns zⱼ = (xⱼ − meanⱼ)/stdⱼ (weights v) and reported in the data's
 * units (featureMaps), as linear regression on two features is. The optimum is Newton's method on v with
 * every sum compensated; it is claimed only when Newton converged to rounding. When it did not, the weights'
 * last direction is checked: if it puts every 1 on one side and every 0 on the other (ties allowed), a line
 * separates the classes and the loss has no finite minimum; otherwise the minimum is unknown.
 */
export interface FeatureLogisticFit {
  /** Why no minimum is claimed ('' when one is): separated classes, nearly collinear columns, or Newton not settling. */
  why(): string;
  trained: SampledObjective;
  reported: SampledObjective;
  reparametrization: Reparametrization;
}

export function featureLogisticFit(columns: readonly Float64Array[], names: readonly string[], y: Float64Array): FeatureLogisticFit {
  const n = y.length;
  const p = columns.length + 1;
  const stats = columnScalings(columns);
  if (!stats.every((s) => s.std > 0 && Number.isFinite(s.std))) throw runError(messages.featuresDependent(names));
  const z = columns.map((x, j) => Float64Array.from(x, (v) => (v - stats[j].mean) / stats[j].std));
  const phi = [new Float64Array(n).fill(1), ...z];
  const G = meanOuter(phi);
  // Columns that move together exactly leave no single best boundary (and no Newton step).
  const gEigen = symmetricEigen(G, p).values;
  if (!(gEigen[0] > 1e-12 * gEigen[p - 1])) throw runError(messages.featuresDependent(names));
  const eta = (i: number, v: Weights) => {
    let s = v[0];
    for (let j = 1; j < p; j++) s += v[j] * phi[j][i];
    return s;
  };
  let maxRow = 0;
  let sumRow = 0;
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let j = 0; j < p; j++) r += phi[j][i] * phi[j][i];
    maxRow = Math.max(maxRow, r);
    sumRow += r;
  }

  // One pass gives the loss and the gradient at the same point; gd-type optimizers ask for both at each iterate.
  const at = new Float64Array(p).fill(NaN);
  const grad = new Float64Array(p);
  let lossAt = NaN;
  const evaluate = (v: Weights) => {
    let same = true;
    for (let j = 0; j < p; j++) same &&= v[j] === at[j];
    if (same) return;
    grad.fill(0);
    let l = 0;
    for (let i = 0; i < n; i++) {
      const t = eta(i, v);
      l += softplus(t) - y[i] * t;
      const e = sigmoid(t) - y[i];
      for (let j = 0; j < p; j++) grad[j] += e * phi[j][i];
    }
    lossAt = l / n;
    for (let j = 0; j < p; j++) grad[j] /= n;
    for (let j = 0; j < p; j++) at[j] = v[j];
  };
  let solved: { v: Float64Array | null; why: string } | undefined;
  const solve = () => (solved ??= newtonOnFeatures(phi, y));
  let minCurvature: number | undefined;

  const trained: SampledObjective = {
    name: 'logistic',
    dim: p,
    weightNames: featureWeightNames(p - 1),
    get minima() {
      const { v, why } = solve();
      // Only a confirmed separation says there is no minimum; Newton not settling says it is not known.
      if (!v && why !== SEPARATED) return { kind: 'unknown' as const };
      return minimaOf(v && Float64Array.from(v), v ? trained.loss(v) : NaN, why);
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
    hessian(v, out) {
      hessianAt(phi, v, out);
    },
    sampleError: (i, v) => sigmoid(eta(i, v)) - y[i],
    features(i, out) {
      for (let j = 0; j < p; j++) out[j] = phi[j][i];
    },
    optimum() {
      const v = solve().v;
      return v && Float64Array.from(v);
    },
    // The Hessian (1/N) Σ p(1 − p)·φφᵀ ≼ G/4.
    curvature: () => gEigen[p - 1] / 4,
    minCurvature() {
      if (minCurvature === undefined) {
        const h = new Float64Array(p * p);
        hessianAt(phi, solve().v ?? new Float64Array(p), h);
        minCurvature = symmetricEigen(h, p).values[0];
      }
      return minCurvature;
    },
    referenceLoss: () => Math.LN2,
    referenceWeights: () => new Float64Array(p),
    sampleCurvatureMax: () => maxRow / 4,
    sampleCurvatureMean: () => sumRow / n / 4,
  };

  const { toTrained, toReported, jacobian } = featureMaps(stats);
  const raw = rawFeatures(columns);
  const reported = reportedObjective(trained, { jacobian, toTrained, toReported, x: columns[0], features: raw.features, sampleCurvatureMax: raw.maxRow / 4 });
  return {
    why: () => solve().why,
    trained,
    reported,
    reparametrization: {
      trained,
      toTrained,
      toReported,
      summary: { standardization: { columns: stats.map((s, j) => ({ column: names[j], mean: s.mean, std: s.std })) } },
    },
  };
}

/** (1/N) Σ pₙ(1 − pₙ)·φₙφₙᵀ at v, row-major into out. */
function hessianAt(phi: readonly Float64Array[], v: Weights, out: Float64Array): void {
  const p = phi.length;
  const n = phi[0].length;
  out.fill(0);
  for (let i = 0; i < n; i++) {
    let t = v[0];
    for (let j = 1; j < p; j++) t += v[j] * phi[j][i];
    const s = sigmoid(t);
    const w = s * (1 - s);
    for (let j = 0; j < p; j++) for (let k = 0; k <= j; k++) out[j * p + k] += w * phi[j][i] * phi[k][i];
  }
  for (let j = 0; j < p; j++) {
    for (let k = 0; k <= j; k++) {
      out[j * p + k] /= n;
      out[k * p + j] = out[j * p + k];
    }
  }
}

/** Why there is no minimum, when a line through the features' plane separates the classes. */
export const SEPARATED = 'a straight line separates the classes in the plane of the features, so the cross-entropy keeps falling as the weights grow';
/** Why no minimum is claimed, when Newton's method did not settle and no line was found to separate the classes. */
export const UNSETTLED = "Newton's method did not settle on a minimum (the classes may be nearly separable)";

/**
 * Newton's method on the design φ (the first column all ones) from the intercept of the classes' share
 * (compensatedNewton). Returns the minimiser, or null with the reason.
 */
export function newtonOnFeatures(phi: readonly Float64Array[], y: Float64Array): { v: Float64Array | null; why: string } {
  const p = phi.length;
  const n = y.length;
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[i];
  ybar /= n;
  const v = new Float64Array(p);
  v[0] = Math.log(ybar / (1 - ybar));
  if (!Number.isFinite(v[0])) return { v: null, why: SEPARATED };
  const lossAcc = new Float64Array(2);
  const { settled } = compensatedNewton(
    {
      size: p,
      rows: n,
      accumulate(w, add) {
        for (let i = 0; i < n; i++) {
          let t = w[0];
          for (let j = 1; j < p; j++) t += w[j] * phi[j][i];
          const s = sigmoid(t);
          const e = s - y[i];
          const c = s * (1 - s);
          for (let j = 0; j < p; j++) {
            add(j, e * phi[j][i]);
            for (let k = 0; k <= j; k++) add(p + j * p + k, c * phi[j][i] * phi[k][i]);
          }
        }
      },
      loss(w) {
        lossAcc.fill(0);
        for (let i = 0; i < n; i++) {
          let t = w[0];
          for (let j = 1; j < p; j++) t += w[j] * phi[j][i];
          addCompensated(lossAcc, 0, softplus(t) - y[i] * t);
        }
        return (lossAcc[0] + lossAcc[1]) / n;
      },
    },
    v,
  );
  return settled ? { v, why: '' } : { v: null, why: whyNot(phi, y, v) };
}

/** Separated when the weights' direction (Newton's last, or the classes' means apart) puts each class on its side. */
function whyNot(phi: readonly Float64Array[], y: Float64Array, v: Float64Array): string {
  const p = phi.length;
  const n = y.length;
  const sides = (u: ArrayLike<number>) => {
    let slope = 0;
    for (let j = 1; j < p; j++) slope = Math.max(slope, Math.abs(u[j]));
    if (!(slope > 0)) return false;
    for (let i = 0; i < n; i++) {
      let t = u[0];
      for (let j = 1; j < p; j++) t += u[j] * phi[j][i];
      if (y[i] >= 0.5 ? t < 0 : t > 0) return false;
    }
    return true;
  };
  if (sides(v)) return SEPARATED;
  // Columns that nearly move together leave a valley so narrow that doubles cannot pin its floor down.
  const e = symmetricEigen(meanOuter(phi), p).values;
  const condition = e[p - 1] / e[0];
  return condition > 1e8 ? nearlyCollinear(condition) : UNSETTLED;
}

/** Why no minimum is claimed when the feature columns are nearly collinear. */
export function nearlyCollinear(condition: number): string {
  return `Newton's method did not settle: the feature columns nearly move together (their condition number is ${condition.toPrecision(2)}), so the minimum cannot be pinned down in double precision`;
}

/** Logistic regression on the named features (two or more). */
export function twoFeatureLogisticOf(names: readonly string[]): ModelDescriptor {
  return { ...featureDescriptor(names, {
    name: 'logistic',
    word: 'Logistic',
    summary: 'animate gradient descent on logistic regression (p = sigmoid(w1*x + w0), cross-entropy)',
    lossName: 'cross-entropy',
    lossShort: 'cross-entropy',
    trivialName: 'predicting 1/2 for every row',
    target: 'classes',
    link: sigmoid,
  }), recipe: { of: 'logisticFeatures', args: [[...names]] } };
}
