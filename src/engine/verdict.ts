import type { LandscapeVerdict } from './landscapeVerdict';
import type { Trajectory } from '../types';
import { isSampled, type Objective } from './objective';
import type { OptimizerDescriptor, OptimizerParams } from './optimizers';
import { maxEigen2, minEigen2 } from './model';
import { momentsOf } from './moments';

/**
 * How a descent ended, judged by its optimality gap g = loss − loss at the exact optimum, never by its
 * starting loss: the same run from three starts gets the same verdict.
 * - converged: it ended within 1 % of the trivial model's gap (var(y) or log 2 above the optimum), and its
 *   weights (in the coordinates it moved) ended within a tenth of the start's distance from the optimum. In
 *   a stretched valley the loss can be that close while the weights are still far along the valley's floor,
 *   and the surface panel, whose window spans the start and the optimum, shows them off by a tenth of that
 *   span or more (tens of pixels). On a round bowl (standardized least squares from the trivial model or
 *   farther) the loss test already implies the weights test, since the gap grows as the squared distance.
 * - diverged: the loss blew up and the descent stopped (see train.ts).
 * - cycling: not converged, and over the last quarter the gap neither falls steadily nor damps out: the
 *   steps overshoot and the iterate circles or bounces (too large a rate).
 * - stalled: not converged but still falling: too few iterations, too small a rate, an ill-conditioned
 *   valley, or (sgd, minibatch) the noise of the samples.
 */
/** A regression's verdicts; a landscape's add 'saddle' and 'still descending' (see landscapeVerdict.ts). */
export type Verdict = 'converged' | 'stalled' | 'cycling' | 'diverged' | 'saddle' | 'still descending' | 'levelled off';

/** The cause of a stall that mlvis can see, most specific first. */
export type StallCause = 'illConditioned' | 'smallRate' | 'noise' | 'fewIterations';

/**
 * Why a raw x makes the valley narrow: its offset (mean far from 0 against its spread), its scale (spread
 * far from 1), or both; with the condition number of the loss's Hessian and x's mean and spread.
 */
export interface Conditioning {
  condition: number;
  source: 'offset' | 'scale' | 'both';
  mean: number;
  std: number;
}

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
  /**
   * The final weights' distance to the optimum relative to the start's, both in the coordinates the
   * optimizer moved (standardized or not); null with no optimum. A start at the optimum is measured against
   * a thousandth of the trivial model's distance instead.
   */
  distance: number | null;
  /** Not converged although the loss is within the converged tolerance: the weights are still far off. */
  lossOnly?: boolean;
  /** The final loss is above the trivial model's (predicting the mean, or 1/2): worse than no fit. */
  aboveTrivial?: boolean;
  /** With cause `illConditioned`: the condition number and where it comes from. */
  conditioning?: Conditioning;
  /** A landscape's verdict in full: the minimum reached (or nearest), the saddle, the curvature at the end. */
  landscape?: LandscapeVerdict;
}

/** Share of the starting gap a run must close to count as converged. */
export const CONVERGED = 0.99;
/** A rate below this share of the stable limit counts as "far below" it. */
export const SMALL_RATE = 0.1;
/** Fewer updates than this are too few to tell noise, a small rate or a valley apart. */
const FEW = 10;
/** Condition number of the Hessian above which plain gradient steps crawl along the valley. */
export const ILL_CONDITIONED = 1e3;
/** Share of the start's distance from the optimum that the final weights may be off (see Verdict). */
export const WEIGHTS_TOLERANCE = 0.1;

export interface AssessInput {
  trajectory: Trajectory;
  diverged: boolean;
  optimizer: OptimizerDescriptor;
  params: OptimizerParams;
  /** The objective the optimizer descended (reparametrized or not) and the loss at the optimum. */
  trained: Objective;
  optimumLoss: number | null;
  /** The trivial model's loss (var y, or log 2): the scale below which a gap is negligible. */
  referenceLoss: number;
  /** Starting weights in the optimizer's units, for its stable-rate rule. */
  trainInit: ArrayLike<number>;
  /** The final weights in the optimizer's units (the trajectory is in the data's). */
  trainFinal: ArrayLike<number>;
  /** Whether the optimizer descended a reparametrization (standardized x): a raw valley's conditioning is then no cause. */
  reparametrized: boolean;
}

/**
 * A descent with no known minimum, by its loss curve: 'still descending' when the last tenth of the run still
 * took more than 1 % of the whole fall, or more than 5 % of the loss it had (a cross-entropy that keeps
 * halving is still descending, however small the steps look on a linear scale); 'levelled off' when neither
 * (a minimum, a plateau or a saddle: which one is not known); 'stalled' when the loss did not fall at all.
 */
export function progressVerdict(loss: ArrayLike<number>): Verdict {
  const n = loss.length - 1;
  const fall = loss[0] - loss[n];
  if (!(fall > 0)) return 'stalled';
  const before = loss[n - Math.max(1, Math.ceil(n / 10))];
  const late = before - loss[n];
  return late > 0.01 * fall || late > 0.05 * Math.abs(before) ? 'still descending' : 'levelled off';
}

