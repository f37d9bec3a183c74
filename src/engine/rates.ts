import type { OptimizerName } from '../types';
import type { Model } from './model';
import type { OptimizerParams } from './optimizers';

/**
 * The default learning rate: one that makes the default run converge visibly, derived from the curvature
 * of the problem being trained (after --standardize, if given), never from a constant that suits one data set.
 * - gd, minibatch, momentum, nesterov: 1/L, with L the largest eigenvalue of the Hessian (linear: exact,
 *   2·λmax of the mean of (1, x)(1, x)ᵀ; logistic: a quarter of that, a bound valid everywhere). 1/L is half
 *   the stability limit of gd, and the step that lands exactly in the minimum along the steepest direction.
 * - sgd: 1/(2·mean(κ·(1 + xₙ²))), half the inverse of the average curvature of one sample's update (κ = 1
 *   linear, 1/4 logistic): stable on average, and small enough that the single-sample noise settles.
 * - adagrad, rmsprop, adam: these step about α per coordinate whatever the gradient's size, so α is set from
 *   the distance D between the start and the optimum (the larger coordinate; 1 when there is no optimum):
 *   D/200 for rmsprop and adam, D/20 for adagrad, whose steps shrink like 1/√t.
 */
export function defaultLearningRate(model: Model, optimizer: OptimizerName, init: readonly [number, number]): number {
  switch (optimizer) {
    case 'gd':
    case 'minibatch':
    case 'momentum':
    case 'nesterov':
      return 1 / model.curvature();
    case 'sgd':
      return 0.5 / model.sampleCurvatureMean();
    case 'adagrad':
      return distanceToOptimum(model, init) / 20;
    case 'rmsprop':
    case 'adam':
      return distanceToOptimum(model, init) / 200;
  }
}

function distanceToOptimum(model: Model, init: readonly [number, number]): number {
  const opt = model.optimum();
  if (!opt) return 1;
  const d = Math.max(Math.abs(opt.w0 - init[0]), Math.abs(opt.w1 - init[1]));
  return d > 0 && Number.isFinite(d) ? d : 1;
}

/**
 * A learning rate below which the optimizer is stable on this problem.
 * - gd on linear data: the exact bound 2/λmax of the loss's Hessian (above it the descent diverges from
 *   almost every start). gd on logistic data: 2/L for the curvature bound L, which guarantees descent.
 * - momentum (heavy ball) and nesterov: their exact limits on a quadratic with curvature L,
 *   2(1+β)/L and 2(1+β)/((1+2β)·L).
 * - sgd: 2 over the largest single-sample curvature, so that no one sample's update overshoots.
 * - minibatch: 2 over the largest curvature a batch can have (that of its steepest sample).
 * - adagrad, rmsprop, adam: no closed-form limit; a tenth of the rate that failed.
 */
export function stableLearningRate(model: Model, optimizer: OptimizerName, p: OptimizerParams): number {
  const L = model.curvature();
  switch (optimizer) {
    case 'gd':
      return 2 / L;
    case 'momentum':
      return (2 * (1 + p.momentum)) / L;
    case 'nesterov':
      return (2 * (1 + p.momentum)) / ((1 + 2 * p.momentum) * L);
    case 'sgd':
      return 2 / model.sampleCurvatureMax();
    case 'minibatch':
      return 2 / (model.gradientScale * model.sampleCurvatureMax());
    case 'adagrad':
    case 'rmsprop':
    case 'adam':
      return p.lr / 10;
  }
}
