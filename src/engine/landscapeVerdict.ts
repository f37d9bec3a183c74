/**
 * How a descent over a landscape ended, for objectives with several minima, unknown minima or none (test
 * functions, a user's expression), judged only by what a computation confirms: the distance and loss gap to
 * a minimum known in closed form, or the gradient and the curvature (the Hessian's eigenvalues) at the end.
 * It never names a minimum the path did not reach, nor calls a point a minimum whose curvature was not
 * checked. Plain data in, plain data out; the words are messages.landscapeVerdict (errors.ts).
 *
 * Every tolerance is relative to the domain: a length scale L (the plotting domain's diagonal, say) and a
 * loss range R (the loss's spread over that domain), so the same run drawn on the same panel gets the same
 * verdict whatever the function's units.
 *
 * The verdicts, tried in this order:
 * - diverged: the run says so, or a weight or loss is not finite, or the path went BLOW_UP domain scales
 *   from its start. Why, when a computation shows it: 'undefined' when it stepped where f is not defined
 *   (a finite point whose loss is NaN or infinite: log or sqrt of a negative number, log(0)), or from a point where
 *   its gradient is not), within BLOW_UP domain scales (farther out, a NaN is an overflow: ∞ − ∞); 'fell'
 *   when the loss fell without bound (to −∞, or at some iterate BLOW_UP loss ranges below the start): a
 *   loss unbounded below, not a rate too large. Otherwise the loss blew up.
 * - converged to a known minimum: the last two iterates are both within NEAR·L of it with a loss within
 *   NEAR_LOSS·R of its loss (the path has arrived and stays; one that passes through on its last step has
 *   not). A quadratic well whose loss spans R across the domain gains about R·(d/L)² at distance d, so
 *   NEAR_LOSS = NEAR² asks the loss as much as the distance; a steep narrow well asks more of it.
 * - saddle, known: the same test against a known saddle point.
 * - converged or saddle, found: the gradient vanishes at the end (‖∇f‖·L/R ≤ NEAR: across the domain it
 *   would change the loss by a thousandth of its range) and the last two iterates are within NEAR·L of each
 *   other; then every eigenvalue clearly positive is a minimum (named as such only when it is none of the
 *   known ones: 'unlistedMinimum'), one clearly negative a saddle. "Clearly": beyond CURVATURE_SIGN of the
 *   larger of the largest |eigenvalue| and the domain's curvature R/L². A flat direction, or no curvature,
 *   confirms neither, and the run is judged by its last stretch with the note 'stationary'.
 * - by the last stretch (the last fifth of the iterations, at least STRETCH_MIN + 1 iterates), split in two
 *   halves: 'still descending' when both the highest and the lowest loss of the second half are below the
 *   first half's (a steady fall and a damped oscillation both are; a bounded bounce is not); else 'cycling'
 *   when the median step is still over NEAR·L (the path keeps moving by a pixel or more, without progress:
 *   a two-point bounce, a periodic orbit); else 'stalled' (neither falling nor moving). A run of fewer
 *   than STRETCH_MIN steps is 'still descending' when it ended below its start, else 'stalled' ('shortRun').
 *
 * Whatever the verdict, a path that came within PASS·L of a known saddle and ended farther from it is
 * reported as having passed it, with the direction it left in and whether the curvature there confirms that
 * as the way down (the saddle's eigenvector of negative curvature, within ALIGNED).
 */
import type { Trajectory } from '../types';
import type { KnownMinima, KnownPoint, Differentiable } from './objective';
import { curvatureAt, type Curvature } from './curvatureAt';

export type LandscapeVerdictKind = 'converged' | 'saddle' | 'stalled' | 'cycling' | 'diverged' | 'still descending' | 'not run';

