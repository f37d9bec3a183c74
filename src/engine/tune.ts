/**
 * A fair race (--tune): each optimizer's learning rate chosen from one log grid by the final gap its run
 * ends with, over the same iterations, from the same start, with the same other hyper-parameters, schedule
 * and seed as the run it is chosen for. Pure: a problem and settings in, rates and gaps out.
 *
 * The final gap is the final loss minus the best known minimum's loss; a gap within rounding of the loss's
 * size (ROUNDING) counts as 0, so that of the rates that reach the minimum the choice is not made by the
 * last bit of a sum (±1e-15 on a regression's loss); where no minimum is known (a separable logistic,
 * an expression, a landscape unbounded below) it is the final loss itself. A sampling optimizer's (sgd,
 * minibatch) loss bounces from update to update: its final gap is the median over the last tenth of the
 * run, and every trial draws the same samples (the run's seed), so the choice is deterministic. A trial
 * that diverged, ended non-finite, or left for good (a landscape's `diverged` verdict) is never chosen.
 * Of equal gaps (most often several rates that all reach the minimum to rounding), the trial that got there
 * first wins: the one whose gap stays within the tie tolerance of its final gap from the earliest iteration
 * (Newton at rate 1 reaches Rosenbrock's minimum in 5 iterations; at 0.03, in 400: both end at gap 0, and the
 * race should show the rate that shows the method). Of those, the smaller rate.
 */
import { descendOn, descendOnAsync, hyperValuesOf, type Descent, type DescentSettings } from './descent';
import { optimizerOf } from './optimizers';
import type { Problem } from './problem';

/**
 * Grid points per decade: rates 10^(k/4) (…, 0.001, 0.00178, 0.00316, 0.00562, 0.01, …). A factor of
 * 10^(1/4) ≈ 1.78 between neighbours keeps the chosen rate within a factor 1.33 of the best on the lattice's
 * scale (√10 would leave up to 1.8: on gd, the difference between the fastest stable rate and half of it).
 */
export const STEPS_PER_DECADE = 4;

/**
 * Decades searched below the smallest and above the largest default rate of the race. The defaults follow
 * the problem's curvature and scale (1/L for gd, D/N for the adaptive rules), so the grid follows them: a
 * fixed 1e-5..10 would miss a raw-x regression whose 1/L is 1e-8. Three decades either side hold every
 * rule's best rate: gd's is below its stability limit 2/L (twice its default); the adaptive rules' defaults
 * are heuristics whose best rate may lie a hundred times away on a long or short run.
 */
export const SPAN_DECADES = 3;

/**
 * A gap at or below ROUNDING times the larger of the minimum's loss and the starting gap is 0: below it
 * the loss's own rounding (a sum over the rows) decides, and the loss panel's log scale shows nothing.
 */
export const ROUNDING = 1e-14;

/** One grid rate's trial: its final gap, or null when the trial diverged (never chosen). */
export interface TuneTrial {
  lr: number;
  gap: number | null;
  /**
   * The first iteration from which the trial's gap stays within the tie tolerance (ROUNDING of the loss's
   * size) of its final gap: when it got to where it ended. Decides between equal gaps; null when it diverged.
   */
  reached: number | null;
}

export interface TuneResult {
  /** The rate of the lowest final gap (on a tie, the earliest reached, then the smaller); null when every trial diverged. */
  lr: number | null;
  /** One per grid rate, in the grid's order. */
  trials: TuneTrial[];
}

/** What the final gap is measured from: the best known minimum's loss ('gap'), or 0 with none known ('loss'). */
export function tuneMeasure(problem: Problem): 'gap' | 'loss' {
  return problem.optimum ? 'gap' : 'loss';
}

/**
 * The rate a series would take without --tune: the optimizer's curvature-based default for this problem
 * (see rates.ts), at the run's iterations and with its other hyper-parameters.
 */
export function defaultRateFor(problem: Problem, s: DescentSettings): number {
  const o = optimizerOf(s.optimizer);
  return o.defaultRate(problem.trained, { lr: NaN, ...hyperValuesOf(s) }, { init: problem.trainInit, iterations: s.iterations });
}

/**
 * The grid of a race: every rate 10^(k/STEPS_PER_DECADE) from SPAN_DECADES below the smallest of `centres`
 * (the series' default rates) to SPAN_DECADES above the largest, smallest first. One grid for every series,
 * so that no optimizer gets a finer or wider choice than another. Non-finite or non-positive centres are left
 * out; with none left the grid is centred on 1.
 */
