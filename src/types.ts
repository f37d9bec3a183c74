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
  /** --data moons, circles, xor, spirals, blobs: the noise the points were drawn with (the set's default or --noise). */
  noise?: number;
  /** Softmax: every class's name, y holding its index (0, 1, 2, …). */
  classList?: string[];
  /** The data set suggests training on standardized x (built-in sets whose x is far from zero). */
  suggestStandardize?: boolean;
  /**
   * --holdout: the rows kept out of training as a test set (x, y above are then the training rows only),
   * and the share asked for.
   */
  holdout?: { x: Float64Array; y: Float64Array; share: number; features?: Float64Array[] };
  /** `--x a,b[,c…]`: the feature columns (two or more; columns[0] is x) and their names. */
  features?: { names: string[]; columns: Float64Array[] };
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
 * The loss over a rectangle of the surface plane (u, v) (see src/pipeline/view.ts), sampled on an nx × ny
 * grid (corners included). values[j * nx + i] is the loss at u = uRange[0] + i·(uRange[1]−uRange[0])/(nx−1)
 * and v = vRange[0] + j·(vRange[1]−vRange[0])/(ny−1). Non-finite values never occur (they are clamped).
 */
export interface LossGrid {
  uRange: [number, number];
  vRange: [number, number];
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
  /** --holdout: the loss on the test rows at every recorded iteration (beside trajectory.loss, the training loss). */
  testLoss?: Float64Array;
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
  /** A landscape's known point this descent reached (an index into Scene.surface.landmarks) and the iteration it did. */
  reached?: { landmark: number; iteration: number };
}

/**
 * A path in the surface plane: entry i is the view's (u, v) of the weights after i updates and the loss
 * there (the same length as the series' trajectory).
 */
export interface PlanePath {
  u: Float64Array;
  v: Float64Array;
  loss: Float64Array;
}

/**
 * What the surface panel draws, in the plane a view made of the weights (src/pipeline/view.ts): the
 * renderer sees these coordinates and labels only, never the weights, the model or a reparametrization.
 */
export interface SurfacePlane {
  /** The names of the plane's axes (u, v). */
  labels: readonly [string, string];
  /** The heading's note on the plane ("standardized x"), or '' when the plane is the reported weights. */
  note: string;
  /** Both axes in one unit: the plot is square (and so was the grid's window). */
  equalAspect: boolean;
  /** Each series' path. */
  paths: PlanePath[];
  /** Each series' --reference-path, where it has one. */
  references: (PlanePath | undefined)[];
  /** The points marked: a landscape's minima and saddles, else the optimum as the one global minimum. */
  landmarks: Landmark[];
  /**
   * What the known points are, which chooses the surface's layers: a model's one minimum (`optimum`: the star)
   * or a landscape's list (`landmarks`: minima and saddles by kind, each named once a path reaches it).
   */
  marks: 'optimum' | 'landmarks';
}

/**
 * What --arrows draws at each series' current point on the surface panel, in the surface's plane (u, v), for the
 * iterations the run draws (the animation's frames and the stills): computed by the pipeline, so that the
 * renderer needs no model.
 */
export interface SurfaceArrows {
  /** The iterations that have arrows, increasing. */
  iterations: number[];
  /**
   * Per series, two numbers per iteration: the gradient step −∇g/L at its point, in the plane (u, v), L the loss's largest
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
  /** With Scene.freeCamera: degrees the 3-D camera is turned further about the vertical axis (the page's drag). */
  turn?: number;
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
  /** The side's plane: its one path, its minimum, its labels and aspect. */
  plane: SurfacePlane;
  /** The first iteration at which 99 % of the loss gap was closed; null when it never was. */
  iterationsTo99: number | null;
}

/**
 * A known point of a landscape (`mlvis function`) marked on the surface: a global or local minimum, or a
 * saddle, with its name ("(3, 2)") for the label drawn once a path has reached it; or a minimum the starts
 * of a basins run found where none was known (`found`: whether it is global or local is not known either).
 */
export interface Landmark {
  /** Where it is in the surface plane. */
  u: number;
  v: number;
  loss: number;
  kind: 'global' | 'local' | 'found' | 'saddle';
  name: string;
}

/**
 * What the fit panel draws of a model: what it predicts (values, or the probability of class 1) as a plain
 * function of the weights and x, handed over by the pipeline (no model object, no engine state).
 */
