import { minimaOf, type SampledObjective, type Weights } from './objective';
import { symmetricEigen } from './symmetricEigen';

/** What a least-squares objective on given feature columns is built from (see leastSquaresObjective). */
export interface LeastSquaresParts {
  name: string;
  weightNames: readonly string[];
  /** The design's columns (the first all ones), one per weight. */
  columns: readonly Float64Array[];
  /** The samples' x as the objective reports it (the first feature). */
  x: Float64Array;
  y: Float64Array;
  /** The least-squares solution (householderLeastSquares). */
  vStar: Float64Array;
  /** (1/N)·ΦᵀΦ, row-major. */
  G: Float64Array;
  /** The mean squared residual at vStar, summed directly. */
  E: number;
  /** Sample i's residual at v. */
  sampleError(i: number, v: Weights): number;
  /**
   * Losses and gradients by a pass over the rows rather than around v*: for nearly collinear columns, where
   * v* is large and only backward-stable, and E + dᵀGd drops a term 2·rᵀd (r, the gradient left at v*) that
   * is no longer negligible (a 1e14 condition number put the loss 1 % off).
   */
  direct?: boolean;
}

/**
 * The mean squared error on feature columns, written around its least-squares solution: g(v) = E + dᵀGd with
 * d = v − v*. Every term is non-negative, so nothing cancels near the optimum, and a loss or a gradient costs
 * O(p²) whatever the number of rows. Its curvature is 2G's, its trivial model predicts the mean of y.
 */
export function leastSquaresObjective(parts: LeastSquaresParts): SampledObjective {
  const { columns, y, vStar, G, E } = parts;
  const p = columns.length;
  const n = y.length;
  let sy = 0;
  let maxRow = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let k = 0; k < p; k++) row += columns[k][i] * columns[k][i];
    sy += y[i];
    maxRow = Math.max(maxRow, row);
  }
  const meanY = sy / n;
  let sVar = 0;
  for (let i = 0; i < n; i++) sVar += (y[i] - meanY) ** 2;
  const varY = sVar / n;
  const eigen = symmetricEigen(G, p).values;
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
  return {
    name: parts.name,
    dim: p,
    weightNames: parts.weightNames,
    get minima() {
      return minimaOf(Float64Array.from(vStar), E, '');
    },
    n,
    x: parts.x,
    y,
    gradientScale: 2,
    loss(v) {
      if (parts.direct) {
        let s = 0;
        for (let i = 0; i < n; i++) s += parts.sampleError(i, v) ** 2;
        return s / n;
      }
      split(v);
      let q = 0;
      for (let k = 0; k < p; k++) q += d[k] * Gd[k];
      const g = E + q;
      if (g >= 0) return g;
      return Number.isNaN(g) ? Infinity : 0;
    },
    gradient(v, out) {
      if (parts.direct) {
        out.fill(0);
        for (let i = 0; i < n; i++) {
          const r = (2 * parts.sampleError(i, v)) / n;
          for (let k = 0; k < p; k++) out[k] += r * columns[k][i];
        }
        return;
      }
      split(v);
      for (let k = 0; k < p; k++) out[k] = 2 * Gd[k];
    },
    hessian(_v, out) {
      for (let k = 0; k < p * p; k++) out[k] = 2 * G[k];
    },
    sampleError: parts.sampleError,
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
      for (let k = 0; k < p; k++) s += G[k * p + k];
      return s;
    },
  };
}

/** What the reported side of a least-squares objective needs: the linear change of coordinates and the features. */
export interface ReportedParts {
  /** ∂v/∂w, row-major: how the trained weights v move with the reported ones w (constant: the map is affine). */
  jacobian: ArrayLike<number>;
  toTrained(w: Weights, out?: Float64Array): Float64Array;
  toReported(v: Weights, out?: Float64Array): Float64Array;
  /** The samples' x as reported. */
  x: Float64Array;
  /** Sample i's reported features: its prediction's derivative by each reported weight. */
  features(i: number, out: Float64Array): void;
  /** The largest squared norm of a sample's reported features. */
  sampleCurvatureMax: number;
}

