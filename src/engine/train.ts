import type { Divergence, SampleLog, Trajectory } from '../types';
import type { Rng } from '../random';
import type { Model } from './model';
import type { OptimizerDescriptor, OptimizerParams } from './optimizers';
import { belowFailedRate } from './rates';
import { sampleLogFor } from './samples';
import { toDataUnits, toScaledUnits, type Scaling } from './standardize';

export interface TrainOptions {
  optimizer: OptimizerDescriptor;
  params: OptimizerParams;
  iterations: number;
  /** Starting weights in the data's units. */
  init: readonly number[];
  /** Source of the sgd / minibatch sample order. */
  rng: Rng;
}

export interface TrainResult {
  /** Entry i: weights and loss after i updates, in the data's units. */
  trajectory: Trajectory;
  /** Updates performed: `iterations`, or fewer when the descent diverged. */
  iterations: number;
  diverged: Divergence | null;
  /** sgd, minibatch: the samples each performed update drew (see sampleLogFor for when there is none). */
  samples: SampleLog | null;
}

/**
 * When the descent counts as diverged. S is the larger of the starting loss and the trivial model's loss
 * (var(y) or log 2), a scale that does not vanish when the start is already perfect.
 * - At once, when the loss is non-finite or passes HARD_FACTOR·S: an exploding quadratic gets there within
 *   a few steps of going wrong.
 * - When the loss stays above SOFT_FACTOR·S for SOFT_STREAK updates in a row. Momentum, nesterov and the
 *   adaptive optimizers may overshoot well above the start for a few steps and still converge (heavy ball
 *   on linear data at lr 0.8 peaks at 13·S), so one high loss is no verdict; but the cross-entropy grows
 *   only linearly with the weights, so a logistic run that wanders off never reaches HARD_FACTOR and is
 *   caught by staying high.
 */
export const HARD_FACTOR = 1e4;
export const SOFT_FACTOR = 10;
export const SOFT_STREAK = 20;

/**
 * Runs the optimizer and records every iterate. `trainModel` is the problem the optimizer sees (on
 * standardized x when `scaling` is given); `dataModel` is the same problem in the data's units, which every
 * recorded weight and loss is reported in. When the descent diverges (see HARD_FACTOR) it stops: the
 * trajectory ends at the last finite iterate and the result names the update at which the divergence was
 * decided and a learning rate that would be stable.
 */
export function train(trainModel: Model, dataModel: Model, scaling: Scaling | null, o: TrainOptions): TrainResult {
  const training = startTraining(trainModel, dataModel, scaling, o);
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
export function startTraining(trainModel: Model, dataModel: Model, scaling: Scaling | null, o: TrainOptions): Training {
  const n = o.iterations;
  const dim = trainModel.dim;
  const columns = Array.from({ length: dim }, () => new Float64Array(n + 1));
  const losses = new Float64Array(n + 1);
  const trainInit = scaling ? toScaledUnits(o.init, scaling) : Float64Array.from(o.init);
  const w = Float64Array.from(trainInit);
  const inData = new Float64Array(dim);
  const log = sampleLogFor(o.optimizer.sampling?.batch(o.params, trainModel.n), trainModel.n, n);
  let drawn = 0;
  // Only listens: the step draws from the rng exactly as without a log, so the path is bit-identical.
  const draw = log ? (i: number) => void (log.indices[drawn++] = i) : undefined;
  const step = o.optimizer.createStep(trainModel, o.params, o.rng, draw);

  const record = (i: number): number => {
    // The start is reported exactly as given, not as a round trip through standardized units.
    const at = i === 0 ? o.init : scaling ? toDataUnits(w, scaling, inData) : w;
    let finite = true;
    for (let k = 0; k < dim; k++) {
      columns[k][i] = at[k];
      finite &&= Number.isFinite(at[k]);
    }
    const loss = finite ? dataModel.loss(at) : NaN;
    losses[i] = loss;
    return loss;
  };

  const start = record(0);
  const scale = Math.max(start, dataModel.referenceLoss(), Number.MIN_VALUE);
  let diverged: Divergence | null = null;
  let done = n;
  let streak = 0;
  let t = 1;
  let over = n === 0;
  return {
    advance(updates) {
      const stop = Math.min(n, t - 1 + updates);
      for (; t <= stop; t++) {
        step(w, t);
        const loss = record(t);
        streak = loss > SOFT_FACTOR * scale ? streak + 1 : 0;
        if (!Number.isFinite(loss) || loss > HARD_FACTOR * scale || streak >= SOFT_STREAK) {
          const bound = o.optimizer.stableRate(trainModel, o.params, { init: trainInit, iterations: n });
          diverged = { iteration: t, stable_lr: belowFailedRate(bound, o.params.lr) };
          done = Number.isFinite(loss) ? t : t - 1;
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
        samples: log ? { batch: log.batch, indices: log.indices.subarray(0, done * log.batch) } : null,
      };
    },
  };
}
