import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Plot, Rect, Style } from './layout';
import { font } from './font';

export interface AxesOptions {
  xLabel: string;
  yLabel: string;
  /** Tick labels and axis label along x (default true); small multiples show them on outer cells only. */
  showX?: boolean;
  showY?: boolean;
}

/**
 * Draws the static decoration of a plot: the frame, outward ticks, tick labels and the two axis labels (the
 * y label rotated, both shortened with an ellipsis if they would not fit). Grid lines are `drawGrid`, drawn
 * before the data; this comes after it, so the frame sits on top of contour fills.
 */
export function drawAxes(ctx: SKRSContext2D, outer: Rect, plot: Plot, style: Style, opts: AxesOptions): void {
  const { rect, x, y } = plot;
  const { f, theme } = style;
  const tick = f * 0.35;
  const gap = f * 0.3;
  ctx.save();
  ctx.strokeStyle = theme.axis;
  ctx.lineWidth = style.thin;
  // Just outside the plot area, so the frame never covers data pixels; crisp for odd line widths.
  const o = style.thin / 2;
  ctx.strokeRect(rect.x - o, rect.y - o, rect.w + 2 * o, rect.h + 2 * o);
  ctx.beginPath();
  for (const t of x.ticks) {
    const px = snap(x.map(t), style.thin);
    ctx.moveTo(px, rect.y + rect.h);
    ctx.lineTo(px, rect.y + rect.h + tick);
  }
  for (const t of y.ticks) {
    const py = snap(y.map(t), style.thin);
    ctx.moveTo(rect.x, py);
    ctx.lineTo(rect.x - tick, py);
  }
  ctx.stroke();

  ctx.fillStyle = theme.text;
  ctx.font = font(f);
  const showX = opts.showX ?? true;
  const showY = opts.showY ?? true;
  if (showX) {
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    x.ticks.forEach((t, i) => {
      // Keep the last label inside the panel (the rightmost panel has no neighbour to spill into).
      const half = ctx.measureText(x.labels[i]).width / 2;
      const px = Math.min(x.map(t), outer.x + outer.w - half - 2);
      ctx.fillText(x.labels[i], px, rect.y + rect.h + tick + gap);
    });
  }
  if (showY) {
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    y.ticks.forEach((t, i) => ctx.fillText(y.labels[i], rect.x - tick - gap, y.map(t)));
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  if (showX) ctx.fillText(fitText(ctx, opts.xLabel, rect.w), rect.x + rect.w / 2, outer.y + outer.h - f * 0.4);
  if (showY) {
    ctx.translate(outer.x + f * 0.45, rect.y + rect.h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'top';
    ctx.fillText(fitText(ctx, opts.yLabel, rect.h), 0, 0);
  }
  ctx.restore();
}

/** Light grid lines at the ticks, drawn before the data. */
export function drawGrid(ctx: SKRSContext2D, plot: Plot, style: Style): void {
  const { rect, x, y } = plot;
  ctx.save();
  ctx.strokeStyle = style.theme.gridLine;
  ctx.lineWidth = style.thin;
  ctx.beginPath();
  for (const t of x.ticks) {
    const px = snap(x.map(t), style.thin);
    ctx.moveTo(px, rect.y);
    ctx.lineTo(px, rect.y + rect.h);
  }
  for (const t of y.ticks) {
    const py = snap(y.map(t), style.thin);
    ctx.moveTo(rect.x, py);
    ctx.lineTo(rect.x + rect.w, py);
  }
  ctx.stroke();
  ctx.restore();
}

/**
 * The panel's heading, left-aligned above the plot in the muted text colour: the first of `texts` that fits
 * in `maxWidth`, else the last one shortened with an ellipsis.
 */
export function drawHeading(ctx: SKRSContext2D, plot: Plot, style: Style, texts: string[], maxWidth = plot.rect.w): void {
  ctx.save();
  ctx.fillStyle = style.theme.mutedText;
  ctx.font = font(style.f);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  const text = texts.find((t) => ctx.measureText(t).width <= maxWidth) ?? fitText(ctx, texts[texts.length - 1], maxWidth);
  ctx.fillText(text, plot.rect.x, headingBaseline(plot, style));
  ctx.restore();
}

/** The baseline of the heading row above a plot. */
export function headingBaseline(plot: Plot, style: Style): number {
  return plot.rect.y - style.f * 0.55;
}

/** `text`, shortened with an ellipsis so that it measures at most `maxWidth` in the current font. */
export function fitText(ctx: SKRSContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ctx.measureText(text.slice(0, mid) + '…').width <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return lo > 0 ? text.slice(0, lo) + '…' : '';
}

/** Moves a line coordinate to the pixel grid so thin lines stay crisp rather than smeared over two pixels. */
export function snap(v: number, lineWidth: number): number {
  const w = Math.round(lineWidth);
  return w % 2 === 1 ? Math.floor(v) + 0.5 : Math.round(v);
}
