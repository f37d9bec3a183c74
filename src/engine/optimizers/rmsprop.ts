import { defineOptimizer, type OptimizerDescriptor } from './descriptor';
import { adaptiveRate, adaptiveStableRate } from '../rates';

/** RMSprop: s ← β2·s + (1 − β2)·g², w ← w − α·g/(√s + ε), per coordinate; its running mean decays with --beta2. */
export const rmsprop: OptimizerDescriptor = defineOptimizer({
  name: 'rmsprop',
  title: 'RMSprop',
  short: 'RMSprop',
  params: ['beta2', 'eps'],
  defaults: { beta2: 0.9 },
  paramHelp: { beta2: 'decay of its running mean' },
  stochastic: false,
  velocity: false,
  plain: false,
  createStep(model, p) {
    const g = new Float64Array(model.dim);
    const s = new Float64Array(model.dim);
    return (w, _t, lr) => {
      model.gradient(w, g);
      for (let k = 0; k < w.length; k++) {
        s[k] = p.beta2 * s[k] + (1 - p.beta2) * g[k] * g[k];
        w[k] -= (lr * g[k]) / (Math.sqrt(s[k]) + p.eps);
      }
    };
  },
  defaultRate: (model, _p, c) => adaptiveRate(model, c),
  stableRate: (model, p, c) => adaptiveStableRate(rmsprop, model, p, c),
});
