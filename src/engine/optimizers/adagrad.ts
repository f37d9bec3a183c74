import { defineOptimizer, type OptimizerDescriptor } from './descriptor';
import { adaptiveStableRate, distanceToOptimum } from '../rates';

/** AdaGrad: s ← s + g², w ← w − α·g/(√s + ε), per coordinate. */
export const adagrad: OptimizerDescriptor = defineOptimizer({
  name: 'adagrad',
  title: 'AdaGrad',
  short: 'AdaGrad',
  params: ['eps'],
  stochastic: false,
  velocity: false,
  plain: false,
  createStep(model, p) {
    const g = new Float64Array(model.dim);
    const s = new Float64Array(model.dim);
    return (w, _t, lr) => {
      model.gradient(w, g);
      for (let k = 0; k < w.length; k++) {
        s[k] += g[k] * g[k];
        w[k] -= (lr * g[k]) / (Math.sqrt(s[k]) + p.eps);
      }
    };
  },
  // Its steps shrink like 1/√t: D/√N would just cover the distance D to the optimum over the run, but the
  // steps also shrink as the gradient does near the end; 3·D/√N arrived (closed 99 % of the loss gap) on all
  // 16 real single-feature problems of the default-run survey, D/√N on 11.
  defaultRate: (model, _p, c) => (3 * distanceToOptimum(model, c.init)) / Math.sqrt(Math.max(c.iterations, 1)),
  stableRate: (model, p, c) => adaptiveStableRate(adagrad, model, p, c),
});
