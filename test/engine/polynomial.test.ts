import { coefficientsOfX, householderLeastSquares, polynomialFit, polynomialOf } from '../../src/engine/polynomial';
import { linearModel } from '../../src/engine/linear';
import { createRng, normal } from '../../src/random';
import { f64 } from '../helpers/approx';

import { add, exact, exactLeastSquaresOf, mul, sub, toDouble, type Rat } from '../helpers/exact';

/** The exact least-squares coefficients of y ≈ Σ c_k x^k: the normal equations on exact powers of x, in rationals. */
function exactPolyFit(x: Float64Array, y: Float64Array, degree: number): number[] {
  const xs = Array.from(x, exact);
  const powers: Rat[][] = [xs.map((): Rat => [1n, 1n])];
  for (let k = 1; k <= degree; k++) powers.push(powers[k - 1].map((v, i) => mul(v, xs[i])));
  return exactLeastSquaresOf(powers, Array.from(y, exact));
}

/** Σ aₖ·(x − m)ᵏ expanded in powers of x, in exact rationals, each coefficient rounded once. */
function exactExpansion(a: number[], m: number): number[] {
  const mm = exact(-m);
  const out: number[] = [];
  for (let j = 0; j < a.length; j++) {
    let sum: Rat = [0n, 1n];
    for (let k = j; k < a.length; k++) {
      let term = mul(exact(a[k]), [BigInt(binom(k, j)), 1n]);
      for (let t = 0; t < k - j; t++) term = mul(term, mm);
      sum = add(sum, term);
    }
    out.push(roundRat(sum));
  }
  return out;
}
const binom = (n: number, k: number): number => (k === 0 ? 1 : (binom(n - 1, k - 1) * n) / k);
/** A rational rounded to the nearest double: the nearest of its 80-digit value and that value's two neighbours. */
function roundRat(r: Rat): number {
  const guess = toDouble(r);
  let best = guess;
  let bestErr: Rat = absRat(sub(exact(guess), r));
  for (const cand of [nextDown(guess), nextUp(guess)]) {
    const err = absRat(sub(exact(cand), r));
    if (lessRat(err, bestErr)) [best, bestErr] = [cand, err];
  }
  return best;
}
const absRat = ([n, d]: Rat): Rat => [n < 0n ? -n : n, d];
const lessRat = (a: Rat, b: Rat) => a[0] * b[1] < b[0] * a[1];
function nextUp(x: number): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  const b = v.getBigInt64(0);
  v.setBigInt64(0, x >= 0 ? b + 1n : b - 1n);
  return v.getFloat64(0);
}
function nextDown(x: number): number {
  return -nextUp(-x);
}

function directLoss(x: Float64Array, y: Float64Array, c: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    let f = 0;
    for (let k = c.length - 1; k >= 0; k--) f = f * x[i] + c[k];
    s += (f - y[i]) ** 2;
  }
  return s / x.length;
}

function waveData(n: number, seed: string, offset = 0, spread = 2) {
  const rng = createRng(seed, 'test');
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = offset + spread * rng();
    y[i] = 4 + 3 * Math.sin((Math.PI * (x[i] - offset)) / spread) * 2 + 0.3 * normal(rng);
  }
  return { x, y };
}

