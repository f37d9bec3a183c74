import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { Scene, SurfacePlane } from '../../types';
import { drawAxes } from '../core/axes';
import { cellHeading } from './cellHeading';
import { contourSet, fillBands, strokeIsoLines } from '../surface2d/contours';
import { gridLayout, type Cell } from './gridLayout';
import type { FrameParts } from './frameParts';
import type { Style } from '../core/layout';
import { drawLegendAt } from '../core/legend';
import { arrowLegend, drawArrowsAt } from '../surface2d/arrows';
import { drawReferenceRing, referenceLegend, referencePath, strokeReference } from '../surface2d/referencePath';
import { clipTo, inflate, type Panel } from '../core/panel';
import { distinctStarts, markerLegend } from '../surface2d/marks';
import { drawOneDescent } from '../surface2d/oneDescent';
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

function surfaceCell(measure: SKRSContext2D, cell: Cell, scene: Scene, view: SurfacePlane, index: number, bands: Canvas, style: Style): Panel {
  const series = scene.series[index];
  const { plot, outer } = cell;
  const { rect } = plot;
  const { theme, f } = style;
  const box = inflate(rect, f * 2);
  const path = surfacePath(series, view.paths[index], plot, box);
  const starts = distinctStarts([[path.sx(0), path.sy(0)]]);
  // One colour for every cell: each shows one series, and the cells compare by position, not by hue.
  const colour = theme.series[0];
  const heading = cellHeading(measure, rect, scene, series, colour, style);
  const reference = view.references[index] ? referencePath(view.references[index]!, plot, box) : undefined;
  const { arrows } = scene;

  return {
    plot,
    drawStatic(ctx) {
      ctx.drawImage(bands, rect.x, rect.y);
      if (reference) {
        clipTo(ctx, rect);
        strokeReference(ctx, reference, box, colour, style);
        ctx.restore();
      }
      drawAxes(ctx, outer, plot, style, { xLabel: view.labels[0], yLabel: view.labels[1], showX: cell.showX, showY: cell.showY });
      heading.drawStatic(ctx);
    },
    drawFrame(ctx, frame) {
      const k = frame.iteration;
      drawOneDescent(ctx, path, k, plot, box, colour, style, starts, view.landmarks, () => {
        if (reference) drawReferenceRing(ctx, reference, k, colour, style);
        if (arrows) drawArrowsAt(ctx, arrows, index, path, plot, k, colour, style);
      });
      ctx.restore();
      heading.drawFrame(ctx, k);
    },
  };
}
