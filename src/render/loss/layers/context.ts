import type { Scene } from '../../../types';
import type { LayerSpec } from '../../core/layer';
import type { Plot, Rect, Style } from '../../core/layout';
import type { Polyline } from '../../core/polyline';

/** What the layers of the loss panel share: the placed plot, the values drawn and their curves in pixels. */
export interface LossContext {
  scene: Scene;
  style: Style;
  outer: Rect;
  plot: Plot;
  /** The plot grown by a margin: curves are traced until they leave it. */
  box: Rect;
  /** Per series, what is drawn: the gap to the minimum, or the loss itself. */
  values: Float64Array[];
  /** The gap to a finite minimum on a log axis (else the loss, on a log or, when it reaches 0 or below, a linear axis). */
  gapMode: boolean;
  linear: boolean;
  /** Every gap within rounding of 0 for the whole run. */
  atMinimum: boolean;
  /** A value to the plot's y: values below the axis's floor sit on it (below offBelow: under the plot). */
  y(value: number): number;
  /** Per series, its curve over the whole run, thinned per pixel column. */
  curves: Polyline[];
  /** On a linear axis, the value below which a curve leaves the plot at the bottom (null: none does). */
  offBelow?: number | null;
  /** --holdout: per series, the loss on the test rows and its curve (drawn dashed). */
  test?: { values: Float64Array[]; curves: Polyline[] };
}

export type LossLayer = LayerSpec<LossContext>;