/**
 * What the verdict rests on, beyond the verdict itself:
 * - minimaUnknown: the objective's minima are unknown or do not exist, so a minimum is judged by the
 *   gradient and the curvature alone, and whether it is the global one is not known.
 * - unlistedMinimum: converged to a minimum (gradient and curvature confirm it) that is none of the known ones.
 * - belowKnownGlobal: the path reached a loss below the known global minimum's: that list is wrong.
 * - stationary: the gradient vanishes at the end, but the curvature confirms neither a minimum nor a saddle.
 * - curvatureDegenerate: the Hessian at the end has a (numerically) zero eigenvalue and no negative one.
 * - curvatureUnavailable: no curvature at the end (too many weights, or not finite there).
 * - curvatureDifferenced: the curvature is from central differences of the exact gradient (no Hessian).
 * - passedSaddle: the path came within PASS·L of a known saddle and left it (see `passedSaddle`).
 * - nonFinite, blowUp, reported: why the run counts as diverged.
 * - undefined: diverged because it stepped where f (or its gradient) is not defined (see `undefinedAt`).
 * - fell: diverged with the loss falling without bound, not rising.
 * - shortRun: fewer than STRETCH_MIN iterations: judged by the whole run rather than its last stretch.
 * - didNotMove: stalled where the path never moved (every iterate within NEAR·L of the start) and the
 *   gradient there does not vanish: the steps were too small to move, which says nothing of the point.
 * - gradientUndefined: stalled where the gradient is not finite (a cone's tip, a cusp): nothing vanishes there.
 */
export type LandscapeNote =
  | 'minimaUnknown'
  | 'unlistedMinimum'
  | 'belowKnownGlobal'
  | 'stationary'
  | 'curvatureDegenerate'
  | 'curvatureUnavailable'
  | 'curvatureDifferenced'
  | 'passedSaddle'
  | 'nonFinite'
  | 'blowUp'
  | 'reported'
  | 'undefined'
  | 'fell'
  | 'shortRun'
  | 'didNotMove'
  | 'gradientUndefined';

/** A known minimum: `index` into the KnownMinima's points. */
export interface MinimumRef {
  index: number;
  kind: 'global' | 'local';
  w: number[];
  loss: number;
  name: string;
}

/** A saddle point: known (`index` into knownSaddles()) or found by the curvature at the end (index null). */
export interface SaddleRef {
  index: number | null;
  w: number[];
  loss: number;
  name: string;
}

export interface LandscapeInput {
  objective: Differentiable;
  minima: KnownMinima;
  /** Known saddle points, besides any of kind 'saddle' among minima's points. */
  saddles?: readonly KnownPoint[];
  trajectory: Trajectory;
  /** The run's own divergence, if it stopped for one (train.ts). */
  diverged?: { iteration: number } | null;
  /** The domain's length scale, the yardstick of "near": for example the plotting domain's diagonal. */
  scale: number;
  /**
   * The loss's spread over the domain (the loss grid's max − min), the yardstick of a loss gap and of a
   * vanishing gradient. Default: the spread of the path's losses and the known points' (then a verdict can
   * depend on how far the start was; give the domain's when there is one).
   */
  lossRange?: number;
  /** The domain's centre: a blow-up is measured from it (default: the start). */
  centre?: readonly number[];
  /**
   * The non-finite iterate a run stopped on, which its trajectory leaves out (train.ts ends the trajectory at
   * the last finite one): the weights it stepped to and the loss there. Without it, a non-finite iterate in
   * the trajectory is used.
   */
  stoppedAt?: { w: readonly number[]; loss: number } | null;
}

