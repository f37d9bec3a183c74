import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Series, Trajectory } from '../types';
import type { Plot, Rect, Style } from './layout';
import { drawSeriesMarker } from './markers';
import { buildPolyline, tracePrefix, type Polyline } from './polyline';
import { stateAt } from './series';

/** One series' descent on a surface plot, prepared once: the thinned path and where it stops being drawn. */
export interface SurfacePath {
  series: Series;
  /** The path in the surface's units. */
  path: Trajectory;
  line: Polyline;
  /** Entries drawn: all, or up to the first that leaves the window when the series diverged. */
  drawn: number;
  sx(i: number): number;
  sy(i: number): number;
}

/**
 * A diverging path zigzags ever wider across the whole window; drawn to the end, its strokes pile up into a
 * solid band. `t` is the series' path in the surface's units. It is drawn until it first leaves `box`, heading off-screen; a label tells the rest.
 */
export function surfacePath(series: Series, t: Trajectory, plot: Plot, box: Rect): SurfacePath {
  const [a, b] = t.w;
  const sx = (i: number) => plot.x.map(a[i]);
  const sy = (i: number) => plot.y.map(b[i]);
  let drawn = t.loss.length;
  if (series.diverged) {
    for (let i = 0; i < t.loss.length; i++) {
      const x = sx(i);
      const y = sy(i);
      if (!(x >= box.x && x <= box.x + box.w && y >= box.y && y <= box.y + box.h)) {
        drawn = i + 1;
        break;
      }
    }
  }
  return { series, path: t, line: buildPolyline(drawn, sx, sy, box), drawn, sx, sy };
}

/** Strokes the path travelled by iteration k: a halo that lifts it off the colour map, then the colour. */
export function strokePath(ctx: SKRSContext2D, p: SurfacePath, k: number, box: Rect, colour: string, style: Style, width = style.line): void {
  const i = stateAt(p.series, k);
  ctx.beginPath();
  if (i < p.drawn) tracePrefix(ctx, p.line, i, p.sx(i), p.sy(i), box);
  else tracePrefix(ctx, p.line, p.drawn - 1, p.sx(p.drawn - 1), p.sy(p.drawn - 1), box);
  strokeWithHalo(ctx, colour, style, width);
}

/** Strokes the current path twice: a halo that lifts it off the colour map, then the colour. */
export function strokeWithHalo(ctx: SKRSContext2D, colour: string, style: Style, width: number): void {
  ctx.strokeStyle = style.theme.halo;
  ctx.lineWidth = width + 2 * Math.max(1, style.line * 0.45);
  ctx.stroke();
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  ctx.stroke();
}

/**
 * Line widths for overlaid paths, widest first: series that take the same route (gd and momentum go
 * straight down a round bowl) show as nested stripes instead of the last one hiding the others.
 */
export function stackedWidths(count: number, style: Style): number[] {
  // At most 2.5 times the plain width for the bottom path, however many there are.
  const step = count > 1 ? Math.min(0.75, 1.5 / (count - 1)) : 0;
  return Array.from({ length: count }, (_, i) => style.line * (1 + step * (count - 1 - i)));
}

/** The marker on the current point, unless the path has left the window by iteration k. */
export function drawCurrent(ctx: SKRSContext2D, p: SurfacePath, index: number, k: number, colour: string, style: Style): void {
  const i = stateAt(p.series, k);
  const cx = p.sx(i);
  const cy = p.sy(i);
  if (i < p.drawn && Number.isFinite(cx) && Number.isFinite(cy) && Math.abs(cx) < 1e6 && Math.abs(cy) < 1e6) {
    drawSeriesMarker(ctx, index, cx, cy, style.f * 0.42, colour, style.theme.halo, Math.max(1.5, style.line * 0.8));
  }
}
