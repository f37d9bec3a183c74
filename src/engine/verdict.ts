import type { Trajectory } from '../types';
import type { Model } from './model';
import type { OptimizerDescriptor, OptimizerParams } from './optimizers';

/**
 * How a descent ended, judged by its optimality gap g = loss − loss at the exact optimum, never by its
 * starting loss: the same run from three starts gets the same verdict.
 * - converged: it closed at least 99 % of the gap it started with, and ended within 1 % of the trivial
 *   model's gap (var(y) or log 2 above the optimum).
 * - diverged: the loss blew up and the descent stopped (see train.ts).
 * - cycling: not converged, and over the last quarter the gap neither falls steadily nor damps out: the
 *   steps overshoot and the iterate circles or bounces (too large a rate).
 * - stalled: not converged but still falling: too few iterations, too small a rate, an ill-conditioned
 *   valley, or (sgd, minibatch) the noise of the samples.
 */
export type Verdict = 'converged' | 'stalled' | 'cycling' | 'diverged';

/** The cause of a stall that mlvis can see, most specific first. */
export type StallCause = 'illConditioned' | 'smallRate' | 'noise' | 'fewIterations';

export interface Assessment {
  /**
   * (g₀ − g_N)/g₀: 1 at the optimum, 0 where it started, negative when it ended higher; 1 for a run that
   * starts and ends within rounding of the optimum (nothing to close); null with no optimum.
   */
  gapClosed: number | null;
  verdict: Verdict | null;
  /** With `stalled`: what held it back. */
  cause?: StallCause;
  /** With `stalled` for too few iterations: about how many it would need to close 99 %. */
  iterationsNeeded?: number;
}

/** Share of the starting gap a run must close to count as converged. */
export const CONVERGED = 0.99;
/** A rate below this share of the stable limit counts as "far below" it. */
export const SMALL_RATE = 0.1;
/** Fewer updates than this are too few to tell noise, a small rate or a valley apart. */
const FEW = 10;
/** Condition number of the Hessian above which plain gradient steps crawl along the valley. */
export const ILL_CONDITIONED = 1e3;

export interface AssessInput {
  trajectory: Trajectory;
  diverged: boolean;
  optimizer: OptimizerDescriptor;
  params: OptimizerParams;
  /** The model the optimizer descended (standardized or not) and the loss at the optimum. */
  trainModel: Model;
  optimumLoss: number | null;
  /** The trivial model's loss (var y, or log 2): the scale below which a gap is negligible. */
  referenceLoss: number;
  /** Starting weights in the optimizer's units, for its stable-rate rule. */
  trainInit: ArrayLike<number>;
}