export interface LandscapeVerdict {
  verdict: LandscapeVerdictKind;
  /** The known minimum reached (converged to a known one only). */
  minimum?: MinimumRef;
  /** The known minimum nearest the end, when none was reached. */
  nearest?: MinimumRef;
  /** With 'saddle': the saddle it stopped at. */
  saddle?: SaddleRef;
  /**
   * A known saddle the path came near and left: the last iteration it was within PASS·L, the unit direction
   * from the saddle to the end, and whether that is the saddle's direction of negative curvature (within
   * ALIGNED; null when the curvature there is not known or not negative). `down` is that direction, signed
   * the way the path left.
   */
  passedSaddle?: { saddle: SaddleRef; lastNear: number; direction: number[]; down: number[] | null; alongNegativeCurvature: boolean | null };
  /** Distance from the end to the reached or nearest known minimum, in domain scales; null with none known. */
  distance: number | null;
  /** ‖∇f‖ at the end; null when the end is not finite. */
  gradientNorm: number | null;
  /**
   * The curvature at the end: eigenvalues ascending, and `down`, the unit eigenvector of the most negative
   * one when it is clearly negative (first non-zero component positive).
   */
  curvature: { eigenvalues: number[]; down: number[] | null; source: Curvature['source'] } | null;
  /** The first iteration from which the path stays within tolerance of the minimum or saddle it reached. */
  iterationReached: number | null;
  /** The last finite iterate. */
  final: { iteration: number; w: number[]; loss: number };
  /** The known global minima: their loss and how many; null when not known. */
  global: { loss: number; count: number } | null;
  /** The last stretch the run was judged by: its first iteration, the loss change over it, the median step. */
  stretch?: { from: number; lossChange: number; medianStep: number };
  /** With 'diverged': the iteration at which it did. */
  divergedAt?: number;
  /**
   * With the note 'undefined': the point where f is not defined. `gradient` false: the run stepped to `w`
   * and the loss there (`loss`) is not finite (NaN, or ±∞ at a pole such as log(0)); true: the loss at `w`
   * (the last finite iterate) is, but its gradient is not, so the step from it went nowhere finite.
   */
  undefinedAt?: { w: number[]; gradient: boolean; loss?: number };
  /** The domain's length scale it was judged against. */
  scale: number;
  notes: LandscapeNote[];
}

/** Share of the domain's length scale within which a point counts as at a known point (about a pixel on a ~1000-pixel panel). */
export const NEAR = 1e-3;
/** Share of the loss range a loss may be off a known point's loss there: NEAR², see the module comment. */
export const NEAR_LOSS = NEAR * NEAR;
/** Share of the domain's length scale within which a path counts as passing a known saddle. */
export const PASS = 1e-2;
/** Share of the curvature scale beyond which an eigenvalue's sign is trusted (differenced curvature errs by ~1e-10). */
export const CURVATURE_SIGN = 1e-6;
/** Domain scales from the start beyond which a path has blown up. */
export const BLOW_UP = 1e3;
/** Share of the iterations that make the last stretch. */
export const STRETCH = 0.2;
/** Fewest steps in the last stretch. */
export const STRETCH_MIN = 4;
/** |cos| between a departure and the negative-curvature direction from which it counts as along it (about 18°). */
export const ALIGNED = 0.95;

/** The known saddles: minima's points of kind 'saddle', then `saddles`, in that order (SaddleRef.index). */
export function knownSaddles(input: Pick<LandscapeInput, 'minima' | 'saddles'>): KnownPoint[] {
  const listed = input.minima.kind === 'points' ? input.minima.points.filter((p) => p.kind === 'saddle') : [];
  return [...listed, ...(input.saddles ?? []).filter((p) => p.kind === 'saddle')];
}

