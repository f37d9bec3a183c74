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