export function assess(a: AssessInput): Assessment {
  const l = a.trajectory.loss;
  const n = l.length - 1;
  if (a.optimumLoss === null) return { gapClosed: null, verdict: a.diverged ? 'diverged' : null };
  const floor = a.optimumLoss;
  const gap = (i: number) => Math.max(l[i] - floor, 0);
  const g0 = gap(0);
  // A start at (or within rounding of) the optimum has nothing to close: judge the end against a millionth
  // of the trivial model's gap instead, so that adam wandering by 1e-9 and back is not a failure.
  const scale = Math.max(g0, 1e-6 * Math.max(a.referenceLoss - floor, 0), 1e-12 * Math.abs(floor), Number.MIN_VALUE);
  const gapClosed = (g0 - gap(n)) / scale;
  if (a.diverged) return { gapClosed, verdict: 'diverged' };
  // Converged: ended within 1 % of the trivial model's gap above the optimum. An absolute test, the same
  // whatever the start: from 9,000 down to 2.4 against an optimum of 0.6 closes 99.97 % and is no arrival,
  // and sgd's noise floor near the optimum is the same arrival from a far start and from a near one.
  const target = (1 - CONVERGED) * Math.max(a.referenceLoss - floor, 1e-12 * Math.abs(floor), Number.MIN_VALUE);
  if (gap(n) <= target) return { gapClosed: g0 <= target ? 1 : gapClosed, verdict: 'converged' };
  if (n === 0) return { gapClosed, verdict: null }; // --iters 0 shows the start on purpose
  const q = Math.floor((3 * n) / 4);
  // Single samples make any stochastic loss curve bounce: that is noise, told apart below, not a cycle.
  if (!a.optimizer.stochastic && cycling(gap, q, n, scale)) return { gapClosed, verdict: 'cycling' };
  const out: Assessment = { gapClosed, verdict: 'stalled' };
  const bound = a.optimizer.stableRate(a.trainModel, a.params, { init: a.trainInit, iterations: n });
  const condition = a.trainModel.curvature() / a.trainModel.minCurvature();
  // A handful of steps is too few whatever else holds; a tiny rate is named before sampling noise.
  if (n >= FEW && a.optimizer.plain && condition > ILL_CONDITIONED) out.cause = 'illConditioned';
  else if (n >= FEW && a.params.lr < SMALL_RATE * bound) out.cause = 'smallRate';
  else if (n >= FEW && a.optimizer.stochastic) out.cause = 'noise';
  else {
    out.cause = 'fewIterations';
    const more = iterationsToClose(gap, q, n, target);
    if (more !== null) out.iterationsNeeded = n + more;
  }
  return out;
}

/**
 * Not falling and not damping out over the last quarter [q, n]: the largest gap of its second half is at
 * least half the largest of its first half (a damped oscillation shrinks faster), and the gap rose at some
 * step by more than rounding.
 */
function cycling(gap: (i: number) => number, q: number, n: number, scale: number): boolean {
  if (n - q < 4) return false;
  const mid = Math.floor((q + n) / 2);
  let first = 0;
  let second = 0;
  let rose = false;
  const noise = 1e-12 * scale;
  for (let i = q; i <= n; i++) {
    const g = gap(i);
    if (i <= mid) first = Math.max(first, g);
    else second = Math.max(second, g);
    if (i > q && g > gap(i - 1) + noise) rose = true;
  }
  return rose && second >= 0.5 * first;
}

/**
 * More iterations to bring the gap under `target`, extrapolated from the last quarter: geometrically when
 * the gap shrinks by a steady factor (linear convergence), linearly when it falls by a steady amount (a
 * logistic descent far out, where the gradient saturates); null when it is not falling at all.
 */
function iterationsToClose(gap: (i: number) => number, q: number, n: number, target: number): number | null {
  const gq = gap(q);
  const gn = gap(n);
  if (!(gn < gq) || n === q) return null;
  const steps = n - q;
  const mid = q + Math.floor(steps / 2);
  const early = gq - gap(mid);
  const late = gap(mid) - gn;
  // Steady amount per step: the two halves fall by about the same; else a steady factor.
  const linear = early > 0 && Math.abs(late - early) <= 0.2 * early;
  const more = linear ? (gn - target) / ((gq - gn) / steps) : Math.log(target / gn) / Math.log(gn / gq) * steps;
  return Number.isFinite(more) && more > 0 ? Math.ceil(more) : null;
}

/**
 * The first iteration whose optimality gap is at most (1 − CONVERGED) of the starting gap — when the run had
 * closed 99 % of it — read off the recorded trajectory with the exact optimum's loss; null when it never did
 * (or there is no finite optimum). A start already at the optimum needed 0. Non-finite losses (a blow-up)
 * never count as arrived.
 */
export function iterationsToClose99(loss: Float64Array, optimumLoss: number | null): number | null {
  if (optimumLoss === null || loss.length === 0) return null;
  const limit = (1 - CONVERGED) * Math.max(loss[0] - optimumLoss, 0);
  for (let i = 0; i < loss.length; i++) if (loss[i] - optimumLoss <= limit) return i;
  return null;
}
