import { adamMoments } from './adamMoments';
import { defineOptimizer, type OptimizerDescriptor } from './descriptor';
import { adaptiveRate, adaptiveStableRate } from '../rates';

/**
 * Nadam (Dozat): Adam with Nesterov's look-ahead. With m ← β1·m + (1 − β1)·g and v ← β2·v + (1 − β2)·g², the
 * step uses the next update's momentum instead of the current one:
 * m̄ = β1·m/(1 − β1^(t+1)) + (1 − β1)·g/(1 − β1^t), w ← w − α·m̄/(√(v/(1 − β2^t)) + ε)
 * (the form without a momentum-decay schedule, as Keras and PyTorch's default).
 */
export const nadam: OptimizerDescriptor = defineOptimizer({
  name: 'nadam',
  title: 'Nadam',
  short: 'Nadam',
  params: ['beta1', 'beta2', 'eps'],
  stochastic: false,
  velocity: true,
  plain: false,
  createStep(model, p) {
    const { g, m, v, update } = adamMoments(model, p);
    return (w, t, lr) => {
      update(w);
      const next = 1 - p.beta1 ** (t + 1);
      const c1 = 1 - p.beta1 ** t;
      const c2 = 1 - p.beta2 ** t;
      for (let k = 0; k < w.length; k++) {
        const ahead = (p.beta1 * m[k]) / next + ((1 - p.beta1) * g[k]) / c1;
        w[k] -= (lr * ahead) / (Math.sqrt(v[k] / c2) + p.eps);
      }
    };
  },
  defaultRate: (model, _p, c) => adaptiveRate(model, c),
  stableRate: (model, p, c) => adaptiveStableRate(nadam, model, p, c),
});
