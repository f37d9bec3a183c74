import { messages, runError } from '../errors';
import { planeLoss, type ModelDescriptor } from './model';
import { momentsOf } from './moments';
import { minimaOf, type Objective, type SampledObjective, type Weights } from './objective';
import type { Reparametrization } from './reparametrization';
import { symmetricEigen } from './symmetricEigen';

/** The degrees `mlvis poly --degree` takes. */
export const MIN_DEGREE = 1;
export const MAX_DEGREE = 12;
export const DEFAULT_DEGREE = 3;

/**
 * Polynomial regression y = c0 + c1·x + … + cK·x^K with the mean squared error, K = `degree`.
 *
 * Powers of raw x are hopeless to descend (x ∈ [0, 10] at degree 5: curvatures from 1 to 10¹⁰) and to
 * solve by the normal equations, so the model is trained on powers of z = (x − mean)/std, weights v:
 * y = v0 + v1·z + … + vK·z^K. The optimum v* is a Householder QR least-squares solve on those columns
 * (never the normal equations: their condition is the square of the columns'), and the loss is written
 * around it: g(v) = E + dᵀGd, d = v − v*, G = (1/N) ΦᵀΦ (the moments of z), E the mean squared residual at
 * v* summed directly. Every term is non-negative: nothing cancels near the optimum, and a loss or a gradient
 * costs O(K²) whatever N is. Weights are reported as the coefficients of x's own powers (c = A·v).
 */
export interface PolynomialFit {
  /** The objective in the trained coordinates v (standardized powers). */
  trained: SampledObjective;
  /** The objective in the reported coordinates c (powers of x itself). */
  reported: SampledObjective;
  reparametrization: Reparametrization;
  /**
   * The mean squared error on other rows (a held-out test set) at reported coefficients c, through the same
   * standardized powers as training (so it loses no more digits than the training loss).
   */
  lossOn(x: Float64Array, y: Float64Array): (c: Weights) => number;
}

