import { messages, runError } from '../errors';
import { planeLoss, type ModelDescriptor } from './model';
import { momentsOf } from './moments';
import { type Objective, type SampledObjective, type Weights } from './objective';
import type { Reparametrization } from './reparametrization';
import { householderLeastSquares, leastSquaresObjective, reportedObjective } from './leastSquares';

export { householderLeastSquares } from './leastSquares';

/** The degrees `mlvis poly --degree` takes. */
export const MIN_DEGREE = 1;
export const MAX_DEGREE = 12;
export const DEFAULT_DEGREE = 3;

/**
 * Polynomial regression y = a0 + a1·(x − x̄) + … + aK·(x − x̄)^K with the mean squared error, K = `degree`,
 * x̄ the mean of x (the same curve as c0 + c1·x + … + cK·x^K: coefficientsOfX gives those c).
 *
 * Powers of raw x are hopeless to descend (x ∈ [0, 10] at degree 5: curvatures from 1 to 10¹⁰) and to
 * solve by the normal equations, so the model is trained on powers of z = (x − mean)/std, weights v:
 * y = v0 + v1·z + … + vK·z^K. The optimum v* is a Householder QR least-squares solve on those columns
 * (never the normal equations: their condition is the square of the columns'), and the loss is written
 * around it: g(v) = E + dᵀGd, d = v − v*, G = (1/N) ΦᵀΦ (the moments of z), E the mean squared residual at
 * v* summed directly. Every term is non-negative: nothing cancels near the optimum, and a loss or a gradient
 * costs O(K²) whatever N is. Weights are reported as the coefficients a of powers of x − x̄ (aₖ = vₖ/stdᵏ).
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
  /** The mean of x: the reported coefficients are those of powers of (x − centre). */
  centre: number;
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
  const mean = momentsOf(x).meanX;
  // The spread measured in units of the widest deviation, so that x near 1e200 or 1e-200 neither overflows
  // nor underflows when squared.
  let spread = 0;
  for (let i = 0; i < n; i++) spread = Math.max(spread, Math.abs(x[i] - mean));
  let s2 = 0;
  for (let i = 0; i < n; i++) s2 += ((x[i] - mean) / spread) ** 2;
  const std = spread * Math.sqrt(s2 / n);
  // The reported coefficients scale by std^k: beyond double precision at this degree, no coefficient can be told.
  if (!(Number.isFinite(std ** degree) && std ** degree > 0 && Number.isFinite(1 / std ** degree) && 1 / std ** degree > 0)) {
    throw runError(messages.polyOutOfRange(degree, std));
  }
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
  const residual = (i: number, v: Weights) => {
    let f = 0;
    for (let k = degree; k >= 0; k--) f = f * z[i] + v[k];
    return f - y[i];
  };
  let sE = 0;
  for (let i = 0; i < n; i++) sE += residual(i, vStar) ** 2;
  const trained = leastSquaresObjective({ name: 'poly', weightNames: weightNamesOf(degree), columns, x: z, y, vStar, G, E: sE / n, sampleError: residual });

  // Reported: the coefficients a of powers of (x − mean), y = Σ aₖ·(x − mean)ᵏ, in the data's units (y per
  // x-unit to the k). aₖ = vₖ/stdᵏ: a diagonal scaling, exact to rounding both ways, so every weight of a path
  // maps to the plane, the fit and the test rows without the cancellation that powers of x itself would bring
  // (x near 2000 at degree 8: terms of 1e26 cancelling to a loss near 1). The coefficients of x itself are
  // computed once, exactly, for the summary (coefficientsOfX).
  const scale = Float64Array.from({ length: p }, (_, k) => std ** k);
  const toReported = (v: Weights, out = new Float64Array(p)) => {
    for (let k = 0; k < p; k++) out[k] = v[k] / scale[k];
    return out;
  };
  const toTrained = (a: Weights, out = new Float64Array(p)) => {
    for (let k = 0; k < p; k++) out[k] = a[k] * scale[k];
    return out;
  };
  let maxRowA = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    let power = 1;
    for (let k = 0; k < p; k++, power *= x[i] - mean) row += power * power;
    maxRowA = Math.max(maxRowA, row);
  }
  // ∂v/∂a = S = diag(stdᵏ).
  const S = new Float64Array(p * p);
  for (let k = 0; k < p; k++) S[k * p + k] = scale[k];
  const reported = reportedObjective(trained, {
    jacobian: S,
    toTrained,
    toReported,
    x,
    features(i, out) {
      let power = 1;
      for (let k = 0; k < p; k++, power *= x[i] - mean) out[k] = power;
    },
    sampleCurvatureMax: maxRowA,
  });
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
  return { trained, reported, reparametrization, lossOn, centre: mean };
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** a0, a1, …, aK: the coefficient of (x − mean)^k is ak. */
export function weightNamesOf(degree: number): string[] {
  return Array.from({ length: degree + 1 }, (_, k) => `a${k}`);
}

