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
    const stableLr = verifiedRate(problem, s, d, lr) ?? diverged.stable_lr;
    diverged = { ...diverged, stable_lr: stableLr };
    warnings.push({ code: 'diverged', iteration: diverged.iteration, lr, stableLr });
  } else if (verdict.verdict === 'cycling' || verdict.verdict === 'stalled') {
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
    if (verdict.verdict === 'cycling') w.suggestedLr = verifiedRate(problem, s, d, lr) ?? undefined;
    else {
      w.cause = verdict.cause;
      if (verdict.cause === 'fewIterations' && verdict.iterationsNeeded) w.suggestedIterations = verifiedIterations(problem, s, d, verdict.iterationsNeeded);
      if (verdict.cause === 'smallRate') {
        const better = verifiedRate(problem, s, d, Infinity);
        if (better !== null && better > lr) w.suggestedLr = better;
      }
      if (verdict.cause === 'noise') w.suggestedLr = lr / 4;
    }
    warnings.push(w);
  }
  return { optimizer: s.optimizer, lr, params: d.params, trajectory: result.trajectory, iterations: result.iterations, diverged, samples: result.samples, warnings, assessment: verdict };
}

/** Iterations of the trial that checks a suggested rate. */
const TRIAL = 200;

/**
 * A rate to suggest instead of one that failed (or was far too small): the optimizer's default rate for
 * this problem, or the largest of it halved (at most 30 times) that is below `below` and that a short trial
 * from the same start confirms: no blow-up, no cycling, and the gap falls. Null when none passes.
 */
function verifiedRate(problem: Problem, s: DescentSettings, d: ReturnType<typeof prepare>, below: number): number | null {
  const rows = problem.data.x.length;
  // Shorter trials on large data: the whole search stays within about ITERATION_BUDGET of work.
  const iterations = Math.min(s.iterations, TRIAL, Math.max(10, Math.floor(ITERATION_BUDGET / 8 / rows)));
  const trialSettings = { ...s, iterations };
  let lr = d.o.defaultRate(problem.trainModel, d.params, { init: problem.trainInit, iterations: s.iterations });
  if (!(lr > 0) || !Number.isFinite(lr)) return null;
  let spent = 0;
  for (let k = 0; k < 30; k++, lr /= 2) {
    if (lr >= below) continue;
    spent += iterations * rows;
    if (spent > 2 * ITERATION_BUDGET) return null;
    const trial = prepare(problem, trialSettings, lr);
    const result = train(problem.trainModel, problem.dataModel, problem.scaling, trial.options);
    const a = assessment(problem, trial, result);
    const l = result.trajectory.loss;
    if (!result.diverged && a.verdict !== 'cycling' && (a.verdict === 'converged' || l[l.length - 1] < l[0])) return lr;
  }
  return null;
}

/** Sample-iterations (iterations × rows) that checking a suggested iteration count may spend. */
const ITERATION_BUDGET = 5e7;

/**
 * An iteration count to suggest after a run that was still falling: the extrapolated count (see
 * verdict.ts), checked by running that many, and doubled (up to three times) until the run converges, within
 * a budget of work; past it, the extrapolation doubled, as an honest "about".
 */
function verifiedIterations(problem: Problem, s: DescentSettings, d: ReturnType<typeof prepare>, estimate: number): number {
  let guess = roundUp(estimate);
  let spent = 0;
  const rows = problem.data.x.length;
  for (let k = 0; k < 4 && guess < 10_000_000; k++) {
    spent += guess * rows;
    if (spent > ITERATION_BUDGET) break;
    // With the default rate, the rate itself depends on the run's length: check what the user will get.
    const trial = prepare(problem, { ...s, iterations: guess }, s.lr === undefined ? undefined : d.params.lr);
    const result = train(problem.trainModel, problem.dataModel, problem.scaling, trial.options);
    if (assessment(problem, trial, result).verdict === 'converged') return guess;
    guess = roundUp(2 * guess);
  }
  return roundUp(Math.min(2 * estimate, 10_000_000));
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
