/**
 * AdamW, Nadam, AMSGrad, Lion and Newton's method: each update against a step computed by hand from its rule,
 * convergence on the linear problem, and Newton's safeguard where the Hessian is not positive definite.
 */
import { descend, linearModel, logisticModel } from '../../src/engine';
import type { SampledObjective as Model } from '../../src/engine/objective';
import { OPTIMIZERS, optimizerOf, paramsFor, type OptimizerName } from '../../src/engine/optimizers';
import { newtonDirection } from '../../src/engine/optimizers/newton';
import { defineOptimizer } from '../../src/engine/optimizers/descriptor';
import { MlvisError, messages } from '../../src/errors';
import { createRng } from '../../src/random';
import { expectClose } from '../helpers/approx';
import { lineData } from '../helpers/data';

/** A two-weight model whose gradient at the k-th call is grads[k] (whatever w is), with the given Hessian. */
function scripted(grads: number[][], hessian?: number[]): Model {
  let call = 0;
  return {
    name: 'scripted', dim: 2, weightNames: ['w0', 'w1'], minima: { kind: 'unknown' }, n: 1, x: new Float64Array(1), y: new Float64Array(1), gradientScale: 1,
    loss: () => 0,
    gradient: (_w, out) => out.set(grads[call++]),
    ...(hessian ? { hessian: (_w: ArrayLike<number>, out: Float64Array) => out.set(hessian) } : {}),
    sampleError: () => 0, features: () => {}, optimum: () => null, curvature: () => 1, minCurvature: () => 1,
    referenceLoss: () => 1, referenceWeights: () => new Float64Array(2), sampleCurvatureMax: () => 1, sampleCurvatureMean: () => 1,
  };
}

/** Runs `steps` updates of an optimizer from w = (1, 1) at rate 0.1 on a scripted model. */
function stepped(name: OptimizerName, model: Model, steps: number, extra: Record<string, number> = {}): Float64Array {
  const step = optimizerOf(name).createStep(model, { lr: 0.1, ...extra }, createRng('s', 'o'));
  const w = Float64Array.of(1, 1);
  for (let t = 1; t <= steps; t++) step(w, t);
  return w;
}

const B1 = 0.9;
const B2 = 0.999;
const EPS = 1e-8;

