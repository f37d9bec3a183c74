import { createCanvas, type Path2D, type SKRSContext2D } from '@napi-rs/canvas';
import type { PlanePath, Series } from '../../types';
import type { Plot, Rect, Style } from '../core/layout';
import { drawSeriesMarker } from '../core/markers';
import { buildPolyline, prefixLength, prefixPaths, SIMPLIFY_SPAN, traceRange, type Polyline, type PrefixPath } from '../core/polyline';
import { stateAt } from '../core/series';

/** One series' descent on a surface plot, prepared once: the thinned path and where it stops being drawn. */
export interface SurfacePath {
  series: Series;
  /** The path in the surface's plane. */
  path: PlanePath;
  line: Polyline;
  /** The line's prefixes as paths, kept between frames (see prefixPaths). */
  prefix: PrefixPath;
  /** Entries drawn: all, or up to the first that leaves the window when the series diverged. */
  drawn: number;
  sx(i: number): number;
  sy(i: number): number;
}

/**
 * A diverging path zigzags ever wider across the whole window; drawn to the end, its strokes pile up into a
 * solid band. `t` is the series' path in the surface's plane. It is drawn until it first leaves `box`, heading off-screen; a label tells the rest.
 */
export function surfacePath(series: Series, t: PlanePath, plot: Plot, box: Rect): SurfacePath {
  const { u: a, v: b } = t;
  const sx = (i: number) => plot.x.map(a[i]);
  const sy = (i: number) => plot.y.map(b[i]);
  const n = t.loss.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const mx = plot.x.map;
  const my = plot.y.map;
  for (let i = 0; i < n; i++) {
    xs[i] = mx(a[i]);
    ys[i] = my(b[i]);
  }
  let drawn = n;
  if (series.diverged) {
    for (let i = 0; i < n; i++) {
      const x = xs[i];
      const y = ys[i];
      if (!(x >= box.x && x <= box.x + box.w && y >= box.y && y <= box.y + box.h)) {
        drawn = i + 1;
        break;
      }
    }
  }
  const line = buildPolyline(drawn, xs, ys, box);
  return { series, path: t, line, prefix: prefixPaths(line), drawn, sx, sy };
}

/** Strokes the path travelled by iteration k: a halo that lifts it off the colour map, then the colour. */
export function strokePath(ctx: SKRSContext2D, p: SurfacePath, k: number, box: Rect, colour: string, style: Style, width = style.line): void {
  const i = shownState(p, k);
  strokeWithHalo(ctx, colour, style, width, p.prefix(i, p.sx(i), p.sy(i), box));
}

/** The state a path shows at iteration k: k's, or the last one drawn once the path has left the window. */
function shownState(p: SurfacePath, k: number): number {
  return Math.min(stateAt(p.series, k), p.drawn - 1);
}

/**
 * Vertices a layer holds per stroke: the seams between strokes fall every CHUNK vertices, whatever the
 * frames. A multiple of SIMPLIFY_SPAN, so that a chunk starts and ends on vertices the line always keeps,
 * and its stroke follows the whole line's segments exactly.
 */
export const CHUNK = 2 * SIMPLIFY_SPAN;

/**
 * Whether a path is drawn by pathLayers: when it has at least LAYERED_FROM vertices and at least one for
 * every PIXELS_PER_VERTEX pixels of its bounding box, since each frame then copies that box out of two
 * layers. A noisy descent's path overlaps itself all along, and stroking it whole, twice, in every frame
 * cost ~3 ms of a ~3.5 ms frame for sgd over 100,000 iterations (~1,900 vertices) at 960x480; shorter or
 * sparser paths (the default gd's ~100 vertices) are stroked whole, which costs no more than the copies.
 */
export function usesLayers(p: SurfacePath, width: number): boolean {
  const { w, h } = pathBounds(p, width);
  return p.line.length >= LAYERED_FROM && p.line.length * PIXELS_PER_VERTEX >= w * h;
}
export const LAYERED_FROM = 4 * CHUNK;
const PIXELS_PER_VERTEX = 400;

/** The box, in whole pixels, that every vertex of the path and its halo (of line width `width`) lie in. */
function pathBounds(p: SurfacePath, width: number): { x: number; y: number; w: number; h: number } {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  const { x, y, length } = p.line;
  for (let v = 0; v < length; v++) {
    if (x[v] < x0) x0 = x[v];
    if (x[v] > x1) x1 = x[v];
    if (y[v] < y0) y0 = y[v];
    if (y[v] > y1) y1 = y[v];
  }
  if (!(x1 >= x0 && y1 >= y0)) return { x: 0, y: 0, w: 0, h: 0 };
  const pad = width + 4; // the halo's half width with room to spare, and anti-aliasing
  const left = Math.floor(x0 - pad), top = Math.floor(y0 - pad);
  return { x: left, y: top, w: Math.ceil(x1 + pad) - left, h: Math.ceil(y1 + pad) - top };
}

