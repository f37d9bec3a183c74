import type { Divergence, SampleLog, Trajectory } from '../types';
import type { Rng } from '../random';
import { isSampled, type Objective } from './objective';
import { refuseUnmet, type OptimizerDescriptor, type OptimizerParams } from './optimizers';
import { belowFailedRate } from './rates';
import { CONSTANT, scheduledRate, type Schedule } from './schedule';
import { sampleLogFor } from './samples';
import type { Reparametrization } from './reparametrization';

export interface TrainOptions {
  optimizer: OptimizerDescriptor;
  params: OptimizerParams;
  iterations: number;
  /** Starting weights as reported (the data's units). */
  init: readonly number[];
  /** Source of the sgd / minibatch sample order. */
  rng: Rng;
  /** The loss at the exact optimum, when there is one: divergence is judged on the gap above it. */
  floor?: number;
  /** The rate of each update from params.lr (see schedule.ts); absent: constant. */
  schedule?: Schedule;
}

export interface TrainResult {
  /** Entry i: weights and loss after i updates, as reported (the data's units). */
  trajectory: Trajectory;
  /** Updates performed: `iterations`, or fewer when the descent diverged. */
  iterations: number;
  diverged: Divergence | null;
  /**
   * When the descent stopped on a non-finite loss: the weights it stepped to (as reported) and that loss,
   * which the trajectory leaves out. A finite point with a NaN loss is one where the objective is undefined.
   */
  stoppedAt?: { w: number[]; loss: number };
  /** sgd, minibatch: the samples each performed update drew (see sampleLogFor for when there is none). */
  samples: SampleLog | null;
}

/**
 * When the descent counts as diverged, judged on the optimality gap (loss minus the optimum's loss F; F = 0
 * when there is no optimum), so that the verdict does not hang on how far away the run started.
 * - At once, when the loss is non-finite or the gap passes HARD_FACTOR·S, S the larger of the starting gap
 *   and the trivial model's gap (var(y) or log 2, minus F): an exploding quadratic gets there within a few
 *   steps of going wrong, wherever it started.
 * - When the gap stays above SOFT_FACTOR times the trivial model's gap for SOFT_STREAK updates, keeps
 *   setting new highs (one at least every HIGH_WITHIN updates) and has doubled: the cross-entropy grows only
 *   linearly with the weights, so a logistic run that wanders off never reaches HARD_FACTOR. A run that
 *   overshoots and comes back (momentum at a large rate), falls from a far start, or bounces in a bounded
 *   cycle sets no new highs for long: it is judged at the end instead (cycling, see verdict.ts).
 */
export const HARD_FACTOR = 1e4;
export const SOFT_FACTOR = 10;
export const SOFT_STREAK = 20;
export const HIGH_WITHIN = 10;

/**
 * Runs the optimizer and records every iterate. `objective` is the problem as reported (the data's units);
 * with a reparametrization the optimizer descends its `trained` objective (on standardized x, say) and every
 * recorded weight is mapped back through toReported. When the descent diverges (see HARD_FACTOR) it stops:
 * the trajectory ends at the last finite iterate and the result names the update at which the divergence
 * was decided and a learning rate that would be stable. An optimizer that needs what the objective does not
 * give (samples, a Hessian) is refused with a usage error.
 */
export function train(objective: Objective, reparametrization: Reparametrization | null, o: TrainOptions): TrainResult {
  const training = startTraining(objective, reparametrization, o);
  while (!training.advance(Infinity));
  return training.result();
}

/** A descent under way: advanced in bounded slices, so a caller can stop it between them. */
export interface Training {
  /** Runs at most `updates` more updates; true when the descent is over (all done, or diverged). */
  advance(updates: number): boolean;
  result(): TrainResult;
}

