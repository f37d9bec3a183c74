import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Scene } from '../types';
import { drawAxes, drawHeading } from './axes';
import { contourSet, fillBands, strokeIsoLines } from './contours';
import { placePlot, type Rect, type Style } from './layout';
import { drawLegend, type LegendItem } from './legend';
import { drawDot, drawStar } from './markers';
import { drawSurfaceNotices } from './notices';
import { clipTo, inflate, type Panel } from './panel';
import { linearAxis } from './scale';
import { seriesColour } from './series';
import { drawCurrent, stackedWidths, strokePath, surfacePath } from './surfacePath';
import { surfaceView } from './surfaceView';

/**
 * The loss surface over (w0, w1) — on standardized x when the descent ran there (see surfaceView): viridis contour bands with iso-lines (static), then per frame each series'
 * path travelled so far in its colour, the start, the optimum's star and the current points on top. A
 * diverging path leaves the window; it is clipped, and from the iteration it diverged at the panel says so.
 */
export function surfacePanel(measure: SKRSContext2D, outer: Rect, scene: Scene, style: Style): Panel {
  const { grid, model } = scene;
  const view = surfaceView(scene);
  const { optimum } = view;
  const plot = placePlot(
    measure,
    outer,
    style,
    (range, n) => linearAxis(grid.w0Range, range, n),
    (range, n) => linearAxis(grid.w1Range, range, n),
    view.equalAspect,
  );
  const { rect } = plot;
  const { theme, f } = style;
  const box = inflate(rect, f * 2);
  const paths = scene.series.map((s, i) => surfacePath(s, view.paths[i], plot, box));
  const widths = stackedWidths(paths.length, style);
  const starts = distinctStarts(paths.map((p) => [p.sx(0), p.sy(0)]));
  const headings = surfaceHeadings(model, view.note);

  return {
    plot,
    drawStatic(ctx) {
      const set = contourSet(grid, rect);
      fillBands(ctx, set, rect);
      strokeIsoLines(ctx, set, rect, theme.isoLine, Math.max(0.75, style.thin * 0.8));
      drawAxes(ctx, plot.box ?? outer, plot, style, { xLabel: view.weightLabels[0], yLabel: view.weightLabels[1] });
      const legendWidth = drawLegend(ctx, plot, style, markerLegend(style, optimum !== null), rect.w * 0.45);
      drawHeading(ctx, plot, style, headings, rect.w - legendWidth - f);
    },
    drawFrame(ctx, frame) {
      const k = frame.iteration;
      clipTo(ctx, rect);
      ctx.lineJoin = 'round';
      ctx.lineCap = 'round';
      // Series 0 last, so that the first-named series is on top where paths cross.
      // Widest first, so a path that runs under another still shows along its edges.
      paths.forEach((p, i) => strokePath(ctx, p, k, box, seriesColour(style, i), style, widths[i]));
      for (const [x, y] of starts) startMarker(ctx, x, y, f * 0.32, style);
      if (optimum) starMarker(ctx, plot.x.map(optimum.w[0]), plot.y.map(optimum.w[1]), f * 0.75, style);
      for (let i = paths.length - 1; i >= 0; i--) drawCurrent(ctx, paths[i], i, k, seriesColour(style, i), style);
      drawSurfaceNotices(ctx, rect, scene, style, k, optimum !== null);
      ctx.restore();
    },
  };
}

/** The panel's heading, longest first: the first that fits beside the legend is drawn. */
export function surfaceHeadings(model: Scene['model'], note: string): string[] {
  return note
    ? [...new Set([`Loss surface (${model.lossName}), ${note}`, `Loss surface (${model.lossShort}), ${note}`, `Loss surface, ${note}`, 'Loss surface'])]
    : [...new Set([`Loss surface (${model.lossName})`, `Loss surface (${model.lossShort})`, 'Loss surface'])];
}

/** The white start dot with a black rim: readable on every viridis colour. */
export function startMarker(ctx: SKRSContext2D, x: number, y: number, r: number, style: Style): void {
  drawDot(ctx, x, y, r, '#ffffff', '#000000', Math.max(1, style.thin * 1.2));
}

export function starMarker(ctx: SKRSContext2D, x: number, y: number, r: number, style: Style): void {
  drawStar(ctx, x, y, r, '#ffffff', '#000000', Math.max(1, style.thin));
}

/** The legend of the start and minimum markers (no minimum when the classes are separable). */
export function markerLegend(style: Style, hasOptimum: boolean): LegendItem[] {
  const items: LegendItem[] = [{ label: 'start', marker: (c, x, y, r) => startMarker(c, x, y, r * 0.8, style) }];
  if (hasOptimum) items.push({ label: 'minimum', marker: (c, x, y, r) => starMarker(c, x, y, r * 1.3, style) });
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
