import { defineOptimizer, type OptimizerDescriptor } from './descriptor';
import { momentumRate } from '../rates';

/** Heavy ball: v ← β·v + ∇g(w), w ← w − α·v. */
export const momentum: OptimizerDescriptor = defineOptimizer({
  name: 'momentum',
  title: 'momentum',
  short: 'momentum',
  params: ['momentum'],
  stochastic: false,
  velocity: true,
  plain: false,
  createStep(model, p) {
    const g = new Float64Array(model.dim);
    const v = new Float64Array(model.dim);
    return (w, _t, lr) => {
      model.gradient(w, g);
      for (let k = 0; k < w.length; k++) {
        v[k] = p.momentum * v[k] + g[k];
        w[k] -= lr * v[k];
      }
    };
  },
  defaultRate: (model, p, c) => momentumRate(model, p.momentum, c.iterations),
  // The exact limit on a quadratic with curvature L.
  stableRate: (model, p) => (2 * (1 + p.momentum)) / model.curvature(),
});
