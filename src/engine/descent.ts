import type { Divergence, SampleLog, Trajectory } from '../types';
import type { NotConverged, Warning } from '../warnings';
import { createRng } from '../random';
import { optimizerOf, type OptimizerName, type OptimizerParams } from './optimizers';
import type { Problem } from './problem';
import { assess, type Assessment } from './verdict';
import { startTraining, train, type TrainResult } from './train';

/** The settings of one descent on a problem. Absent values take the optimizer's or mlvis's defaults. */
export interface DescentSettings {
  optimizer: OptimizerName;
  /** Learning rate; absent = the optimizer's default for this problem (see rates.ts). */
  lr?: number;
  iterations: number;
  batchSize: number;
  momentum: number;
  beta1: number;
  /** Absent = the optimizer's own default (0.999; rmsprop's running mean 0.9). */
  beta2?: number;
  eps: number;
  seed: string;
  /**
   * false: no "did not converge" warning and no search for a rate or iteration count to suggest (a caller
   * that shows how far the run got instead); a divergence is still reported, with the rule's stable rate.
   */
  advise?: boolean;
}

/** One recorded descent, in the data's units. */
export interface Descent {
  optimizer: OptimizerName;
  /** The learning rate used (given or default). */
  lr: number;
  /** Every hyper-parameter as used. */
  params: OptimizerParams;
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
  return finish(problem, s, d, train(problem.trainModel, problem.dataModel, problem.scaling, d.options));
}

/**
 * The same descent, in slices of about 20 ms with the event loop turning between them, so a stop signal is
 * heard during a long training (a million logistic iterations) and not only after it. `stopped` is thrown
 * when `signal` fires. Bit-identical to descendOn.
 */
