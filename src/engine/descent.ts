import type { Divergence, SampleLog, Trajectory } from '../types';
import type { Warning } from '../warnings';
import { createRng } from '../random';
import { optimizerOf, type OptimizerName, type OptimizerParams } from './optimizers';
import type { Problem } from './problem';
import { SLOW_CONDITION } from './problem';
import { belowFailedRate } from './rates';
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

function prepare(problem: Problem, s: DescentSettings) {
  const o = optimizerOf(s.optimizer);
  const context = { init: problem.trainInit, iterations: s.iterations };
  const base = { batchSize: s.batchSize, momentum: s.momentum, beta1: s.beta1, eps: s.eps };
  const beta2 = s.beta2 ?? o.defaults?.beta2 ?? 0.999;
  const lr = s.lr ?? o.defaultRate(problem.trainModel, { lr: NaN, ...base, beta2 }, context);
  const params: OptimizerParams = { lr, ...base, beta2 };
  const options = { optimizer: o, params, iterations: s.iterations, init: problem.init, rng: createRng(s.seed, 'order') };
  return { o, context, params, options };
}

function finish(problem: Problem, s: DescentSettings, d: ReturnType<typeof prepare>, result: TrainResult): Descent {
  const { o, context, params } = d;
  const lr = params.lr;
  const warnings: Warning[] = [];
  if (result.diverged) {
    warnings.push({ code: 'diverged', iteration: result.diverged.iteration, lr, stableLr: result.diverged.stable_lr });
  }
  const l = result.trajectory.loss;
  if (!result.diverged && l[l.length - 1] > l[0] * (1 + 1e-9)) {
    // Bounded but not converging (e.g. a limit cycle of an oversized step): not a blow-up, still worth a word.
    const bound = o.stableRate(problem.trainModel, params, context);
    warnings.push({ code: 'endedHigher', final: l[l.length - 1], start: l[0], suggestedLr: belowFailedRate(bound, lr) });
  }
  if (o.plain && problem.condition !== null && problem.condition > SLOW_CONDITION) {
    warnings.push({ code: 'illConditioned', condition: problem.condition });
  }
  return { optimizer: s.optimizer, lr, params, trajectory: result.trajectory, iterations: result.iterations, diverged: result.diverged, samples: result.samples, warnings };
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