/** Judges how the descent recorded in input.trajectory ended (see the module comment). */
export function landscapeVerdict(input: LandscapeInput): LandscapeVerdict {
  const { objective, trajectory, scale } = input;
  const cols = trajectory.w;
  const loss = trajectory.loss;
  const n = loss.length - 1;
  // A domain too large or too small to measure is refused where it is given (landscape.ts); this is a bug.
  if (!(scale > 0 && Number.isFinite(scale))) throw new Error('landscapeVerdict: invalid scale');
  if (n < 0 || cols.length !== objective.dim || cols.some((c) => c.length !== n + 1)) throw new Error('landscapeVerdict: invalid trajectory');
  const at = (i: number): number[] => cols.map((c) => c[i]);
  const d = (i: number, p: ArrayLike<number>) => distAt(cols, i, p);
  const points = input.minima.kind === 'points' ? input.minima.points : [];
  const minima = points.map((p, index) => ({ p, index })).filter(({ p }) => p.kind !== 'saddle');
  const saddles = knownSaddles(input);
  const R = lossRangeOf(input, points, saddles);
  const notes: LandscapeNote[] = [];
  if (input.minima.kind !== 'points') notes.push('minimaUnknown');
  const globals = minima.filter(({ p }) => p.kind === 'global');
  const global = globals.length ? { loss: Math.min(...globals.map(({ p }) => p.loss)), count: globals.length } : null;

  // The last finite iterate, and whether the path went far out of the domain before it.
  const last = lastFinite(cols, loss, n);
  const start = at(0);
  let far = -1;
  // Far away from the domain (its centre when given, else the start) and farther than the start was: a path
  // from a far start that comes towards the domain is no blow-up.
  const centre = input.centre ?? start;
  const startOff = d(0, centre);
  for (let i = 0; i <= last && far < 0; i++) if (distAt(cols, i, centre) > BLOW_UP * scale + startOff) far = i;
  const end = at(Math.max(last, 0));
  const final = { iteration: Math.max(last, 0), w: end, loss: loss[Math.max(last, 0)] };
  const near = last >= 0 ? nearest(minima.map(({ p }) => p), end) : null;
  const base = { distance: near ? near.d / scale : null, final, global, scale, notes, ...(near ? { nearest: minimumRef(minima[near.i]) } : {}) };
  if (global && lowest(loss, last) < global.loss - lossTol(global.loss, R)) notes.push('belowKnownGlobal');
  const passed = last >= 0 ? passedSaddle(input, saddles, d, last, end, R) : {};
  if (passed.passedSaddle) notes.push('passedSaddle');

  // Diverged: the run's word, a non-finite value, or a path gone far out of the domain.
  if (input.diverged || last < n || far >= 0) {
    if (input.diverged) notes.push('reported');
    if (last < n) notes.push('nonFinite');
    if (far >= 0) notes.push('blowUp');
    // The first iteration at which any sign decided it: the run's own stop, the first non-finite iterate, the
    // first iterate a thousand domains away, the first whose loss fell BLOW_UP ranges below the start.
    const fellAt = last >= 0 ? firstBelow(loss, last, loss[0] - BLOW_UP * R) : -1;
    const signs = [input.diverged?.iteration, last < n ? last + 1 : undefined, far >= 0 ? far : undefined, fellAt >= 0 ? fellAt : undefined];
    const divergedAt = Math.min(...signs.filter((i): i is number => i !== undefined));
    const gradientNorm = last >= 0 ? normOfGradient(objective, end) : null;
    const stopped = input.stoppedAt ?? (last < n ? { w: at(last + 1), loss: loss[last + 1] } : null);
    // Not a number a thousand domains away is an overflow (∞ − ∞), not a point where f is undefined.
    const inside = (w: readonly number[]) => Math.hypot(...w.map((v, k) => v - centre[k])) <= BLOW_UP * scale + startOff;
    const undefinedAt = last >= 0 && far < 0 && (!stopped || !stopped.w.every(Number.isFinite) || inside(stopped.w)) ? undefinedStep(objective, end, stopped) : null;
    if (undefinedAt) notes.push('undefined');
    else if (stopped?.loss === -Infinity || fellAt >= 0) notes.push('fell');
    return { ...base, verdict: 'diverged', divergedAt, gradientNorm, curvature: null, iterationReached: null, ...(undefinedAt ? { undefinedAt } : {}), ...passed };
  }

  const g = normOfGradient(objective, end);
  // No update was made: nothing to judge (as a regression's verdict is null at --iters 0).
  if (n === 0) return { ...base, verdict: 'not run', gradientNorm: Number.isFinite(g) ? g : null, curvature: null, iterationReached: null };
  const curv = curvatureAt(objective, end, scale);
  if (curv?.source === 'differenced') notes.push('curvatureDifferenced');
  const sign = curv ? curvatureSign(curv, R / (scale * scale)) : null;
  const curvature = curv ? { eigenvalues: curv.eigenvalues, down: sign === 'negative' ? canonical(curv.vectors[0]) : null, source: curv.source } : null;
  const common = { ...base, gradientNorm: g, curvature };

  // At a known point: within tolerance at the end and at the iterate before (arrived, and staying).
  const within = (p: KnownPoint) => (i: number) => d(i, p.w) <= NEAR * scale && Math.abs(loss[i] - p.loss) <= lossTol(p.loss, R);
  const nearFrom = (p: ArrayLike<number>, r: number, lossNear?: LossNear) => stayingFrom(cols, n, p, r, lossNear);
  // Arrived: the end within NEAR·L, and the iterate before within PASS·L (an optimizer that keeps stepping by
  // about its rate, as Lion does, bounces around the point it has reached), or a single step that landed.
  const arrived = (p: KnownPoint) => {
    const at = within(p);
    if (!at(n)) return null;
    const from = nearFrom(p.w, NEAR * scale, { loss, target: p.loss, tol: lossTol(p.loss, R) });
    if (from !== null) return from;
    return n > 0 && d(n - 1, p.w) <= PASS * scale ? (nearFrom(p.w, PASS * scale) ?? n) : null;
  };
  if (near) {
    const hit = minima[near.i];
    const from = arrived(hit.p);
    if (from !== null) {
      const { nearest: _reached, ...rest } = common;
      return { ...rest, verdict: 'converged', minimum: minimumRef(hit), iterationReached: from, ...passed };
    }
  }
  const saddle = nearest(saddles, end);
  if (saddle) {
    const s = saddles[saddle.i];
    const from = arrived(s);
    if (from !== null) return { ...common, verdict: 'saddle', saddle: { index: saddle.i, w: [...s.w], loss: s.loss, name: nameOf(s) }, iterationReached: from };
  }

  // Found: a vanishing gradient where the path stays, and what the curvature says the point is.
  // Stationary: the stationary point the curvature predicts (a Newton step, ‖∇f‖/λ with λ the smallest
  // curvature's size) is within NEAR·L of the end, and the loss it could still lose (‖∇f‖²/2λ) is within
  // NEAR_LOSS·R. A gradient merely small against the domain's range is not enough: a slow crawl along a
  // shallow valley floor (an ill-conditioned bowl, Rosenbrock's banana) has one.
  // Where the curvature is flat or negative no Newton step is defined: there the gradient's size against the
  // domain is all there is, and neither a minimum nor a saddle is claimed without a clear curvature sign.
  const lambda = curv ? Math.min(...curv.eigenvalues.map(Math.abs)) : 0;
  const small = g * scale <= NEAR * R;
  const newtonClose = lambda > 0 && g / lambda <= NEAR * scale && (g * g) / (2 * lambda) <= NEAR_LOSS * R;
  // Where the curvature is not finite (a cone's tip: sqrt(x² + y²) at 0, whose automatic gradient there is 0),
  // a gradient that vanishes at the point but not arbitrarily near it is not defined there.
  const kink = !curv && (g === 0 || small) && gradientJumps(objective, end, scale, R);
  const vanishing = !kink && (g === 0 || (small && (sign !== 'positive' || newtonClose)));
  const stays = nearFrom(end, PASS * scale) ?? n;
  if (vanishing && !(loss[n] > loss[0] + lossTol(loss[0], R))) {
    // At a known minimum after all (the end is there, the path only arrived by a bounce or one step).
    if (near && near.d <= PASS * scale && sign === 'positive' && Math.abs(final.loss - minima[near.i].p.loss) <= lossTol(minima[near.i].p.loss, R)) {
      const { nearest: _n, ...rest } = common;
      return { ...rest, verdict: 'converged', minimum: minimumRef(minima[near.i]), iterationReached: stays, ...passed };
    }
    if (sign === 'positive' && curvatureHolds(objective, end, g, curv!, scale, R)) {
      if (input.minima.kind === 'points') notes.push('unlistedMinimum');
      return { ...common, verdict: 'converged', iterationReached: stays, ...passed };
    }
    if (sign === 'negative') return { ...common, verdict: 'saddle', saddle: { index: null, w: end, loss: final.loss, name: coordinates(end) }, iterationReached: stays };
  }
  // Positive curvature that does not hold up to the stationary point (a cubic's inflection) confirms nothing either.
  // "Vanishes" is claimed only of a gradient that is finite and, where the path never moved, zero: a gradient
  // small against an astronomic loss range at a start the steps could not leave is only a rate too small.
  const still = Number.isFinite(g) && g > 0 && stayedWithin(cols, n, start, NEAR * scale);
  if (!Number.isFinite(g) || kink) notes.push('gradientUndefined');
  else if (still) notes.push('didNotMove');
  else if (vanishing) notes.push('stationary', curv ? 'curvatureDegenerate' : 'curvatureUnavailable');
  return { ...common, ...lastStretch(cols, loss, n, scale, R, notes), iterationReached: null, ...passed };
}

