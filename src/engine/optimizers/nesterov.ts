import type { OptimizerDescriptor } from './descriptor';
import { momentumRate } from '../rates';

/** Nesterov's accelerated gradient: v ← β·v − α·∇g(w + β·v), w ← w + v. */
export const nesterov: OptimizerDescriptor = {
  name: 'nesterov',
  title: 'Nesterov momentum',
  short: 'Nesterov',
  params: ['momentum'],
  stochastic: false,
  plain: false,
  createStep(model, p) {
    const g = new Float64Array(2);
    const v = new Float64Array(2);
    return (w) => {
      model.gradient(w[0] + p.momentum * v[0], w[1] + p.momentum * v[1], g);
      for (let k = 0; k < w.length; k++) {
        v[k] = p.momentum * v[k] - p.lr * g[k];
        w[k] += v[k];
      }
    };
  },
  defaultRate: (model, p, c) => momentumRate(model, p.momentum, c.iterations),
  // The exact limit on a quadratic with curvature L.
  stableRate: (model, p) => (2 * (1 + p.momentum)) / ((1 + 2 * p.momentum) * model.curvature()),
};
