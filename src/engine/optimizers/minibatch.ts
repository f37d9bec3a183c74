import { shuffledIndices } from '../../random';
import { epochOrder, type OptimizerDescriptor } from './descriptor';
import { gdRate } from '../rates';

/** Steps along the gradient of the mean loss over B samples of the shuffled order (B = N is gd). */
export const minibatch: OptimizerDescriptor = {
  name: 'minibatch',
  title: 'mini-batch SGD',
  short: 'mini-batch',
  params: ['batchSize'],
  stochastic: true,
  plain: true,
  createStep(model, p, rng) {
    const next = epochOrder(model.n, rng, shuffledIndices);
    const size = Math.max(1, Math.min(p.batchSize, model.n));
    return (w) => {
      let g0 = 0;
      let g1 = 0;
      for (let k = 0; k < size; k++) {
        const i = next();
        const e = model.sampleError(i, w[0], w[1]);
        g0 += e;
        g1 += e * model.x[i];
      }
      const scale = (p.lr * model.gradientScale) / size;
      w[0] -= scale * g0;
      w[1] -= scale * g1;
    };
  },
  defaultRate: (model, _p, c) => gdRate(model, c.iterations),
  // 2 over the largest curvature a batch can have: that of its steepest sample.
  stableRate: (model) => 2 / (model.gradientScale * model.sampleCurvatureMax()),
};
