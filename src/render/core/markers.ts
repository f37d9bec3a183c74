import type { SKRSContext2D } from '@napi-rs/canvas';

/** A five-pointed star of outer radius r centred on (x, y), filled and outlined. */
export function drawStar(ctx: SKRSContext2D, x: number, y: number, r: number, fill: string, stroke: string, lw: number): void {
  ctx.beginPath();
  for (let k = 0; k < 10; k++) {
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    const rr = k % 2 === 0 ? r : r * 0.45;
    const px = x + rr * Math.cos(a);
    const py = y + rr * Math.sin(a);
    if (k === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  }
  ctx.closePath();
  ctx.lineJoin = 'round';
  ctx.lineWidth = lw;
  ctx.strokeStyle = stroke;
  ctx.stroke();
  ctx.fillStyle = fill;
  ctx.fill();
}

/** A disc of radius r, filled, with an outline of width lw (none when lw is 0). */
export function drawDot(ctx: SKRSContext2D, x: number, y: number, r: number, fill: string, stroke: string, lw: number): void {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.fillStyle = fill;
  ctx.fill();
  if (lw > 0) {
    ctx.lineWidth = lw;
    ctx.strokeStyle = stroke;
    ctx.stroke();
  }
}

/** Text on a rounded backing box, for notices drawn over data. Anchored at its top-left corner. */
export function drawLabel(ctx: SKRSContext2D, text: string, x: number, y: number, f: number, colour: string, box: string): void {
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  const w = ctx.measureText(text).width;
  const pad = f * 0.4;
  ctx.fillStyle = box;
  ctx.beginPath();
  ctx.roundRect(x, y, w + 2 * pad, f * 1.6, f * 0.25);
  ctx.fill();
  ctx.fillStyle = colour;
  ctx.fillText(text, x + pad, y + f * 0.8);
}

/** Marker shapes for series after the first (which keeps the disc), so that colour is never the only cue. */
const SHAPES: ((ctx: SKRSContext2D, x: number, y: number, r: number) => void)[] = [
  (ctx, x, y, r) => ctx.arc(x, y, r, 0, 2 * Math.PI),
  (ctx, x, y, r) => polygon(ctx, x, y, r * 1.12, 4, Math.PI / 4),
  (ctx, x, y, r) => polygon(ctx, x, y, r * 1.25, 4, 0),
  (ctx, x, y, r) => polygon(ctx, x, y, r * 1.35, 3, -Math.PI / 2),
  (ctx, x, y, r) => polygon(ctx, x, y, r * 1.35, 3, Math.PI / 2),
  (ctx, x, y, r) => polygon(ctx, x, y, r * 1.1, 6, 0),
];

/**
 * Series `index`'s marker: a disc for series 0 (exactly {@link drawDot}), then square, diamond, triangle,
 * inverted triangle and hexagon, sized to about the disc's area.
 */
export function drawSeriesMarker(ctx: SKRSContext2D, index: number, x: number, y: number, r: number, fill: string, stroke: string, lw: number): void {
  const shape = index % SHAPES.length;
  if (shape === 0) {
    drawDot(ctx, x, y, r, fill, stroke, lw);
    return;
  }
  ctx.beginPath();
  SHAPES[shape](ctx, x, y, r);
  ctx.closePath();
  ctx.fillStyle = fill;
  ctx.fill();
  if (lw > 0) {
    ctx.lineJoin = 'round';
    ctx.lineWidth = lw;
    ctx.strokeStyle = stroke;
    ctx.stroke();
  }
}

/** A regular polygon of circumradius r centred on (x, y), its first vertex at angle a0. */
function polygon(ctx: SKRSContext2D, x: number, y: number, r: number, n: number, a0: number): void {
  for (let k = 0; k < n; k++) {
    const a = a0 + (k * 2 * Math.PI) / n;
    const px = x + r * Math.cos(a);
    const py = y + r * Math.sin(a);
    if (k === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  }
}