export function polynomialFit(x: Float64Array, y: Float64Array, degree: number): PolynomialFit {
  if (!(Number.isInteger(degree) && degree >= MIN_DEGREE && degree <= MAX_DEGREE)) {
    throw new RangeError(`a polynomial's degree is a whole number from ${MIN_DEGREE} to ${MAX_DEGREE}, got ${degree}`);
  }
  const n = x.length;
  const p = degree + 1;
  const distinct = new Set(x).size;
  // Fewer distinct x than coefficients: infinitely many polynomials fit equally well, and none is "the" fit.
  if (distinct < p) throw runError(messages.tooFewDistinct(degree, distinct));
  const m = momentsOf(x);
  const mean = m.meanX;
  const std = Math.sqrt(m.varX);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = (x[i] - mean) / std;

  // Columns of the design matrix: column k holds z^k.
  const columns: Float64Array[] = [];
  for (let k = 0; k < p; k++) {
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) c[i] = k === 0 ? 1 : columns[k - 1][i] * z[i];
    columns.push(c);
  }
  const vStar = householderLeastSquares(columns, y);
  if (!vStar) throw runError(messages.tooFewDistinct(degree, distinct));

  // G[j][k] = mean z^(j+k); E = mean squared residual at v*; the trivial model's loss, var(y).
  const moment = new Float64Array(2 * degree + 1);
  for (let s = 0; s <= 2 * degree; s++) {
    let sum = 0;
    const a = columns[Math.min(s, degree)];
    const b = columns[s - Math.min(s, degree)];
    for (let i = 0; i < n; i++) sum += a[i] * b[i];
    moment[s] = sum / n;
  }
  const G = new Float64Array(p * p);
  for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) G[j * p + k] = moment[j + k];
  let sE = 0;
  let sy = 0;
  let maxRow = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    let row = 0;
    for (let k = degree; k >= 0; k--) f = f * z[i] + vStar[k];
    for (let k = 0; k < p; k++) row += columns[k][i] * columns[k][i];
    const r = f - y[i];
    sE += r * r;
    sy += y[i];
    maxRow = Math.max(maxRow, row);
  }
  const E = sE / n;
  const meanY = sy / n;
  let sVar = 0;
  for (let i = 0; i < n; i++) sVar += (y[i] - meanY) ** 2;
  const varY = sVar / n;
  const eigen = symmetricEigen(G, p).values;
  const names = weightNamesOf(degree);
  const d = new Float64Array(p);
  const Gd = new Float64Array(p);
  const split = (v: Weights) => {
    for (let k = 0; k < p; k++) d[k] = v[k] - vStar[k];
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += G[j * p + k] * d[k];
      Gd[j] = s;
    }
  };

  const trained: SampledObjective = {
    name: 'poly',
    dim: p,
    weightNames: names,
    get minima() {
      return minimaOf(Float64Array.from(vStar), E, '');
    },
    n,
    x: z,
    y,
    gradientScale: 2,
    loss(v) {
      split(v);
      let q = 0;
      for (let k = 0; k < p; k++) q += d[k] * Gd[k];
      const g = E + q;
      if (g >= 0) return g;
      return Number.isNaN(g) ? Infinity : 0;
    },
    gradient(v, out) {
      split(v);
      for (let k = 0; k < p; k++) out[k] = 2 * Gd[k];
    },
    hessian(_v, out) {
      for (let k = 0; k < p * p; k++) out[k] = 2 * G[k];
    },
    sampleError(i, v) {
      let f = 0;
      for (let k = degree; k >= 0; k--) f = f * z[i] + v[k];
      return f - y[i];
    },
    features(i, out) {
      for (let k = 0; k < p; k++) out[k] = columns[k][i];
    },
    optimum: () => Float64Array.from(vStar),
    curvature: () => 2 * eigen[p - 1],
    minCurvature: () => 2 * eigen[0],
    referenceLoss: () => varY,
    referenceWeights: () => predictMean(p, meanY),
    sampleCurvatureMax: () => maxRow,
    sampleCurvatureMean: () => {
      let s = 0;
      for (let k = 0; k < p; k++) s += moment[2 * k];
      return s;
    },
  };

  // c = A·v and v = B·c (upper triangular): Σ vₖ zᵏ with z = (x − mean)/std, expanded in powers of x.
  // A[j][k] = C(k, j)·(−mean)^(k−j)/std^k; Bt[k][j] = C(j, k)·std^k·mean^(j−k), as v_k = Σ_{j ≥ k} c_j·C(j, k)·std^k·mean^(j−k).
  const A = new Float64Array(p * p);
  for (let k = 0; k < p; k++) for (let j = 0; j <= k; j++) A[j * p + k] = (binomial(k, j) * (-mean) ** (k - j)) / std ** k;
  const Bt = new Float64Array(p * p);
  for (let k = 0; k < p; k++) for (let j = k; j < p; j++) Bt[k * p + j] = binomial(j, k) * std ** k * mean ** (j - k);
  const toReported = (v: Weights, out = new Float64Array(p)) => apply(A, v, p, out);
  const toTrained = (c: Weights, out = new Float64Array(p)) => apply(Bt, c, p, out);
  const vOf = new Float64Array(p);
  const gv = new Float64Array(p);
  const hv = new Float64Array(p * p);
  const cStar = toReported(vStar);
  const reportedHessian = new Float64Array(p * p);
  // ∇c = Bᵀ·∇v, and the Hessian Bᵀ·(2G)·B.
  trained.hessian!(vStar, hv);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      let s = 0;
      for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) s += Bt[j * p + a] * hv[j * p + k] * Bt[k * p + b];
      reportedHessian[a * p + b] = s;
    }
  }
  const rawEigen = symmetricEigen(reportedHessian, p).values;
  let maxX2k = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    let power = 1;
    for (let k = 0; k < p; k++, power *= x[i]) row += power * power;
    maxX2k = Math.max(maxX2k, row);
  }
  const reported: SampledObjective = {
    ...trained,
    x,
    get minima() {
      return minimaOf(Float64Array.from(cStar), E, '');
    },
    loss: (c) => trained.loss(toTrained(c, vOf)),
    gradient(c, out) {
      trained.gradient(toTrained(c, vOf), gv);
      for (let a = 0; a < p; a++) {
        let s = 0;
        for (let j = 0; j < p; j++) s += Bt[j * p + a] * gv[j];
        out[a] = s;
      }
    },
    hessian(_c, out) {
      out.set(reportedHessian);
    },
    sampleError(i, c) {
      return trained.sampleError(i, toTrained(c, vOf));
    },
    features(i, out) {
      let power = 1;
      for (let k = 0; k < p; k++, power *= x[i]) out[k] = power;
    },
    optimum: () => Float64Array.from(cStar),
    curvature: () => rawEigen[p - 1],
    minCurvature: () => rawEigen[0],
    referenceWeights: () => predictMean(p, meanY),
    sampleCurvatureMax: () => maxX2k,
  };
  const reparametrization: Reparametrization = {
    trained,
    toTrained,
    toReported,
    summary: { standardization: { mean, std } },
  };
  const lossOn = (xs: Float64Array, ys: Float64Array) => {
    const zs = Float64Array.from(xs, (v) => (v - mean) / std);
    const v = new Float64Array(p);
    return (c: Weights) => {
      toTrained(c, v);
      let sum = 0;
      for (let i = 0; i < zs.length; i++) {
        let f = 0;
        for (let k = degree; k >= 0; k--) f = f * zs[i] + v[k];
        sum += (f - ys[i]) ** 2;
      }
      return sum / zs.length;
    };
  };
  return { trained, reported, reparametrization, lossOn };
}