/**
 * Whether the positive curvature at the end holds where the minimum it predicts would be: at twice the Newton
 * step (end − 2·H⁻¹∇f, past the predicted stationary point) the curvature is still clearly positive and at
 * least half what it is at the end. A path creeping towards a degenerate stationary point (x³ + y², whose
 * curvature 6x vanishes at x = 0, approached from x > 0) has a small gradient and a positive curvature at
 * every iterate, and no minimum: the predicted point moves with it and the curvature there is gone.
 */
function curvatureHolds(objective: Differentiable, end: number[], g: number, c: Curvature, scale: number, R: number): boolean {
  if (g === 0) return true;
  const grad = new Float64Array(objective.dim);
  objective.gradient(end, grad);
  const past = [...end];
  for (let i = 0; i < c.eigenvalues.length; i++) {
    const v = c.vectors[i];
    const along = v.reduce((sum, x, k) => sum + x * grad[k], 0) / c.eigenvalues[i];
    for (let k = 0; k < past.length; k++) past[k] -= 2 * along * v[k];
  }
  const there = curvatureAt(objective, past, scale);
  return there !== null && curvatureSign(there, R / (scale * scale)) === 'positive' && there.eigenvalues[0] >= 0.5 * c.eigenvalues[0];
}

/**
 * Where a run that stopped on a non-finite iterate left the region where f is defined: the finite point it
 * stepped to whose loss is NaN, or the last finite point (`end`) when the step from it was not finite because
 * the gradient there is not; null when neither (the loss overflowed: it blew up).
 */
