import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Point, Scene } from '../../types';
import { drawAxes, drawHeading, headingBaseline } from '../core/axes';
import { colourBar } from './colourBar';
import { drawContours } from './contours';
import { placePlot, type Plot, type Rect, type Style } from '../core/layout';
import { drawKey, drawLegendAt, type LegendItem } from '../core/legend';
import { arrowLegend, drawArrowsAt } from './arrows';
import { drawReferenceRing, referenceLegend, referencePath, strokeReference } from './referencePath';
import { drawDot, drawStar } from '../core/markers';
import { drawSurfaceNotices } from './notices';
import { clipTo, inflate, type Panel } from '../core/panel';
import { linearAxis } from '../core/scale';
import { seriesColour } from '../core/series';
import { drawCurrent, pathLayers, stackedWidths, strokePath, surfacePath, usesLayers, type SurfacePath } from './surfacePath';
import { drawLandmarks, drawReachedNames, landmarkLegend } from './landmarks';
import type { Landmark } from '../../types';

/**
 * The loss surface over the plane a view made of the weights (scene.surface, see src/pipeline/view.ts): viridis
 * contour bands with iso-lines (static), then per frame each series'
 * path travelled so far in its colour, the start, the optimum's star and the current points on top. A
 * diverging path leaves the window; it is clipped, and from the iteration it diverged at the panel says so.
 */
export function surfacePanel(measure: SKRSContext2D, outer: Rect, scene: Scene, style: Style): Panel {
  const { grid, model } = scene;
  const view = scene.surface;
  const { theme, f } = style;
  // The colour bar sits beside the plot, never over the path; a panel too narrow for both keeps the plot.
  const bar = outer.w >= BAR_MIN_WIDTH * f ? colourBar(measure, grid, style) : null;
  const plot = placePlot(
    measure,
    outer,
    style,
    (range, n) => linearAxis(grid.uRange, range, n),
    (range, n) => linearAxis(grid.vRange, range, n),
    view.equalAspect,
    bar?.width,
  );
  const { rect } = plot;
  const box = inflate(rect, f * 2);
  const paths = scene.series.map((s, i) => surfacePath(s, view.paths[i], plot, box));
  const widths = stackedWidths(paths.length, style);
  // Long paths are kept on layers and extended frame by frame (pathLayers); the rest are stroked whole.
  const layered = paths.map((p, i) => (usesLayers(p, widths[i]) ? pathLayers(p, rect, style, widths[i]) : null));
  const starts = distinctStarts(paths.map((p) => [p.sx(0), p.sy(0)]));
  const headings = surfaceHeadings(model, view.note);
  const single = paths.length === 1;
  const references = view.references.map((t) => (t ? referencePath(t, plot, box) : undefined));
  const { arrows } = scene;
  // One colour in the key when there is one series; a race's references are told apart by their colours.
  const keyColour = single ? seriesColour(style, 0) : theme.text;
  const keyItems: LegendItem[] = [
    ...(references.some(Boolean) ? [referenceLegend(style, keyColour)] : []),
    ...(arrows ? arrowLegend(arrows, style, keyColour) : []),
  ];

  return {
    plot,
    drawStatic(ctx) {
      drawContours(ctx, grid, rect, style);
      clipTo(ctx, rect);
      references.forEach((r, i) => r && strokeReference(ctx, r, box, seriesColour(style, i), style));
      ctx.restore();
      bar?.draw(ctx, rect);
      drawAxes(ctx, plot.box ?? outer, plot, style, { xLabel: view.labels[0], yLabel: view.labels[1] });
      // The heading row spans the bar's column too: the legend ends over the bar, where it is out of the way.
      const right = legendRight(plot.box ?? outer, rect, style, bar !== null);
      const room = right - rect.x;
      const legendWidth = drawLegendAt(ctx, right, headingBaseline(plot, style), style, markerLegend(style, view.landmarks), room * 0.6, room * 0.3);
      drawHeading(ctx, plot, style, headings, room - legendWidth - f);
    },
    drawFrame(ctx, frame) {
      const k = frame.iteration;
      clipTo(ctx, rect);
      ctx.lineJoin = 'round';
      ctx.lineCap = 'round';
      // Series 0 last, so that the first-named series is on top where paths cross.
      // Widest first, so a path that runs under another still shows along its edges.
      paths.forEach((p, i) => {
        const draw = layered[i];
        if (draw) draw(ctx, k, box, seriesColour(style, i));
        else strokePath(ctx, p, k, box, seriesColour(style, i), style, widths[i]);
      });
      for (const [x, y] of starts) startMarker(ctx, x, y, f * 0.32, style);
      drawLandmarks(ctx, view.landmarks, plot, f * 0.75, style);
      references.forEach((r, i) => r && drawReferenceRing(ctx, r, k, seriesColour(style, i), style));
      if (arrows) paths.forEach((p, i) => drawArrowsAt(ctx, arrows, i, p, plot, k, seriesColour(style, i), style));
      for (let i = paths.length - 1; i >= 0; i--) drawCurrent(ctx, paths[i], i, k, seriesColour(style, i), style);
      drawReachedNames(ctx, view.landmarks, scene.series, plot, k, style);
      drawSurfaceNotices(ctx, rect, scene, style, k, scene.optimum !== null);
      drawKey(ctx, rect, style, keyItems, rect.w - f);
      ctx.restore();
    },
  };
}

