import type { Objective } from './objective';
import type { OptimizerDescriptor, OptimizerParams, RateContext } from './optimizers/descriptor';

/**
 * The rules behind the default and the stable learning rates. Each optimizer's descriptor picks its rule;
 * all of them derive the rate from the curvature of the problem being trained (after standardizing, if on)
 * and from the number of iterations, never from a constant that suits one data set. With λmax (L) and λmin
 * the extreme eigenvalues of the Hessian:
 * - gd, minibatch: min(1/L, S/(N·λmin)). 1/L is half the stability limit and lands in the minimum along
 *   the steepest direction in one step; S/(N·λmin), with S = ln(10⁶), is the rate at which the slowest
 *   direction closes the loss gap by 10⁶ over the N iterations. The smaller of the two keeps a
 *   well-conditioned problem from converging in one frame and an ill-conditioned one stable.
 * - momentum, nesterov: the same with the second term times (1 − β), since momentum multiplies the
 *   effective step by about 1/(1 − β).
 * - adagrad, rmsprop, adam, adamw, nadam, amsgrad: these step about α per coordinate whatever the gradient's
 *   size, so α is set from the distance D between the start and the optimum (the larger coordinate; 1 when
 *   there is no optimum).
 * - lion: a third of Adam's rate (see lionRate).
 * - newton: 1, the full Newton step; stable below 2 (exact on a quadratic).
 * Every rule is about the base rate: a --schedule never exceeds it (see schedule.ts).
 */

/** ln(10⁶): the loss gap along the slowest direction shrinks by this many e-foldings over the run. */
const VISIBLE = Math.log(1e6);

function visibleRate(model: Objective, iterations: number): number {
  const v = VISIBLE / (Math.max(iterations, 1) * model.minCurvature());
  return v > 0 && Number.isFinite(v) ? v : Infinity;
}

/** gd and minibatch: min(1/L, ln(10⁶)/(N·λmin)). */
export function gdRate(model: Objective, iterations: number): number {
  return Math.min(1 / model.curvature(), visibleRate(model, iterations));
}

/** momentum and nesterov: min(1/L, (1 − β)·ln(10⁶)/(N·λmin)). */
export function momentumRate(model: Objective, beta: number, iterations: number): number {
  return Math.min(1 / model.curvature(), (1 - beta) * visibleRate(model, iterations) || Infinity);
}

/** rmsprop and adam: 5·D/N, so they arrive in about a fifth of the run. */
export function adaptiveRate(model: Objective, c: RateContext): number {
  return (5 * distanceToOptimum(model, c.init)) / Math.max(c.iterations, 1);
}

/**
 * lion: (5/3)·D/N, a third of adaptiveRate. Its sign step moves every coordinate by exactly α at every update,
 * where Adam's m̂/√v̂ is below 1 once the gradient's sign wavers, so the same α carries Lion further; its
 * authors advise a rate 3 to 10 times smaller than AdamW's. A third is the largest of those: at it Lion covers
 * D in about 3/5 of the run and then bounces within about α = 1.7·D/N of the optimum.
 */
export function lionRate(model: Objective, c: RateContext): number {
  return adaptiveRate(model, c) / 3;
}

/**
 * adagrad, rmsprop, adam (and adamw, nadam, amsgrad, lion) have no closed-form limit; their steps are about α per coordinate, so the default
 * rate is safe, and never more than a tenth of the rate that failed.
 */
export function adaptiveStableRate(o: OptimizerDescriptor, model: Objective, p: OptimizerParams, c: RateContext): number {
  return Math.min(p.lr / 10, o.defaultRate(model, p, c));
}

export function distanceToOptimum(model: Objective, init: ArrayLike<number>): number {
  const opt = model.optimum();
  if (!opt) return 1;
  let d = 0;
  for (let k = 0; k < opt.length; k++) d = Math.max(d, Math.abs(opt[k] - init[k]));
  return d > 0 && Number.isFinite(d) ? d : 1;
}

/**
 * The rate to suggest after a run at `failed` went wrong: the stable bound when it is below the failed
 * rate; else half the failed rate, since a bound at or above it would be no advice (logistic bounds hold
 * for the steepest curvature anywhere, the adaptive ones are heuristic).
 */
export function belowFailedRate(bound: number, failed: number): number {
  return bound < failed ? bound : failed / 2;
}
