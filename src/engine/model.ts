import type { BlockReducer } from './blocks';
import type { Objective, SampledObjective, Weights } from './objective';

export type { Weights } from './objective';

/** The largest eigenvalue of the symmetric 2×2 matrix [[a, b], [b, c]]. */
export function maxEigen2(a: number, b: number, c: number): number {
  const mid = (a + c) / 2;
  const half = (a - c) / 2;
  return mid + Math.hypot(half, b);
}

/** The smallest eigenvalue of the symmetric 2×2 matrix [[a, b], [b, c]], computed without cancellation. */
export function minEigen2(a: number, b: number, c: number): number {
  const max = maxEigen2(a, b, c);
  return max === 0 ? 0 : (a * c - b * b) / max;
}

/**
 * Everything mlvis knows about one model: how to build its loss on data, how it predicts, and how it is
 * named on screen. A new model is a file exporting one of these plus a line in the registry (models.ts);
 * nothing else in mlvis switches on model names.
 */
export interface ModelDescriptor {
  readonly name: string;
  /** "Linear regression", and "Linear" for narrow frames. */
  readonly title: string;
  readonly short: string;
  /** The command's one-line description. */
  readonly summary: string;
  /** "mean squared error", and "MSE" for narrow frames and axis labels. */
  readonly lossName: string;
  readonly lossShort: string;
  /** The weights' names (the summary's keys) and axis labels, in the order of the weight vector. */
  readonly weightNames: readonly string[];
  readonly weightLabels: readonly string[];
  /**
   * The axis labels of the weights on standardized x (v0, v1 in the README's formula), so that the surface
   * never gives one name to two quantities: the title reports w0, w1 in the data's units.
   */
  readonly standardizedWeightLabels: readonly string[];
  /** The trivial model in words ("predicting the mean of y"): a final loss above its loss is worse than no fit. */
  readonly trivialName: string;
  /** What y holds: any number, or the two classes 0 and 1 (the data stage reads labels then). */
  readonly target: 'values' | 'classes';
  /** `sums` runs the model's passes over the rows (default: on the calling thread, see blocks.ts). */
  create(x: Float64Array, y: Float64Array, sums?: BlockReducer): SampledObjective;
  /** The fit is a curve in x (a polynomial): the fit panel samples it across the window rather than joining two ends. */
  readonly curve?: boolean;
  /** Linear regression on two features: their names; predict2 gives the fitted value at (x1, x2). */
  readonly twoFeatures?: readonly [string, string];
  predict2?(w: Weights, x1: number, x2: number): number;
  /**
   * A regression on three or more features (`--x a,b,c…`): their names, and each row's linear part
   * w0 + Σ wⱼ·xⱼ (the fitted value, or the log-odds) at w into out: the fit panel plots against it.
   */
  readonly features?: readonly string[];
  scoreRows?(w: Weights, columns: readonly Float64Array[], out: Float64Array): void;
  /**
   * What one prediction costs, in activations (a network: its hidden units, plus a quarter of the products
   * between hidden layers): the fit panel coarsens its probability field to keep a frame's samples in budget.
   */
  readonly predictCost?: number;
  /**
   * How a descriptor made for a run (by a factory: a degree, feature names, a network's shape, classes) is
   * made again from data alone: the factory's name and its arguments. The interactive page rebuilds the
   * descriptor with it (src/page/recipes.ts); the registry's own descriptors need none.
   */
  readonly recipe?: ModelRecipe;
  /** predict2 over a grid, into out[b·xs.length + a] for (xs[a], ys[b]), where a model has a faster way than cell by cell. */
  predictGrid?(w: Weights, xs: Float64Array, ys: Float64Array, out: Float64Array): void;
  /**
   * A network: its fit in the features' plane is no line (the fit panel traces the p = 1/2 contour), and its
   * weights come in filters (each unit's incoming weights, each layer's biases) that a random plane is
   * normalized by (Li et al. 2018).
   */
  readonly curved?: boolean;
  readonly weightFilters?: readonly (readonly number[])[];
  /** Softmax: the classes' names, and each class's probability at (x1, x2) into out (length K). */
  readonly classNames?: readonly string[];
  predictClasses?(w: Weights, x1: number, x2: number, out: Float64Array): void;
  /** Weights whose minimum is a line moved to the convention that makes it a point (see Objective.canonical). */
  canonical?(w: Weights, out?: Float64Array): Float64Array;
  /** The model's output at x: the fitted value, or the probability of class 1. */
  predict(w: Weights, x: number): number;
  /**
   * The loss over the plane of the first two weights, as drawn on the surface panel (display only, never
   * reported): the exact loss, or a faster approximation on large data that is invisible in a picture.
   */
  surfaceLoss(objective: Objective): (w0: number, w1: number) => number;
}

/** The exact loss over the plane of the first two weights (the surface panel's view of an objective). */
export function planeLoss(objective: Objective): (w0: number, w1: number) => number {
  const w = new Float64Array(objective.dim);
  return (a, b) => {
    w[0] = a;
    w[1] = b;
    return objective.loss(w);
  };
}

/** See ModelDescriptor.recipe: the factories of src/engine that make descriptors for a run, with their arguments. */
export type ModelRecipe =
  | { readonly of: 'poly'; readonly args: readonly [degree: number, centre: number] }
  | { readonly of: 'linearFeatures' | 'logisticFeatures'; readonly args: readonly [names: readonly string[]] }
  | { readonly of: 'mlp'; readonly args: readonly [shape: import('./mlp').MlpShape, names: readonly string[]] }
  | { readonly of: 'softmax'; readonly args: readonly [names: readonly [string, string], classNames: readonly string[]] };
