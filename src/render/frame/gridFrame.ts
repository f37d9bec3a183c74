import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { Scene, SurfacePlane } from '../../types';
import { cellHeading } from './cellHeading';
import { contourSet, fillBands, strokeIsoLines } from '../surface2d/contours';
import { gridLayout, type Cell } from './gridLayout';
import type { FrameParts } from './frameParts';
import type { Style } from '../core/layout';
import { drawLegendAt } from '../core/legend';
import { arrowLegend } from '../surface2d/arrows';
import { referenceLegend, referencePath } from '../surface2d/referencePath';
import { inflate, type Panel } from '../core/panel';
import { chooseLayers, layeredPanel } from '../core/layer';
import { distinctStarts, markerLegend } from '../surface2d/marks';
import { CELL_LAYERS } from '../surface2d/cellLayers';
import type { CellContext } from '../surface2d/cellLayers/context';
import { surfacePath } from '../surface2d/surfacePath';
import { gridTitle } from './gridTitle';

/**
 * Small multiples for a sweep: one surface per series on the shared loss grid (same window, levels and
 * colours, so the cells compare at a glance), each with its path, start, optimum and a heading that names
 * the series and its current loss. The contour bands are painted once and copied into every cell, so the
 * cells are the same picture to the pixel.
 */
export function gridFrame(bg: SKRSContext2D, scene: Scene): FrameParts {
  const g = gridLayout(bg, scene);
  const { style } = g;
  const { w, h } = g.cells[0].plot.rect;
  const bands = createCanvas(w, h);
  const set = contourSet(scene.grid, { x: 0, y: 0, w, h });
  const bctx = bands.getContext('2d');
  fillBands(bctx, set, { x: 0, y: 0, w, h });
  strokeIsoLines(bctx, set, { x: 0, y: 0, w, h }, style.theme.isoLine, Math.max(0.75, style.thin * 0.8));
  const view = scene.surface;
  const panels = g.cells.map((cell, i) => surfaceCell(bg, cell, scene, view, i, bands, style));
  const title = gridTitle(bg, g.title, scene, style);
  return {
    layout: { style, title: g.title, panels: g.cells.map((c) => c.outer) },
    panels,
    title: title.draw,
    // The marker legend is shared by every cell, so it sits once in the title band, on the right.
    decorate(ctx) {
      g.bar?.draw(ctx, g.barSpan);
      const items = markerLegend(style, view.landmarks);
      const colour = style.theme.series[0];
      const extra = [...(view.references.some(Boolean) ? [referenceLegend(style, colour)] : []), ...(scene.arrows ? arrowLegend(scene.arrows, style, colour) : [])];
      const at = (list: typeof items) => drawLegendAt(ctx, g.title.w - style.f * 0.8, g.title.h * 0.55 + style.f * 0.35, style, list, title.room, g.title.w * 0.25);
      // The switches' entries when there is room, else the markers alone, as before.
      if (extra.length === 0 || !at([...items, ...extra])) at(items);
    },
  };
}

/** One cell: the cell layers (surface2d/cellLayers) over the cell's plot, the shared bands copied in. */
function surfaceCell(measure: SKRSContext2D, cell: Cell, scene: Scene, view: SurfacePlane, index: number, bands: Canvas, style: Style): Panel {
  const c = cellContext(measure, cell, scene, view, index, bands, style);
  return layeredPanel(c.plot, chooseLayers(CELL_LAYERS, c), c.plot.rect);
}

/** What a grid cell's layers share: its series' path on the cell's plot, in the one colour of every cell. */
export function cellContext(measure: SKRSContext2D, cell: Cell, scene: Scene, view: SurfacePlane, index: number, bands: Canvas, style: Style): CellContext {
  const series = scene.series[index];
  const { plot, outer } = cell;
  const box = inflate(plot.rect, style.f * 2);
  const path = surfacePath(series, view.paths[index], plot, box);
  // One colour for every cell: each shows one series, and the cells compare by position, not by hue.
  const colour = style.theme.series[0];
  const reference = view.references[index];
  return {
    scene,
    style,
    series,
    index,
    outer,
    plot,
    box,
    colour,
    path,
    starts: distinctStarts([[path.sx(0), path.sy(0)]]),
    plane: view,
    grid: scene.grid,
    bands,
    bar: null,
    reference: reference ? referencePath(reference, plot, box) : undefined,
    arrows: true,
    showX: cell.showX,
    showY: cell.showY,
    heading: cellHeading(measure, plot.rect, scene, series, colour, style),
  };
}
