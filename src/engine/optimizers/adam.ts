import { adamMoments } from './adamMoments';
import { defineOptimizer, type OptimizerDescriptor } from './descriptor';
import { adaptiveRate, adaptiveStableRate } from '../rates';

/** Adam with bias correction: m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g², w ← w − α·m̂/(√v̂ + ε). */
export const adam: OptimizerDescriptor = defineOptimizer({
  name: 'adam',
  title: 'Adam',
  short: 'Adam',
  params: ['beta1', 'beta2', 'eps'],
  stochastic: false,
  velocity: true,
  plain: false,
  createStep(model, p) {
    const { m, v, update } = adamMoments(model, p);
    return (w, t, lr) => {
      update(w);
      const c1 = 1 - p.beta1 ** t;
      const c2 = 1 - p.beta2 ** t;
      for (let k = 0; k < w.length; k++) w[k] -= (lr * (m[k] / c1)) / (Math.sqrt(v[k] / c2) + p.eps);
    };
  },
  defaultRate: (model, _p, c) => adaptiveRate(model, c),
  stableRate: (model, p, c) => adaptiveStableRate(adam, model, p, c),
});