/**
 * The objective in the reported coordinates w of one trained in v = toTrained(w): the same loss, the gradient
 * Jᵀ∇v and the Hessian Jᵀ(∇²v)J with J = ∂v/∂w, the optimum mapped back. Every loss is the trained one's
 * (no cancellation that the reported coordinates might bring), zero entries of J skipped. The curvature is
 * the Hessian's at v = 0 (least squares: the Hessian everywhere; the cross-entropy: its bound, as p(1 − p)
 * is largest there) and the smallest curvature the Hessian's at the optimum.
 */
export function reportedObjective(trained: SampledObjective, parts: ReportedParts): SampledObjective {
  const p = trained.dim;
  const J = parts.jacobian;
  const v = new Float64Array(p);
  const gv = new Float64Array(p);
  const hv = new Float64Array(p * p);
  const transform = (at: Weights, out: Float64Array) => {
    trained.hessian!(at, hv);
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < p; b++) {
        let s = 0;
        for (let j = 0; j < p; j++) {
          if (J[j * p + a] === 0) continue;
          for (let k = 0; k < p; k++) if (J[k * p + b] !== 0) s += J[j * p + a] * hv[j * p + k] * J[k * p + b];
        }
        out[a * p + b] = s;
      }
    }
    return out;
  };
  const bound = transform(new Float64Array(p), new Float64Array(p * p));
  const maxEigen = symmetricEigen(bound, p).values[p - 1];
  const trainedOptimum = trained.optimum();
  const wStar = trainedOptimum ? parts.toReported(trainedOptimum) : null;
  const atOptimum = trainedOptimum ? transform(trainedOptimum, new Float64Array(p * p)) : bound;
  const minEigen = symmetricEigen(atOptimum, p).values[0];
  const why = trained.minima.kind === 'none' ? trained.minima.why : '';
  return {
    ...trained,
    x: parts.x,
    get minima() {
      if (!wStar && trained.minima.kind === 'unknown') return trained.minima;
      return minimaOf(wStar && Float64Array.from(wStar), trainedOptimum ? trained.loss(trainedOptimum) : NaN, why);
    },
    loss: (w) => trained.loss(parts.toTrained(w, v)),
    gradient(w, out) {
      trained.gradient(parts.toTrained(w, v), gv);
      for (let a = 0; a < p; a++) {
        let s = 0;
        for (let j = 0; j < p; j++) if (J[j * p + a] !== 0) s += J[j * p + a] * gv[j];
        out[a] = s;
      }
    },
    hessian(w, out) {
      transform(parts.toTrained(w, new Float64Array(p)), out);
    },
    sampleError: (i, w) => trained.sampleError(i, parts.toTrained(w, v)),
    features: parts.features,
    optimum: () => (wStar ? Float64Array.from(wStar) : null),
    curvature: () => maxEigen,
    minCurvature: () => minEigen,
    sampleCurvatureMax: () => parts.sampleCurvatureMax,
  };
}

/** (1/N)·ΦᵀΦ of the columns φ₀…φₚ₋₁ (N rows each), row-major: the mean outer product of the rows' features. */
export function meanOuter(columns: readonly Float64Array[]): Float64Array {
  const p = columns.length;
  const n = columns[0].length;
  const G = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < p; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += columns[j][i] * columns[k][i];
      G[j * p + k] = s / n;
    }
  }
  return G;
}

/**
 * A row's features as reported, (1, x₁, x₂, …) from the raw columns, and the largest squared norm of them
 * over the rows (for the stable rates of sgd and minibatch).
 */
export function rawFeatures(columns: readonly Float64Array[]): { features(i: number, out: Float64Array): void; maxRow: number } {
  const n = columns[0].length;
  let maxRow = 0;
  for (let i = 0; i < n; i++) {
    let r = 1;
    for (const c of columns) r += c[i] * c[i];
    maxRow = Math.max(maxRow, r);
  }
  return {
    maxRow,
    features(i, out) {
      out[0] = 1;
      for (let j = 0; j < columns.length; j++) out[j + 1] = columns[j][i];
    },
  };
}

/** The weights that predict the mean: the intercept the mean, every other 0. */
export function predictMean(p: number, meanY: number): Float64Array {
  const w = new Float64Array(p);
  w[0] = meanY;
  return w;
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

