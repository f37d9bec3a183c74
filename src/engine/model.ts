import type { BlockReducer } from './blocks';
import type { Objective } from './objective';

/** A weight vector: w[0] the intercept w0, w[1] the slope w1, and so on for a model with more weights. */
export type Weights = ArrayLike<number>;

/**
 * A loss over a weight vector on fixed data, with everything the optimizers and the reports need.
 * Implementations precompute what they can so that the hot calls allocate nothing.
 */
export interface Model extends Objective {
  readonly name: string;
  /** How many weights. */
  readonly dim: number;
  readonly n: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** The mean loss g(w). */
  loss(w: Weights): number;
  /** The full-batch gradient of g, written into out[k] = ∂g/∂w_k. */
  gradient(w: Weights, out: Float64Array): void;
  /**
   * The per-sample error term: linear rₙ = w1·xₙ + w0 − yₙ, logistic pₙ − yₙ. The gradient of sample n's
   * own loss is gradientScale · error · φ(xₙ), with the features φ below.
   */
  sampleError(i: number, w: Weights): number;
  /** Sample i's features φ(xᵢ), the gradient of the model's linear part z = w·φ: (1, xᵢ) here. */
  features(i: number, out: Float64Array): void;
  /** 2 for the squared error (d/dr r² = 2r), 1 for the cross-entropy. */
  readonly gradientScale: number;
  /** The exact minimiser, or null when none is finite (separable logistic data). */
  optimum(): Float64Array | null;
  /**
   * Computes and caches the optimum one bounded step at a time (logistic: one Newton pass over the data per
   * yield), so that an asynchronous caller can hear a stop between steps; absent when it is cheap.
   */
  optimumSteps?(): Generator<void, void, void>;
  /** The largest eigenvalue of the Hessian (linear) or of a bound on it valid everywhere (logistic). */
  curvature(): number;
  /** The smallest eigenvalue of the Hessian at the optimum (at the origin when there is none). */
  minCurvature(): number;
  /**
   * The loss of the trivial model (linear: the mean of y, i.e. the variance of y; logistic: p = 1/2,
   * i.e. log 2): a scale for "the loss blew up" that does not vanish when the start is already perfect.
   */
  referenceLoss(): number;
  /**
   * The trivial model's weights (linear: intercept mean(y), slope 0; logistic: 0, 0): the scale against which
   * the final weights' distance from the optimum is judged, as the trivial loss is for the loss gap.
   */
  referenceWeights(): Float64Array;
  /**
   * How strongly one sample can curve its own loss at most, per unit of error scale: max over n of
   * (1 + xₙ²) times the model's curvature factor (1 for r²/2, 1/4 for the cross-entropy).
   */
  sampleCurvatureMax(): number;
  /** The mean of the same quantity over the samples. */
  sampleCurvatureMean(): number;
}

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
  create(x: Float64Array, y: Float64Array, sums?: BlockReducer): Model;
  /** The model's output at x: the fitted value, or the probability of class 1. */
  predict(w: Weights, x: number): number;
  /**
   * The loss over the plane of the first two weights, as drawn on the surface panel (display only, never
   * reported): the exact loss, or a faster approximation on large data that is invisible in a picture.
   */
  surfaceLoss(model: Model): (w0: number, w1: number) => number;
}

/** The exact loss over the plane of the first two weights (the surface panel's view of a model). */
export function planeLoss(model: Model): (w0: number, w1: number) => number {
  const w = new Float64Array(model.dim);
  return (a, b) => {
    w[0] = a;
    w[1] = b;
    return model.loss(w);
  };
}