export function assess(a: AssessInput): Assessment {
  const l = a.trajectory.loss;
  const n = l.length - 1;
  if (a.optimumLoss === null) {
    // No minimum is known (a network): judged by the loss's progress alone, never called converged.
    const progress = !a.diverged && n > 0 && a.trained.minima.kind === 'unknown' ? progressVerdict(l) : null;
    return { gapClosed: null, verdict: a.diverged ? 'diverged' : progress, distance: null };
  }
  const floor = a.optimumLoss;
  const gap = (i: number) => Math.max(l[i] - floor, 0);
  const g0 = gap(0);
  // A start at (or within rounding of) the optimum has nothing to close: judge the end against a millionth
  // of the trivial model's gap instead, so that adam wandering by 1e-9 and back is not a failure.
  const scale = Math.max(g0, 1e-6 * Math.max(a.referenceLoss - floor, 0), 1e-12 * Math.abs(floor), Number.MIN_VALUE);
  const gapClosed = (g0 - gap(n)) / scale;
  const optimum = a.trained.optimum();
  const far = optimum ? weightsOff(a, optimum) : { distance: null, off: false };
  const base = { gapClosed, distance: far.distance, ...(l[n] > a.referenceLoss ? { aboveTrivial: true } : {}) };
  if (a.diverged) return { ...base, verdict: 'diverged' };
  // Converged: ended within 1 % of the trivial model's gap above the optimum. An absolute test, the same
  // whatever the start: from 9,000 down to 2.4 against an optimum of 0.6 closes 99.97 % and is no arrival,
  // and sgd's noise floor near the optimum is the same arrival from a far start and from a near one.
  // When the trivial model is itself optimal (a constant y: both losses 0) its gap gives no scale: a run is
  // then converged once it has closed all but 1e-10 of its own starting gap (rounding's level).
  const trivialGap = a.referenceLoss - floor > 0 ? a.referenceLoss - floor : 1e-8 * g0;
  const target = (1 - CONVERGED) * Math.max(trivialGap, 1e-12 * Math.abs(floor), Number.MIN_VALUE);
  const lossClose = gap(n) <= target;
  if (lossClose && !far.off) return { ...base, gapClosed: g0 <= target ? 1 : gapClosed, verdict: 'converged' };
  if (n === 0) return { ...base, verdict: null }; // --iters 0 shows the start on purpose
  const q = Math.floor((3 * n) / 4);
  // Single samples make any stochastic loss curve bounce: that is noise, told apart below, not a cycle.
  if (!lossClose && !a.optimizer.stochastic && cycling(gap, q, n, scale)) return { ...base, verdict: 'cycling' };
  const out: Assessment = { ...base, verdict: 'stalled', ...(lossClose ? { lossOnly: true } : {}) };
  const bound = a.optimizer.stableRate(a.trained, a.params, { init: a.trainInit, iterations: n });
  const condition = a.trained.curvature() / a.trained.minCurvature();
  // The valley of a raw x (what --standardize removes): only a regression on one column has one.
  const raw = !a.reparametrized && isSampled(a.trained) ? a.trained : null;
  // A handful of steps is too few whatever else holds. A raw valley is named first for every optimizer (it
  // is what --standardize removes); a tiny rate before sampling noise (descent.ts tells the two apart by a
  // run without the noise).
  if (n >= FEW && raw && condition > ILL_CONDITIONED) {
    out.cause = 'illConditioned';
    out.conditioning = conditioningOf(raw.x, condition);
  } else if (n >= FEW && a.params.lr < SMALL_RATE * bound) out.cause = 'smallRate';
  else if (n >= FEW && a.optimizer.stochastic) out.cause = 'noise';
  else {
    out.cause = 'fewIterations';
    const more = iterationsToClose(gap, q, n, target);
    if (more !== null) out.iterationsNeeded = n + more;
  }
  return out;
}

/**
 * The final weights' distance to the optimum relative to the start's (the summary's `distance`), and whether
 * it is more than WEIGHTS_TOLERANCE. A start at (or within rounding of) the optimum is measured against a
 * thousandth of the trivial model's distance instead, as the loss gap is against a millionth of its gap.
 */
function weightsOff(a: AssessInput, optimum: ArrayLike<number>): { distance: number; off: boolean } {
  // Weights whose minimum is a line (softmax: a shift of every class alike) are compared in its convention.
  const canonical = a.trained.canonical?.bind(a.trained);
  const dist = (raw: ArrayLike<number>) => {
    const w = canonical ? canonical(raw) : raw;
    let s = 0;
    for (let k = 0; k < optimum.length; k++) s += (w[k] - optimum[k]) ** 2;
    return Math.sqrt(s);
  };
  const end = dist(a.trainFinal);
  const start = dist(a.trainInit);
  // And where the start, the trivial model and the optimum all coincide (softmax on symmetric classes: all at
  // 0), against a billionth of the optimum's size (at least 1): rounding is no distance.
  let size = 0;
  for (let k = 0; k < optimum.length; k++) size += optimum[k] ** 2;
  const scale = Math.max(start, 1e-3 * dist(a.trained.referenceWeights()), 1e-9 * (1 + Math.sqrt(size))) || 1;
  const distance = end / scale;
  return { distance, off: distance > WEIGHTS_TOLERANCE };
}

/**
 * Where a raw x's ill-conditioning comes from. The Hessian of the squared error is proportional to
 * [[1, m], [m, m² + s²]]; centring x leaves [[1, 0], [0, s²]] (the scale's share: max(s², 1/s²)), and
 * rescaling it to spread 1 leaves [[1, r], [r, r² + 1]] with r = |m|/s (the offset's share). The condition
 * number is about the product of the two shares; a share counts as a cause when it is at least the
 * product's cube root (a third of its orders of magnitude), the larger always; both when both are.
 */
export function conditioningOf(x: Float64Array, condition: number): Conditioning {
  const { meanX, varX } = momentsOf(x);
  const std = Math.sqrt(varX);
  const r = Math.abs(meanX) / std;
  const offset = maxEigen2(1, r, r * r + 1) / minEigen2(1, r, r * r + 1);
  const scale = Math.max(varX, 1 / varX);
  const third = Math.cbrt(offset * scale);
  const source = offset >= third && scale >= third ? 'both' : offset >= scale ? 'offset' : 'scale';
  return { condition, source, mean: meanX, std };
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
