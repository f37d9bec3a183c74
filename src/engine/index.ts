import type { Dataset, Divergence, ModelName, OptimizerName, Point, Trajectory } from '../types';
import { messages } from '../errors';
import { createRng } from '../random';
import { linearModel } from './linear';
import { logisticModel } from './logistic';
import { maxEigen2, minEigen2, type Model } from './model';
import { momentsOf } from './moments';
import type { OptimizerParams } from './optimizers';
import { belowFailedRate, defaultLearningRate, stableLearningRate } from './rates';
import { scalingOf, standardizeX, toScaledUnits } from './standardize';
import { train } from './train';

export { linearModel } from './linear';
export { logisticModel, sigmoid, softplus, isSeparable } from './logistic';
export type { Model } from './model';
export { lossGrid, geometricLevels, DEFAULT_GRID } from './grid';
export { chooseFrames, SAMPLE_MODES, type SampleMode, type FrameChoice } from './frames';
export { defaultLearningRate, stableLearningRate } from './rates';
export type { OptimizerParams } from './optimizers';

export interface DescentConfig {
  model: ModelName;
  optimizer: OptimizerName;
  /** Learning rate; absent = the default for this problem (see defaultLearningRate). */
  lr?: number;
  iterations: number;
  batchSize: number;
  momentum: number;
  beta1: number;
  /** Absent = 0.999 for adam, 0.9 for rmsprop's running mean. */
  beta2?: number;
  eps: number;
  init: readonly [number, number];
  standardize: boolean;
  seed: string;
}

export interface Descent {
  /** The learning rate used (given or default). */
  lr: number;
  trajectory: Trajectory;
  /** Updates performed. */
  iterations: number;
  diverged: Divergence | null;
  /** The exact minimiser in the data's units, or null when the loss has no finite minimum. */
  optimum: Point | null;
  /** The model on the data's units: for the loss surface and any further evaluation. */
  model: Model;
  /** Messages for the user (separable data, divergence, slow conditioning); the caller decides how to show them. */
  warnings: string[];
}

/** Condition number of the data's second-moment matrix above which plain descent crawls along w0. */
const SLOW_CONDITION = 1e4;

/** Builds the model for the data, runs the chosen optimizer, and reports everything in the data's units. */
export function descend(data: Dataset, c: DescentConfig): Descent {
  const make = c.model === 'linear' ? linearModel : logisticModel;
  const dataModel = make(data.x, data.y);
  const scaling = c.standardize ? scalingOf(data.x) : null;
  const trainModel = scaling ? make(standardizeX(data.x, scaling), data.y) : dataModel;
  const trainInit = scaling ? toScaledUnits(c.init[0], c.init[1], scaling) : c.init;
  const lr = c.lr ?? defaultLearningRate(trainModel, c.optimizer, trainInit, c.iterations, c.momentum);
  const params: OptimizerParams = {
    lr,
    batchSize: c.batchSize,
    momentum: c.momentum,
    beta1: c.beta1,
    beta2: c.beta2 ?? (c.optimizer === 'rmsprop' ? 0.9 : 0.999),
    eps: c.eps,
  };
  const result = train(trainModel, dataModel, scaling, {
    optimizer: c.optimizer,
    params,
    iterations: c.iterations,
    init: c.init,
    rng: createRng(c.seed, 'order'),
  });

  const warnings: string[] = [];
  const opt = dataModel.optimum();
  const optimum = opt ? { ...opt, loss: dataModel.loss(opt.w0, opt.w1) } : null;
  if (!opt) warnings.push(messages.separable());
  if (result.diverged) warnings.push(messages.diverged(result.diverged.iteration, lr, result.diverged.stable_lr));
  const l = result.trajectory.loss;
  if (!result.diverged && l[l.length - 1] > l[0] * (1 + 1e-9)) {
    // Bounded but not converging (e.g. a limit cycle of an oversized step): not a blow-up, still worth a word.
    const bound = stableLearningRate(trainModel, c.optimizer, params, c.iterations, trainInit);
    warnings.push(messages.endedHigher(l[l.length - 1], l[0], belowFailedRate(bound, lr)));
  }
  if (!scaling && (c.optimizer === 'gd' || c.optimizer === 'sgd' || c.optimizer === 'minibatch')) {
    const m = momentsOf(data.x);
    const condition = maxEigen2(1, m.meanX, m.meanX2) / minEigen2(1, m.meanX, m.meanX2);
    if (condition > SLOW_CONDITION) warnings.push(messages.illConditioned(condition));
  }
  return { lr, trajectory: result.trajectory, iterations: result.iterations, diverged: result.diverged, optimum, model: dataModel, warnings };
}
