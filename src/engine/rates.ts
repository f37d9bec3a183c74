import type { OptimizerName } from '../types';
import type { Model } from './model';
import type { OptimizerParams } from './optimizers';

/**
 * The default learning rate: one that makes the default run converge visibly, derived from the curvature
 * of the problem being trained (after --standardize, if given) and from the number of iterations, never
 * from a constant that suits one data set. With λmax (L) and λmin the extreme eigenvalues of the Hessian:
 * - gd, minibatch: min(1/L, S/(N·λmin)). 1/L is half the stability limit and lands in the minimum along
 *   the steepest direction in one step; S/(N·λmin), with S = ln(10⁶), is the rate at which the slowest
 *   direction closes the loss gap by 10⁶ over the N iterations. The smaller of the two keeps a
 *   well-conditioned problem from converging in one frame and an ill-conditioned one stable.
 * - momentum, nesterov: the same with the second term times (1 − β), since momentum multiplies the
 *   effective step by about 1/(1 − β).
 * - sgd: min(1/(2·mean(κ·(1 + xₙ²))), the gd rule times the model's gradient scale): half the inverse of
 *   the average single-sample curvature (κ = 1 linear, 1/4 logistic) keeps the sample noise small.
 * - adagrad, rmsprop, adam: these step about α per coordinate whatever the gradient's size, so α is set from
 *   the distance D between the start and the optimum (the larger coordinate; 1 when there is no optimum):
 *   5·D/N for rmsprop and adam (they arrive in about a fifth of the run), D/√N for adagrad, whose steps
 *   shrink like 1/√t.
 */
export function defaultLearningRate(
  model: Model,
  optimizer: OptimizerName,
  init: readonly [number, number],
  iterations: number,
  momentum: number,
): number {
  const N = Math.max(iterations, 1);
  const visible = VISIBLE / (N * model.minCurvature());
  const gdRate = Math.min(1 / model.curvature(), visible > 0 && Number.isFinite(visible) ? visible : Infinity);
  switch (optimizer) {
    case 'gd':
    case 'minibatch':
      return gdRate;
    case 'momentum':
    case 'nesterov':
      return Math.min(1 / model.curvature(), (1 - momentum) * visible || Infinity);
    case 'sgd':
      return Math.min(0.5 / model.sampleCurvatureMean(), model.gradientScale * gdRate);
    case 'adagrad':
      return distanceToOptimum(model, init) / Math.sqrt(N);
    case 'rmsprop':
    case 'adam':
      return (5 * distanceToOptimum(model, init)) / N;
  }
}

/** ln(10⁶): the loss gap along the slowest direction shrinks by this many e-foldings over the run. */
const VISIBLE = Math.log(1e6);

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
 * - adagrad, rmsprop, adam: no closed-form limit; their steps are about α per coordinate, so the default
 *   rate (sized from the distance to the optimum, see defaultLearningRate) is safe, and never more than a
 *   tenth of the rate that failed.
 */
export function stableLearningRate(
  model: Model,
  optimizer: OptimizerName,
  p: OptimizerParams,
  iterations: number,
  init: readonly [number, number],
): number {
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
      return Math.min(p.lr / 10, defaultLearningRate(model, optimizer, init, iterations, p.momentum));
  }
}

/**
 * The rate to suggest after a run at `failed` went wrong: the stable bound when it is below the failed
 * rate; else half the failed rate, since a bound at or above it would be no advice (logistic bounds hold
 * for the steepest curvature anywhere, the adaptive ones are heuristic).
 */
export function belowFailedRate(bound: number, failed: number): number {
  return bound < failed ? bound : failed / 2;
}