function undefinedStep(objective: Differentiable, end: number[], stopped: { w: readonly number[]; loss: number } | null): LandscapeVerdict['undefinedAt'] | null {
  if (!stopped) return null;
  // A finite point (within the domain's reach: see the caller) whose loss is NaN or infinite: log or sqrt of a
  // negative number, log(0), a pole.
  if (stopped.w.every(Number.isFinite)) return Number.isFinite(stopped.loss) ? null : { w: [...stopped.w], gradient: false, loss: stopped.loss };
  const g = new Float64Array(objective.dim);
  objective.gradient(end, g);
  return g.every(Number.isFinite) ? null : { w: [...end], gradient: true };
}

/**
 * The first iteration from which every iterate is within r of p (and, with lossNear, its loss within tol of
 * the target), when the last two are (the last one, for a run of none); else null. No closure per iterate:
 * a run has thousands.
 */
function stayingFrom(cols: readonly Float64Array[], n: number, p: ArrayLike<number>, r: number, lossNear?: LossNear): number | null {
  if (!insideAt(cols, n, p, r, lossNear) || (n > 0 && !insideAt(cols, n - 1, p, r, lossNear))) return null;
  let i = n;
  while (i > 0 && insideAt(cols, i - 1, p, r, lossNear)) i--;
  return i;
}

function insideAt(cols: readonly Float64Array[], i: number, p: ArrayLike<number>, r: number, lossNear: LossNear | undefined): boolean {
  return distAt(cols, i, p) <= r && (!lossNear || Math.abs(lossNear.loss[i] - lossNear.target) <= lossNear.tol);
}

/** With stayingFrom: also within tol of the loss target. */
interface LossNear {
  loss: Float64Array;
  target: number;
  tol: number;
}

/** The last iteration up to which every loss and weight is finite (-1 when the first is not). */
function lastFinite(cols: readonly Float64Array[], loss: Float64Array, n: number): number {
  for (let i = 0; i <= n; i++) {
    if (!Number.isFinite(loss[i])) return i - 1;
    for (let k = 0; k < cols.length; k++) if (!Number.isFinite(cols[k][i])) return i - 1;
  }
  return n;
}