export async function descendOnAsync(problem: Problem, s: DescentSettings, signal: AbortSignal | undefined, stopped: () => Error): Promise<Descent> {
  const d = prepare(problem, s);
  const training = startTraining(problem.trainModel, problem.dataModel, problem.scaling, d.options);
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

function prepare(problem: Problem, s: DescentSettings, lrOverride?: number) {
  const o = optimizerOf(s.optimizer);
  const context = { init: problem.trainInit, iterations: s.iterations };
  const base = { batchSize: s.batchSize, momentum: s.momentum, beta1: s.beta1, eps: s.eps };
  const beta2 = s.beta2 ?? o.defaults?.beta2 ?? 0.999;
  const lr = lrOverride ?? s.lr ?? o.defaultRate(problem.trainModel, { lr: NaN, ...base, beta2 }, context);
  const params: OptimizerParams = { lr, ...base, beta2 };
  const options = { optimizer: o, params, iterations: s.iterations, init: problem.init, rng: createRng(s.seed, 'order'), floor: problem.optimum?.loss };
  return { o, context, params, options };
}

function assessment(problem: Problem, d: ReturnType<typeof prepare>, result: TrainResult): Assessment {
  return assess({
    trajectory: result.trajectory,
    diverged: result.diverged !== null,
    optimizer: d.o,
    params: d.params,
    trainModel: problem.trainModel,
    optimumLoss: problem.optimum?.loss ?? null,
    referenceLoss: problem.dataModel.referenceLoss(),
    trainInit: problem.trainInit,
  });
}

function finish(problem: Problem, s: DescentSettings, d: ReturnType<typeof prepare>, result: TrainResult): Descent {
  const lr = d.params.lr;
  const warnings: Warning[] = [];
  const verdict = assessment(problem, d, result);
  let diverged = result.diverged;
  if (diverged) {
    const stableLr = s.advise === false ? diverged.stable_lr : (verifiedRate(problem, s, d, (r) => r < lr) ?? shortTrialRate(problem, s, d, lr) ?? diverged.stable_lr);
    diverged = { ...diverged, stable_lr: stableLr };
    warnings.push({ code: 'diverged', iteration: diverged.iteration, lr, stableLr });
  } else if (s.advise !== false && (verdict.verdict === 'cycling' || verdict.verdict === 'stalled')) {
    const l = result.trajectory.loss;
    const w: NotConverged = {
      code: 'notConverged',
      verdict: verdict.verdict,
      gapClosed: verdict.gapClosed!,
      final: l[l.length - 1],
      optimum: problem.optimum!.loss,
      optimizer: s.optimizer,
      iterations: result.iterations,
    };
    Object.assign(w, suggestion(problem, s, d, verdict));
    warnings.push(w);
  }
  return { optimizer: s.optimizer, lr, params: d.params, trajectory: result.trajectory, iterations: result.iterations, diverged, samples: result.samples, warnings, assessment: verdict };
}

/**
 * What to suggest after a run that did not converge, each part checked by running it before it is printed
 * (an unchecked number is never printed; the words then say only which way to go):
 * - cycling: a smaller rate (below the one used) with which the same run converges;
 * - too few iterations: a count with which it converges, else a larger rate with which it does;
 * - a rate far below the stable one: a larger rate with which it converges;
 * - sampling noise: a smaller rate with which it converges;
 * - ill-conditioning: no number (the fix is --standardize).
 */
function suggestion(problem: Problem, s: DescentSettings, d: Prepared, a: Assessment): Partial<NotConverged> {
  const lr = d.params.lr;
  if (a.verdict === 'cycling') return { suggestedLr: verifiedRate(problem, s, d, (r) => r < lr) ?? undefined };
  const out: Partial<NotConverged> = { cause: a.cause };
  if (a.cause === 'fewIterations') {
    const iterations = a.iterationsNeeded ? verifiedIterations(problem, s, d, a.iterationsNeeded) : null;
    if (iterations !== null) out.suggestedIterations = iterations;
    else out.suggestedLr = verifiedRate(problem, s, d, (r) => r > lr) ?? undefined;
  }
  if (a.cause === 'smallRate') out.suggestedLr = verifiedRate(problem, s, d, (r) => r > lr) ?? undefined;
  if (a.cause === 'noise') out.suggestedLr = verifiedRate(problem, s, d, (r) => r < lr, [lr / 2, lr / 4, lr / 8]) ?? undefined;
  return out;
}

type Prepared = ReturnType<typeof prepare>;

/** Sample-iterations (iterations × rows) that checking one suggestion may spend. */
const ITERATION_BUDGET = 5e7;

/**
 * A rate to suggest: the first candidate that `wanted` allows and with which the same run (its iterations,
 * from the same start) converges. Candidates: the optimizer's default rate for this problem and the
 * stability limit's 0.9, 0.5, 0.25, each halved down to a millionth, largest first — or the given list.
 * Null when none converges within the budget of work.
 */
function verifiedRate(problem: Problem, s: DescentSettings, d: Prepared, wanted: (lr: number) => boolean, given?: number[]): number | null {
  const rows = problem.data.x.length;
  const context = { init: problem.trainInit, iterations: s.iterations };
  const base = d.o.defaultRate(problem.trainModel, d.params, context);
  const limit = d.o.stableRate(problem.trainModel, { ...d.params, lr: base }, context);
  let candidates = given ?? [base, 0.9 * limit, 0.5 * limit, 0.25 * limit];
  if (!given) for (let k = 1; k <= 20; k++) candidates.push(base / 2 ** k, (0.25 * limit) / 2 ** k);
  candidates = [...new Set(candidates.filter((r) => r > 0 && Number.isFinite(r) && wanted(r) && Math.abs(r - d.params.lr) > 1e-12 * r))].sort((x, y) => y - x);
  let spent = 0;
  for (const lr of candidates) {
    spent += s.iterations * rows;
    if (spent > ITERATION_BUDGET) return null;
    const trial = prepare(problem, s, lr);
    const result = train(problem.trainModel, problem.dataModel, problem.scaling, trial.options);
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
    const result = train(problem.trainModel, problem.dataModel, problem.scaling, trial.options);
    if (assessment(problem, trial, result).verdict === 'converged') return guess;
    if (guess === 10_000_000) break;
    guess = roundUp(2 * guess);
  }
  return null;
}

/**
 * After a divergence on a run too large to check whole: the largest halving of the default rate below the
 * one that failed that a short trial from the same start confirms (no blow-up, no cycling, the gap falls).
 */
function shortTrialRate(problem: Problem, s: DescentSettings, d: Prepared, below: number): number | null {
  const rows = problem.data.x.length;
  const iterations = Math.min(s.iterations, 200, Math.max(10, Math.floor(ITERATION_BUDGET / 8 / rows)));
  let lr = d.o.defaultRate(problem.trainModel, d.params, { init: problem.trainInit, iterations: s.iterations });
  for (let k = 0; k < 30 && lr > 0 && Number.isFinite(lr); k++, lr /= 2) {
    if (lr >= below) continue;
    const trial = prepare(problem, { ...s, iterations }, lr);
    const result = train(problem.trainModel, problem.dataModel, problem.scaling, trial.options);
    const a = assessment(problem, trial, result);
    const l = result.trajectory.loss;
    if (!result.diverged && a.verdict !== 'cycling' && (a.verdict === 'converged' || l[l.length - 1] < l[0])) return lr;
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
  return { ...s, optimizer: 'gd', lr: sampling.fullBatchRate(descent.params, problem.trainModel) };
}
