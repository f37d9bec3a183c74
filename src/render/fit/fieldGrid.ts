import { createCanvas, ImageData, type SKRSContext2D } from '@napi-rs/canvas';
import type { Plot, Rect, Style } from '../core/layout';

/**
 * The cells a model's output is sampled on across the fit panel's plot (the features' plane): `gw`×`gh`
 * cells of about `cell` pixels, the data coordinates of their centres, and where those centres are drawn.
 * The probability field and the decision contour read the same samples.
 */
export interface FieldGrid {
  gw: number;
  gh: number;
  /** Data coordinates of the cell centres: column a at xs[a], row b at ys[b] (rows top to bottom). */
  xs: Float64Array;
  ys: Float64Array;
  /** Pixel coordinates of the same centres. */
  px: Float64Array;
  py: Float64Array;
}

export function fieldGrid(plot: Plot, cell: number): FieldGrid {
  const { rect } = plot;
  const gw = Math.max(2, Math.ceil(rect.w / cell));
  const gh = Math.max(2, Math.ceil(rect.h / cell));
  const px = Float64Array.from({ length: gw }, (_, i) => rect.x + ((i + 0.5) * rect.w) / gw);
  const py = Float64Array.from({ length: gh }, (_, j) => rect.y + ((j + 0.5) * rect.h) / gh);
  const invert = (axis: Plot['x'], p: number) => axis.domain[0] + ((p - axis.range[0]) / (axis.range[1] - axis.range[0])) * (axis.domain[1] - axis.domain[0]);
  return { gw, gh, px, py, xs: px.map((p) => invert(plot.x, p)), ys: py.map((p) => invert(plot.y, p)) };
}

/** The model's output at every cell centre for weights w, row by row into out (gw·gh). */
export function sampleField(g: FieldGrid, predict: (w: ArrayLike<number>, x1: number, x2: number) => number, w: ArrayLike<number>, out: Float64Array, grid?: (w: ArrayLike<number>, xs: Float64Array, ys: Float64Array, out: Float64Array) => void): void {
  if (grid) return grid(w, g.xs, g.ys, out);
  for (let b = 0; b < g.gh; b++) for (let a = 0; a < g.gw; a++) out[b * g.gw + a] = predict(w, g.xs[a], g.ys[b]);
}

/**
 * The level-`level` contour of sampled values as line segments (marching squares, each crossing placed by
 * linear interpolation along the cell's side), appended to `path` as moveTo/lineTo pairs in pixels.
 */
export function traceContour(g: FieldGrid, values: Float64Array, level: number, path: { moveTo(x: number, y: number): void; lineTo(x: number, y: number): void }): void {
  const { gw, gh, px, py } = g;
  const cross = (v0: number, v1: number) => (level - v0) / (v1 - v0);
  for (let b = 0; b + 1 < gh; b++) {
    for (let a = 0; a + 1 < gw; a++) {
      const tl = values[b * gw + a];
      const tr = values[b * gw + a + 1];
      const br = values[(b + 1) * gw + a + 1];
      const bl = values[(b + 1) * gw + a];
      if (!(Number.isFinite(tl) && Number.isFinite(tr) && Number.isFinite(br) && Number.isFinite(bl))) continue;
      const k = (tl > level ? 8 : 0) | (tr > level ? 4 : 0) | (br > level ? 2 : 0) | (bl > level ? 1 : 0);
      if (k === 0 || k === 15) continue;
      const x0 = px[a];
      const x1 = px[a + 1];
      const y0 = py[b];
      const y1 = py[b + 1];
      // The crossing on each side: top, right, bottom, left.
      const top = (): [number, number] => [x0 + (x1 - x0) * cross(tl, tr), y0];
      const right = (): [number, number] => [x1, y0 + (y1 - y0) * cross(tr, br)];
      const bottom = (): [number, number] => [x0 + (x1 - x0) * cross(bl, br), y1];
      const left = (): [number, number] => [x0, y0 + (y1 - y0) * cross(tl, bl)];
      const seg = (p: [number, number], q: [number, number]) => {
        path.moveTo(p[0], p[1]);
        path.lineTo(q[0], q[1]);
      };
      const centreAbove = (tl + tr + br + bl) / 4 > level;
      switch (k) {
        case 1: case 14: seg(left(), bottom()); break;
        case 2: case 13: seg(bottom(), right()); break;
        case 3: case 12: seg(left(), right()); break;
        case 4: case 11: seg(top(), right()); break;
        case 6: case 9: seg(top(), bottom()); break;
        case 7: case 8: seg(left(), top()); break;
        // Saddles: which diagonal pair joins depends on the centre's side.
        case 5: if (centreAbove) { seg(left(), top()); seg(bottom(), right()); } else { seg(left(), bottom()); seg(top(), right()); } break;
        case 10: if (centreAbove) { seg(left(), bottom()); seg(top(), right()); } else { seg(left(), top()); seg(bottom(), right()); } break;
      }
    }
  }
}

/**
 * The current path stroked as a line of the features' plane (a boundary, a level line): over a halo in the
 * background's colour, then thin in `colour`. `cap` as the canvas takes it.
 */
export function strokeHaloed(ctx: SKRSContext2D, style: Style, colour: string, cap: 'round' | 'butt' = 'round'): void {
  ctx.lineCap = cap;
  ctx.strokeStyle = style.theme.background;
  ctx.lineWidth = style.line + 2;
  ctx.stroke();
  ctx.strokeStyle = colour;
  ctx.lineWidth = Math.max(1, style.line * 0.8);
  ctx.stroke();
}

/**
 * A picture of the field's cells, one pixel a cell: fill `rgba` (RGBA, row by row), then `draw` scales it over
 * the plot with smoothing (cells interpolated between their centres).
 */
export function fieldPicture(g: FieldGrid): { rgba: Uint8ClampedArray; draw(ctx: SKRSContext2D, rect: Rect): void } {
  const rgba = new Uint8ClampedArray(g.gw * g.gh * 4);
  const image = new ImageData(rgba, g.gw, g.gh);
  const small = createCanvas(g.gw, g.gh);
  const smallCtx = small.getContext('2d');
  return {
    rgba,
    draw(ctx, rect) {
      smallCtx.putImageData(image, 0, 0);
      ctx.save();
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = 'low';
      ctx.drawImage(small, rect.x, rect.y, rect.w, rect.h);
      ctx.restore();
    },
  };
}