export function tuneGrid(centres: readonly number[]): number[] {
  const logs = centres.filter((c) => c > 0 && Number.isFinite(c)).map(Math.log10);
  const lo = logs.length ? Math.min(...logs) : 0;
  const hi = logs.length ? Math.max(...logs) : 0;
  const from = Math.floor((lo - SPAN_DECADES) * STEPS_PER_DECADE + 1e-9);
  const to = Math.ceil((hi + SPAN_DECADES) * STEPS_PER_DECADE - 1e-9);
  const grid: number[] = [];
  // Written as a power of ten of a whole quarter, each rate is the same double on every machine and run.
  for (let k = from; k <= to; k++) grid.push(10 ** (k / STEPS_PER_DECADE));
  return grid;
}

/** A trial's settings: the run's own, at `lr`, with no search for advice (a trial only measures its gap). */
export function trialSettings(s: DescentSettings, lr: number): DescentSettings {
  return { ...s, lr, advise: false };
}

/** The final gap of a trial (see the module's comment), or null when it diverged or ended non-finite. */
export function finalGap(problem: Problem, d: Descent): number | null {
  if (d.diverged !== null || d.assessment.verdict === 'diverged') return null;
  const floor = problem.optimum?.loss ?? 0;
  const loss = d.trajectory.loss;
  const n = loss.length - 1;
  let end = loss[n];
  if (optimizerOf(d.optimizer).stochastic) {
    const tail = Array.from(loss.subarray(n - Math.floor(n / 10))).sort((a, b) => a - b);
    end = tail[Math.floor(tail.length / 2)];
  }
  if (!Number.isFinite(end) || d.trajectory.w.some((c) => !Number.isFinite(c[n]))) return null;
  if (!problem.optimum) return end;
  const gap = end - floor;
  return gap <= tieTolerance(problem, loss) ? 0 : gap;
}

/** Gaps closer than this are equal to rounding: ROUNDING times the larger of the minimum's loss and the starting gap. */
function tieTolerance(problem: Problem, loss: Float64Array): number {
  const floor = problem.optimum?.loss ?? 0;
  return ROUNDING * Math.max(Math.abs(floor), Math.abs(loss[0] - floor));
}

/**
 * The first iteration from which a trial's gap (its loss less the best known minimum's, or its loss where none
 * is known) stays at most `gap` plus the tie tolerance: when it got to where it ended. A sampling optimizer's
 * last loss may lie above its median gap: then the last iteration. Null for a diverged trial (gap null).
 */
export function reachedAt(problem: Problem, d: Descent, gap: number | null): number | null {
  if (gap === null) return null;
  const loss = d.trajectory.loss;
  const floor = problem.optimum?.loss ?? 0;
  const limit = gap + tieTolerance(problem, loss);
  let k = loss.length - 1;
  if (!(loss[k] - floor <= limit)) return k;
  while (k > 0 && loss[k - 1] - floor <= limit) k--;
  return k;
}

/** A trial's record: its final gap and when it got there. */
export function trialOf(problem: Problem, lr: number, d: Descent): TuneTrial {
  const gap = finalGap(problem, d);
  return { lr, gap, reached: reachedAt(problem, d, gap) };
}

/**
 * The trial with the lowest final gap; of equal gaps the one reached earliest, then the smaller rate; null
 * when every trial diverged.
 */
export function chooseRate(trials: readonly TuneTrial[]): number | null {
  let best: TuneTrial | null = null;
  const earlier = (a: TuneTrial, b: TuneTrial) => (a.reached ?? Infinity) < (b.reached ?? Infinity) || ((a.reached ?? Infinity) === (b.reached ?? Infinity) && a.lr < b.lr);
  for (const t of trials) {
    if (t.gap === null) continue;
    if (best === null || t.gap < best.gap! || (t.gap === best.gap && earlier(t, best))) best = t;
  }
  return best ? best.lr : null;
}

/** Tunes one series: a full descent at every grid rate (see the module's comment). */
export function tuneRate(problem: Problem, s: DescentSettings, grid: readonly number[]): TuneResult {
  const trials = grid.map((lr) => trialOf(problem, lr, descendOn(problem, trialSettings(s, lr))));
  return { lr: chooseRate(trials), trials };
}

/**
 * tuneRate with each trial interruptible (see descendOnAsync): `stopped` is thrown when `signal` fires.
 * `onTrial` hears each trial as it ends (a caller's progress or time estimate; it cannot change the choice).
 */
export async function tuneRateAsync(problem: Problem, s: DescentSettings, grid: readonly number[], signal: AbortSignal | undefined, stopped: () => Error, onTrial?: (trial: TuneTrial, index: number) => void): Promise<TuneResult> {
  const trials: TuneTrial[] = [];
  for (const lr of grid) {
    trials.push(trialOf(problem, lr, await descendOnAsync(problem, trialSettings(s, lr), signal, stopped)));
    onTrial?.(trials[trials.length - 1], trials.length - 1);
  }
  return { lr: chooseRate(trials), trials };
}
