/**
 * Weights are a vector: a model with three weights (y = w0 + w1·x + w2·x², written here in the test only)
 * trains with every registered optimizer through the same engine, unchanged.
 */
import { OPTIMIZERS, optimizerOf } from '../../src/engine/optimizers';
import type { SampledObjective as Model } from '../../src/engine/objective';
import { train } from '../../src/engine/train';
import { createRng } from '../../src/random';
import { expectClose } from '../helpers/approx';

function quadraticModel(x: Float64Array, y: Float64Array): Model {
  const n = x.length;
  const phi = (i: number) => [1, x[i], x[i] * x[i]];
  const residual = (i: number, w: ArrayLike<number>) => w[0] + w[1] * x[i] + w[2] * x[i] * x[i] - y[i];
  return {
    name: 'quadratic',
    dim: 3,
    weightNames: ['w0', 'w1', 'w2'],
    minima: { kind: 'points', points: [{ w: [1, -2, 0.5], loss: 0, kind: 'global' }] },
    n,
    x,
    y,
    gradientScale: 2,
    loss: (w) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += residual(i, w) ** 2;
      return s / n;
    },
    gradient: (w, out) => {
      out.fill(0);
      for (let i = 0; i < n; i++) {
        const r = residual(i, w);
        phi(i).forEach((f, k) => (out[k] += (2 * r * f) / n));
      }
    },
    // Exact: (2/N) Σ φφᵀ (Newton's method needs it).
    hessian: (_w, out) => {
      out.fill(0);
      for (let i = 0; i < n; i++) phi(i).forEach((a, j) => phi(i).forEach((b, k) => (out[3 * j + k] += (2 * a * b) / n)));
    },
    sampleError: residual,
    features: (i, out) => out.set(phi(i)),
    optimum: () => Float64Array.of(1, -2, 0.5), // the data below lie exactly on this parabola
    curvature: () => 2 * 10, // a safe bound on the Hessian's largest eigenvalue for x in [-1, 1]
    minCurvature: () => 0.1,
    referenceLoss: () => 1,
    referenceWeights: () => Float64Array.of(0, 0, 0),
    sampleCurvatureMax: () => 3,
    sampleCurvatureMean: () => 2,
  };
}

const x = Float64Array.from({ length: 21 }, (_, i) => -1 + i / 10);
const y = x.map((v) => 1 - 2 * v + 0.5 * v * v);

describe('a model with three weights', () => {
  it.each(OPTIMIZERS)('%s steps all three weights and records them', (name) => {
    const m = quadraticModel(x, y);
    const params = { lr: 0.05, batchSize: 4, momentum: 0.5, beta1: 0.9, beta2: optimizerOf(name).defaults?.beta2 ?? 0.999, eps: 1e-8 };
    const r = train(m, null, { optimizer: optimizerOf(name), params, iterations: 50, init: [0, 0, 0], rng: createRng('v', 'order') });
    expect(r.trajectory.w).toHaveLength(3);
    expect(r.trajectory.w.every((c) => c.length === 51)).toBe(true);
    expect(r.trajectory.w[2][50]).not.toBe(0);
    expect(r.trajectory.loss[50]).toBeLessThan(r.trajectory.loss[0]);
  });

  it('gd is exactly w ← w − α·∇g on the vector, and converges to the exact optimum', () => {
    const m = quadraticModel(x, y);
    const params = { lr: 0.1, batchSize: 1, momentum: 0, beta1: 0, beta2: 0, eps: 0 };
    const r = train(m, null, { optimizer: optimizerOf('gd'), params, iterations: 20000, init: [0, 0, 0], rng: createRng('v', 'order') });
    const w = new Float64Array(3);
    const g = new Float64Array(3);
    m.gradient(w, g);
    expect(r.trajectory.w.map((c) => c[1])).toEqual(Array.from(w, (v, k) => v - 0.1 * g[k]));
    const last = r.iterations;
    [1, -2, 0.5].forEach((v, k) => expectClose(r.trajectory.w[k][last], v, 1e-9));
  });
});