describe('each update against a step computed by hand', () => {
  it('adamw: the Adam step plus α·λ·w, λ = --weight-decay (default 0.01)', () => {
    // t = 1, g = (2, 8): m̂ = g, v̂ = g², so the Adam part is g/(|g| + ε); the decay adds 0.01·w = 0.01.
    const w = stepped('adamw', scripted([[2, 8]]), 1);
    expectClose(w[0], 1 - 0.1 * (2 / (2 + EPS) + 0.01 * 1), 1e-15);
    expectClose(w[1], 1 - 0.1 * (8 / (8 + EPS) + 0.01 * 1), 1e-15);
    const strong = stepped('adamw', scripted([[2, 8]]), 1, { weightDecay: 0.5 });
    expectClose(strong[0], 1 - 0.1 * (1 + 0.5), 1e-8);
    // λ = 0 is Adam, to the bit.
    const grads = [[2, -3], [1, 0.5], [-4, 2]];
    expect(stepped('adamw', scripted(grads), 3, { weightDecay: 0 })).toEqual(stepped('adam', scripted(grads), 3));
  });

  it('nadam: the look-ahead momentum β1·m/(1 − β1^(t+1)) + (1 − β1)·g/(1 − β1^t)', () => {
    const w = stepped('nadam', scripted([[2, 8], [1, -1]]), 2);
    // t = 1: m = 0.1·g, so m̄ = 0.9·0.1·g/0.19 + 0.1·g/0.1 = (0.09/0.19 + 1)·g; v̂ = g².
    const w1 = [1 - (0.1 * (0.09 / 0.19 + 1) * 2) / (2 + EPS), 1 - (0.1 * (0.09 / 0.19 + 1) * 8) / (8 + EPS)];
    // t = 2: m = 0.9·m + 0.1·g, v = 0.999·v + 0.001·g².
    const m = [0.9 * 0.2 + 0.1 * 1, 0.9 * 0.8 + 0.1 * -1];
    const v = [0.999 * 0.004 + 0.001 * 1, 0.999 * 0.064 + 0.001 * 1];
    const c2 = 1 - B2 ** 2;
    const g2 = [1, -1];
    for (const k of [0, 1]) {
      const ahead = (B1 * m[k]) / (1 - B1 ** 3) + (0.1 * g2[k]) / (1 - B1 ** 2);
      expectClose(w[k], w1[k] - (0.1 * ahead) / (Math.sqrt(v[k] / c2) + EPS), 1e-14);
    }
  });

  it('amsgrad: the second moment is the running maximum, so a falling gradient does not enlarge the step', () => {
    // g falls from 10 to 0.1: v = 0.999·0.1 + 0.001·0.01 = 0.09991 < 0.1, so v̄ stays 0.1 where Adam takes 0.09991.
    const grads = [[10, 10], [0.1, 0.1]];
    const w = stepped('amsgrad', scripted(grads), 2);
    const first = 1 - (0.1 * 10) / (Math.sqrt(0.1 / 0.001) + EPS);
    const m = 0.9 * 1 + 0.1 * 0.1;
    const c1 = 1 - B1 ** 2;
    const c2 = 1 - B2 ** 2;
    expectClose(w[0], first - (0.1 * (m / c1)) / (Math.sqrt(0.1 / c2) + EPS), 1e-14);
    const adam = stepped('adam', scripted(grads), 2);
    expectClose(adam[0], first - (0.1 * (m / c1)) / (Math.sqrt(0.09991 / c2) + EPS), 1e-14);
    expect(w[0]).toBeGreaterThan(adam[0]);
  });

  it('lion: w ← w − α·sign(β1·m + (1 − β1)·g), then m ← β2·m + (1 − β2)·g, with β2 = 0.99 by default', () => {
    expect(paramsFor(optimizerOf('lion'), { lr: 1 })).toMatchObject({ beta1: 0.9, beta2: 0.99 });
    // t = 1: m = 0, so the sign is g's: both weights fall by α; m = 0.01·g = (0.01, 0.01).
    // t = 2, g = (−0.05, −0.2): c = 0.9·0.01 + 0.1·g = (0.004, −0.011): the momentum still wins on w0, not on w1.
    const w = stepped('lion', scripted([[1, 1], [-0.05, -0.2], [1, 1]]), 3);
    // t = 3, g = (1, 1): m = 0.99·0.01 + 0.01·g₂ = (0.0094, 0.0079), c > 0 for both.
    expect(Array.from(w)).toEqual([1 - 0.1 - 0.1 - 0.1, 1 - 0.1 + 0.1 - 0.1]);
    // β2 = 0: m is the last gradient itself, (1, 1), so c = 0.9 + 0.1·g₂ > 0 on both: both fall again.
    const beta2 = stepped('lion', scripted([[1, 1], [-0.05, -0.2]]), 2, { beta2: 0 });
    expect(Array.from(beta2)).toEqual([1 - 0.1 - 0.1, 1 - 0.1 - 0.1]);
    // β1 = 0: the sign of the gradient alone.
    expect(Array.from(stepped('lion', scripted([[1, 1], [-0.05, -0.2]]), 2, { beta1: 0 }))).toEqual([1 - 0.1 + 0.1, 1 - 0.1 + 0.1]);
  });

  it('newton: w ← w − α·H⁻¹·∇g with the exact Hessian', () => {
    // H = [[2, 1], [1, 4]], g = (3, 5): H⁻¹g = (4·3 − 5, 2·5 − 3)/7 = (1, 1).
    const w = stepped('newton', scripted([[3, 5]], [2, 1, 1, 4]), 1);
    expectClose(w[0], 1 - 0.1 * 1, 1e-15);
    expectClose(w[1], 1 - 0.1 * 1, 1e-15);
    expect(optimizerOf('newton').defaultRate(scripted([]), { lr: NaN }, { init: [0, 0], iterations: 10 })).toBe(1);
  });
});

describe("Newton's safeguard where the Hessian is not positive definite", () => {
  it('damps the step (H + μ·I) so that it descends, where the plain Newton step would climb', () => {
    // The saddle w0² − w1² at (1, 1): g = (2, −2), H = diag(2, −2). The plain step H⁻¹g = (1, 1) would go to the
    // saddle point, up along w1. μ = 10⁻³·2·10ᵏ: the first that makes −2 + μ > 0 is 20.
    const d = new Float64Array(2);
    const mu = newtonDirection(Float64Array.of(2, 0, 0, -2), Float64Array.of(2, -2), 2, d, new Float64Array(4));
    expectClose(mu, 20, 1e-12);
    expectClose(d[0], 2 / 22, 1e-15);
    expectClose(d[1], -2 / 18, 1e-15);
    // A descent direction: gᵀd > 0, and the loss falls along −d.
    expect(2 * d[0] - 2 * d[1]).toBeGreaterThan(0);
    const loss = (a: number, b: number) => a * a - b * b;
    expect(loss(1 - d[0], 1 - d[1])).toBeLessThan(loss(1, 1));
  });

  it('a singular Hessian is damped too; a zero one gives the gradient step', () => {
    const d = new Float64Array(2);
    expect(newtonDirection(Float64Array.of(1, 1, 1, 1), Float64Array.of(1, 0), 2, d, new Float64Array(4))).toBeGreaterThan(0);
    expect(d[0]).toBeGreaterThan(0);
    expect(newtonDirection(new Float64Array(4), Float64Array.of(3, -4), 2, d, new Float64Array(4))).toBe(Infinity);
    expect(Array.from(d)).toEqual([3, -4]);
  });

  it('refuses an objective without a Hessian, in one line naming the fix', () => {
    const make = () => optimizerOf('newton').createStep(scripted([[1, 1]]), { lr: 1 }, createRng('s', 'o'));
    expect(make).toThrow(new MlvisError(messages.needsHessian('newton'), 2));
    expect(() => make()).toThrow(MlvisError);
  });
});

