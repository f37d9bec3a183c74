import { defineOptimizer, type OptimizerDescriptor } from './descriptor';
import { momentumRate } from '../rates';

/** Nesterov's accelerated gradient: v ← β·v − α·∇g(w + β·v), w ← w + v. */
export const nesterov: OptimizerDescriptor = defineOptimizer({
  name: 'nesterov',
  title: 'Nesterov momentum',
  short: 'Nesterov',
  params: ['momentum'],
  stochastic: false,
  velocity: true,
  plain: false,
  createStep(model, p) {
    const g = new Float64Array(model.dim);
    const v = new Float64Array(model.dim);
    const ahead = new Float64Array(model.dim);
    return (w, _t, lr) => {
      for (let k = 0; k < w.length; k++) ahead[k] = w[k] + p.momentum * v[k];
      model.gradient(ahead, g);
      for (let k = 0; k < w.length; k++) {
        v[k] = p.momentum * v[k] - lr * g[k];
        w[k] += v[k];
      }
    };
  },
  defaultRate: (model, p, c) => momentumRate(model, p.momentum, c.iterations),
  // The exact limit on a quadratic with curvature L.
  stableRate: (model, p) => (2 * (1 + p.momentum)) / ((1 + 2 * p.momentum) * model.curvature()),
});
