import type { Scene } from '../../../types';
import type { FieldGrid } from '../fieldGrid';
import type { LayerSpec } from '../../core/layer';
import type { Plot, Rect, Style } from '../../core/layout';

/** What the layers of the fit panel share: the placed plot over the data's window and the frame's findings. */
export interface FitContext {
  scene: Scene;
  style: Style;
  outer: Rect;
  plot: Plot;
  /** The plot grown by a margin: a model's line is clipped to it. */
  box: Rect;
  /** A model of classes (the probability and its decision boundary), else of values (a line). */
  classes: boolean;
  /** The radius of a data point, which the step's samples ring. */
  pointRadius: number;
  /** The colour of the legend's sample symbols: the series' own when there is one series, else the text's. */
  keyColour: string;
  /**
   * Written by the models layer each frame for the layers after it: the series whose model is out of view,
   * and on which side it went.
   */
  outOfView: [number, 'above' | 'below'][];
  /**
   * Regression on two features: the plot is the features' plane (x1 across, x2 up). Linear: the points are
   * coloured by y over `yRange`, and each model is drawn as lines of equal fitted y at `levels`. Logistic
   * (`classes`): the points in their class's colour over the first series' probability field, and each
   * model's decision line (its linear part w0 + w1·x1 + w2·x2 at the level 0, p = 1/2).
   */
  two?: {
    names: readonly [string, string];
    x1: Float64Array;
    x2: Float64Array;
    yRange: [number, number];
    levels: number[];
    labels: string[];
    classes?: boolean;
    /**
     * Classes: the first series' probability sampled over the plot, shared by the field and the contour
     * (`at`: the iteration sampled, −1 for none yet); `curved`: a network, whose boundary is traced, not a line.
     */
    field?: { grid: FieldGrid; values: Float64Array; at: number };
    curved?: boolean;
    /** Softmax: the number of classes (each region shaded in its class's colour, the boundaries traced). */
    multi?: number;
  };
  /**
   * Regression on three or more features: the rows plotted against their linear part z = w0 + Σ wⱼ·xⱼ at
   * each frame's weights. Linear: each row at (fitted value, y) over the line fitted = y. Logistic: each
   * row at (z, its class), over p = σ(z). At most SCORE_ROWS rows are drawn, every `stride`-th.
   */
  score?: ScoreView;
}

export interface ScoreView {
  names: readonly string[];
  /** The rows drawn: their feature columns and their y (the training rows, then the held-out ones). */
  columns: Float64Array[];
  y: Float64Array;
  /** How many of the drawn rows are training rows (the rest, from `trained` on, were held out). */
  trained: number;
  /** Every stride-th row is drawn; of how many rows in all. */
  stride: number;
  total: number;
  /** Scratch for a frame's linear parts. */
  parts: Float64Array;
}

export type FitLayer = LayerSpec<FitContext>;
