import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Scene } from '../../types';
import { chooseLayers, layeredPanel, legendOf } from '../core/layer';
import { placePlot, type Rect, type Style } from '../core/layout';
import { inflate, type Panel } from '../core/panel';
import { linearAxis } from '../core/scale';
import { seriesColour } from '../core/series';
import { colourBar } from './colourBar';
import { SURFACE_LAYERS } from './layers';
import type { SurfaceContext } from './layers/context';
import { heading } from './layers/heading';
import { key } from './layers/key';
import { referencePath } from './referencePath';
import { surfacePath } from './surfacePath';

/**
 * The loss surface over the plane a view made of the weights (scene.surface, see src/pipeline/view.ts): a
 * list of layers over the plot's shared scales (layers/index.ts), chosen for the scene: viridis contour bands
 * with iso-lines (static), then per frame each series' path travelled so far in its colour, the start, the
 * known points and the current points on top. A diverging path leaves the window; it is clipped, and from
 * the iteration it diverged at the panel says so.
 */
export function surfacePanel(measure: SKRSContext2D, outer: Rect, scene: Scene, style: Style): Panel {
  const c = surfaceContext(measure, outer, scene, style);
  const layers = chooseLayers(SURFACE_LAYERS, c);
  return layeredPanel(c.plot, [...layers, heading(c, legendOf(layers, 'legend')), key(c, legendOf(layers, 'key'))], c.plot.rect);
}

/** The narrowest surface panel, in base font sizes, that also gets a colour bar (a third of 960 px at 11 px). */
const BAR_MIN_WIDTH = 22;

/** Places the plot (and the colour bar beside it) and prepares what the layers share: the paths in pixels. */
export function surfaceContext(measure: SKRSContext2D, outer: Rect, scene: Scene, style: Style): SurfaceContext {
  const { grid, surface } = scene;
  const { f, theme } = style;
  // The colour bar sits beside the plot, never over the path; a panel too narrow for both keeps the plot.
  const bar = outer.w >= BAR_MIN_WIDTH * f ? colourBar(measure, grid, style) : null;
  const plot = placePlot(
    measure,
    outer,
    style,
    (range, n) => linearAxis(grid.uRange, range, n),
    (range, n) => linearAxis(grid.vRange, range, n),
    surface.equalAspect,
    bar?.width,
  );
  const box = inflate(plot.rect, f * 2);
  return {
    scene,
    style,
    outer,
    plot,
    box,
    bar,
    paths: scene.series.map((s, i) => surfacePath(s, surface.paths[i], plot, box)),
    references: surface.references.map((t) => (t ? referencePath(t, plot, box) : undefined)),
    // One colour in the key when there is one series; a race's references are told apart by their colours.
    keyColour: scene.series.length === 1 ? seriesColour(style, 0) : theme.text,
  };
}