/** The same descent as train(), one slice at a time (bit-identical: the slicing only pauses the loop). */
export function startTraining(objective: Objective, reparametrization: Reparametrization | null, o: TrainOptions): Training {
  const r = reparametrization;
  const trained = r?.trained ?? objective;
  refuseUnmet(o.optimizer, trained);
  const n = o.iterations;
  const dim = trained.dim;
  const columns = Array.from({ length: dim }, () => new Float64Array(n + 1));
  const losses = new Float64Array(n + 1);
  const trainInit = r ? r.toTrained(o.init) : Float64Array.from(o.init);
  const w = Float64Array.from(trainInit);
  const reported = new Float64Array(dim);
  const samples = isSampled(trained) ? trained.n : 0;
  const log = sampleLogFor(o.optimizer.sampling?.batch(o.params, samples), samples, n);
  let drawn = 0;
  // Only listens: the step draws from the rng exactly as without a log, so the path is bit-identical.
  const draw = log ? (i: number) => void (log.indices[drawn++] = i) : undefined;
  const step = o.optimizer.createStep(trained, o.params, o.rng, draw);
  const rate = scheduledRate(o.schedule ?? CONSTANT, o.params.lr, n);

  const record = (i: number): number => {
    // The start is reported exactly as given, not as a round trip through the trained coordinates.
    const at = i === 0 ? o.init : r ? r.toReported(w, reported) : w;
    let finite = true;
    for (let k = 0; k < dim; k++) {
      columns[k][i] = at[k];
      finite &&= Number.isFinite(at[k]);
    }
    // Past the start, the loss of a reparametrized descent is taken from the objective it descends, at the
    // weights it holds: the same quantity (standardizing changes only the coordinates of the predictions), and
    // for logistic the very pass the next gradient reuses, so such an iteration costs one pass over the data
    // instead of two.
    const loss = !finite ? NaN : i > 0 && r ? trained.loss(w) : objective.loss(at);
    losses[i] = loss;
    return loss;
  };

  const start = record(0);
  const floor = o.floor ?? 0;
  const trivial = Math.max(objective.referenceLoss() - floor, Number.MIN_VALUE);
  const scale = Math.max(start - floor, trivial);
  // The current streak above the soft threshold: where it began, its first gap, its highest, and when.
  let since = 0;
  let first = 0;
  let high = 0;
  let highAt = 0;
  let diverged: Divergence | null = null;
  let stoppedAt: TrainResult['stoppedAt'];
  let done = n;
  let streak = 0;
  let t = 1;
  let over = n === 0;
  return {
    advance(updates) {
      const stop = Math.min(n, t - 1 + updates);
      for (; t <= stop; t++) {
        step(w, t, rate(t));
        const loss = record(t);
        const gap = loss - floor;
        if (!(gap > SOFT_FACTOR * trivial)) streak = 0;
        else if (streak === 0 || t - highAt > HIGH_WITHIN) {
          streak = 1;
          since = highAt = t;
          first = high = gap;
        } else {
          streak++;
          if (gap > high) {
            high = gap;
            highAt = t;
          }
        }
        const wandering = streak > 0 && t - since >= SOFT_STREAK && high >= 2 * first;
        if (!Number.isFinite(loss) || gap > HARD_FACTOR * scale || wandering) {
          const bound = o.optimizer.stableRate(trained, o.params, { init: trainInit, iterations: n });
          diverged = { iteration: t, stable_lr: belowFailedRate(bound, o.params.lr) };
          done = Number.isFinite(loss) ? t : t - 1;
          if (!Number.isFinite(loss)) stoppedAt = { w: columns.map((c) => c[t]), loss };
          over = true;
          return true;
        }
      }
      over ||= t > n;
      return over;
    },
    result() {
      return {
        trajectory: { w: columns.map((c) => c.subarray(0, done + 1)), loss: losses.subarray(0, done + 1) },
        iterations: done,
        diverged,
        ...(stoppedAt ? { stoppedAt } : {}),
        samples: log ? { batch: log.batch, indices: log.indices.subarray(0, done * log.batch) } : null,
      };
    },
  };
}