describe('the exact Hessians of the regression models', () => {
  const data = lineData(300, 'hess');
  const hessianByDifferences = (m: Model, w: number[]) => {
    const out: number[] = [];
    const g = new Float64Array(2);
    const h = 1e-5;
    for (const j of [0, 1]) {
      const plus = [...w];
      const minus = [...w];
      plus[j] += h;
      minus[j] -= h;
      m.gradient(plus, g);
      const gp = Array.from(g);
      m.gradient(minus, g);
      gp.forEach((v, k) => (out[k * 2 + j] = (v - g[k]) / (2 * h)));
    }
    return out;
  };

  it.each([
    ['linear', linearModel(data.x, data.y)],
    ['logistic', logisticModel(data.x, Float64Array.from(data.y, (v) => (v > 7 ? 1 : 0)))],
  ])('%s: matches finite differences of the gradient', (_name, m) => {
    for (const w of [[0, 0], [1.5, -0.5], [-2, 3]]) {
      const exact = new Float64Array(4);
      m.hessian!(w, exact);
      hessianByDifferences(m, w).forEach((v, i) => expectClose(exact[i], v, 1e-6));
      expect(exact[1]).toBe(exact[2]);
    }
  });

  it('linear: (2/N) Σ φφᵀ in closed form, so one Newton step at rate 1 lands on the optimum', () => {
    const m = linearModel(data.x, data.y);
    const h = new Float64Array(4);
    m.hessian!([0, 0], h);
    const n = data.x.length;
    const sx = data.x.reduce((a, b) => a + b, 0);
    const sxx = data.x.reduce((a, b) => a + b * b, 0);
    [2, (2 * sx) / n, (2 * sx) / n, (2 * sxx) / n].forEach((v, i) => expectClose(h[i], v, 1e-12));
    const r = descend(data, { model: 'linear', optimizer: 'newton', iterations: 1, seed: 's', init: [0, 0], standardize: false });
    const opt = m.optimum()!;
    expectClose(r.trajectory.w[0][1], opt[0], 1e-9);
    expectClose(r.trajectory.w[1][1], opt[1], 1e-9);
  });
});

describe('convergence on the linear problem, at each default rate', () => {
  const data = lineData(200, 'conv');
  it.each(['adamw', 'nadam', 'amsgrad', 'lion', 'newton'] as const)('%s converges, raw and standardized', (optimizer) => {
    for (const standardize of [false, true]) {
      const r = descend(data, { model: 'linear', optimizer, iterations: 1000, seed: 's', init: [0, 0], standardize });
      expect(r.diverged).toBeNull();
      expect(r.assessment.verdict).toBe('converged');
      expect(r.assessment.gapClosed!).toBeGreaterThan(0.999);
    }
  });

  it("lion's default rate is a third of Adam's; the adaptive ones share Adam's; newton's is 1", () => {
    const rate = (optimizer: OptimizerName) => descend(data, { model: 'linear', optimizer, iterations: 0, seed: 's', init: [0, 0], standardize: true }).lr;
    expectClose(rate('lion'), rate('adam') / 3, 1e-15);
    for (const o of ['adamw', 'nadam', 'amsgrad'] as const) expect(rate(o)).toBe(rate('adam'));
    expect(rate('newton')).toBe(1);
  });

  it('a definition with only the fields the README lists is a whole optimizer (its flags default from needs)', () => {
    const signGd = defineOptimizer({
      name: 'signgd', title: 'sign gradient descent', short: 'signGD', params: [],
      createStep: (model) => {
        const g = new Float64Array(model.dim);
        return (w, _t, lr) => {
          model.gradient(w, g);
          for (let k = 0; k < w.length; k++) w[k] -= lr * Math.sign(g[k]);
        };
      },
      defaultRate: () => 0.01,
      stableRate: () => Infinity,
    });
    expect([signGd.stochastic, signGd.plain, signGd.velocity]).toEqual([false, false, false]);
    const data = lineData(20, 'sign');
    const model = linearModel(data.x, data.y);
    const step = signGd.createStep(model, { lr: 0.5 }, createRng('x', 'test'));
    const w = Float64Array.of(1, 1);
    const g = new Float64Array(2);
    model.gradient(w, g);
    step(w, 1, 0.5);
    expect(Array.from(w)).toEqual([1 - 0.5 * Math.sign(g[0]), 1 - 0.5 * Math.sign(g[1])]);
    expect(optimizerOf('sgd').stochastic).toBe(true);
  });

  it('every registered optimizer is one of the thirteen, each with its own file and title', () => {
    expect(OPTIMIZERS).toEqual(['gd', 'sgd', 'minibatch', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'adamw', 'nadam', 'amsgrad', 'lion', 'newton']);
  });
});
