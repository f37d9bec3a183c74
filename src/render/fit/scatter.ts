import { createCanvas, ImageData, type SKRSContext2D } from '@napi-rs/canvas';
import type { Rect } from '../core/layout';

/** Above this many points they are stamped into pixels directly: a canvas arc costs ~3.5 µs each. */
const STAMP_LIMIT = 20000;

export interface PointStyle {
  colour: string;
  radius: number;
  alpha: number;
}

/** Point size and opacity by count: large and solid for a few points, small and translucent for many. */
export function pointStyle(n: number, f: number, colour: string): PointStyle {
  const [size, alpha] = n <= 50 ? [0.4, 0.9] : n <= 500 ? [0.32, 0.75] : n <= 5000 ? [0.24, 0.5] : [0.17, 0.35];
  return { colour, radius: Math.max(1.2, f * size), alpha };
}

/**
 * Draws the points (xs[i], ys[i]) in pixel coordinates, clipped to `plot`, for the static background.
 * Up to STAMP_LIMIT as canvas discs; beyond that (a million points must take well under a second) each
 * point stamps a small antialiased disc into a coverage layer, composited once with the same opacity rule.
 */
export function drawPoints(ctx: SKRSContext2D, xs: Float64Array, ys: Float64Array, plot: Rect, style: PointStyle): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.x, plot.y, plot.w, plot.h);
  ctx.clip();
  if (xs.length <= STAMP_LIMIT) {
    ctx.globalAlpha = style.alpha;
    ctx.fillStyle = style.colour;
    for (let i = 0; i < xs.length; i++) {
      if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
      ctx.beginPath();
      ctx.arc(xs[i], ys[i], style.radius, 0, 2 * Math.PI);
      ctx.fill();
    }
  } else {
    stampPoints(ctx, xs, ys, plot, style);
  }
  ctx.restore();
}

function stampPoints(ctx: SKRSContext2D, xs: Float64Array, ys: Float64Array, plot: Rect, style: PointStyle): void {
  const x0 = Math.floor(plot.x);
  const y0 = Math.floor(plot.y);
  const w = Math.ceil(plot.x + plot.w) - x0;
  const h = Math.ceil(plot.y + plot.h) - y0;
  const r = style.radius;
  const reach = Math.ceil(r + 0.5);
  const mask: number[] = [];
  for (let dy = -reach; dy <= reach; dy++) {
    for (let dx = -reach; dx <= reach; dx++) {
      const cover = Math.min(1, Math.max(0, r + 0.5 - Math.hypot(dx, dy)));
      if (cover > 0) mask.push(dx, dy, 1 - cover * style.alpha);
    }
  }
  // Transmittance per pixel: each point lets (1 − alpha·coverage) of what is behind it through.
  const through = new Float32Array(w * h).fill(1);
  for (let i = 0; i < xs.length; i++) {
    const cx = Math.round(xs[i]) - x0;
    const cy = Math.round(ys[i]) - y0;
    if (!(cx >= -reach && cx < w + reach && cy >= -reach && cy < h + reach)) continue;
    for (let m = 0; m < mask.length; m += 3) {
      const px = cx + mask[m];
      const py = cy + mask[m + 1];
      if (px >= 0 && px < w && py >= 0 && py < h) through[py * w + px] *= mask[m + 2];
    }
  }
  const [cr, cg, cb] = parseHex(style.colour);
  const rgba = new Uint8ClampedArray(w * h * 4);
  for (let p = 0; p < w * h; p++) {
    rgba[p * 4] = cr;
    rgba[p * 4 + 1] = cg;
    rgba[p * 4 + 2] = cb;
    rgba[p * 4 + 3] = Math.round((1 - through[p]) * 255);
  }
  const layer = createCanvas(w, h);
  layer.getContext('2d').putImageData(new ImageData(rgba, w, h), 0, 0);
  ctx.drawImage(layer, x0, y0);
}

export function parseHex(colour: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!m) throw new Error(`expected a #rrggbb colour, got ${colour}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}
