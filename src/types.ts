/**
 * Plain data shared by the stages of the pipeline. Nothing here knows about canvas, files or processes.
 */

import type { ModelDescriptor } from './engine/model';
import type { ModelName } from './engine/models';
import type { OptimizerName } from './engine/optimizers';

export type { ModelName } from './engine/models';
export type { OptimizerName } from './engine/optimizers';
export { OPTIMIZERS } from './engine/optimizers';
export { MODELS } from './engine/models';

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

/** A weight vector and the loss at it, in the data's own units (w[0] = w0, the intercept; w[1] = w1, the slope). */
export interface Point {
  w: readonly number[];
  loss: number;
}

/**
 * The recorded descent, one column per weight: w[k][i] is weight k after i updates (entry 0 is the start),
 * loss[i] the loss there. Columns rather than rows, so a panel reads the path of two weights directly.
 */
export interface Trajectory {
  w: Float64Array[];
  loss: Float64Array;
}

/**
 * The samples each update of a stochastic descent (sgd, minibatch) used, in the order drawn: update t
 * (counting from 1) used indices[(t − 1)·batch] … indices[t·batch − 1], indices into the data set's rows.
 */
export interface SampleLog {
  batch: number;
  indices: Int32Array;
}

export interface Divergence {
  /** The update at which the loss became non-finite or blew up. */
  iteration: number;
  /** A learning rate that would be stable for this problem and optimizer. */
  stable_lr: number;
  /**
   * A landscape's (`mlvis function`) reason, as engine/landscapeVerdict.ts confirmed it: 'undefined' when the
   * descent stepped where the function is not defined (it did not blow up), 'unbounded' when the loss fell
   * without bound, 'blew_up' when it rose. Absent for a model of data.
   */
  why?: 'undefined' | 'unbounded' | 'blew_up';
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
  /**
   * Where the loss is not defined (not finite: log of a negative number in an expression), one byte per sample
   * as `values` (1: undefined); absent when it is defined everywhere. The surface hatches those samples.
   */
  undefinedAt?: Uint8Array;
}

export type PanelName = 'surface' | 'fit' | 'loss';
export type ThemeName = 'light' | 'dark';
/** How the surface panel shows the loss: contour bands seen from above, or a shaded mesh in perspective. */
export type ViewName = '2d' | '3d';

/** One descent as the renderer and the reports see it. */
export interface Series {
  /** The legend's name for it: the optimizer in a race ("Adam"), the value in a sweep ("lr = 0.1"). */
  label: string;
  optimizer: OptimizerName;
  /** The optimizer's display names (title, short) for headings. */
  optimizerTitle: string;
  optimizerShort: string;
  lr: number;
  trajectory: Trajectory;
  /** Updates performed (trajectory length − 1). */
  iterations: number;
  diverged: Divergence | null;
  /** sgd, minibatch: the samples of each update (absent for the others, and see MAX_SAMPLE_LOG). */
  samples?: SampleLog;
  /** --reference-path: full-batch gd from the same start at the rate this stochastic descent averages to, in the data's units. */
  reference?: Trajectory;
  /** A landscape's known point this descent reached (an index into Scene.landmarks) and the iteration it did. */
  reached?: { landmark: number; iteration: number };
}

/** The surface panel's view of a standardized run (see Scene.standardized). */
export interface StandardizedSurface {
  /** Each series' path in the weights on standardized x (same length as its trajectory). */
  paths: Trajectory[];
  /** The minimum in those weights. */
  optimum: Point | null;
  /** Each series' reference path (see Series.reference) in those weights, where it has one. */
  references: (Trajectory | undefined)[];
  /** Axis labels of the two weights. */
  weightLabels: readonly [string, string];
}

/**
 * What --arrows draws at each series' current point on the surface panel, in the surface's units, for the
 * iterations the run draws (the animation's frames and the stills): computed by the pipeline, so that the
 * renderer needs no model.
 */
export interface SurfaceArrows {
  /** The iterations that have arrows, increasing. */
  iterations: number[];
  /**
   * Per series, two numbers per iteration: the gradient step −∇g/L at its point, L the loss's largest
   * curvature (on a round bowl this step lands on the minimum); NaN where the point is not finite.
   */
  step: Float64Array[];
  /** Per series: its optimizer follows a velocity (momentum, nesterov, adam), so its last step is drawn too. */
  velocity: boolean[];
}

