import type { Canvas } from '@napi-rs/canvas';
import type { Scene, Series, SurfacePlane } from '../../../types';
import type { LayerSpec } from '../../core/layer';
import type { Plot, Rect, Style } from '../../core/layout';
import type { CellHeading } from '../../frame/cellHeading';
import type { ColourBar } from '../colourBar';
import type { ReferencePath } from '../referencePath';
import type { SurfacePath } from '../surfacePath';

/**
 * What the layers of one small surface share (a cell of a sweep's grid, a side of --compare-standardize):
 * one series on its own placed plot, drawn in one colour, since the cells compare by position, not by hue.
 */
export interface CellContext {
  scene: Scene;
  style: Style;
  series: Series;
  /** Which series (and which of the scene's arrows) the cell shows. */
  index: number;
  /** The area the axes are placed in, and the plot in it. */
  outer: Rect;
  plot: Plot;
  /** The plot grown by a margin: the path is drawn until it leaves it. */
  box: Rect;
  colour: string;
  path: SurfacePath;
  /** The start in pixels, when it is finite. */
  starts: [number, number][];
  /** The cell's plane: its axis names and known points (a model's one minimum, a landscape's minima and saddles). */
  plane: SurfacePlane;
  /** The loss sampled over the cell's window (a side of a comparison has its own). */
  grid: Scene['grid'];
  /** The contour bands painted once for every cell of a grid (copied in), or none: the cell paints its own. */
  bands?: Canvas;
  /** The cell's own colour bar (a side of a comparison: the two windows span different losses), or null. */
  bar: ColourBar | null;
  /** The cell's reference path (--reference-path), where it has one. */
  reference?: ReferencePath;
  /** Whether the cell draws the scene's --arrows (a grid's cells do). */
  arrows: boolean;
  /** Which axes carry tick labels (a grid labels its outer edges only). */
  showX: boolean;
  showY: boolean;
  heading: CellHeading;
  /** A side of a comparison: whether the shared rate left both sides short (said on the last frame). */
  side?: { short: boolean };
}

export type CellLayer = LayerSpec<CellContext>;
