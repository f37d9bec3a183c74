import type { Dataset, Point } from '../types';
import type { Warning } from '../warnings';
import { messages, runError, usageError } from '../errors';
import type { BlockReducer } from './blocks';
import type { ModelDescriptor } from './model';
import { modelOf, type ModelName } from './models';
import { nearestGlobal, type Objective, type ObjectiveSpec, type SampledObjective } from './objective';
import { measuredObjective } from './measured';
import type { Reparametrization } from './reparametrization';
import { landscapeDescriptor, landscapeObjective, landscapeOptimum, type Landscape } from './landscape';
import { landscapes } from './landscapes';
import { DEFAULT_DEGREE, polynomialFit, polynomialOf } from './polynomial';
import { twoFeatureFit, twoFeaturesOf } from './twoFeatures';
import { featureLogisticFit, twoFeatureLogisticOf, UNSETTLED } from './featureLogistic';
import type { Activation } from './mlp';
import { DEFAULT_ACTIVATION, DEFAULT_HIDDEN, mlpFit, mlpOf } from './mlpModel';
import { SOFTMAX_UNSETTLED, softmaxFit, softmaxOf } from './softmax';

/**
 * One problem, set up once and descended on many times (a race, a sweep): the objective whose weights and
 * losses are reported, the one the optimizers descend (the same unless reparametrized, e.g. on standardized
 * x), the change of coordinates between them, and the optimum.
 */
export interface Problem {
  descriptor: ModelDescriptor;
  /** The data (empty for an objective without samples). */
  data: Dataset;
  /** The objective in the reported coordinates (the data's units): every reported weight and loss goes through it. */
  objective: Objective;
  /** The objective the optimizers descend: reparametrization.trained, or `objective` itself. */
  trained: Objective;
  /** How trained weights map to reported ones and back (standardization); null when they are the same. */
  reparametrization: Reparametrization | null;
  /** Starting weights as reported, and in the coordinates the optimizers move. */
  init: readonly number[];
  trainInit: readonly number[];
  /** The minimum aimed at, as reported, with its loss; null when the loss has no finite or known minimum. */
  optimum: Point | null;
  warnings: Warning[];
  /** A test function or an expression (`mlvis function`): its domain, its known minima and saddles. */
  landscape?: Landscape;
  /** --holdout: the loss on the test rows at reported weights (never trained on). */
  testLoss?: (w: ArrayLike<number>) => number;
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
  /** `mlvis poly`: the polynomial's degree (default DEFAULT_DEGREE). */
  degree?: number;
  /** `mlvis mlp`: the network's hidden layers and activation, and the seed of its Glorot start. */
  mlp?: { hidden: readonly number[]; activation: Activation; seed: string };
}

/** A regression's objectives: on the data's units, and (standardized) the reparametrization the optimizers descend. */
export interface ProblemModels {
  objective: SampledObjective;
  reparametrization: Reparametrization | null;
  testLoss?: (w: ArrayLike<number>) => number;
  /** The model's descriptor when it depends on the data (a polynomial's centre). */
  descriptor?: ModelDescriptor;
  /** Why no minimum is claimed, where the model can say more than its minima do (logistic on two features). */
  why?: () => string;
}

export function problemModels(data: Dataset, c: ProblemConfig): ProblemModels {
  // A polynomial is always trained on standardized powers of x (raw powers are hopelessly ill-conditioned).
  if (c.model === 'poly') {
    const fit = polynomialFit(data.x, data.y, c.degree ?? DEFAULT_DEGREE);
    const held = data.holdout;
    return { objective: fit.reported, reparametrization: fit.reparametrization, descriptor: polynomialOf(c.degree ?? DEFAULT_DEGREE, fit.centre), ...(held ? { testLoss: fit.lossOn(held.x, held.y) } : {}) };
  }
  // Feature columns whose squares vanish or overflow define no loss: each is checked and named.
  if (data.features) refuseOutOfRange(data.features.columns, data.features.names);
  // Two feature columns (--x a,b): linear regression on both, always on standardized columns.
  if (c.model === 'linear' && data.features) {
    const fit = twoFeatureFit(data.features.columns, data.features.names, data.y);
    return { objective: fit.reported, reparametrization: fit.reparametrization, descriptor: twoFeaturesOf(data.features.names) };
  }
  // Two feature columns of a logistic regression: trained on standardized columns, its optimum by Newton.
  if (c.model === 'logistic' && data.features) {
    const fit = featureLogisticFit(data.features.columns, data.features.names, data.y);
    return { objective: fit.reported, reparametrization: fit.reparametrization, descriptor: twoFeatureLogisticOf(data.features.names), why: fit.why };
  }
  const objective = modelOf(c.model).create(data.x, data.y, c.sums);
  return { objective, reparametrization: c.standardize ? (objective.standardize?.() ?? null) : null };
}

