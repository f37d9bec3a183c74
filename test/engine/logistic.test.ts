import { isSeparable, logisticModel, sigmoid, softplus } from '../../src/engine/logistic';
import { createRng, normal } from '../../src/random';
import { expectClose, f64, numericGradient } from '../helpers/approx';

function naiveLoss(x: Float64Array, y: Float64Array, w0: number, w1: number): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const p = 1 / (1 + Math.exp(-(w1 * x[i] + w0)));
    s += y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p);
  }
  return -s / x.length;
}

function overlapping(n: number, seed: string) {
  const rng = createRng(seed, 'test');
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 2;
    x[i] = (y[i] ? 1 : -1) + 1.5 * normal(rng);
  }
  return { x, y };
}

describe('logistic model', () => {
  it('matches the textbook cross-entropy where that is finite', () => {
    const { x, y } = overlapping(200, 'ce');
    const m = logisticModel(x, y);
    for (const [w0, w1] of [[0, 0], [0.3, 1.2], [-2, 0.5], [1, -3]]) {
      expectClose(m.loss([w0, w1]), naiveLoss(x, y, w0, w1), 1e-12);
    }
    expectClose(m.loss([0, 0]), Math.log(2), 1e-14);
  });

  it('never takes log(0): extreme weights give finite, correct losses', () => {
    const x = f64([-1, 1]);
    const y = f64([1, 0]); // both misclassified when w1 is large and positive
    const m = logisticModel(x, y);
    // Each sample loses softplus(1000) = 1000 (to double precision).
    expect(m.loss([0, 1000])).toBe(1000);
    expect(m.loss([0, -1000])).toBe(0);
    expect(softplus(-800)).toBe(0);
    expect(softplus(800)).toBe(800);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
  });

  it('has the gradient (1/N)Σ(p−y), (1/N)Σ(p−y)·x, matching central finite differences', () => {
    const { x, y } = overlapping(150, 'grad');
    const m = logisticModel(x, y);
    const g = new Float64Array(2);
    const rng = createRng('pts', 'test');
    for (let k = 0; k < 25; k++) {
      const w0 = 6 * rng() - 3;
      const w1 = 6 * rng() - 3;
      m.gradient([w0, w1], g);
      const [n0, n1] = numericGradient((a, b) => m.loss([a, b]), w0, w1);
      expectClose(g[0], n0, 1e-7);
      expectClose(g[1], n1, 1e-7);
    }
  });

  it('finds the exact maximum-likelihood fit (closed form for a two-valued x)', () => {
    // x ∈ {0, 1}: the MLE fits each group's rate exactly, so w0 = logit(p₀), w1 = logit(p₁) − logit(p₀).
    const x = f64([0, 0, 0, 0, 0, 1, 1, 1, 1]);
    const y = f64([1, 0, 0, 0, 0, 1, 1, 1, 0]);
    const opt = logisticModel(x, y).optimum()!;
    const logit = (p: number) => Math.log(p / (1 - p));
    expectClose(opt[0], logit(1 / 5), 1e-14);
    expectClose(opt[1], logit(3 / 4) - logit(1 / 5), 1e-14);
  });

  it('reaches zero gradient to full precision on data far from the origin', () => {
    const { x, y } = overlapping(400, 'far');
    for (let i = 0; i < x.length; i++) x[i] = 4000 + 300 * x[i];
    const m = logisticModel(x, y);
    const opt = m.optimum()!;
    const g = new Float64Array(2);
    m.gradient([opt[0], opt[1]], g);
    expect(Math.abs(g[0])).toBeLessThan(1e-13);
    expect(Math.abs(g[1])).toBeLessThan(1e-13 * 4000);
    // Moving either weight a little raises the loss.
    const best = m.loss([opt[0], opt[1]]);
    expect(m.loss([opt[0] * (1 + 1e-6), opt[1]])).toBeGreaterThan(best);
    expect(m.loss([opt[0], opt[1] * (1 + 1e-6)])).toBeGreaterThan(best);
  });

  it('has no finite optimum for separable classes', () => {
    expect(isSeparable(f64([1, 2, 3, 4]), f64([0, 0, 1, 1]))).toBe(true);
    expect(isSeparable(f64([1, 2, 3, 4]), f64([1, 1, 0, 0]))).toBe(true);
    expect(isSeparable(f64([1, 2, 2, 4]), f64([0, 0, 1, 1]))).toBe(true); // tie at 2: still no finite MLE
    expect(isSeparable(f64([1, 3, 2, 4]), f64([0, 0, 1, 1]))).toBe(false);
    expect(logisticModel(f64([1, 2, 3, 4]), f64([0, 0, 1, 1])).optimum()).toBeNull();
  });
});