export interface FitPrediction {
  target: 'values' | 'classes';
  /** A curve in x (a polynomial): drawn sampled across the window. */
  curve?: boolean;
  /** Linear regression on two features: their names, and the fitted value at (x1, x2). */
  twoFeatures?: readonly [string, string];
  predict2?(w: ArrayLike<number>, x1: number, x2: number): number;
  /** Regression on three or more features: their names and each row's linear part at w (see ModelDescriptor). */
  features?: readonly string[];
  scoreRows?(w: ArrayLike<number>, columns: readonly Float64Array[], out: Float64Array): void;
  /** Softmax: each class's probability at (x1, x2) into out. */
  predictClasses?(w: ArrayLike<number>, x1: number, x2: number, out: Float64Array): void;
  /** predict2 over a grid (a network: faster than cell by cell), into out[b·xs.length + a] for (xs[a], ys[b]). */
  predictGrid?(w: ArrayLike<number>, xs: Float64Array, ys: Float64Array, out: Float64Array): void;
  predict(w: ArrayLike<number>, x: number): number;
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

/**
 * --starts: many starts of one optimizer on a landscape, as compact arrays (index s is start s): where each
 * started, its path, and the known minimum (an index into Scene.landmarks) it reached and from when.
 */
export interface StartsLayer {
  /** --layout basins: each start a dot in its minimum's colour, the paths thin; else every path in that colour. */
  basins: boolean;
  x: Float64Array;
  y: Float64Array;
  /** Each start's path in the surface's plane. */
  paths: PlanePath[];
  /** Index into Scene.surface.landmarks of the minimum reached; -1 when none was. */
  landmark: Int32Array;
  /** 1 where the start's path converged to a minimum that is none of the known ones (landmark is -1 there). */
  otherMinimum?: Uint8Array;
  /** The iteration from which the start's path stays at that minimum (known or other); -1 when none was reached. */
  reachedAt: Int32Array;
  /** The one optimizer's names and rate, for the title. */
  optimizerTitle: string;
  optimizerShort: string;
  lr: number;
  /** "grid 40×40" or "200 random starts". */
  placement: string;
  /** The landscape's minima: listed ('known'), none at all (unbounded below), or not known; without a list every start is "no known minimum". */
  minima: 'known' | 'none' | 'unknown';
}

/** Everything the renderer needs for a whole animation; frames then differ only in the time shown. */
export interface Scene {
  width: number;
  height: number;
  theme: ThemeName;
  panels: PanelName[];
  /** The model's names and labels (the fit panel reads its prediction from `fit`). */
  model: ModelDescriptor;
  data: Dataset;
  /** The fit panel's model: what it predicts from the weights. */
  fit: FitPrediction;
  /** The loss surface shared by every series (its window holds all their paths), over the plane (u, v). */
  grid: LossGrid;
  /**
   * The surface panel's plane: each series' path, the known points and the axes as a view of the weights
   * (on standardized x: the weights the optimizers moved, a round bowl). The fit panel, the loss and every
   * report stay in the data's units.
   */
  surface: SurfacePlane;
  /** The minimum in the data's units (the loss panel and the headings read its loss), or null when there is none. */
  optimum: Point | null;
  /** Why there is no minimum to mark, longest wording first (a landscape's; absent: the classes are separable). */
  noMinimum?: readonly string[];
  /**
   * Why: 'none' (unbounded below: the accent, a warning) or 'unknown' (a minimum may well exist, none is listed:
   * muted, no alarm); absent: the classes are separable (the accent).
   */
  noMinimumKind?: 'none' | 'unknown';
  /** Paths whose start lies off the surface's window (too far out to grow it to): where each starts, longest wording first. */
  offPicture?: readonly (readonly string[])[];
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
  /** --tune: the rates were chosen by a search; the titles say so ("tuned rates", "tuned lr 0.001"). */
  tuned?: boolean;
  /** Multiplies every font size (--font-scale); default 1. */
  fontScale?: number;
  /** --starts: the starts drawn in place of the series (then `series` is empty). */
  starts?: StartsLayer;
  /**
   * Where a point (u, v) of the surface's plane is in the weights (the data's units): origin + u·du + v·dv
   * (every view of mlvis is affine), and the landscape's function when the loss is one (by name, or the
   * expression). The interactive page reads it to show the weights and the loss under the pointer.
   */
  plane?: ScenePlane;
  /**
   * With view '3d', the interactive page once the reader drags: the camera may turn to any azimuth
   * (FrameTime.turn), so the viewport holds a full turn and the mesh is painted every frame.
   */
  freeCamera?: boolean;
}

/** See Scene.plane. */
export interface ScenePlane {
  origin: number[];
  du: number[];
  dv: number[];
  landscape?: { name: string; params: Record<string, number> } | { expr: string };
}