/** Judges a run that reached nothing by its last stretch (see the module comment). */
function lastStretch(cols: readonly Float64Array[], loss: Float64Array, n: number, scale: number, R: number, notes: LandscapeNote[]) {
  const noise = 1e-12 * Math.max(R, Math.abs(loss[n]));
  const from = n < STRETCH_MIN ? 0 : Math.min(Math.floor((1 - STRETCH) * n), n - STRETCH_MIN);
  const medianStep = median(steps(cols, from, n));
  const stretch = { from, lossChange: loss[n] - loss[from], medianStep };
  if (n < STRETCH_MIN) {
    notes.push('shortRun');
    return { verdict: (loss[n] < loss[0] - noise ? 'still descending' : 'stalled') as LandscapeVerdictKind, stretch };
  }
  const mid = Math.floor((from + n) / 2);
  const [lo1, hi1] = extent(loss, from, mid);
  const [lo2, hi2] = extent(loss, mid + 1, n);
  const falling = hi2 < hi1 - noise && lo2 < lo1 - noise;
  const verdict: LandscapeVerdictKind = falling ? 'still descending' : medianStep > NEAR * scale ? 'cycling' : 'stalled';
  return { verdict, stretch };
}

/**
 * The known saddle the path came within PASS·L of and then left (the nearest approach's saddle, when
 * several), with the direction it left in and whether that is the saddle's negative-curvature direction.
 */
function passedSaddle(
  input: LandscapeInput,
  saddles: KnownPoint[],
  d: (i: number, p: ArrayLike<number>) => number,
  last: number,
  end: number[],
  R: number,
): Pick<LandscapeVerdict, 'passedSaddle'> {
  const { scale, objective } = input;
  let best: { i: number; k: number; d: number } | null = null;
  for (let k = 0; k < saddles.length; k++)
    for (let i = 0; i <= last; i++) {
      const di = d(i, saddles[k].w);
      if (di <= PASS * scale && (!best || di < best.d)) best = { i, k, d: di };
    }
  if (!best) return {};
  const s = saddles[best.k];
  const away = d(last, s.w);
  if (away <= PASS * scale) return {};
  let lastNear = best.i;
  while (lastNear < last && d(lastNear + 1, s.w) <= PASS * scale) lastNear++;
  const direction = end.map((v, k) => (v - s.w[k]) / away);
  const curv = curvatureAt(objective, s.w, scale);
  let down: number[] | null = null;
  let along: boolean | null = null;
  if (curv && curvatureSign(curv, R / (scale * scale)) === 'negative') {
    const v = curv.vectors[0];
    const cos = v.reduce((sum, x, k) => sum + x * direction[k], 0);
    down = v.map((x) => clean(cos < 0 ? -x : x));
    along = Math.abs(cos) >= ALIGNED;
  }
  return { passedSaddle: { saddle: { index: best.k, w: [...s.w], loss: s.loss, name: nameOf(s) }, lastNear, direction, down, alongNegativeCurvature: along } };
}

/**
 * 'positive' when every eigenvalue is beyond CURVATURE_SIGN of the curvature scale (the larger of the
 * largest |eigenvalue| and the domain's R/L²), 'negative' when the smallest is below minus that, else 'flat'.
 */
function curvatureSign(c: Curvature, domainCurvature: number): 'positive' | 'negative' | 'flat' {
  const size = Math.max(...c.eigenvalues.map(Math.abs), domainCurvature);
  const low = c.eigenvalues[0];
  return low < -CURVATURE_SIGN * size ? 'negative' : low > CURVATURE_SIGN * size ? 'positive' : 'flat';
}

/** The loss range given, or the spread of the path's finite losses and the known points' (never 0). */
function lossRangeOf(input: LandscapeInput, points: readonly KnownPoint[], saddles: KnownPoint[]): number {
  if (input.lossRange !== undefined && input.lossRange > 0 && Number.isFinite(input.lossRange)) return input.lossRange;
  let lo = Infinity;
  let hi = -Infinity;
  const take = (v: number) => {
    if (!Number.isFinite(v)) return;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  };
  input.trajectory.loss.forEach(take);
  points.forEach((p) => take(p.loss));
  saddles.forEach((p) => take(p.loss));
  const spread = hi - lo;
  return spread > 0 ? spread : Math.max(1e-12 * Math.max(Math.abs(lo), Math.abs(hi)), Number.MIN_VALUE);
}

/** How far a loss may be off a known point's: NEAR_LOSS of the range, or rounding of a large loss. */
function lossTol(pointLoss: number, R: number): number {
  return Math.max(NEAR_LOSS * R, 1e-12 * Math.abs(pointLoss));
}

