import { adamMoments } from './adamMoments';
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
    const { m, v, update } = adamMoments(model, p);
    const vMax = new Float64Array(model.dim);
    return (w, t, lr) => {
      update(w);
      const c1 = 1 - p.beta1 ** t;
      const c2 = 1 - p.beta2 ** t;
      for (let k = 0; k < w.length; k++) {
        if (v[k] > vMax[k]) vMax[k] = v[k];
        w[k] -= (lr * (m[k] / c1)) / (Math.sqrt(vMax[k] / c2) + p.eps);
      }
    };
  },
  defaultRate: (model, _p, c) => adaptiveRate(model, c),
  stableRate: (model, p, c) => adaptiveStableRate(amsgrad, model, p, c),
});
