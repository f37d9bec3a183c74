import { defineOptimizer, type OptimizerDescriptor } from './descriptor';
import { gdRate } from '../rates';

/** Gradient descent, exactly w ← w − α·∇g(w): no clipping, normalisation or early stop. */
export const gd: OptimizerDescriptor = defineOptimizer({
  name: 'gd',
  title: 'gradient descent',
  short: 'GD',
  params: [],
  stochastic: false,
  velocity: false,
  plain: true,
  createStep(model, p) {
    const g = new Float64Array(model.dim);
    return (w, _t, lr) => {
      model.gradient(w, g);
      for (let k = 0; k < w.length; k++) w[k] -= lr * g[k];
    };
  },
  defaultRate: (model, _p, c) => gdRate(model, c.iterations),
  // Linear: the exact bound 2/λmax of the Hessian. Logistic: 2/L for the curvature bound L, which
  // guarantees descent.
  stableRate: (model) => 2 / model.curvature(),
});
