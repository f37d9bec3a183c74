import { defineOptimizer, type OptimizerDescriptor } from './descriptor';
import { adaptiveRate, adaptiveStableRate } from '../rates';

/**
 * AMSGrad (Reddi, Kale and Kumar): Adam whose second moment never decreases, so its per-coordinate step can
 * only shrink. m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g², v̄ ← max(v̄, v),
 * w ← w − α·(m/(1 − β1^t))/(√(v̄/(1 − β2^t)) + ε) (the bias corrections as PyTorch applies them).
 */
export const amsgrad: OptimizerDescriptor = defineOptimizer({
  name: 'amsgrad',
  title: 'AMSGrad',
  short: 'AMSGrad',
  params: ['beta1', 'beta2', 'eps'],
  stochastic: false,
  velocity: true,
  plain: false,
  createStep(model, p) {
    const g = new Float64Array(model.dim);
    const m = new Float64Array(model.dim);
    const v = new Float64Array(model.dim);
    const vMax = new Float64Array(model.dim);
    return (w, t, lr) => {
      model.gradient(w, g);
      const c1 = 1 - p.beta1 ** t;
      const c2 = 1 - p.beta2 ** t;
      for (let k = 0; k < w.length; k++) {
        m[k] = p.beta1 * m[k] + (1 - p.beta1) * g[k];
        v[k] = p.beta2 * v[k] + (1 - p.beta2) * g[k] * g[k];
        if (v[k] > vMax[k]) vMax[k] = v[k];
        w[k] -= (lr * (m[k] / c1)) / (Math.sqrt(vMax[k] / c2) + p.eps);
      }
    };
  },
  defaultRate: (model, _p, c) => adaptiveRate(model, c),
  stableRate: (model, p, c) => adaptiveStableRate(amsgrad, model, p, c),
});
