/** The engine: pure functions from objectives (and data) to recorded descents. No canvas, files or processes. */
import type { Dataset, Point } from '../types';
import type { Warning } from '../warnings';
import { descendOn, type Descent, type DescentSettings } from './descent';
import type { Objective } from './objective';
import type { ModelName } from './models';
import { setUpProblem } from './problem';

export { linearModel, linear } from './linear';
export { logisticModel, logistic, sigmoid, softplus, isSeparable } from './logistic';
export type { ModelDescriptor } from './model';
export { isSampled, type Objective, type SampledObjective, type Differentiable, type ObjectiveSpec, type KnownMinima, type KnownPoint, type Weights } from './objective';
export type { Reparametrization } from './reparametrization';
export { MODEL_REGISTRY, MODELS, modelOf, type ModelName } from './models';
export { OPTIMIZER_REGISTRY, OPTIMIZERS, optimizerOf, refuseUnmet } from './optimizers';
export type { OptimizerName, OptimizerDescriptor, OptimizerParams, Params, HyperParam, HyperValues } from './optimizers';
export { setUpProblem, setUpProblemAsync, setUpObjective, type Problem, type ProblemConfig } from './problem';
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
  /** The objective on the data's units: for the loss surface and any further evaluation. */
  model: Objective;
}

/** Sets up the problem and runs one descent on it: the problem's warnings come first. */
export function descend(data: Dataset, c: DescentConfig): SingleDescent {
  const problem = setUpProblem(data, c);
  const d = descendOn(problem, c);
  const warnings: Warning[] = [...problem.warnings, ...d.warnings];
  return { ...d, warnings, optimum: problem.optimum, model: problem.objective };
}
