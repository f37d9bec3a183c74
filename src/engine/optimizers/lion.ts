import { defineOptimizer, type OptimizerDescriptor } from './descriptor';
import { adaptiveStableRate, lionRate } from '../rates';

/**
 * Lion (Chen et al., "Symbolic Discovery of Optimization Algorithms"): a sign update.
 * c = β1·m + (1 − β1)·g, w ← w − α·sign(c), m ← β2·m + (1 − β2)·g, with β1 = 0.9 and β2 = 0.99 by default.
 * Every coordinate moves by exactly α each update (0 where c is 0), so near the optimum it keeps stepping by
 * α: a smaller rate (or a decaying --schedule) lands closer. No weight decay here (--weight-decay is AdamW's).
 */
export const lion: OptimizerDescriptor = defineOptimizer({
  name: 'lion',
  title: 'Lion',
  short: 'Lion',
  params: ['beta1', 'beta2'],
  defaults: { beta2: 0.99 },
  paramHelp: { beta1: 'weight of its momentum in the sign', beta2: 'decay of its momentum' },
  stochastic: false,
  velocity: true,
  plain: false,
  createStep(model, p) {
    const g = new Float64Array(model.dim);
    const m = new Float64Array(model.dim);
    return (w, _t, lr) => {
      model.gradient(w, g);
      for (let k = 0; k < w.length; k++) {
        w[k] -= lr * Math.sign(p.beta1 * m[k] + (1 - p.beta1) * g[k]);
        m[k] = p.beta2 * m[k] + (1 - p.beta2) * g[k];
      }
    };
  },
  defaultRate: (model, _p, c) => lionRate(model, c),
  stableRate: (model, p, c) => adaptiveStableRate(lion, model, p, c),
});
