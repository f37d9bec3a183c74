import { shuffledIndices } from '../../random';
import { defineOptimizer, epochOrder, type OptimizerDescriptor } from './descriptor';
import { gdRate } from '../rates';

/**
 * The original rule, one sample per step: w ← w − α·eₙ·φ(xₙ), i.e. w0 ← w0 − α·eₙ, w1 ← w1 − α·eₙ·xₙ
 * (eₙ = rₙ for linear, pₙ − yₙ for logistic), visiting the samples in a seeded shuffled order drawn anew every epoch.
 */
export const sgd: OptimizerDescriptor = defineOptimizer({
  name: 'sgd',
  title: 'SGD',
  short: 'SGD',
  params: [],
  stochastic: true,
  needs: 'samples',
  // Its step α·eₙ·φₙ averages to α/gradientScale times the gradient (the 2 of d/dr r² is left out).
  sampling: { batch: () => 1, fullBatchRate: (p, model) => p.lr / model.gradientScale },
  velocity: false,
  plain: true,
  createStep(model, p, rng, draw) {
    const next = epochOrder(model.n, rng, shuffledIndices, draw);
    const phi = new Float64Array(model.dim);
    return (w, _t, lr) => {
      const i = next();
      const e = model.sampleError(i, w);
      model.features(i, phi);
      for (let k = 0; k < w.length; k++) w[k] -= lr * e * phi[k];
    };
  },
  // Half the inverse of the average single-sample curvature keeps the sample noise small; never more than
  // the gd rate times the gradient scale (sgd steps along eₙ, 1/gradientScale of the sample gradient).
  defaultRate: (model, _p, c) => Math.min(0.5 / model.sampleCurvatureMean(), model.gradientScale * gdRate(model, c.iterations)),
  // No one sample's update may overshoot.
  stableRate: (model) => 2 / model.sampleCurvatureMax(),
});
