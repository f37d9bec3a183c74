import type { OptimizerDescriptor } from './descriptor';
import { adaptiveStableRate, distanceToOptimum } from '../rates';

/** AdaGrad: s ← s + g², w ← w − α·g/(√s + ε), per coordinate. */
export const adagrad: OptimizerDescriptor = {
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
    return (w) => {
      model.gradient(w, g);
      for (let k = 0; k < w.length; k++) {
        s[k] += g[k] * g[k];
        w[k] -= (p.lr * g[k]) / (Math.sqrt(s[k]) + p.eps);
      }
    };
  },
  // Its steps shrink like 1/√t: D/√N covers the distance D to the optimum over the run.
  defaultRate: (model, _p, c) => distanceToOptimum(model, c.init) / Math.sqrt(Math.max(c.iterations, 1)),
  stableRate: (model, p, c) => adaptiveStableRate(adagrad, model, p, c),
};
