/**
 * Plain data shared by the stages of the pipeline. Nothing here knows about canvas, files or processes.
 */

export type ModelName = 'linear' | 'logistic';

export const OPTIMIZERS = ['gd', 'sgd', 'minibatch', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** A data set ready for training: x and y as numbers, already cleaned of missing rows. */
export interface Dataset {
  x: Float64Array;
  /** Linear: the target. Logistic: 0 or 1. */
  y: Float64Array;
  /** Column names (axis labels); "x" and "y" for synthetic data. */
  xName: string;
  yName: string;
  /** "synthetic", a built-in data set's name, or the CSV path as given. */
  source: string;
  /** Rows dropped because a selected cell was missing or not a number. */
  skipped: number;
  /** Logistic with a text label column: the value that counts as 1. */
  positive?: string;
  /** Logistic: what the two classes are called (index 0 for y = 0, 1 for y = 1), for legends. */
  classNames?: [string, string];
  /** The data set suggests training on standardized x (built-in sets whose x is far from zero). */
  suggestStandardize?: boolean;
}

/** Weights and the loss at them, in the data's own units. */
export interface Point {
  w0: number;
  w1: number;
  loss: number;
}

/** The recorded descent: entry i holds the weights after i updates (entry 0 is the start). */
export interface Trajectory {
  w0: Float64Array;
  w1: Float64Array;
  loss: Float64Array;
}

export interface Divergence {
  /** The update at which the loss became non-finite or blew up. */
  iteration: number;
  /** A learning rate that would be stable for this problem and optimizer. */
  stable_lr: number;
}

/**
 * The loss over a rectangle of (w0, w1), sampled on an nx × ny grid (corners included).
 * values[j * nx + i] is the loss at w0 = w0Range[0] + i·(w0Range[1]−w0Range[0])/(nx−1) and
 * w1 = w1Range[0] + j·(w1Range[1]−w1Range[0])/(ny−1). Non-finite values never occur (they are clamped).
 */
export interface LossGrid {
  w0Range: [number, number];
  w1Range: [number, number];
  nx: number;
  ny: number;
  values: Float64Array;
  /** Contour levels, increasing, geometrically spaced above the lowest loss of interest. */
  levels: number[];
}

export type PanelName = 'surface' | 'fit' | 'loss';
export type ThemeName = 'light' | 'dark';

/** Everything the renderer needs for a whole animation; frames then differ only in the iteration shown. */
export interface Scene {
  width: number;
  height: number;
  theme: ThemeName;
  panels: PanelName[];
  model: ModelName;
  optimizer: OptimizerName;
  data: Dataset;
  grid: LossGrid;
  optimum: Point | null;
  trajectory: Trajectory;
  /** Updates performed (trajectory length − 1). */
  iterations: number;
  /** Updates asked for (--iters); differs from `iterations` only when the descent diverged. */
  requestedIterations: number;
  diverged: Divergence | null;
}