/** The weights of the polynomial that predicts the mean: c0 = mean, every other 0 (the same in both coordinates). */
function predictMean(p: number, meanY: number): Float64Array {
  const w = new Float64Array(p);
  w[0] = meanY;
  return w;
}

function apply(M: Float64Array, w: Weights, p: number, out: Float64Array): Float64Array {
  const tmp = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let k = 0; k < p; k++) s += M[j * p + k] * w[k];
    tmp[j] = s;
  }
  out.set(tmp);
  return out;
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** c0, c1, …, cK: the coefficient of x^k is ck. */
export function weightNamesOf(degree: number): string[] {
  return Array.from({ length: degree + 1 }, (_, k) => `c${k}`);
}

/**
 * The least-squares solution of columns·v ≈ y by Householder QR (Golub & Van Loan, Algorithm 5.3.2), or null
 * when a column is (numerically) dependent on the ones before it.
 */
export function householderLeastSquares(columns: readonly Float64Array[], y: Float64Array): Float64Array | null {
  const p = columns.length;
  const n = y.length;
  const a = columns.map((c) => Float64Array.from(c));
  const b = Float64Array.from(y);
  const scale = a.map((c) => Math.sqrt(c.reduce((s, v) => s + v * v, 0)));
  for (let k = 0; k < p; k++) {
    const col = a[k];
    let norm2 = 0;
    for (let i = k; i < n; i++) norm2 += col[i] * col[i];
    const norm = Math.sqrt(norm2);
    // What is left of the column after taking out the ones before it: a rank-deficient design when nothing is.
    if (!(norm > 1e-12 * scale[k])) return null;
    const alpha = col[k] > 0 ? -norm : norm;
    // v = col[k..] − alpha·e1, stored in place; ‖v‖² = 2·norm² − 2·alpha·col[k]... computed directly.
    const head = col[k] - alpha;
    let vnorm2 = head * head;
    for (let i = k + 1; i < n; i++) vnorm2 += col[i] * col[i];
    const reflect = (target: Float64Array) => {
      let s = head * target[k];
      for (let i = k + 1; i < n; i++) s += col[i] * target[i];
      const f = (2 * s) / vnorm2;
      target[k] -= f * head;
      for (let i = k + 1; i < n; i++) target[i] -= f * col[i];
    };
    for (let j = k + 1; j < p; j++) reflect(a[j]);
    reflect(b);
    col[k] = alpha;
  }
  // Back substitution: R v = (Qᵀy)[0..p).
  const v = new Float64Array(p);
  for (let k = p - 1; k >= 0; k--) {
    let s = b[k];
    for (let j = k + 1; j < p; j++) s -= a[j][k] * v[j];
    v[k] = s / a[k][k];
  }
  return v;
}

/** `mlvis poly`: polynomial regression as the rest of mlvis sees it; `polynomialOf(K)` for a given degree. */
export function polynomialOf(degree: number): ModelDescriptor {
  const names = weightNamesOf(degree);
  return {
    name: 'poly',
    title: `Polynomial regression, degree ${degree}`,
    short: `Poly ${degree}`,
    summary: 'animate gradient descent on polynomial regression (y = c0 + c1*x + ... + cK*x^K, mean squared error; --degree K)',
    lossName: 'mean squared error',
    lossShort: 'MSE',
    weightNames: names,
    weightLabels: names,
    standardizedWeightLabels: names.map((_, k) => `v${k}`),
    trivialName: 'predicting the mean of y',
    target: 'values',
    curve: true,
    create: (x, y) => polynomialFit(x, y, degree).reported,
    predict: (w, x) => {
      let f = 0;
      for (let k = w.length - 1; k >= 0; k--) f = f * x + w[k];
      return f;
    },
    surfaceLoss: (objective: Objective) => planeLoss(objective),
  };
}

export const polynomial: ModelDescriptor = polynomialOf(DEFAULT_DEGREE);
