import type { Divergence, SampleLog, Trajectory } from '../types';
import type { NotConverged, SlowDefault, Warning } from '../warnings';
import { createRng } from '../random';
import { optimizerOf, paramsFor, refuseUnmet, type HyperValues, type OptimizerName, type Params } from './optimizers';
import { HYPER_PARAM_NAMES } from './optimizers/hyperParams';
import type { Schedule } from './schedule';
import { setUpProblem, type Problem } from './problem';
import { assess, conditioningOf, ILL_CONDITIONED, SMALL_RATE, type Assessment } from './verdict';
import type { ModelName } from './models';
import { startTraining, train, type TrainResult } from './train';
import { isSampled } from './objective';
import type { Landscape } from './landscape';
import { landscapeVerdict } from './landscapeVerdict';
import { belowFailedRate } from './rates';

/**
 * The settings of one descent on a problem. Absent values take the optimizer's or mlvis's defaults; the
 * hyper-parameters (batchSize, momentum, beta1, beta2, eps, weightDecay: see optimizers/hyperParams.ts) are
 * the optimizer's own default when absent (beta2: 0.999, rmsprop 0.9, lion 0.99).
 */
export interface DescentSettings extends HyperValues {
  optimizer: OptimizerName;
  /** Learning rate; absent = the optimizer's default for this problem (see rates.ts). */
  lr?: number;
  iterations: number;
  seed: string;
  /** How the rate changes over the run (see schedule.ts); absent: constant. */
  schedule?: Schedule;
  /**
   * false: no "did not converge" warning and no search for a rate or iteration count to suggest (a caller
   * that shows how far the run got instead); a divergence is still reported, with the rule's stable rate,
   * and without the narrow valley's cause and its --standardize.
   */
  advise?: boolean;
}

/** One recorded descent, as reported (the data's units). */
export interface Descent {
  optimizer: OptimizerName;
  /** The learning rate used (given or default). */
  lr: number;
  /** Every hyper-parameter as used (the base rate; the schedule, if any, scales it per update). */
  params: Params;
  trajectory: Trajectory;
  /** Updates performed: as asked, or fewer when the descent diverged. */
  iterations: number;
  diverged: Divergence | null;
  /** sgd, minibatch: the samples of each update, or null (see sampleLogFor). */
  samples: SampleLog | null;
  /** Set by the pipeline for --reference-path (see referenceSettings): the full-batch path to compare with. */
  reference?: Trajectory;
  warnings: Warning[];
  /** How it ended, from the optimality gap (see verdict.ts). */
  assessment: Assessment;
}

/** Runs one optimizer on a problem that was set up once (see setUpProblem). */
export function descendOn(problem: Problem, s: DescentSettings): Descent {
  const d = prepare(problem, s);
  return finish(problem, s, d, trainOn(problem, d));
}

/**
 * The same descent, in slices of about 20 ms with the event loop turning between them, so a stop signal is
 * heard during a long training (a million logistic iterations) and not only after it. `stopped` is thrown
 * when `signal` fires. Bit-identical to descendOn.
 */
