import { shuffledIndices } from '../../random';
import { epochOrder, type OptimizerDescriptor } from './descriptor';
import { gdRate } from '../rates';

/**
 * The original rule, one sample per step: w0 ← w0 − α·eₙ, w1 ← w1 − α·eₙ·xₙ (eₙ = rₙ for linear, pₙ − yₙ
 * for logistic), visiting the samples in a seeded shuffled order drawn anew every epoch.
 */
export const sgd: OptimizerDescriptor = {
  name: 'sgd',
  title: 'SGD',
  short: 'SGD',
  params: [],
  stochastic: true,
  plain: true,
  createStep(model, p, rng) {
    const next = epochOrder(model.n, rng, shuffledIndices);
    return (w) => {
      const i = next();
      const e = model.sampleError(i, w[0], w[1]);
      w[0] -= p.lr * e;
      w[1] -= p.lr * e * model.x[i];
    };
  },
  // Half the inverse of the average single-sample curvature keeps the sample noise small; never more than
  // the gd rate times the gradient scale (sgd steps along eₙ, 1/gradientScale of the sample gradient).
  defaultRate: (model, _p, c) => Math.min(0.5 / model.sampleCurvatureMean(), model.gradientScale * gdRate(model, c.iterations)),
  // No one sample's update may overshoot.
  stableRate: (model) => 2 / model.sampleCurvatureMax(),
};
