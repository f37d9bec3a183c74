/**
 * The engine trains objectives: a caller's own objective (a 2-D quadratic written here) descends through the
 * public engine API to its known minimum; the optimizers that need samples are refused one without them, as
 * their descriptors declare; regressions are sampled objectives, landscapes are not.
 */
import { descendOn, isSampled, OPTIMIZERS, optimizerOf, refuseUnmet, setUpObjective, setUpProblem, type Objective, type ObjectiveSpec } from '../../src/engine';
import { landscapeObjective, landscapeOf } from '../../src/engine/landscape';
import { linearModel } from '../../src/engine/linear';
import { logisticModel } from '../../src/engine/logistic';
import { train } from '../../src/engine/train';
import { MlvisError, messages } from '../../src/errors';
import { createRng } from '../../src/random';
import { expectClose } from '../helpers/approx';
import { lineData } from '../helpers/data';

/** f(w) = ½·(w − c)ᵀA(w − c) + 5 with A = [[3, 1], [1, 2]] (eigenvalues (5 ± √5)/2) and c = (1, −2). */
function quadratic(withHessian = true): Objective {
  const c = [1, -2];
  const A = [3, 1, 1, 2];
  return {
    name: 'quadratic',
    dim: 2,
    weightNames: ['a', 'b'],
    minima: { kind: 'points', points: [{ w: c, loss: 5, kind: 'global' }] },
    loss: (w) => {
      const d0 = w[0] - c[0];
      const d1 = w[1] - c[1];
      return 0.5 * (A[0] * d0 * d0 + 2 * A[1] * d0 * d1 + A[3] * d1 * d1) + 5;
    },
    gradient: (w, out) => {
      const d0 = w[0] - c[0];
      const d1 = w[1] - c[1];
      out[0] = A[0] * d0 + A[1] * d1;
      out[1] = A[2] * d0 + A[3] * d1;
    },
    ...(withHessian ? { hessian: (_w: ArrayLike<number>, out: Float64Array) => out.set(A) } : {}),
    optimum: () => Float64Array.from(c),
    curvature: () => (5 + Math.sqrt(5)) / 2,
    minCurvature: () => (5 - Math.sqrt(5)) / 2,
    referenceLoss: () => 0.5 * (3 * 1 + 2 * 1 * 2 + 2 * 4) + 5, // f(0, 0)
    referenceWeights: () => new Float64Array(2),
  };
}

const SETTINGS = { iterations: 1000, seed: 'objective' } as const;
const START = [-3, 2];
/** The optimizers that do not need samples: what the refusal offers instead. */
const WITHOUT_SAMPLES = OPTIMIZERS.filter((n) => optimizerOf(n).needs !== 'samples');

describe('a caller\u2019s own objective, through the public engine API', () => {
  it('gd at its default rate converges to the known minimum (1, -2), and reports the minimum it aimed at', () => {
    const problem = setUpObjective(quadratic(), START);
    expect(problem.optimum).toEqual({ w: [1, -2], loss: 5 });
    expect(problem.descriptor.weightNames).toEqual(['a', 'b']);
    const d = descendOn(problem, { ...SETTINGS, optimizer: 'gd' });
    // min(1/L, ln(10⁶)/(N·λmin)): the slow direction's rate.
    expectClose(d.lr, Math.log(1e6) / (1000 * ((5 - Math.sqrt(5)) / 2)), 1e-15);
    expect(d.assessment.verdict).toBe('converged');
    expect(d.diverged).toBeNull();
    expectClose(d.trajectory.w[0][1000], 1, 1e-5);
    expectClose(d.trajectory.w[1][1000], -2, 1e-5);
    expectClose(d.trajectory.loss[1000], 5, 1e-10);
    // The first step is exactly w − α·∇f.
    expect(d.trajectory.w[0][1]).toBe(-3 - d.lr * (3 * -4 + 1 * 4));
    expect(d.trajectory.w[1][1]).toBe(2 - d.lr * (1 * -4 + 2 * 4));
  });

  it('adam at its default rate ends at the minimum too (within a few of its own steps)', () => {
    const d = descendOn(setUpObjective(quadratic(), START), { ...SETTINGS, optimizer: 'adam' });
    // 5·D/N with D = 4, the larger coordinate's distance from the start to the minimum.
    expect(d.lr).toBe(0.02);
    expect(d.assessment.verdict).toBe('converged');
    expect(Math.hypot(d.trajectory.w[0][1000] - 1, d.trajectory.w[1][1000] + 2)).toBeLessThan(1e-3);
  });

  it("newton lands on a quadratic's minimum in one step, and is refused an objective without a Hessian", () => {
    const d = descendOn(setUpObjective(quadratic(), START), { ...SETTINGS, iterations: 3, optimizer: 'newton' });
    expectClose(d.trajectory.w[0][1], 1, 1e-14);
    expectClose(d.trajectory.w[1][1], -2, 1e-14);
    expect(() => descendOn(setUpObjective(quadratic(false), START), { ...SETTINGS, optimizer: 'newton' })).toThrow(messages.needsHessian('newton'));
  });

  it('keeps the curvature and scales it gives', () => {
    const problem = setUpObjective(quadratic(), START);
    expect(problem.objective.curvature()).toBe((5 + Math.sqrt(5)) / 2);
    expect(problem.objective.referenceLoss()).toBe(12.5);
  });

  it('a start of the wrong length is refused', () => {
    expect(() => setUpObjective(quadratic(), [0, 0, 0])).toThrow(RangeError);
  });
});

