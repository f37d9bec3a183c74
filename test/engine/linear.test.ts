import { linearModel } from '../../src/engine/linear';
import { createRng, normal } from '../../src/random';
import { expectClose, f64, numericGradient } from '../helpers/approx';

// Anscombe's quartet, set I (Anscombe 1973): the published fit is y = 3.00 + 0.500x.
const ANSCOMBE_X = f64([10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5]);
const ANSCOMBE_Y = f64([8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68]);

function directLoss(x: Float64Array, y: Float64Array, w0: number, w1: number): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const r = w1 * x[i] + w0 - y[i];
    s += r * r;
  }
  return s / x.length;
}

function randomData(n: number, seed: string, offset = 0) {
  const rng = createRng(seed, 'test');
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = offset + 5 * rng();
    y[i] = -2 * x[i] + 7 + normal(rng);
  }
  return { x, y };
}

describe('linear model', () => {
  it('gives the exact least-squares fit of Anscombe I', () => {
    const m = linearModel(ANSCOMBE_X, ANSCOMBE_Y);
    const opt = m.optimum()!;
    // Exact: slope = Sxy/Sxx = 55.01/110, intercept = ȳ − slope·x̄ with x̄ = 9, ȳ = 82.51/11.
    expectClose(opt[1], 55.01 / 110, 1e-14);
    expectClose(opt[0], 82.51 / 11 - (55.01 / 110) * 9, 1e-13);
    expect(opt[0].toFixed(2)).toBe('3.00');
    expect(opt[1].toFixed(3)).toBe('0.500');
  });

  it('computes the loss from sufficient statistics equal to the direct mean of squares', () => {
    const { x, y } = randomData(500, 'loss');
    const m = linearModel(x, y);
    const rng = createRng('points', 'test');
    for (let k = 0; k < 50; k++) {
      const w0 = 20 * rng() - 10;
      const w1 = 20 * rng() - 10;
      expectClose(m.loss([w0, w1]), directLoss(x, y, w0, w1), 1e-12);
    }
  });

  it('has the gradient (2/N)Σr, (2/N)Σr·x, matching central finite differences', () => {
    const { x, y } = randomData(200, 'grad');
    const m = linearModel(x, y);
    const g = new Float64Array(2);
    const rng = createRng('gpoints', 'test');
    for (let k = 0; k < 30; k++) {
      const w0 = 10 * rng() - 5;
      const w1 = 10 * rng() - 5;
      m.gradient([w0, w1], g);
      let s0 = 0;
      let s1 = 0;
      for (let i = 0; i < x.length; i++) {
        const r = w1 * x[i] + w0 - y[i];
        s0 += r;
        s1 += r * x[i];
      }
      expectClose(g[0], (2 / x.length) * s0, 1e-11);
      expectClose(g[1], (2 / x.length) * s1, 1e-11);
      const [n0, n1] = numericGradient((a, b) => directLoss(x, y, a, b), w0, w1);
      expectClose(g[0], n0, 1e-6);
      expectClose(g[1], n1, 1e-6);
    }
  });

  it('stays exact where the naive Σy² − … form cancels: x near 10⁸, y exactly on a line', () => {
    const n = 1000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = 1e8 + i;
      y[i] = 2 * x[i] + 1;
    }
    const m = linearModel(x, y);
    const opt = m.optimum()!;
    expectClose(opt[1], 2, 1e-12);
    expect(Math.abs(opt[0] - 1)).toBeLessThan(1e-3); // w0 is 1 next to values of 2·10⁸
    expect(m.loss([opt[0], opt[1]])).toBeLessThan(1e-12);
    expectClose(m.loss([1, 2.5]), directLoss(x, y, 1, 2.5), 1e-12);
  });

  it('has zero gradient at its optimum', () => {
    const { x, y } = randomData(300, 'opt', 1000);
    const m = linearModel(x, y);
    const opt = m.optimum()!;
    const g = new Float64Array(2);
    m.gradient([opt[0], opt[1]], g);
    expect(Math.abs(g[0])).toBeLessThan(1e-9);
    expect(Math.abs(g[1])).toBeLessThan(1e-9 * 1000);
  });

  it('reports the Hessian eigenvalue exactly (H = 2·mean[(1,x)(1,x)ᵀ])', () => {
    const m = linearModel(f64([0, 1, 2]), f64([1, 2, 3]));
    // mean x = 1, mean x² = 5/3: λmax of [[1,1],[1,5/3]] = 4/3 + √(1/9 + 1).
    expectClose(m.curvature(), 2 * (4 / 3 + Math.sqrt(1 / 9 + 1)), 1e-14);
  });
});
