import { shuffledIndices } from '../../random';
import { defineOptimizer, epochOrder, type Params, type OptimizerDescriptor } from './descriptor';
import { gdRate } from '../rates';

/** The samples of one step: --batch-size, at most all of them. */
const batchOf = (p: Params, n: number) => Math.max(1, Math.min(p.batchSize, n));

/** Steps along the gradient of the mean loss over B samples of the shuffled order (B = N is gd). */
export const minibatch: OptimizerDescriptor = defineOptimizer({
  name: 'minibatch',
  title: 'mini-batch SGD',
  short: 'mini-batch',
  params: ['batchSize'],
  stochastic: true,
  needs: 'samples',
  // Its step is α times the batch's mean gradient, which averages to the full gradient.
  sampling: { batch: batchOf, fullBatchRate: (p) => p.lr },
  velocity: false,
  plain: true,
  createStep(model, p, rng, draw) {
    const next = epochOrder(model.n, rng, shuffledIndices, draw);
    const size = batchOf(p, model.n);
    const phi = new Float64Array(model.dim);
    const g = new Float64Array(model.dim);
    return (w, _t, lr) => {
      g.fill(0);
      for (let b = 0; b < size; b++) {
        const i = next();
        const e = model.sampleError(i, w);
        model.features(i, phi);
        for (let k = 0; k < w.length; k++) g[k] += e * phi[k];
      }
      const scale = (lr * model.gradientScale) / size;
      for (let k = 0; k < w.length; k++) w[k] -= scale * g[k];
    };
  },
  defaultRate: (model, _p, c) => gdRate(model, c.iterations),
  // 2 over the largest curvature a batch can have: that of its steepest sample.
  stableRate: (model) => 2 / (model.gradientScale * model.sampleCurvatureMax()),
});
