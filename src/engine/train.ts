import type { Divergence, OptimizerName, Trajectory } from '../types';
import type { Rng } from '../random';
import type { Model } from './model';
import { createStep, type OptimizerParams } from './optimizers';
import { stableLearningRate } from './rates';
import { toDataUnits, toScaledUnits, type Scaling } from './standardize';

export interface TrainOptions {
  optimizer: OptimizerName;
  params: OptimizerParams;
  iterations: number;
  /** Starting weights in the data's units. */
  init: readonly [number, number];
  /** Source of the sgd / minibatch sample order. */
  rng: Rng;
}

export interface TrainResult {
  /** Entry i: weights and loss after i updates, in the data's units. */
  trajectory: Trajectory;
  /** Updates performed: `iterations`, or fewer when the descent diverged. */
  iterations: number;
  diverged: Divergence | null;
}

/**
 * The loss counts as blown up once it exceeds this many times the larger of the starting loss and the
 * trivial model's loss. Stable batch descent on a convex loss never rises above its start, so a tenfold
 * rise means the steps overshoot more each time; the cross-entropy grows only linearly with the weights,
 * so a larger factor would let a logistic run wander off for hundreds of iterations unnoticed.
 */
export const BLOW_UP_FACTOR = 10;

/**
 * Runs the optimizer and records every iterate. `trainModel` is the problem the optimizer sees (on
 * standardized x when `scaling` is given); `dataModel` is the same problem in the data's units, which every
 * recorded weight and loss is reported in. When the loss becomes non-finite or rises past BLOW_UP_FACTOR
 * times its start, the descent stops: the trajectory ends at the last finite iterate and the result names
 * the update that diverged and a learning rate that would be stable.
 * Blow-up: see BLOW_UP_FACTOR.
 */
export function train(trainModel: Model, dataModel: Model, scaling: Scaling | null, o: TrainOptions): TrainResult {
  const n = o.iterations;
  const w0s = new Float64Array(n + 1);
  const w1s = new Float64Array(n + 1);
  const losses = new Float64Array(n + 1);
  const trainInit: [number, number] = scaling ? toScaledUnits(o.init[0], o.init[1], scaling) : [o.init[0], o.init[1]];
  const w = new Float64Array(trainInit);
  const step = createStep(trainModel, o.optimizer, o.params, o.rng);

  const record = (i: number): number => {
    // The start is reported exactly as given, not as a round trip through standardized units.
    const [a, b] = i === 0 ? o.init : scaling ? toDataUnits(w[0], w[1], scaling) : [w[0], w[1]];
    w0s[i] = a;
    w1s[i] = b;
    const loss = Number.isFinite(a) && Number.isFinite(b) ? dataModel.loss(a, b) : NaN;
    losses[i] = loss;
    return loss;
  };

  const start = record(0);
  const limit = BLOW_UP_FACTOR * Math.max(start, dataModel.referenceLoss(), Number.MIN_VALUE);
  let diverged: Divergence | null = null;
  let done = n;
  for (let t = 1; t <= n; t++) {
    step(w, t);
    const loss = record(t);
    if (!Number.isFinite(loss) || loss > limit) {
      diverged = { iteration: t, stable_lr: stableLearningRate(trainModel, o.optimizer, o.params, n, trainInit) };
      done = Number.isFinite(loss) ? t : t - 1;
      break;
    }
  }
  return {
    trajectory: { w0: w0s.subarray(0, done + 1), w1: w1s.subarray(0, done + 1), loss: losses.subarray(0, done + 1) },
    iterations: done,
    diverged,
  };
}
