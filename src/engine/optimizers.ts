import type { OptimizerName } from '../types';
import { shuffledIndices, type Rng } from '../random';
import type { Model } from './model';

/** Hyper-parameters of every optimizer; each reads the ones it needs. */
export interface OptimizerParams {
  lr: number;
  batchSize: number;
  momentum: number;
  beta1: number;
  beta2: number;
  eps: number;
}

/** One update of the weights w = [w0, w1] in place; t counts updates from 1. */
export type Step = (w: Float64Array, t: number) => void;

/**
 * Builds the update rule. Batch methods use the model's full gradient ∇g; `sgd` is the original rule, one
 * sample per step: w0 ← w0 − α·eₙ, w1 ← w1 − α·eₙ·xₙ (eₙ = rₙ for linear, pₙ − yₙ for logistic), visiting the
 * samples in a seeded shuffled order that is drawn anew every epoch. `minibatch` steps along the gradient of
 * the mean loss over B samples (so B = N is exactly `gd`).
 */
export function createStep(model: Model, name: OptimizerName, p: OptimizerParams, rng: Rng): Step {
  const g = new Float64Array(2);
  const { lr } = p;
  switch (name) {
    case 'gd':
      return (w) => {
        model.gradient(w[0], w[1], g);
        w[0] -= lr * g[0];
        w[1] -= lr * g[1];
      };
    case 'sgd': {
      const next = epochOrder(model.n, rng);
      return (w) => {
        const i = next();
        const e = model.sampleError(i, w[0], w[1]);
        w[0] -= lr * e;
        w[1] -= lr * e * model.x[i];
      };
    }
    case 'minibatch': {
      const next = epochOrder(model.n, rng);
      const size = Math.max(1, Math.min(p.batchSize, model.n));
      return (w) => {
        let g0 = 0;
        let g1 = 0;
        for (let k = 0; k < size; k++) {
          const i = next();
          const e = model.sampleError(i, w[0], w[1]);
          g0 += e;
          g1 += e * model.x[i];
        }
        const scale = (lr * model.gradientScale) / size;
        w[0] -= scale * g0;
        w[1] -= scale * g1;
      };
    }
    case 'momentum': {
      // Heavy ball: v ← β·v + ∇g(w), w ← w − α·v.
      const v = new Float64Array(2);
      return (w) => {
        model.gradient(w[0], w[1], g);
        v[0] = p.momentum * v[0] + g[0];
        v[1] = p.momentum * v[1] + g[1];
        w[0] -= lr * v[0];
        w[1] -= lr * v[1];
      };
    }
    case 'nesterov': {
      // Nesterov's accelerated gradient: v ← β·v − α·∇g(w + β·v), w ← w + v.
      const v = new Float64Array(2);
      return (w) => {
        model.gradient(w[0] + p.momentum * v[0], w[1] + p.momentum * v[1], g);
        v[0] = p.momentum * v[0] - lr * g[0];
        v[1] = p.momentum * v[1] - lr * g[1];
        w[0] += v[0];
        w[1] += v[1];
      };
    }
    case 'adagrad': {
      const s = new Float64Array(2);
      return (w) => {
        model.gradient(w[0], w[1], g);
        for (let k = 0; k < 2; k++) {
          s[k] += g[k] * g[k];
          w[k] -= (lr * g[k]) / (Math.sqrt(s[k]) + p.eps);
        }
      };
    }
    case 'rmsprop': {
      // The running mean of g² decays with β2 (--beta2).
      const s = new Float64Array(2);
      return (w) => {
        model.gradient(w[0], w[1], g);
        for (let k = 0; k < 2; k++) {
          s[k] = p.beta2 * s[k] + (1 - p.beta2) * g[k] * g[k];
          w[k] -= (lr * g[k]) / (Math.sqrt(s[k]) + p.eps);
        }
      };
    }
    case 'adam': {
      const m = new Float64Array(2);
      const v = new Float64Array(2);
      return (w, t) => {
        model.gradient(w[0], w[1], g);
        const c1 = 1 - p.beta1 ** t;
        const c2 = 1 - p.beta2 ** t;
        for (let k = 0; k < 2; k++) {
          m[k] = p.beta1 * m[k] + (1 - p.beta1) * g[k];
          v[k] = p.beta2 * v[k] + (1 - p.beta2) * g[k] * g[k];
          w[k] -= (lr * (m[k] / c1)) / (Math.sqrt(v[k] / c2) + p.eps);
        }
      };
    }
  }
}

/** Sample indices in a shuffled order, reshuffled at the start of every epoch. */
function epochOrder(n: number, rng: Rng): () => number {
  const order = new Uint32Array(n);
  let pos = n;
  return () => {
    if (pos === n) {
      shuffledIndices(n, rng, order);
      pos = 0;
    }
    return order[pos++];
  };
}
