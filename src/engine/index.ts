/** The engine: pure functions from data to recorded descents. No canvas, files or processes. */
import type { Dataset, Point } from '../types';
import type { Warning } from '../warnings';
import { descendOn, type Descent, type DescentSettings } from './descent';
import type { Model } from './model';
import type { ModelName } from './models';
import { setUpProblem } from './problem';

export { linearModel, linear } from './linear';
export { logisticModel, logistic, sigmoid, softplus, isSeparable } from './logistic';
export type { Model, ModelDescriptor } from './model';
export { MODEL_REGISTRY, MODELS, modelOf, type ModelName } from './models';
export { OPTIMIZER_REGISTRY, OPTIMIZERS, optimizerOf } from './optimizers';
export type { OptimizerName, OptimizerDescriptor, OptimizerParams, Params, HyperParam, HyperValues } from './optimizers';
export { setUpProblem, setUpProblemAsync, type Problem, type ProblemConfig } from './problem';
export { BLOCK_ROWS, sequentialReducer, type BlockReducer, type BlockPass } from './blocks';
export { descendOn, descendOnAsync, hyperValuesOf, referenceSettings, type Descent, type DescentSettings } from './descent';
export { scheduledRate, scheduleText, CONSTANT, type Schedule } from './schedule';
export { MAX_SAMPLE_LOG, samplesOfUpdate } from './samples';
export { lossGrid, planeGrid, weightPlane, geometricLevels, DEFAULT_GRID, type PlaneLoss, type PlanePoint } from './grid';
export { iterationsToClose99 } from './verdict';
export { chooseFrames, SAMPLE_MODES, type SampleMode, type FrameChoice } from './frames';

/** One problem and one descent, as a single call. */
export interface DescentConfig extends DescentSettings {
  model: ModelName;
  init: readonly [number, number];
  standardize: boolean;
}

export interface SingleDescent extends Descent {
  optimum: Point | null;
  /** The model on the data's units: for the loss surface and any further evaluation. */
  model: Model;
}

/** Sets up the problem and runs one descent on it: the problem's warnings come first. */
export function descend(data: Dataset, c: DescentConfig): SingleDescent {
  const problem = setUpProblem(data, c);
  const d = descendOn(problem, c);
  const warnings: Warning[] = [...problem.warnings, ...d.warnings];
  return { ...d, warnings, optimum: problem.optimum, model: problem.dataModel };
}
