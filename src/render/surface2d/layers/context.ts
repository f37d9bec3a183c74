import type { Scene } from '../../../types';
import type { ColourBar } from '../colourBar';
import type { LayerSpec } from '../../core/layer';
import type { Plot, Rect, Style } from '../../core/layout';
import type { ReferencePath } from '../referencePath';
import type { SurfacePath } from '../surfacePath';

/** What the layers of a 2-D surface panel share: the scene, the placed plot and its scales, the prepared paths. */
export interface SurfaceContext {
  scene: Scene;
  style: Style;
  /** The panel's whole area, and the plot placed in it (plot.box: the plot with its axis labels). */
  outer: Rect;
  plot: Plot;
  /** The plot grown by a margin: paths are drawn until they leave it. */
  box: Rect;
  /** The colour bar beside the plot, or null on a panel too narrow for one. */
  bar: ColourBar | null;
  /** Each series' path in the plot's pixels. */
  paths: SurfacePath[];
  /** Each series' reference path (--reference-path), where it has one. */
  references: (ReferencePath | undefined)[];
  /** The colour of the key's symbols: the series' own when there is one series, else the text's. */
  keyColour: string;
}

export type SurfaceLayer = LayerSpec<SurfaceContext>;