/** Refuses the first column whose largest value squares past the largest double or under the smallest, by name. */
function refuseOutOfRange(columns: readonly Float64Array[], names: readonly string[]): void {
  columns.forEach((c, j) => {
    let scale = 0;
    for (let i = 0; i < c.length; i++) scale = Math.max(scale, Math.abs(c[i]));
    if (!(scale > 1e-150 && scale < 1e150)) throw runError(messages.featureOutOfRange(names[j]));
  });
}

/**
 * setUpProblem, with the models' exact optima (a logistic Newton solve: one pass over the data a step, up to
 * 200 steps) computed a step at a time, the event loop turning between steps: a stop is heard while a
 * million-row optimum is found. `stopped` is thrown when `signal` fires.
 */
export async function setUpProblemAsync(data: Dataset, c: ProblemConfig, signal: AbortSignal | undefined, stopped: () => Error): Promise<Problem> {
  if (c.landscape || c.model === 'mlp' || c.model === 'softmax') return setUpProblem(data, c);
  const models = problemModels(data, c);
  for (const model of new Set([models.objective, models.reparametrization?.trained ?? models.objective])) {
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
  if (c.model === 'softmax') return softmaxProblem(data);
  if (c.model === 'mlp') return mlpProblem(data, c.mlp ?? { hidden: DEFAULT_HIDDEN, activation: DEFAULT_ACTIVATION, seed: 'mlvis' });
  return modelProblem(data, c, models ?? problemModels(data, c));
}

/**
 * A network on the data: two feature columns and classes (a boundary in the features' plane), or one x and
 * values (a curve). No minimum is known; its start is the seeded Glorot draw on standardized inputs.
 */
function mlpProblem(data: Dataset, m: NonNullable<ProblemConfig['mlp']>): Problem {
  if (data.y.length > MLP_MAX_ROWS) throw runError(messages.modelTooManyRows('mlp', data.y.length, MLP_MAX_ROWS));
  if (data.features && data.features.names.length > 2) throw usageError(messages.featuresTwoOnly('mlp', data.features.names.length));
  const columns = data.features ? data.features.columns : [data.x];
  const names = data.features ? data.features.names : [data.xName];
  // Values that square past the largest double, or under the smallest, define no loss (as for a regression).
  refuseOutOfRange(columns, names);
  const task = data.features || data.classNames ? 'classes' : 'values';
  const fit = mlpFit(columns, data.y, m.hidden, m.activation, task, m.seed, names);
  const trainInit = Array.from(fit.start);
  const init = Array.from(fit.reparametrization.toReported(fit.start));
  // --holdout: the network's loss on the test rows, never trained on.
  const held = data.holdout;
  const testLoss = held ? { testLoss: fit.lossOn(held.features ?? [held.x], held.y) } : {};
  return { descriptor: mlpOf(fit.shape, names), data, objective: fit.reported, trained: fit.trained, reparametrization: fit.reparametrization, init, trainInit, optimum: null, warnings: [], ...testLoss };
}

/**
 * Softmax regression on two feature columns and K classes (data.classList): the optimum by Newton in the
 * convention that each feature's weights sum to 0 over the classes, every weight starting at 0.
 */
function softmaxProblem(data: Dataset): Problem {
  const classes = data.classList ?? data.classNames ?? ['0', '1'];
  if (!data.features) throw usageError(messages.softmaxFeatures());
  if (data.features.names.length > 2) throw usageError(messages.featuresTwoOnly('softmax', data.features.names.length));
  if (data.y.length > SOFTMAX_MAX_ROWS) throw runError(messages.modelTooManyRows('softmax', data.y.length, SOFTMAX_MAX_ROWS));
  const fit = softmaxFit(data.features.columns, data.y, classes, data.features.names);
  const objective = fit.reported;
  const init = new Array<number>(objective.dim).fill(0);
  const opt = objective.optimum();
  const optimum = opt ? { w: Array.from(opt), loss: objective.loss(opt) } : null;
  const warnings: Warning[] = optimum ? [] : [{ code: 'separable', why: SOFTMAX_UNSETTLED }];
  return { descriptor: softmaxOf([data.features.names[0], data.features.names[1]], classes), data, objective, trained: fit.trained, reparametrization: fit.reparametrization, init, trainInit: init, optimum, warnings };
}

/** The most rows softmax regression trains on: its Newton solve and every step are passes over K classes a row. */
export const SOFTMAX_MAX_ROWS = 100_000;

/** The most rows a network trains on: each of its steps is a forward and a backward pass over every one. */
export const MLP_MAX_ROWS = 20_000;

/** No rows: the data set of an objective that has no samples. */
const NO_DATA: Dataset = { x: new Float64Array(0), y: new Float64Array(0), xName: 'x', yName: 'y', source: 'objective', skipped: 0 };

/**
 * Any objective as a problem, trained in its own coordinates from `init`: what the engine's callers use for
 * an objective of their own. The curvature and scales it leaves out are measured around the start and its
 * known minima (measured.ts). Its optimum is the known global minimum nearest the start (or the objective's
 * own optimum); a start where the loss is not finite is refused. `descriptor` names it on screen (default:
 * a function's, with the objective's weight names).
 */
export function setUpObjective(spec: ObjectiveSpec, init: readonly number[], descriptor: ModelDescriptor = descriptorOf(spec), data: Dataset = NO_DATA): Problem {
  if (init.length !== spec.dim) throw new RangeError(`the start has ${init.length} weights, the objective ${spec.dim}`);
  const objective = measuredObjective(spec, init);
  if (!Number.isFinite(objective.loss(init))) throw usageError(messages.initOverflows(init));
  const point = nearestGlobal(objective.minima, init);
  const opt = point ? null : objective.optimum();
  const optimum = point ? { w: [...point.w], loss: point.loss } : opt ? { w: Array.from(opt), loss: objective.loss(opt) } : null;
  return { descriptor, data, objective, trained: objective, reparametrization: null, init, trainInit: init, optimum, warnings: [] };
}

/** A caller's objective named as a function is: its weights by their own names. */
function descriptorOf(objective: ObjectiveSpec): ModelDescriptor {
  const names = objective.weightNames;
  return { ...landscapes, weightNames: names, weightLabels: names, standardizedWeightLabels: names };
}

/** A landscape as a problem: its own coordinates (nothing to standardize), the global minimum nearest the start. */
function landscapeProblem(data: Dataset, l: Landscape, init: readonly number[]): Problem {
  const objective = landscapeObjective(l, init);
  if (!Number.isFinite(objective.loss(init))) throw usageError(messages.initOutsideLandscape(init, l.title));
  const optimum = landscapeOptimum(l, init);
  return { descriptor: landscapeDescriptor(l), data, objective, trained: objective, reparametrization: null, init, trainInit: init, optimum, warnings: [], landscape: l };
}

function modelProblem(data: Dataset, c: ProblemConfig, models: ProblemModels): Problem {
  const descriptor = models.descriptor ?? modelOf(c.model);
  const { reparametrization } = models;
  // A polynomial's raw powers are checked through its standardized ones, which are what is descended.
  const objective = (c.model === 'poly' || data.features) && reparametrization ? reparametrization.trained : models.objective;
  // Values near 1e308 (or y near 1e160) square past the largest double: every loss and curvature is then
  // infinite, and a descent on them means nothing.
  if (!Number.isFinite(objective.curvature()) || !Number.isFinite(objective.referenceLoss())) {
    throw runError(messages.dataOverflows(data.xName, data.yName));
  }
  // Values near 1e-308 (subnormal) underflow when squared: the curvature vanishes and nothing is defined.
  let scale = 0;
  for (let i = 0; i < data.x.length; i++) scale = Math.max(scale, Math.abs(data.x[i]));
  if (scale < 1e-150 || !(objective.minCurvature() > 0)) throw runError(messages.dataOutOfRange(data.xName, data.yName));
  // A y near 1e-300 (not all 0) has losses that vanish when squared: every picture and verdict would be of rounding.
  let yScale = 0;
  for (let i = 0; i < data.y.length; i++) yScale = Math.max(yScale, Math.abs(data.y[i]));
  if (yScale > 0 && yScale < 1e-150) throw runError(messages.featureOutOfRange(data.yName));
  // A start whose loss already overflows (--init 1e308,1e308) diverges at any rate: no rate to suggest helps.
  const reportedObjective = models.objective;
  const init = c.init.length === reportedObjective.dim ? c.init : Array.from({ length: reportedObjective.dim }, (_, k) => c.init[k] ?? 0);
  if (!Number.isFinite(reportedObjective.loss(init))) throw usageError(messages.initOverflows(init));
  const trainInit = reparametrization ? Array.from(reparametrization.toTrained(init)) : init;
  const opt = reportedObjective.optimum();
  const optimum = opt ? { w: Array.from(opt), loss: reportedObjective.loss(opt) } : null;
  const minima = reportedObjective.minima;
  const why = models.why?.() || (minima.kind === 'none' ? minima.why : UNSETTLED);
  const warnings: Warning[] = opt ? [] : [data.features ? { code: 'separable', why } : { code: 'separable' }];
  const trained = reparametrization?.trained ?? reportedObjective;
  return { descriptor, data, objective: reportedObjective, trained, reparametrization, init, trainInit, optimum, warnings, ...(models.testLoss ? { testLoss: models.testLoss } : {}) };
}
