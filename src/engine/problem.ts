import type { Dataset, Point } from '../types';
import type { Warning } from '../warnings';
import { messages, runError, usageError } from '../errors';
import type { BlockReducer } from './blocks';
import type { Model, ModelDescriptor } from './model';
import { modelOf, type ModelName } from './models';
import { scalingOf, standardizeX, toScaledUnits, type Scaling } from './standardize';
import { landscapeDescriptor, landscapeModel, landscapeOptimum, type Landscape } from './landscape';

/**
 * One problem, set up once and descended on many times (a race, a sweep): the data, the model on the
 * data's units, the model the optimizers see (on standardized x when asked), and the exact optimum.
 */
export interface Problem {
  descriptor: ModelDescriptor;
  data: Dataset;
  /** The loss on the data's units: every reported weight and loss goes through it. */
  dataModel: Model;
  /** The loss the optimizers descend (the same object as dataModel unless standardized). */
  trainModel: Model;
  scaling: Scaling | null;
  /** Starting weights in the data's units, and in the units the optimizers see. */
  init: readonly number[];
  trainInit: readonly number[];
  /** The exact minimiser in the data's units, or null when the loss has no finite minimum. */
  optimum: Point | null;
  warnings: Warning[];
  /** A test function or an expression (`mlvis function`): its domain, its known minima and saddles. */
  landscape?: Landscape;
}

export interface ProblemConfig {
  model: ModelName;
  standardize: boolean;
  init: readonly number[];
  /**
   * How the models' passes over the rows are run: on the calling thread when absent, or shared with worker
   * threads (src/parallel). The same bits either way (see blocks.ts).
   */
  sums?: BlockReducer;
  /** A landscape to descend instead of a model on data (the data set is then empty). */
  landscape?: Landscape;
}

/** The models of a problem: on the data's units, and the one the optimizers descend (the same unless standardized). */
export interface ProblemModels {
  dataModel: Model;
  trainModel: Model;
  scaling: Scaling | null;
}

export function problemModels(data: Dataset, c: ProblemConfig): ProblemModels {
  const descriptor = modelOf(c.model);
  const dataModel = descriptor.create(data.x, data.y, c.sums);
  const scaling = c.standardize ? scalingOf(data.x) : null;
  const trainModel = scaling ? descriptor.create(standardizeX(data.x, scaling), data.y, c.sums) : dataModel;
  return { dataModel, trainModel, scaling };
}

/**
 * setUpProblem, with the models' exact optima (a logistic Newton solve: one pass over the data a step, up to
 * 200 steps) computed a step at a time, the event loop turning between steps: a stop is heard while a
 * million-row optimum is found. `stopped` is thrown when `signal` fires.
 */
export async function setUpProblemAsync(data: Dataset, c: ProblemConfig, signal: AbortSignal | undefined, stopped: () => Error): Promise<Problem> {
  if (c.landscape) return setUpProblem(data, c);
  const models = problemModels(data, c);
  for (const model of new Set([models.dataModel, models.trainModel])) {
    if (!model.optimumSteps) continue;
    for (const _ of model.optimumSteps()) {
      if (signal?.aborted) throw stopped();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  return setUpProblem(data, c, models);
}


export function setUpProblem(data: Dataset, c: ProblemConfig, models?: ProblemModels): Problem {
  if (c.landscape) return landscapeProblem(data, c.landscape, c.init);
  return modelProblem(data, c, models ?? problemModels(data, c));
}

/** A landscape as a problem: its own coordinates (nothing to standardize), the global minimum nearest the start. */
function landscapeProblem(data: Dataset, l: Landscape, init: readonly number[]): Problem {
  const model = landscapeModel(l, init);
  if (!Number.isFinite(model.loss(init))) throw usageError(messages.initOutsideLandscape(init, l.title));
  const optimum = landscapeOptimum(l, init);
  return { descriptor: landscapeDescriptor(l), data, dataModel: model, trainModel: model, scaling: null, init, trainInit: init, optimum, warnings: [], landscape: l };
}

function modelProblem(data: Dataset, c: ProblemConfig, models: ProblemModels): Problem {
  const descriptor = modelOf(c.model);
  const { dataModel } = models;
  // Values near 1e308 (or y near 1e160) square past the largest double: every loss and curvature is then
  // infinite, and a descent on them means nothing.
  if (!Number.isFinite(dataModel.curvature()) || !Number.isFinite(dataModel.referenceLoss())) {
    throw runError(messages.dataOverflows(data.xName, data.yName));
  }
  // Values near 1e-308 (subnormal) underflow when squared: the curvature vanishes and nothing is defined.
  let scale = 0;
  for (let i = 0; i < data.x.length; i++) scale = Math.max(scale, Math.abs(data.x[i]));
  if (scale < 1e-150 || !(dataModel.minCurvature() > 0)) throw runError(messages.dataOutOfRange(data.xName, data.yName));
  const { scaling, trainModel } = models;
  // A start whose loss already overflows (--init 1e308,1e308) diverges at any rate: no rate to suggest helps.
  if (!Number.isFinite(dataModel.loss(c.init))) throw usageError(messages.initOverflows(c.init));
  const trainInit = scaling ? Array.from(toScaledUnits(c.init, scaling)) : c.init;
  const opt = dataModel.optimum();
  const optimum = opt ? { w: Array.from(opt), loss: dataModel.loss(opt) } : null;
  const warnings: Warning[] = opt ? [] : [{ code: 'separable' }];
  return { descriptor, data, dataModel, trainModel, scaling, init: c.init, trainInit, optimum, warnings };
}