/** The narrowest surface panel, in base font sizes, that also gets a colour bar (a third of 960 px at 11 px). */
const BAR_MIN_WIDTH = 22;

/** Where the marker legend of a surface panel ends: the panel's right edge when a colour bar widens the heading row. */
export function legendRight(outer: Rect, rect: Rect, style: Style, bar: boolean): number {
  return bar ? outer.x + outer.w - style.f * 0.5 : rect.x + rect.w;
}

/** The panel's heading, longest first: the first that fits beside the legend is drawn. */
export function surfaceHeadings(model: Scene['model'], note: string): string[] {
  return note
    ? [...new Set([`Loss surface (${model.lossName}), ${note}`, `Loss surface (${model.lossShort}), ${note}`, `Loss surface, ${note}`, 'Loss surface'])]
    : [...new Set([`Loss surface (${model.lossName})`, `Loss surface (${model.lossShort})`, 'Loss surface'])];
}

/**
 * One descent on a small surface (a grid cell, a side of a comparison) at iteration k: its path, its start,
 * the known points (a model's one minimum, a landscape's minima and saddles), then `extras` (rings, arrows),
 * and the current point on top; clipped to the plot.
 */
export function drawOneDescent(
  ctx: SKRSContext2D,
  p: SurfacePath,
  k: number,
  plot: Plot,
  box: Rect,
  colour: string,
  style: Style,
  starts: readonly [number, number][],
  marks: readonly Landmark[],
  extras?: () => void,
): void {
  clipTo(ctx, plot.rect);
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  strokePath(ctx, p, k, box, colour, style);
  for (const [x, y] of starts) startMarker(ctx, x, y, style.f * 0.32, style);
  drawLandmarks(ctx, marks, plot, style.f * 0.75, style);
  extras?.();
  drawCurrent(ctx, p, 0, k, colour, style);
}

/** The white start dot with a black rim: readable on every viridis colour. */
export function startMarker(ctx: SKRSContext2D, x: number, y: number, r: number, style: Style): void {
  drawDot(ctx, x, y, r, '#ffffff', '#000000', Math.max(1, style.thin * 1.2));
}

export function starMarker(ctx: SKRSContext2D, x: number, y: number, r: number, style: Style): void {
  drawStar(ctx, x, y, r, '#ffffff', '#000000', Math.max(1, style.thin));
}

/**
 * The legend of the start and minimum markers: no minimum when the classes are separable; a landscape's local
 * minima and saddles when it has them (`marks`: the landmarks drawn, or whether there is an optimum).
 */
export function markerLegend(style: Style, marks: boolean | readonly Landmark[]): LegendItem[] {
  const items: LegendItem[] = [{ label: 'start', marker: (c, x, y, r) => startMarker(c, x, y, r * 0.8, style) }];
  if (marks === true) items.push({ label: 'minimum', marker: (c, x, y, r) => starMarker(c, x, y, r * 1.3, style) });
  else if (marks !== false) items.push(...landmarkLegend(marks, style));
  return items;
}

/**
 * The finite starting points, each once: series of a race share their start, and a disc drawn twice would
 * thicken its antialiased rim.
 */
export function distinctStarts(points: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (!out.some(([a, b]) => a === x && b === y)) out.push([x, y]);
  }
  return out;
}