export async function descendOnAsync(problem: Problem, s: DescentSettings, signal: AbortSignal | undefined, stopped: () => Error): Promise<Descent> {
  const d = prepare(problem, s);
  const training = startTraining(problem.objective, problem.reparametrization, d.options);
  let slice = 256;
  for (;;) {
    if (signal?.aborted) throw stopped();
    const t0 = performance.now();
    if (training.advance(slice)) break;
    const ms = performance.now() - t0;
    slice = Math.max(16, Math.min(1 << 22, Math.round(ms > 0 ? (slice * SLICE_MS) / ms : slice * 2)));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return finish(problem, s, d, training.result());
}

/** How long one slice of an interruptible descent runs before the event loop turns. */
const SLICE_MS = 20;

/** A prepared descent trained on its problem (the optimizer on the trained objective, reported as the problem reports). */
function trainOn(problem: Problem, d: Prepared): TrainResult {
  return train(problem.objective, problem.reparametrization, d.options);
}

function prepare(problem: Problem, s: DescentSettings, lrOverride?: number) {
  const o = optimizerOf(s.optimizer);
  // Before any rule reads the objective: sgd's default rate reads its samples.
  refuseUnmet(o, problem.trained);
  const context = { init: problem.trainInit, iterations: s.iterations };
  const bag = hyperValuesOf(s);
  const lr = lrOverride ?? s.lr ?? o.defaultRate(problem.trained, { lr: NaN, ...bag }, context);
  const params = paramsFor(o, { lr, ...bag });
  const options = { optimizer: o, params, iterations: s.iterations, init: problem.init, rng: createRng(s.seed, 'order'), floor: problem.optimum?.loss, schedule: s.schedule };
  return { o, context, params, options };
}

/** The hyper-parameters among a descent's settings: the bag handed to its optimizer. */
export function hyperValuesOf(s: HyperValues): HyperValues {
  const out: HyperValues = {};
  for (const k of HYPER_PARAM_NAMES) if (s[k] !== undefined) out[k] = s[k];
  return out;
}

function assessment(problem: Problem, d: ReturnType<typeof prepare>, result: TrainResult): Assessment {
  if (problem.landscape) return landscapeAssessment(problem, problem.landscape, result);
  const t = result.trajectory;
  const last = t.loss.length - 1;
  const final = t.w.map((c) => c[last]);
  return assess({
    trajectory: result.trajectory,
    diverged: result.diverged !== null,
    optimizer: d.o,
    params: d.params,
    trained: problem.trained,
    optimumLoss: problem.optimum?.loss ?? null,
    referenceLoss: problem.objective.referenceLoss(),
    trainInit: problem.trainInit,
    trainFinal: problem.reparametrization ? problem.reparametrization.toTrained(final) : final,
    reparametrized: problem.reparametrization !== null,
  });
}

/**
 * A landscape's descent, judged by landscapeVerdict.ts against its known minima and saddles (several, local,
 * or none) on the domain's yardsticks. gap_closed is measured to the global minimum nearest the start, and
 * distance is the end's distance to the minimum reached (or nearest) in domain diagonals.
 */
function landscapeAssessment(problem: Problem, l: Landscape, result: TrainResult): Assessment {
  const centre = [(l.domain.x[0] + l.domain.x[1]) / 2, (l.domain.y[0] + l.domain.y[1]) / 2];
  const v = landscapeVerdict({ objective: l.objective, minima: l.minima, saddles: l.saddles, trajectory: result.trajectory, diverged: result.diverged, stoppedAt: result.stoppedAt, scale: l.scale, lossRange: l.lossRange, centre });
  const loss = result.trajectory.loss;
  const floor = problem.optimum?.loss;
  const g0 = floor === undefined ? NaN : loss[0] - floor;
  const gapClosed = floor === undefined || !(g0 > 0) ? null : (g0 - (loss[loss.length - 1] - floor)) / g0;
  // No update made (--iters 0): no verdict, as a regression has none then.
  return { gapClosed, verdict: v.verdict === 'not run' ? null : v.verdict, distance: v.distance, landscape: v };
}

function finish(problem: Problem, s: DescentSettings, d: ReturnType<typeof prepare>, result: TrainResult): Descent {
  const lr = d.params.lr;
  const warnings: Warning[] = [];
  let verdict = assessment(problem, d, result);
  let diverged = result.diverged;
  const land = problem.landscape;
  if (land && (diverged || verdict.verdict === 'diverged')) {
    const out = landscapeDivergence(problem, land, s, d, result, verdict);
    diverged = out.diverged;
    warnings.push(...out.warnings);
  } else if (diverged && decayOvershoots(problem, d)) {
    diverged = { ...diverged, stable_lr: NaN };
    warnings.push({ code: 'diverged', iteration: diverged.iteration, lr, stableLr: NaN, checked: 'rule', decay: decayOvershoots(problem, d)! });
  } else if (diverged) {
    const advice = s.advise === false ? null : rateAfterDivergence(problem, s, d);
    const stableLr = advice?.lr ?? diverged.stable_lr;
    diverged = { ...diverged, stable_lr: stableLr };
    // On raw x in a narrow valley the cause is named too, whatever the optimizer: a rate small enough for its
    // steep side crawls along its floor, and --standardize removes the valley. Not where advice is off: the
    // one caller on raw x (--compare-standardize) draws that valley beside the bowl, and refuses --standardize.
    const t = problem.trained;
    const raw = problem.reparametrization || problem.landscape || !isSampled(t) || s.advise === false ? null : t;
    const condition = raw ? raw.curvature() / raw.minCurvature() : 0;
    const conditioning = raw && condition > ILL_CONDITIONED ? conditioningOf(raw.x, condition) : undefined;
    warnings.push({ code: 'diverged', iteration: diverged.iteration, lr, stableLr, checked: advice?.checked ?? 'rule', ...(advice?.trialIterations ? { trialIterations: advice.trialIterations } : {}), ...(conditioning ? { conditioning } : {}) });
  } else if (land && s.advise !== false && verdict.verdict !== 'converged' && verdict.verdict !== 'saddle') {
    const slow = s.lr === undefined ? slowDefault(problem, land, s, d, result) : null;
    const short = slow ? null : shortOfMinimum(problem, s, verdict, result);
    if (slow ?? short) warnings.push((slow ?? short)!);
  } else if (s.advise !== false && !problem.landscape && !problem.optimum && verdict.verdict === 'still descending') {
    // No minimum known (a network): what the loss curve shows, and no more; said when the last tenth still
    // took more than 1 % of the whole fall (a loss near 0 that keeps halving is said by the verdict alone).
    const l = result.trajectory.loss;
    const n = l.length - 1;
    const before = l[n - Math.max(1, Math.ceil(n / 10))];
    if (before - l[n] > 0.01 * (l[0] - l[n])) warnings.push({ code: 'stillDescending', iterations: result.iterations, from: before, to: l[n], optimizer: s.optimizer });
  } else if (s.advise !== false && !problem.landscape && problem.optimum && (verdict.verdict === 'cycling' || verdict.verdict === 'stalled')) {
    const quiet = verdict.verdict === 'stalled' && d.o.sampling && verdict.cause !== 'illConditioned' ? noiseOrRate(problem, s, d, result, verdict) : null;
    if (quiet) verdict = { ...verdict, ...quiet.assessment };
    const l = result.trajectory.loss;
    const last = l.length - 1;
    const names = problem.descriptor.weightNames;
    const w: NotConverged = {
      code: 'notConverged',
      verdict: verdict.verdict as 'stalled' | 'cycling',
      gapClosed: verdict.gapClosed!,
      final: l[last],
      optimum: problem.optimum!.loss,
      optimizer: s.optimizer,
      iterations: result.iterations,
    };
    if (verdict.aboveTrivial) w.trivial = { loss: problem.objective.referenceLoss(), model: problem.descriptor.trivialName };
    if (verdict.lossOnly && verdict.distance !== null) {
      // Weights whose minimum is a line (softmax) are said in its convention, as the distance was judged.
      const end = names.map((_, k) => result.trajectory.w[k][last]);
      const canonical = problem.descriptor.canonical;
      w.weightsOff = { distance: verdict.distance, names, final: canonical ? Array.from(canonical(end)) : end, optimum: [...problem.optimum!.w] };
    }
    if (verdict.conditioning) w.conditioning = verdict.conditioning;
    if (quiet?.quietLr !== undefined) w.quietLr = quiet.quietLr;
    Object.assign(w, suggestion(problem, s, d, verdict, result));
    warnings.push(w);
  }
  return { optimizer: s.optimizer, lr, params: d.params, trajectory: result.trajectory, iterations: result.iterations, diverged, samples: result.samples, warnings, assessment: verdict };
}

/**
 * A landscape's descent that diverged (the run stopped on a blow-up, or its path went a thousand domains away:
 * Newton leaving a saddle), said for what landscapeVerdict.ts confirmed it was:
 * - it stepped where f is not defined: that, with a smaller rate with which the same run converges when one
 *   does (checked), else the fixes in words; no "stable" rate, since none was what failed;
 * - the function has no minimum (a saddle): leaving is what a descent does there, no rate to suggest; when
 *   the loss rose instead of falling, the steps overshoot, and that is said too;
 * - the loss fell without bound on a function whose minima are not known: no rate to suggest either (a rate
 *   that "does not blow up" for 200 iterations on a loss falling for ever is no advice);
 * - else it blew up: the rate advice of a regression (see rateAfterDivergence).
 * The reason is kept in the divergence (`why`), for the summary and the frame's notice.
 */
function landscapeDivergence(problem: Problem, l: Landscape, s: DescentSettings, d: Prepared, result: TrainResult, a: Assessment): { diverged: Divergence | null; warnings: Warning[] } {
  const v = a.landscape!;
  const lr = d.params.lr;
  const why: NonNullable<Divergence['why']> = v.undefinedAt ? 'undefined' : v.notes.includes('fell') ? 'unbounded' : 'blew_up';
  // The first iteration at which the verdict was decided (a path a thousand domains away, a loss fallen far
  // below the domain's), which can come long before the values overflow and the run stops (if ever): the
  // divergence is recorded whether or not the run stopped, so verdict, warning, summary and frame agree.
  const iteration = v.divergedAt ?? result.diverged?.iteration ?? result.iterations;
  const tagged = (stable_lr: number): Divergence => ({ iteration, stable_lr, why });
  if (v.undefinedAt) {
    const u = v.undefinedAt;
    // The gradient is not finite at the start: every rate's first step is not a number, so none is tried.
    const atStart = u.gradient && v.final.iteration === 0;
    const rate = s.advise === false || atStart ? null : verifiedRate(problem, s, d, (r) => r < lr);
    const w: Warning = { code: 'undefinedStep', iteration, lr, at: u.w, gradient: u.gradient, ...(u.loss !== undefined && !Number.isNaN(u.loss) ? { loss: u.loss } : {}), ...(rate !== null ? { suggestedLr: rate } : {}), ...(atStart ? { atStart } : {}) };
    return { diverged: tagged(rate ?? NaN), warnings: [w] };
  }
  if (l.minima.kind === 'none') {
    // Unbounded below: leaving is what a descent does there; no rate to suggest (null in the summary).
    return { diverged: tagged(NaN), warnings: [{ code: 'unbounded', iteration, why: l.minima.why, ...(why === 'blew_up' ? { rose: { lr } } : {}) }] };
  }
  if (why === 'unbounded') {
    // The lowest finite loss of the path (its last may have swung back up: momentum on the monkey saddle).
    const loss = result.trajectory.loss.reduce((m, v) => Math.min(m, v), Infinity);
    return { diverged: tagged(NaN), warnings: [{ code: 'fellWithoutBound', iteration, loss, lowest: l.lossMin }] };
  }
  const decay = decayOvershoots(problem, d);
  if (decay) return { diverged: tagged(NaN), warnings: [{ code: 'diverged', iteration, lr, stableLr: NaN, checked: 'rule', decay }] };
  const advice = s.advise === false ? null : rateAfterDivergence(problem, s, d);
  const stableLr = advice?.lr ?? result.diverged?.stable_lr ?? belowFailedRate(d.o.stableRate(problem.trained, d.params, d.context), lr);
  const warning: Warning = { code: 'diverged', iteration, lr, stableLr, checked: advice?.checked ?? 'rule', ...(advice?.trialIterations ? { trialIterations: advice.trialIterations } : {}) };
  return { diverged: tagged(stableLr), warnings: [warning] };
}

/**
 * Decoupled weight decay (adamw) that alone makes the descent diverge: each step multiplies the weights by
 * 1 − lr·decay besides its gradient step, and from lr·decay ≥ 2 that factor is at least 1 in size, so the
 * weights grow whatever the gradient does; no smaller rate is the fix a user means, a smaller decay is. The
 * rule's bound on the decay (2/lr) is stated as the rule, not checked.
 */
function decayOvershoots(problem: Problem, d: Prepared): { weightDecay: number; below: number } | null {
  // Only an optimizer that reads the decay (its other ones carry the default unread).
  if (!(d.o.params as readonly string[]).includes('weightDecay')) return null;
  const wd = d.params.weightDecay;
  const lr = d.params.lr;
  if (!(wd !== undefined && wd > 0 && lr * wd >= 2)) return null;
  // A rate above the optimizer's own default for the problem is a cause too, and the rate advice stands (the
  // adaptive optimizers have no closed-form bound, so the default is what "not too large" means for them).
  // Unless the decay would overshoot at the rate that advice names as well.
  const rule = belowFailedRate(d.o.stableRate(problem.trained, d.params, d.context), lr);
  if (d.o.defaultRate(problem.trained, d.params, d.context) < lr * (1 - 1e-12) && rule * wd < 2) return null;
  return { weightDecay: wd, below: 2 / lr };
}

/** Share of the domain's diagonal under which a path that did not converge "barely moved". */
export const SLOW_PATH = 0.01;

/**
 * A landscape's descent at its default rate that barely moved (less than SLOW_PATH of the domain's diagonal
 * from its start) without converging, where that rate is 1/λmax (gd, momentum, nesterov: the steepest
 * curvature over the box around the start and the minima, which a test function may have far from where the
 * path goes). Probes the same run at the rate doubled, up to 16 times: the first rate with which it converges,
 * else the one that ends lowest having moved farther without diverging; nothing is suggested that no run
 * showed. Null when the path moved, or the rate is not set by the curvature.
 */
function slowDefault(problem: Problem, l: Landscape, s: DescentSettings, d: Prepared, result: TrainResult): Warning | null {
  const lr = d.params.lr;
  const curvature = problem.trained.curvature();
  if (!(Math.abs(lr * curvature - 1) < 1e-9)) return null;
  // At --iters 0 nothing moved because nothing ran: no rate is to blame.
  if (result.iterations === 0) return null;
  const moved = movedShare(result.trajectory, l.scale);
  if (!(moved < SLOW_PATH)) return null;
  let best: NonNullable<SlowDefault['probe']> | null = null;
  for (let k = 1; k <= 16 && k * s.iterations <= ITERATION_BUDGET; k++) {
    const trial = prepare(problem, s, twoDigits(lr * 2 ** k));
    const r = trainOn(problem, trial);
    const a = assessment(problem, trial, r);
    if (r.diverged || a.verdict === 'diverged') break;
    const t = r.trajectory;
    const loss = t.loss[t.loss.length - 1];
    const far = movedShare(t, l.scale);
    if (a.verdict === 'converged') {
      const m = a.landscape?.minimum;
      best = { lr: trial.params.lr, converged: true, loss, moved: far, ...(m ? { reached: `the ${m.kind} minimum ${m.name}` } : {}) };
      break;
    }
    if (far > moved && loss < result.trajectory.loss[result.trajectory.loss.length - 1] && (best === null || loss < best.loss)) best = { lr: trial.params.lr, converged: false, loss, moved: far };
  }
  return { code: 'slowDefault', optimizer: s.optimizer, lr, iterations: result.iterations, curvature, moved, ...(best ? { probe: best } : {}) };
}

/**
 * A landscape's descent still going down at its end, where a global minimum is known: said as it stands,
 * since a regression that did not converge says so too. Whatever share of the gap it closed: from a start
 * far up a steep function 99 % closed can leave f at 63 against a minimum of 3 (Goldstein-Price; hostile
 * review), and the verdict, not the share, says whether it arrived. No number of iterations is suggested:
 * none was run to check one.
 */
function shortOfMinimum(problem: Problem, s: DescentSettings, verdict: Assessment, result: TrainResult): Warning | null {
  const v = verdict.landscape;
  if (verdict.verdict !== 'still descending' || !v?.global || verdict.gapClosed === null || !problem.optimum) return null;
  const loss = result.trajectory.loss;
  // A path settling towards a local minimum is measured against it too: the gap to the global one alone misleads.
  const near = v.nearest && v.nearest.kind === 'local' && v.distance !== null ? { name: v.nearest.name, loss: v.nearest.loss, distance: v.distance * v.scale } : undefined;
  return { code: 'shortOfMinimum', optimizer: s.optimizer, iterations: result.iterations, start: loss[0], final: loss[loss.length - 1], global: problem.optimum.loss, gapClosed: verdict.gapClosed, fallOver: { iterations: loss.length - 1 - v.stretch!.from, by: -v.stretch!.lossChange }, ...(near ? { nearestLocal: near } : {}) };
}

/** A rate rounded down to two significant digits (as messages print rates: formatLr). */
function twoDigits(r: number): number {
  const unit = 10 ** (Math.floor(Math.log10(r)) - 1);
  return Number((Math.floor(r / unit + 1e-9) * unit).toPrecision(2));
}

/** How far a path got from its start at most, as a share of `scale`. */
function movedShare(t: Trajectory, scale: number): number {
  let far = 0;
  for (let i = 1; i < t.loss.length; i++) {
    let s = 0;
    for (const c of t.w) s += (c[i] - c[0]) ** 2;
    far = Math.max(far, Math.sqrt(s));
  }
  return far / scale;
}

/**
 * After a divergence: a smaller rate with which the same run converges ('converges'), else one that a short
 * trial shows does not blow up ('stable': no claim that it converges); null when neither was found.
 */
function rateAfterDivergence(problem: Problem, s: DescentSettings, d: Prepared): { lr: number; checked: 'converges' | 'stable'; trialIterations?: number } | null {
  const lr = d.params.lr;
  const converging = verifiedRate(problem, s, d, (r) => r < lr);
  if (converging !== null) return { lr: converging, checked: 'converges' };
  const trial = shortTrialRate(problem, s, d, lr);
  return trial && { lr: trial.lr, checked: 'stable', trialIterations: trial.iterations };
}

/** The gap a run ended with: the last for a deterministic optimizer, the median of the last tenth for a sampling one (its loss bounces). */
function endGap(loss: Float64Array, floor: number, stochastic: boolean): number {
  const n = loss.length - 1;
  if (!stochastic) return Math.max(loss[n] - floor, 0);
  const tail = Array.from(loss.subarray(n - Math.floor(n / 10)), (v) => Math.max(v - floor, 0)).sort((a, b) => a - b);
  return tail[Math.floor(tail.length / 2)];
}

/** Share of a sampling run's end gap that the same steps without the noise must beat for noise to be the cause. */
const NOISE_MARGIN = 0.5;

/**
 * A sampling optimizer's stall: sampling noise or the rate? Runs the same steps without the noise (gd at
 * the full-batch rate its step averages to, same start and iterations). If that converges or ends with at
 * most half the gap, the noise is what holds the run back (a larger rate would make it worse); else the
 * rate or the run's length is. Null when the check is past the budget of work (the trajectory's cause stays).
 */
function noiseOrRate(problem: Problem, s: DescentSettings, d: Prepared, result: TrainResult, a: Assessment): { assessment: Partial<Assessment>; quietLr?: number } | null {
  if (s.iterations * problem.data.x.length > ITERATION_BUDGET) return null;
  const quietLr = d.o.sampling!.fullBatchRate(d.params, sampledOf(problem));
  const trial = prepare(problem, { ...s, optimizer: 'gd' }, quietLr);
  const quiet = trainOn(problem, trial);
  const floor = problem.optimum!.loss;
  const converged = !quiet.diverged && assessment(problem, trial, quiet).verdict === 'converged';
  const noisy = endGap(result.trajectory.loss, floor, true);
  if (converged || (!quiet.diverged && endGap(quiet.trajectory.loss, floor, false) <= NOISE_MARGIN * noisy)) {
    return { assessment: { cause: 'noise' }, ...(converged ? { quietLr } : {}) };
  }
  const bound = d.o.stableRate(problem.trained, d.params, { init: problem.trainInit, iterations: s.iterations });
  return { assessment: { cause: d.params.lr < SMALL_RATE * bound ? 'smallRate' : 'fewIterations' } };
}

/**
 * What to suggest after a run that did not converge, each part checked by running it before it is printed:
 * - cycling: a smaller rate (below the one used) with which the same run converges;
 * - too few iterations: a count with which it converges, else a larger rate with which it does;
 * - a rate far below the stable one: a larger rate with which it converges;
 * - sampling noise: a smaller rate with which it converges, else a smaller rate with proportionally more
 *   iterations;
 * - ill-conditioning: --standardize, with whether the same run converges with it.
 * When no number is confirmed, probe runs (twice and half the rate, twice the iterations) say which way
 * ends nearer the optimum; without such a probe no direction is named.
 */
function suggestion(problem: Problem, s: DescentSettings, d: Prepared, a: Assessment, result: TrainResult): Partial<NotConverged> {
  const lr = d.params.lr;
  const out: Partial<NotConverged> = a.verdict === 'cycling' ? {} : { cause: a.cause };
  const smaller = (r: number) => r < lr;
  const larger = (r: number) => r > lr;
  if (a.verdict === 'cycling') out.suggestedLr = verifiedRate(problem, s, d, smaller) ?? undefined;
  else if (a.cause === 'fewIterations') {
    const iterations = a.iterationsNeeded ? verifiedIterations(problem, s, d, a.iterationsNeeded) : null;
    if (iterations !== null) out.suggestedIterations = iterations;
    else out.suggestedLr = verifiedRate(problem, s, d, larger) ?? undefined;
  } else if (a.cause === 'smallRate') out.suggestedLr = verifiedRate(problem, s, d, larger) ?? undefined;
  else if (a.cause === 'noise') {
    const rate = verifiedRate(problem, s, d, smaller, [lr / 2, lr / 4, lr / 8]);
    if (rate !== null) out.suggestedLr = rate;
    else Object.assign(out, verifiedSlower(problem, s, d) ?? {});
  } else if (a.cause === 'illConditioned') {
    out.standardized = standardizedCheck(problem, s);
    return out;
  }
  if (out.suggestedLr === undefined && out.suggestedIterations === undefined && out.quietLr === undefined) {
    out.nearer = nearerProbe(problem, s, d, result);
  }
  return out;
}

/**
 * Sampling noise at a constant rate: a smaller rate run proportionally longer (half the rate over twice the
 * iterations, and so on) so that it covers the same ground with less noise; the first that converges.
 */
function verifiedSlower(problem: Problem, s: DescentSettings, d: Prepared): { suggestedLr: number; suggestedIterations: number } | null {
  const rows = problem.data.x.length;
  let spent = 0;
  for (let k = 1; k <= 4; k++) {
    const iterations = s.iterations * 2 ** k;
    spent += iterations * rows;
    if (spent > ITERATION_BUDGET || iterations > 10_000_000) return null;
    const lr = d.params.lr / 2 ** k;
    const trial = prepare(problem, { ...s, iterations }, lr);
    const result = trainOn(problem, trial);
    if (assessment(problem, trial, result).verdict === 'converged') return { suggestedLr: lr, suggestedIterations: iterations };
  }
  return null;
}

/** Ends at most this share of a run's gap: a probe "ended nearer the optimum". */
const NEARER = 0.5;

/**
 * Which way helps when no number converges: the same run at twice and at half the rate, and over twice the
 * iterations; the probe that ended with the smallest gap, if that is at most NEARER of this run's; null
 * when none did (then no direction is named); undefined past the budget of work.
 */
function nearerProbe(problem: Problem, s: DescentSettings, d: Prepared, result: TrainResult): NotConverged['nearer'] {
  const rows = problem.data.x.length;
  if (4 * s.iterations * rows > ITERATION_BUDGET) return undefined;
  const floor = problem.optimum!.loss;
  const stochastic = d.o.stochastic;
  const here = endGap(result.trajectory.loss, floor, stochastic);
  const lr = d.params.lr;
  const probes: { lr?: number; iterations?: number }[] = [{ lr: 2 * lr }, { lr: lr / 2 }, { iterations: roundUp(2 * s.iterations) }];
  let best: { lr?: number; iterations?: number; gap: number } | null = null;
  for (const p of probes) {
    const trial = prepare(problem, { ...s, iterations: p.iterations ?? s.iterations }, p.lr ?? lr);
    const r = trainOn(problem, trial);
    if (r.diverged) continue;
    const gap = endGap(r.trajectory.loss, floor, stochastic);
    if (gap <= NEARER * here && (best === null || gap < best.gap)) best = { ...p, gap };
  }
  if (!best) return null;
  const trivial = Math.max(problem.objective.referenceLoss() - floor, Number.MIN_VALUE);
  return { ...(best.lr !== undefined ? { lr: best.lr } : {}), ...(best.iterations !== undefined ? { iterations: best.iterations } : {}), share: best.gap / trivial, here: here / trivial };
}

/**
 * A raw valley: the same run on standardized x (its default rate, or the rate given), from the same start:
 * the condition number there and whether it converges (null past the budget of work).
 */
function standardizedCheck(problem: Problem, s: DescentSettings): NonNullable<NotConverged['standardized']> {
  const scaled = setUpProblem(problem.data, { model: problem.descriptor.name as ModelName, standardize: true, init: problem.init, ...(problem.descriptor.name === 'poly' ? { degree: problem.objective.dim - 1 } : {}) });
  const condition = scaled.trained.curvature() / scaled.trained.minCurvature();
  if (s.iterations * problem.data.x.length > ITERATION_BUDGET) return { condition, converges: null };
  const trial = prepare(scaled, { ...s, lr: undefined });
  const result = trainOn(scaled, trial);
  return { condition, converges: assessment(scaled, trial, result).verdict === 'converged' };
}

type Prepared = ReturnType<typeof prepare>;

/** The work of one iteration in rows: the data's, or one for a landscape (no rows, one evaluation). */
function workRows(problem: Problem): number {
  return Math.max(problem.data.x.length, 1);
}

/** Sample-iterations (iterations × rows) that checking one suggestion may spend. */
const ITERATION_BUDGET = 5e7;

/**
 * A rate to suggest: the first candidate that `wanted` allows and with which the same run (its iterations,
 * from the same start) converges. Candidates: the optimizer's default rate for this problem and the
 * stability limit's 0.9, 0.5, 0.25, each halved down to a millionth, largest first — or the given list.
 * Null when none converges within the budget of work.
 */
function verifiedRate(problem: Problem, s: DescentSettings, d: Prepared, wanted: (lr: number) => boolean, given?: number[]): number | null {
  const rows = workRows(problem);
  const context = { init: problem.trainInit, iterations: s.iterations };
  const base = d.o.defaultRate(problem.trained, d.params, context);
  const limit = d.o.stableRate(problem.trained, { ...d.params, lr: base }, context);
  let candidates = given ?? [base, 0.9 * limit, 0.5 * limit, 0.25 * limit];
  if (!given) for (let k = 1; k <= 20; k++) candidates.push(base / 2 ** k, (0.25 * limit) / 2 ** k);
  candidates = [...new Set(candidates.filter((r) => r > 0 && Number.isFinite(r) && wanted(r) && Math.abs(r - d.params.lr) > 1e-12 * r))].sort((x, y) => y - x);
  let spent = 0;
  for (const lr of candidates) {
    spent += s.iterations * rows;
    if (spent > ITERATION_BUDGET) return null;
    const trial = prepare(problem, s, lr);
    const result = trainOn(problem, trial);
    if (assessment(problem, trial, result).verdict === 'converged') return lr;
  }
  return null;
}

/**
 * An iteration count to suggest after a run that was still falling: the extrapolated count (see
 * verdict.ts), checked by running that many and doubled (up to three times) until the run converges, within
 * a budget of work; null when none is confirmed.
 */
function verifiedIterations(problem: Problem, s: DescentSettings, d: Prepared, estimate: number): number | null {
  let guess = roundUp(estimate);
  let spent = 0;
  const rows = problem.data.x.length;
  for (let k = 0; k < 4 && guess <= 10_000_000; k++) {
    spent += guess * rows;
    if (spent > ITERATION_BUDGET) break;
    // With the default rate, the rate itself depends on the run's length: check what the user will get.
    const trial = prepare(problem, { ...s, iterations: guess }, s.lr === undefined ? undefined : d.params.lr);
    const result = trainOn(problem, trial);
    if (assessment(problem, trial, result).verdict === 'converged') return guess;
    if (guess === 10_000_000) break;
    guess = roundUp(2 * guess);
  }
  return null;
}

/**
 * After a divergence on a run too large to check whole: the largest halving of the default rate below the
 * one that failed that a short trial from the same start confirms (no blow-up, no cycling, the gap falls);
 * on a landscape the trial is the whole run, and a path gone a thousand domains away is no confirmation.
 */
function shortTrialRate(problem: Problem, s: DescentSettings, d: Prepared, below: number): { lr: number; iterations: number } | null {
  const rows = workRows(problem);
  // A landscape's iteration costs one evaluation: the trial is the whole run (within the budget), so "stable"
  // means the run as asked, not its first 200 steps (on a loss unbounded below those say little).
  const iterations = problem.landscape ? Math.min(s.iterations, Math.floor(ITERATION_BUDGET / 8)) : Math.min(s.iterations, 200, Math.max(10, Math.floor(ITERATION_BUDGET / 8 / rows)));
  let lr = d.o.defaultRate(problem.trained, d.params, { init: problem.trainInit, iterations: s.iterations });
  for (let k = 0; k < 30 && lr > 0 && Number.isFinite(lr); k++, lr /= 2) {
    if (lr >= below) continue;
    const trial = prepare(problem, { ...s, iterations }, lr);
    const result = trainOn(problem, trial);
    const a = assessment(problem, trial, result);
    const l = result.trajectory.loss;
    if (!result.diverged && a.verdict !== 'cycling' && a.verdict !== 'diverged' && (a.verdict === 'converged' || l[l.length - 1] < l[0])) return { lr, iterations };
    if ((k + 1) * iterations * rows > 2 * ITERATION_BUDGET) break;
  }
  return null;
}

/** Iterations to suggest: up to two significant digits, rounded up, within the 10,000,000 limit. */
function roundUp(n: number): number {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return Math.min(10_000_000, Math.ceil(n / unit) * unit);
}

/**
 * The settings of --reference-path's descent for a stochastic one: plain gd from the same start, for the
 * same iterations, at the full-batch rate its step averages to; null for an optimizer that does not sample.
 */
export function referenceSettings(problem: Problem, descent: Descent, s: DescentSettings): DescentSettings | null {
  const sampling = optimizerOf(descent.optimizer).sampling;
  if (!sampling) return null;
  return { ...s, optimizer: 'gd', lr: sampling.fullBatchRate(descent.params, sampledOf(problem)) };
}

/** The trained objective of a problem a sampling optimizer descended (prepare refused any other). */
function sampledOf(problem: Problem) {
  const t = problem.trained;
  if (!isSampled(t)) throw new Error('a sampling optimizer ran on an objective without samples');
  return t;
}
