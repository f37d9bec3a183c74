import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { Series, Trajectory } from '../types';
import type { Plot, Rect, Style } from './layout';
import { drawSeriesMarker } from './markers';
import { inside } from './clip';
import { buildPolyline, prefixLength, tracePrefix, type Polyline } from './polyline';
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

/**
 * Paths of at least this many vertices are drawn by pathLayers. A noisy descent's path overlaps itself all
 * along, and stroking it whole, twice, in every frame cost ~3 ms of a ~3.5 ms frame for sgd over 100,000
 * iterations (~1,900 vertices); with layers a frame was faster from ~290 vertices on (adam, 1,000
 * iterations: 0.79 against 0.92 ms). Shorter paths, the default gd's ~100 vertices among them, are stroked
 * whole, as copying two layers in costs about what they do.
 */
export const LAYERED_FROM = 200;

/**
 * A long path drawn incrementally: its halo and its colour are kept on two transparent layers, and each
 * frame strokes onto them only the vertices travelled since the frame before (all of them again when the
 * clock goes back), then copies the plot's rectangle of each layer into the frame, halo first, with the
 * last segment to the exact current point stroked directly (see tracePrefix). Drawn in one go, the picture
 * is the whole stroke's to the bit; frame by frame, where two batches of segments meet or cross their
 * anti-aliased edges are blended twice: a few hundred edge pixels of a frame, by up to ~90 levels, not to be
 * told apart at 4x zoom (test/render/pathLayers.test.ts bounds it).
 */
export function pathLayers(p: SurfacePath, width: number, height: number, rect: Rect): (ctx: SKRSContext2D, k: number, box: Rect, colour: string, style: Style, lineWidth: number) => void {
  // The layers cover the plot (the frame clips the path to it), in whole pixels, so that each copy is pixel
  // for pixel (a fractional rectangle would be resampled) and the layers' own pixels are the frame's.
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const w = Math.max(1, Math.min(width, Math.ceil(rect.x + rect.w)) - x0);
  const h = Math.max(1, Math.min(height, Math.ceil(rect.y + rect.h)) - y0);
  const halo = createCanvas(w, h);
  const line = createCanvas(w, h);
  const contexts = [halo.getContext('2d'), line.getContext('2d')];
  for (const c of contexts) {
    c.translate(-x0, -y0);
    c.lineJoin = 'round';
    c.lineCap = 'round';
  }
  const copy = (ctx: SKRSContext2D, layer: Canvas) => ctx.drawImage(layer, 0, 0, w, h, x0, y0, w, h);
  let have = 0; // vertices already on the layers
  return (ctx, k, box, colour, style, lineWidth) => {
    const i = Math.min(stateAt(p.series, k), p.drawn - 1);
    const count = prefixLength(p.line, i);
    if (count < have) {
      for (const c of contexts) c.clearRect(x0, y0, w, h);
      have = 0;
    }
    if (count - Math.max(have - 1, 0) >= 2) {
      const from = Math.max(have - 1, 0);
      for (const c of contexts) {
        c.beginPath();
        for (let v = from; v < count; v++) {
          if (v === from || p.line.move[v]) c.moveTo(p.line.x[v], p.line.y[v]);
          else c.lineTo(p.line.x[v], p.line.y[v]);
        }
      }
      const [haloWidth, colourWidth] = haloWidths(style, lineWidth);
      contexts[0].strokeStyle = style.theme.halo;
      contexts[0].lineWidth = haloWidth;
      contexts[0].stroke();
      contexts[1].strokeStyle = colour;
      contexts[1].lineWidth = colourWidth;
      contexts[1].stroke();
      have = count;
    }
    // The last segment, from the last vertex to the exact current point, as tracePrefix ends the path.
    const cx = p.sx(i), cy = p.sy(i);
    const last = count > 0 && Number.isFinite(cx) && Number.isFinite(cy) && inside(cx, cy, box);
    const end = (strokeStyle: string, widthNow: number) => {
      if (!last) return;
      ctx.beginPath();
      ctx.moveTo(p.line.x[count - 1], p.line.y[count - 1]);
      ctx.lineTo(cx, cy);
      ctx.strokeStyle = strokeStyle;
      ctx.lineWidth = widthNow;
      ctx.stroke();
    };
    const [haloWidth, colourWidth] = haloWidths(style, lineWidth);
    copy(ctx, halo);
    end(style.theme.halo, haloWidth);
    copy(ctx, line);
    end(colour, colourWidth);
  };
}

/** The widths of a path's halo and of its colour (strokeWithHalo). */
function haloWidths(style: Style, width: number): [number, number] {
  return [width + 2 * Math.max(1, style.line * 0.45), width];
}

/** Strokes the current path twice: a halo that lifts it off the colour map, then the colour. */
export function strokeWithHalo(ctx: SKRSContext2D, colour: string, style: Style, width: number): void {
  const [haloWidth, colourWidth] = haloWidths(style, width);
  ctx.strokeStyle = style.theme.halo;
  ctx.lineWidth = haloWidth;
  ctx.stroke();
  ctx.strokeStyle = colour;
  ctx.lineWidth = colourWidth;
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