/**
 * `mlvis poly`: polynomial regression as the rest of mlvis sees it, for a degree and the centre of x (the
 * mean of the training x: the weights are the coefficients of powers of x − centre).
 */
export function polynomialOf(degree: number, centre = 0): ModelDescriptor {
  const names = weightNamesOf(degree);
  return {
    recipe: { of: 'poly', args: [degree, centre] },
    name: 'poly',
    title: `Polynomial regression, degree ${degree}`,
    short: `Poly ${degree}`,
    summary: 'animate gradient descent on polynomial regression (y = a0 + a1*(x - mean) + ... + aK*(x - mean)^K, mean squared error; --degree K)',
    lossName: 'mean squared error',
    lossShort: 'MSE',
    weightNames: names,
    weightLabels: names,
    standardizedWeightLabels: names.map((_, k) => `v${k}`),
    trivialName: 'predicting the mean of y',
    target: 'values',
    curve: true,
    create: (x, y) => polynomialFit(x, y, degree).reported,
    // Horner in x − centre: the same numbers the loss is made of, no cancellation.
    predict: (w, x) => {
      const t = x - centre;
      let f = 0;
      for (let k = w.length - 1; k >= 0; k--) f = f * t + w[k];
      return f;
    },
    surfaceLoss: (objective: Objective) => planeLoss(objective),
  };
}

export const polynomial: ModelDescriptor = polynomialOf(DEFAULT_DEGREE);

/**
 * The coefficients c of y = c0 + c1·x + … + cK·x^K equal to Σ aₖ·(x − centre)ᵏ, each correctly rounded:
 * the binomial expansion is done in exact binary fractions (BigInt), since in doubles its terms (centre^k
 * times binomials) cancel away every digit when x is far from 0 against its spread.
 */
export function coefficientsOfX(a: ArrayLike<number>, centre: number): number[] {
  const p = a.length;
  const m = dyadic(-centre);
  // Powers of −centre, exactly.
  const powers: Dyadic[] = [[1n, 0]];
  for (let k = 1; k < p; k++) powers.push(dMul(powers[k - 1], m));
  const out: number[] = [];
  for (let j = 0; j < p; j++) {
    let sum: Dyadic = [0n, 0];
    for (let k = j; k < p; k++) sum = dAdd(sum, dMul(dMul(dyadic(a[k]), [BigInt(binomial(k, j)), 0]), powers[k - j]));
    out.push(dToNumber(sum));
  }
  return out;
}

/** A binary fraction n·2^e, exact. */
type Dyadic = [bigint, number];

function dyadic(x: number): Dyadic {
  if (x === 0 || !Number.isFinite(x)) return [0n, 0];
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  let e = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  if (e === 0) e = 1;
  else mant |= 1n << 52n;
  return [bits >> 63n ? -mant : mant, e - 1075];
}

function dMul(a: Dyadic, b: Dyadic): Dyadic {
  return [a[0] * b[0], a[1] + b[1]];
}

function dAdd(a: Dyadic, b: Dyadic): Dyadic {
  if (a[0] === 0n) return b;
  if (b[0] === 0n) return a;
  const e = Math.min(a[1], b[1]);
  return [(a[0] << BigInt(a[1] - e)) + (b[0] << BigInt(b[1] - e)), e];
}

/** n·2^e rounded to the nearest double (ties to even, through BigInt's own rounding to Number). */
function dToNumber([n, e]: Dyadic): number {
  if (n === 0n) return 0;
  const negative = n < 0n;
  let m = negative ? -n : n;
  // Keep 64 significant bits and a sticky bit for what is dropped: enough for a correctly rounded double.
  const bits = m.toString(2).length;
  let shift = 0;
  if (bits > 64) {
    shift = bits - 64;
    const dropped = m & ((1n << BigInt(shift)) - 1n);
    m = (m >> BigInt(shift)) | (dropped !== 0n ? 1n : 0n);
  }
  const k = e + shift;
  const half = Math.trunc(k / 2);
  const value = Number(m) * 2 ** half * 2 ** (k - half);
  return negative ? -value : value;
}