describe('polynomial regression', () => {
  it.each([1, 2, 3, 5])('finds the exact least-squares coefficients at degree %i (against a rational solve)', (degree) => {
    const { x, y } = waveData(14, `exact-${degree}`);
    const fit = polynomialFit(x, y, degree);
    const a = fit.reported.optimum()!;
    const c = coefficientsOfX(a, fit.centre);
    const reference = exactPolyFit(x, y, degree);
    const scale = Math.max(...reference.map(Math.abs));
    for (let k = 0; k <= degree; k++) expect(Math.abs(c[k] - reference[k])).toBeLessThan(1e-11 * scale);
    // The loss at the optimum is the mean squared residual of the exact coefficients.
    expect(fit.reported.loss(a)).toBeCloseTo(directLoss(x, y, reference), 12);
  });

  it('is linear regression at degree 1, to the last digits', () => {
    const { x, y } = waveData(40, 'deg1', 1000, 50);
    const fit = polynomialFit(x, y, 1);
    const poly = fit.reported;
    const line = linearModel(x, y);
    const a = coefficientsOfX(poly.optimum()!, fit.centre);
    const b = line.optimum()!;
    expect(Math.abs(a[0] - b[0])).toBeLessThan(1e-9 * Math.abs(b[0]));
    expect(Math.abs(a[1] - b[1])).toBeLessThan(1e-9 * Math.abs(b[1]));
    // The same line about the centre: a0 + a1·(x − m) = (a0 − a1·m) + a1·x.
    const about = (w: ArrayLike<number>) => f64([w[0] + w[1] * fit.centre, w[1]]);
    for (const w of [f64([3, -2]), f64([100, 0.5]), b]) expect(poly.loss(about(w))).toBeCloseTo(line.loss(w), 6);
  });

  it('gives the coefficients of x itself correctly rounded, where the expansion in doubles cancels them away', () => {
    // (x − 2000)² = x² − 4000x + 4,000,000, and a cubic about 2005.
    expect(coefficientsOfX([0, 0, 1], 2000)).toEqual([4_000_000, -4000, 1]);
    expect(coefficientsOfX([1, 2, 3, 4], 2005)).toEqual(exactExpansion([1, 2, 3, 4], 2005));
    expect(coefficientsOfX([0.1, -0.3, 0.7], 0.1)).toEqual(exactExpansion([0.1, -0.3, 0.7], 0.1));
  });

  it('computes the same loss as the residuals summed directly, anywhere', () => {
    const { x, y } = waveData(30, 'loss');
    const fit = polynomialFit(x, y, 4);
    const rng = createRng('loss', 'points');
    for (let t = 0; t < 20; t++) {
      const c = Float64Array.from({ length: 5 }, () => 10 * normal(rng));
      // The reported weights are about the centre: residuals of Σ cₖ·(x − centre)ᵏ.
      const direct = directLoss(Float64Array.from(x, (v) => v - fit.centre), y, c);
      expect(Math.abs(fit.reported.loss(c) - direct)).toBeLessThan(1e-10 * direct);
      const v = fit.reparametrization.toTrained(c);
      expect(Math.abs(fit.trained.loss(v) - direct)).toBeLessThan(1e-10 * direct);
    }
  });

  it('has exact gradients and Hessians in both coordinates (against central differences)', () => {
    const { x, y } = waveData(25, 'grad');
    const fit = polynomialFit(x, y, 3);
    const rng = createRng('grad', 'points');
    for (const objective of [fit.trained, fit.reported]) {
      const p = objective.dim;
      const w = Float64Array.from({ length: p }, () => normal(rng));
      const g = new Float64Array(p);
      objective.gradient(w, g);
      const h = new Float64Array(p * p);
      objective.hessian!(w, h);
      for (let k = 0; k < p; k++) {
        const step = 1e-5 * Math.max(1, Math.abs(w[k]));
        const plus = Float64Array.from(w);
        const minus = Float64Array.from(w);
        plus[k] += step;
        minus[k] -= step;
        const numeric = (objective.loss(plus) - objective.loss(minus)) / (2 * step);
        expect(Math.abs(g[k] - numeric)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
        const gp = new Float64Array(p);
        const gm = new Float64Array(p);
        objective.gradient(plus, gp);
        objective.gradient(minus, gm);
        for (let j = 0; j < p; j++) expect(Math.abs(h[j * p + k] - (gp[j] - gm[j]) / (2 * step))).toBeLessThan(1e-6 * Math.max(1, Math.abs(h[j * p + k])));
      }
    }
  });

  it('maps between standardized and centred coefficients both ways, and predicts the same curve', () => {
    const { x, y } = waveData(20, 'map', 3, 4);
    const fit = polynomialFit(x, y, 5);
    const { mean, std } = fit.reparametrization.summary.standardization!;
    const v = f64([1, -2, 0.5, 3, -1, 0.25]);
    const c = fit.reparametrization.toReported(v);
    const back = fit.reparametrization.toTrained(c);
    for (let k = 0; k < 6; k++) expect(back[k]).toBeCloseTo(v[k], 12);
    expect(fit.centre).toBe(mean);
    const predict = polynomialOf(5, fit.centre).predict;
    for (const xi of [3, 4.5, 7]) {
      const z = (xi - mean!) / std!;
      const viaZ = v.reduceRight((f, vk) => f * z + vk, 0);
      expect(predict(c, xi)).toBeCloseTo(viaZ, 8);
    }
  });

  it('descends a well-conditioned problem: the trained curvature is that of standardized powers', () => {
    const { x, y } = waveData(50, 'cond', 1990, 30);
    const fit = polynomialFit(x, y, 3);
    // Standardized powers of years: a condition number of a few hundred at most.
    expect(fit.trained.curvature() / fit.trained.minCurvature()).toBeLessThan(1e3);
  });

  it('keeps every digit for x far from 0 (years at degree 8): the reported loss is the residuals\' own', () => {
    const { x, y } = waveData(31, 'years', 1990, 30);
    const fit = polynomialFit(x, y, 8);
    const a = fit.reported.optimum()!;
    // The curve about the centre, summed directly: the loss at the reported optimum matches it.
    let direct = 0;
    for (let i = 0; i < x.length; i++) {
      const t = x[i] - fit.centre;
      let f = 0;
      for (let k = 8; k >= 0; k--) f = f * t + a[k];
      direct += (f - y[i]) ** 2;
    }
    direct /= x.length;
    expect(Math.abs(fit.reported.loss(a) - direct)).toBeLessThan(1e-9 * direct);
    expect(Math.abs(fit.trained.loss(fit.trained.optimum()!) - direct)).toBeLessThan(1e-9 * direct);
  });

  it('refuses x whose powers pass double precision at the degree, in one line', () => {
    const x = Float64Array.from({ length: 20 }, (_, i) => 1e30 * (1 + i));
    const y = Float64Array.from({ length: 20 }, (_, i) => i);
    expect(() => polynomialFit(x, y, 12)).toThrow(/--degree 12: x spreads by 5\.77e\+30, and its 12th power passes double precision; rescale the x column/);
    expect(() => polynomialFit(x, y, 2)).not.toThrow();
    const tiny = Float64Array.from({ length: 20 }, (_, i) => 1e-200 * (1 + i));
    expect(() => polynomialFit(tiny, y, 3)).toThrow(/--degree 3: x spreads by/);
    const huge = Float64Array.from({ length: 5 }, (_, i) => 1e200 * (1 + i));
    expect(() => polynomialFit(huge, y.subarray(0, 5), 1)).not.toThrow();
  });

  it('refuses a degree that the distinct x values cannot pin down, in one line naming both numbers', () => {
    const x = f64([1, 1, 2, 2, 3, 3]);
    const y = f64([1, 2, 3, 4, 5, 6]);
    expect(() => polynomialFit(x, y, 3)).toThrow('--degree 3 needs at least 4 different x values to have one best fit, and the data have 3; use --degree 2 or less');
    expect(() => polynomialFit(x, y, 2)).not.toThrow();
  });

  it('solves least squares by Householder QR exactly on a square system and refuses dependent columns', () => {
    const cols = [f64([1, 1, 1]), f64([1, 2, 3]), f64([1, 4, 9])];
    const v = householderLeastSquares(cols, f64([6, 17, 34]))!; // 1 + 2x + 3x²
    expect(Array.from(v).map((a) => Math.round(a * 1e12) / 1e12)).toEqual([1, 2, 3]);
    expect(householderLeastSquares([f64([1, 2, 3]), f64([2, 4, 6])], f64([1, 2, 3]))).toBeNull();
  });
});
