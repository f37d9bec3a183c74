import type { SKRSContext2D } from '@napi-rs/canvas';
import { fitText, headingBaseline } from './axes';
import { font } from './font';
import type { Plot, Style } from './layout';

export interface LegendItem {
  label: string;
  /** Draws the item's symbol centred on (x, y) with radius about r. */
  marker(ctx: SKRSContext2D, x: number, y: number, r: number): void;
}

/**
 * A one-line legend right-aligned in the heading row above a plot. Returns the width it took, or 0 when it
 * would need more than `maxWidth` and was left out (small frames keep the plot rather than the legend).
 */
export function drawLegend(ctx: SKRSContext2D, plot: Plot, style: Style, items: LegendItem[], maxWidth: number): number {
  const { rect } = plot;
  return drawLegendAt(ctx, rect.x + rect.w, headingBaseline(plot, style), style, items, maxWidth, rect.w * 0.25);
}

/**
 * A one-line legend ending at x = `right` on the text baseline `base`, each label shortened to at most
 * `labelWidth`. Returns the width it took, or 0 when it would need more than `maxWidth` and was left out.
 */
export function drawLegendAt(
  ctx: SKRSContext2D,
  right: number,
  base: number,
  style: Style,
  items: LegendItem[],
  maxWidth: number,
  labelWidth: number,
): number {
  const { f, theme } = style;
  ctx.save();
  ctx.font = font(f);
  const r = f * 0.4;
  const labels = items.map((it) => fitText(ctx, it.label, labelWidth));
  const widths = labels.map((s) => 2 * r + f * 0.45 + ctx.measureText(s).width);
  const total = widths.reduce((a, b) => a + b, 0) + f * 0.9 * (items.length - 1);
  if (total > maxWidth) {
    ctx.restore();
    return 0;
  }
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  const y = base - f * 0.35;
  let x = right - total;
  items.forEach((it, i) => {
    it.marker(ctx, x + r, y, r);
    ctx.fillStyle = theme.text;
    ctx.font = font(f);
    ctx.fillText(labels[i], x + 2 * r + f * 0.45, base);
    x += widths[i] + f * 0.9;
  });
  ctx.restore();
  return total;
}

/**
 * A legend on a backing box in the bottom-right corner inside `rect`, for what a switch adds to a plot
 * (--reference-path, --arrows): the heading row's legend has no room for more. Left out when it would be
 * wider than `maxWidth`.
 */
export function drawKey(ctx: SKRSContext2D, rect: { x: number; y: number; w: number; h: number }, style: Style, items: LegendItem[], maxWidth: number): void {
  if (items.length === 0) return;
  const { f, theme } = style;
  ctx.save();
  ctx.font = font(f);
  const r = f * 0.4;
  const total = items.reduce((sum, it) => sum + 2 * r + f * 0.45 + ctx.measureText(it.label).width, 0) + f * 0.9 * (items.length - 1);
  const pad = f * 0.45;
  if (total + 2 * pad > maxWidth) {
    ctx.restore();
    return;
  }
  const right = rect.x + rect.w - f * 0.4;
  const bottom = rect.y + rect.h - f * 0.4;
  ctx.fillStyle = theme.labelBox;
  ctx.beginPath();
  ctx.roundRect(right - total - 2 * pad, bottom - f * 1.7, total + 2 * pad, f * 1.7, f * 0.25);
  ctx.fill();
  ctx.restore();
  drawLegendAt(ctx, right - pad, bottom - f * 0.5, style, items, Infinity, Infinity);
}
