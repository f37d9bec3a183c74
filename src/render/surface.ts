import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Scene } from '../types';
import { drawAxes, drawHeading } from './axes';
import { contourSet, fillBands, strokeIsoLines } from './contours';
import { font } from './font';
import { placePlot, type Rect, type Style } from './layout';
import { drawLegend, type LegendItem } from './legend';
import { drawDot, drawLabel, drawStar } from './markers';
import { clipTo, inflate, type Panel } from './panel';
import { buildPolyline, tracePrefix } from './polyline';
import { linearAxis } from './scale';

/**
 * The loss surface over (w0, w1): viridis contour bands with iso-lines (static), then per frame the path
 * travelled so far, the start, the optimum's star and the current point on top. A diverging path leaves
 * the window; it is clipped, and from the iteration it diverged at the panel says so.
 */
export function surfacePanel(measure: SKRSContext2D, outer: Rect, scene: Scene, style: Style): Panel {
  const { grid, trajectory: t, optimum, diverged } = scene;
  const plot = placePlot(
    measure,
    outer,
    style,
    (range, n) => linearAxis(grid.w0Range, range, n),
    (range, n) => linearAxis(grid.w1Range, range, n),
  );
  const { rect } = plot;
  const { theme, f } = style;
  const sx = (i: number) => plot.x.map(t.w0[i]);
  const sy = (i: number) => plot.y.map(t.w1[i]);
  const box = inflate(rect, f * 2);
  // A diverging path zigzags ever wider across the whole window; drawn to the end, its strokes pile up
  // into a solid band. It is drawn until it first leaves the window, heading off-screen; the label and
  // the title tell the rest.
  let drawn = t.w0.length;
  if (diverged) {
    for (let i = 0; i < t.w0.length; i++) {
      const x = sx(i);
      const y = sy(i);
      if (!(x >= box.x && x <= box.x + box.w && y >= box.y && y <= box.y + box.h)) {
        drawn = i + 1;
        break;
      }
    }
  }
  const path = buildPolyline(drawn, sx, sy, box);
  const headings =
    scene.model === 'linear'
      ? ['Loss surface (mean squared error)', 'Loss surface (MSE)', 'Loss surface']
      : ['Loss surface (cross-entropy)', 'Loss surface'];
  const startMarker = (c: SKRSContext2D, x: number, y: number, r: number) => drawDot(c, x, y, r, '#ffffff', '#000000', Math.max(1, style.thin * 1.2));
  const starMarker = (c: SKRSContext2D, x: number, y: number, r: number) => drawStar(c, x, y, r, '#ffffff', '#000000', Math.max(1, style.thin));

  return {
    plot,
    drawStatic(ctx) {
      const set = contourSet(grid, rect);
      fillBands(ctx, set, rect);
      strokeIsoLines(ctx, set, rect, theme.isoLine, Math.max(0.75, style.thin * 0.8));
      drawAxes(ctx, outer, plot, style, { xLabel: 'w0 (intercept)', yLabel: 'w1 (slope)' });
      const items: LegendItem[] = [{ label: 'start', marker: (c, x, y, r) => startMarker(c, x, y, r * 0.8) }];
      if (optimum) items.push({ label: 'minimum', marker: (c, x, y, r) => starMarker(c, x, y, r * 1.3) });
      const legendWidth = drawLegend(ctx, plot, style, items, rect.w * 0.45);
      drawHeading(ctx, plot, style, headings, rect.w - legendWidth - f);
    },
    drawFrame(ctx, k) {
      const cx = sx(k);
      const cy = sy(k);
      clipTo(ctx, rect);
      ctx.lineJoin = 'round';
      ctx.lineCap = 'round';
      ctx.beginPath();
      if (k < drawn) tracePrefix(ctx, path, k, cx, cy, box);
      else tracePrefix(ctx, path, drawn - 1, sx(drawn - 1), sy(drawn - 1), box);
      ctx.strokeStyle = theme.halo;
      ctx.lineWidth = style.line + 2 * Math.max(1, style.line * 0.45);
      ctx.stroke();
      ctx.strokeStyle = theme.accent;
      ctx.lineWidth = style.line;
      ctx.stroke();
      if (Number.isFinite(sx(0)) && Number.isFinite(sy(0))) {
        startMarker(ctx, sx(0), sy(0), f * 0.32);
      }
      if (optimum) {
        starMarker(ctx, plot.x.map(optimum.w0), plot.y.map(optimum.w1), f * 0.75);
      }
      if (k < drawn && Number.isFinite(cx) && Number.isFinite(cy) && Math.abs(cx) < 1e6 && Math.abs(cy) < 1e6) {
        drawDot(ctx, cx, cy, f * 0.42, theme.accent, theme.halo, Math.max(1.5, style.line * 0.8));
      }
      if (diverged && k >= Math.min(diverged.iteration, scene.iterations)) {
        ctx.font = font(f, true);
        drawLabel(ctx, `diverged at iteration ${diverged.iteration}`, rect.x + f * 0.5, rect.y + f * 0.5, f, theme.accent, theme.labelBox);
      }
      if (!optimum) {
        // Separable classes: the path heads off for ever; say why there is no star.
        ctx.font = font(f, true);
        drawLabel(ctx, 'no finite minimum: the classes are separable', rect.x + f * 0.5, rect.y + rect.h - f * 2.2, f, theme.accent, theme.labelBox);
      }
      ctx.restore();
    },
  };
}