/**
 * The frame clock: which frame of how many, its time in the animation, and the iteration it shows (the
 * same for every series). Panels may animate on the frame (a turning view) as well as on the iteration.
 */
export interface FrameTime {
  index: number;
  count: number;
  /** Seconds from the start of the animation. */
  seconds: number;
  iteration: number;
}

/**
 * How several series share a frame: all paths on one surface, each in its colour (`overlay`: races), one
 * small plot per series sharing axes and colour scale (`grid`: sweeps), or one surface per series, each in
 * its own units (`compare`: raw against standardized x).
 */
export type SceneLayout = 'overlay' | 'grid' | 'compare';

/**
 * One side of --compare-standardize: a series' own loss surface, in the weights its descent moved (the
 * data's units on raw x, the standardized weights on standardized x), and how soon it closed 99 % of its gap.
 */
export interface SurfaceSide {
  grid: LossGrid;
  /** The series' path in this surface's units (same length as its trajectory). */
  path: Trajectory;
  optimum: Point | null;
  weightLabels: readonly [string, string];
  /** Both axes in one unit: drawn square, so the bowl looks round. */
  equalAspect: boolean;
  /** The first iteration at which 99 % of the loss gap was closed; null when it never was. */
  iterationsTo99: number | null;
}

/**
 * A known point of a landscape (`mlvis function`) marked on the surface: a global or local minimum, or a
 * saddle, with its name ("(3, 2)") for the label drawn once a path has reached it.
 */
export interface Landmark {
  w: readonly [number, number];
  loss: number;
  kind: 'global' | 'local' | 'saddle';
  name: string;
}

/** Words the user chose for the frame (--title, --xlabel, --ylabel, --labels); each absent one keeps its default. */
export interface SceneText {
  /** The title line's heading, in place of the model and optimizer. */
  title?: string;
  /** The fit panel's axis labels. */
  xLabel?: string;
  yLabel?: string;
  /** Logistic: the legend's names of class 0 and class 1. */
  classNames?: [string, string];
}

/** Everything the renderer needs for a whole animation; frames then differ only in the time shown. */
export interface Scene {
  width: number;
  height: number;
  theme: ThemeName;
  panels: PanelName[];
  /** The model's names, labels and prediction (plain functions, no engine state). */
  model: ModelDescriptor;
  data: Dataset;
  /** The loss surface shared by every series (its window holds all their paths), in the surface's units. */
  grid: LossGrid;
  /**
   * Present when training ran on standardized x: the surface panel then draws in the weights the optimizers
   * move (a round bowl, the path perpendicular to its contours) instead of the data's units; the fit panel,
   * the loss and every report stay in the data's units.
   */
  standardized?: StandardizedSurface;
  optimum: Point | null;
  /**
   * A landscape's known minima and saddles, each marked on the surface (the optimum's star then stands for
   * none of them alone); absent for a model on data, whose one optimum is the star.
   */
  landmarks?: Landmark[];
  /** Why there is no minimum to mark, longest wording first (a landscape's; absent: the classes are separable). */
  noMinimum?: readonly string[];
  /** One or more descents from the same start on the same data. */
  series: Series[];
  /** Layout `compare`: one surface per series, side by side (then `grid` is the first side's). */
  sides?: SurfaceSide[];
  /** --arrows: the arrows at the current points. */
  arrows?: SurfaceArrows;
  layout: SceneLayout;
  /** The surface panel's view; absent: `'2d'`. */
  view?: ViewName;
  /** With view `'3d'`: degrees the camera turns about the vertical axis from the first frame to the last; absent: 0. */
  orbit?: number;
  /** The largest number of updates performed by any series: frames show iterations 0..iterations. */
  iterations: number;
  /** Updates asked for (--iters); more than `iterations` only when every series diverged. */
  requestedIterations: number;
  text?: SceneText;
  /** --schedule as given, when it is not constant: the titles name it ("lr 0.1 · cosine"). */
  schedule?: string;
  /** Multiplies every font size (--font-scale); default 1. */
  fontScale?: number;
}