describe('an objective that leaves its curvature out', () => {
  /** The quadratic as a caller may write it: the loss, the gradient, the names and the minimum only. */
  function bare(withHessian: boolean): ObjectiveSpec {
    const { optimum: _o, curvature: _c, minCurvature: _m, referenceLoss: _r, referenceWeights: _w, ...rest } = quadratic(withHessian);
    return rest;
  }

  it.each([
    ['the exact Hessian', true, 1e-14],
    ['differences of the exact gradient', false, 1e-9],
  ])('gets it measured from %s: the eigenvalues (5 ± √5)/2, the start as the reference weights', (_how, withHessian, tol) => {
    const problem = setUpObjective(bare(withHessian), START);
    const o = problem.objective;
    expectClose(o.curvature(), (5 + Math.sqrt(5)) / 2, tol);
    expectClose(o.minCurvature(), (5 - Math.sqrt(5)) / 2, tol);
    expect(Array.from(o.optimum()!)).toEqual([1, -2]);
    expect(Array.from(o.referenceWeights())).toEqual(START);
    // The highest loss over the box of the start and the minimum: a corner, at least the start's own loss.
    expect(o.referenceLoss()).toBeGreaterThanOrEqual(o.loss(START));
  });

  it('gd at the rate those give converges to the minimum', () => {
    const d = descendOn(setUpObjective(bare(true), START), { ...SETTINGS, optimizer: 'gd' });
    expectClose(d.lr, Math.log(1e6) / (1000 * ((5 - Math.sqrt(5)) / 2)), 1e-12);
    expect(d.assessment.verdict).toBe('converged');
    expectClose(d.trajectory.w[0][1000], 1, 1e-5);
    expectClose(d.trajectory.w[1][1000], -2, 1e-5);
  });
});

describe('optimizers that need samples', () => {
  it('sgd and minibatch declare it on their descriptors; no other optimizer does', () => {
    expect(OPTIMIZERS.filter((n) => optimizerOf(n).needs === 'samples')).toEqual(['sgd', 'minibatch']);
  });

  it.each(['sgd', 'minibatch'] as const)('%s on an objective without samples: the usage error, exit code 2, from the engine', (optimizer) => {
    const problem = setUpObjective(quadratic(), START);
    const run = () => descendOn(problem, { ...SETTINGS, optimizer });
    expect(run).toThrow(MlvisError);
    expect(run).toThrow(messages.noSamples(optimizer, WITHOUT_SAMPLES));
    try {
      run();
    } catch (e) {
      expect((e as MlvisError).exitCode).toBe(2);
    }
    // The lower-level entry refuses it the same way, before any step.
    const params = { lr: 0.1 };
    expect(() => train(problem.objective, null, { optimizer: optimizerOf(optimizer), params, iterations: 5, init: START, rng: createRng('s', 'order') })).toThrow(messages.noSamples(optimizer, WITHOUT_SAMPLES));
  });

  it('the refusal reads the objective, not the model: a landscape is refused, a regression is not', () => {
    const l = landscapeOf({ name: 'rosenbrock' });
    const objective = landscapeObjective(l, [-1.5, 2]);
    expect(isSampled(objective)).toBe(false);
    expect(() => refuseUnmet(optimizerOf('sgd'), objective)).toThrow(messages.noSamples('sgd', WITHOUT_SAMPLES));
    expect(() => refuseUnmet(optimizerOf('gd'), objective)).not.toThrow();
    const data = lineData(40, 'samples');
    expect(() => refuseUnmet(optimizerOf('sgd'), linearModel(data.x, data.y))).not.toThrow();
    const d = descendOn(setUpProblem(data, { model: 'linear', standardize: false, init: [0, 0] }), { ...SETTINGS, iterations: 20, optimizer: 'sgd' });
    expect(d.iterations).toBe(20);
  });
});

describe('objectives as the engine sees them', () => {
  it('linear and logistic regression are sampled objectives with named weights and their minima', () => {
    const data = lineData(60, 'minima');
    const lin = linearModel(data.x, data.y);
    expect(isSampled(lin)).toBe(true);
    expect(lin.weightNames).toEqual(['w0', 'w1']);
    const opt = lin.optimum()!;
    expect(lin.minima).toEqual({ kind: 'points', points: [{ w: [opt[0], opt[1]], loss: lin.loss(opt), kind: 'global' }] });
    const labels = Float64Array.from(data.x, (v, i) => (data.y[i] > 3 * v + 4 ? 1 : 0));
    const log = logisticModel(data.x, labels);
    expect(isSampled(log)).toBe(true);
    expect(log.minima.kind).toBe('points');
    // Separable classes: no finite minimum, and the reason is said.
    const separable = logisticModel(Float64Array.of(1, 2, 3, 4), Float64Array.of(0, 0, 1, 1));
    expect(separable.minima.kind).toBe('none');
  });

  it('a landscape is a plain objective: its weights x and y, its known minima, its curvature, no samples', () => {
    const l = landscapeOf({ name: 'himmelblau' });
    const o = landscapeObjective(l, [0, 0]);
    expect(o.weightNames).toEqual(['x', 'y']);
    expect(o.minima).toBe(l.minima);
    expect('n' in o || 'sampleError' in o).toBe(false);
    expect(o.curvature()).toBeGreaterThan(0);
    // The optimum aimed at is the global minimum nearest the start, exactly.
    expect(Array.from(o.optimum()!)).toEqual([3, 2]);
  });
});