/**
 * A long path drawn incrementally: its halo and its colour are kept on one transparent layer, stroked CHUNK
 * vertices at a time as the descent gets there, each chunk's halo slipped under everything the layer holds
 * ('destination-over') and its colour stroked on top, so that every halo lies below every colour as when
 * the path is stroked whole, halo then colour. Each frame strokes the rest of the way's halo (from the last
 * whole chunk to the exact current point, as tracePrefix ends the path), copies in the part of the layer the
 * path can cover, and strokes the rest of the way's colour. The rest's halo goes under the layer's halos
 * instead of over them: one opaque colour, so the picture is the same but for rounding where anti-aliased
 * edges overlap (against two layers, a hostile review measured at most 4 levels: 121 pixels over 2 levels in
 * 30 frames of sgd over 200,000 iterations; 98 in 100 frames of a race of six on Rosenbrock). One copy a
 * frame instead of two (a halo layer and a colour layer): a race of six on Rosenbrock, 0.81 -> 0.72 ms a
 * frame drawn, warm. What a frame shows depends only on its iteration, never on the frames drawn before it
 * (going back rebuilds the layer, chunk by chunk). Against the path stroked whole, the anti-aliased edges
 * differ where chunks meet or cross (test/render/surface2d/pathLayers.test.ts).
 */
export function pathLayers(p: SurfacePath, rect: Rect, style: Style, lineWidth: number): (ctx: SKRSContext2D, k: number, box: Rect, colour: string) => void {
  const [haloWidth, colourWidth] = haloWidths(style, lineWidth);
  // The layers cover the path's box within the plot (the frame clips the path to the plot), in whole
  // pixels, so that each copy is pixel for pixel: a fractional rectangle would be resampled.
  const b = pathBounds(p, haloWidth);
  const x0 = Math.max(b.x, Math.floor(rect.x));
  const y0 = Math.max(b.y, Math.floor(rect.y));
  const w = Math.max(1, Math.min(b.x + b.w, Math.ceil(rect.x + rect.w)) - x0);
  const h = Math.max(1, Math.min(b.y + b.h, Math.ceil(rect.y + rect.h)) - y0);
  const layer = createCanvas(w, h);
  const lc = layer.getContext('2d');
  lc.translate(-x0, -y0);
  lc.lineJoin = 'round';
  lc.lineCap = 'round';
  let chunks = 0; // chunks on the layer: vertices 0..chunks·CHUNK
  let layerColour = '';
  // The part of the layers the chunks drawn so far can cover, in whole pixels (empty: left > right): only
  // that is copied, the rest of the layers being transparent (early in a run, most of them).
  const pad = haloWidth + 4;
  let left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
  const cover = (from: number, to: number) => {
    const { x, y } = p.line;
    for (let v = from; v < to; v++) {
      left = Math.min(left, Math.max(x0, Math.floor(x[v] - pad)));
      right = Math.max(right, Math.min(x0 + w, Math.ceil(x[v] + pad)));
      top = Math.min(top, Math.max(y0, Math.floor(y[v] - pad)));
      bottom = Math.max(bottom, Math.min(y0 + h, Math.ceil(y[v] + pad)));
    }
  };
  return (ctx, k, box, colour) => {
    const i = shownState(p, k);
    const count = prefixLength(p.line, i);
    const complete = count > 0 ? Math.floor((count - 1) / CHUNK) : 0;
    if (complete < chunks || colour !== layerColour) {
      lc.clearRect(x0, y0, w, h);
      chunks = 0;
      layerColour = colour;
      left = top = Infinity;
      right = bottom = -Infinity;
    }
    for (; chunks < complete; chunks++) {
      const from = chunks * CHUNK;
      const to = Math.min(p.line.length, (chunks + 1) * CHUNK + 1); // sharing its first vertex with the chunk before
      lc.beginPath();
      traceRange(lc, p.line, from, to);
      // The halo under everything on the layer, the colour over it: every halo below every colour.
      lc.globalCompositeOperation = 'destination-over';
      lc.strokeStyle = style.theme.halo;
      lc.lineWidth = haloWidth;
      lc.stroke();
      lc.globalCompositeOperation = 'source-over';
      lc.strokeStyle = colour;
      lc.lineWidth = colourWidth;
      lc.stroke();
      cover(from, to);
    }
    // The rest of the way: the vertices from the last whole chunk's end, then the exact current point.
    const rest = p.prefix(i, p.sx(i), p.sy(i), box, chunks * CHUNK);
    const tail = (strokeStyle: string, width: number) => {
      ctx.strokeStyle = strokeStyle;
      ctx.lineWidth = width;
      ctx.stroke(rest);
    };
    tail(style.theme.halo, haloWidth);
    if (right > left && bottom > top) ctx.drawImage(layer, left - x0, top - y0, right - left, bottom - top, left, top, right - left, bottom - top);
    tail(colour, colourWidth);
  };
}

/** The widths of a path's halo and of its colour (strokeWithHalo). */
function haloWidths(style: Style, width: number): [number, number] {
  return [width + 2 * Math.max(1, style.line * 0.45), width];
}

/** Strokes the current path (or `path`) twice: a halo that lifts it off the colour map, then the colour. */
export function strokeWithHalo(ctx: SKRSContext2D, colour: string, style: Style, width: number, path?: Path2D): void {
  const [haloWidth, colourWidth] = haloWidths(style, width);
  ctx.strokeStyle = style.theme.halo;
  ctx.lineWidth = haloWidth;
  if (path) ctx.stroke(path);
  else ctx.stroke();
  ctx.strokeStyle = colour;
  ctx.lineWidth = colourWidth;
  if (path) ctx.stroke(path);
  else ctx.stroke();
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