function minimumRef({ p, index }: { p: KnownPoint; index: number }): MinimumRef {
  return { index, kind: p.kind === 'local' ? 'local' : 'global', w: [...p.w], loss: p.loss, name: nameOf(p) };
}

function nameOf(p: KnownPoint): string {
  return p.name ?? coordinates(p.w);
}

/** A point as people write it: (3, 2), (-2.805, 3.131): four significant digits, rounding noise as 0. */
export function coordinates(w: ArrayLike<number>): string {
  return `(${Array.from(w, (v) => String(Number(clean(v).toPrecision(4)))).join(', ')})`;
}

/** Rounding noise (below 1e-12) as 0, and no −0. */
function clean(v: number): number {
  return Math.abs(v) < 1e-12 ? 0 : v;
}

/** A unit vector signed so that its first non-zero component is positive, noise cleaned: (0, 1), not (-1e-17, -1). */
function canonical(v: number[]): number[] {
  const c = v.map(clean);
  const first = c.find((x) => x !== 0) ?? 1;
  return c.map((x) => (first < 0 ? clean(-x) : x));
}

function nearest(points: readonly KnownPoint[], w: number[]): { i: number; d: number } | null {
  let best: { i: number; d: number } | null = null;
  for (let i = 0; i < points.length; i++) {
    let s = 0;
    for (let k = 0; k < w.length; k++) s += (w[k] - points[i].w[k]) ** 2;
    const d = Math.sqrt(s);
    if (!best || d < best.d) best = { i, d };
  }
  return best;
}

function normOfGradient(objective: Differentiable, w: number[]): number {
  const out = new Float64Array(objective.dim);
  objective.gradient(w, out);
  let s = 0;
  for (let k = 0; k < out.length; k++) s += out[k] * out[k];
  return Math.sqrt(s);
}

/** The distance from iterate i (columns cols) to the point p. */
function distAt(cols: readonly Float64Array[], i: number, p: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < cols.length; k++) s += (cols[k][i] - p[k]) ** 2;
  return Math.sqrt(s);
}

/**
 * Whether the gradient near w (at w ± JUMP·L along each axis) is too large to call vanishing (‖∇f‖·L > NEAR·R)
 * or not finite: a smooth stationary point's gradient there is about its curvature times JUMP·L, far below.
 */
function gradientJumps(objective: Differentiable, w: readonly number[], scale: number, R: number): boolean {
  const out = new Float64Array(objective.dim);
  for (let k = 0; k < w.length; k++)
    for (const side of [-1, 1]) {
      const p = [...w];
      p[k] += side * JUMP * scale;
      objective.gradient(p, out);
      const norm = Math.hypot(...out);
      if (!Number.isFinite(norm) || norm * scale > NEAR * R) return true;
    }
  return false;
}

/** Share of the domain's length scale at which gradientJumps looks beside a point. */
const JUMP = 1e-6;

/** The first iteration up to last whose loss is below bound; -1 when none is. */
function firstBelow(loss: Float64Array, last: number, bound: number): number {
  for (let i = 0; i <= last; i++) if (loss[i] < bound) return i;
  return -1;
}

/** Whether every iterate up to n is within r of p. */
function stayedWithin(cols: readonly Float64Array[], n: number, p: readonly number[], r: number): boolean {
  for (let i = 0; i <= n; i++) if (distAt(cols, i, p) > r) return false;
  return true;
}

function lowest(loss: Float64Array, last: number): number {
  let m = Infinity;
  for (let i = 0; i <= last; i++) m = Math.min(m, loss[i]);
  return m;
}

/** The lowest and highest loss of iterations from … to. */
function extent(loss: Float64Array, from: number, to: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = from; i <= to; i++) {
    lo = Math.min(lo, loss[i]);
    hi = Math.max(hi, loss[i]);
  }
  return [lo, hi];
}

/** The lengths of the steps from iteration from to iteration to. */
function steps(cols: readonly Float64Array[], from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from + 1; i <= to; i++) {
    let s = 0;
    for (let k = 0; k < cols.length; k++) s += (cols[k][i] - cols[k][i - 1]) ** 2;
    out.push(Math.sqrt(s));
  }
  return out;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
