import type { SKRSContext2D } from '@napi-rs/canvas';
import type { PlanePath } from '../../types';
import type { Plot, Rect, Style } from '../core/layout';
import type { LegendItem } from '../core/legend';
import { buildPolyline, tracePrefix, type Polyline } from '../core/polyline';

/** A --reference-path on a surface plot, prepared once: the whole path is static, its ring moves. */
export interface ReferencePath {
  line: Polyline;
  sx(i: number): number;
  sy(i: number): number;
  last: number;
}

export function referencePath(t: PlanePath, plot: Plot, box: Rect): ReferencePath {
  const { u: a, v: b } = t;
  const sx = (i: number) => plot.x.map(a[i]);
  const sy = (i: number) => plot.y.map(b[i]);
  const last = t.loss.length - 1;
  return { line: buildPolyline(last + 1, sx, sy, box), sx, sy, last };
}

/** The dash of the reference path: long enough to read as a line, open enough to read as "not the run". */
const dash = (style: Style) => [style.f * 0.55, style.f * 0.4];

/** The whole reference path, dashed and faint, for the background: the real path is drawn over it. */
export function strokeReference(ctx: SKRSContext2D, r: ReferencePath, box: Rect, colour: string, style: Style): void {
  ctx.save();
  ctx.beginPath();
  tracePrefix(ctx, r.line, r.last, r.sx(r.last), r.sy(r.last), box);
  ctx.lineJoin = 'round';
  ctx.lineCap = 'butt';
  ctx.setLineDash(dash(style));
  const width = Math.max(1, style.line * 0.7);
  ctx.globalAlpha = 0.55;
  ctx.strokeStyle = style.theme.halo;
  ctx.lineWidth = width + 2;
  ctx.stroke();
  ctx.globalAlpha = 0.9;
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  ctx.stroke();
  ctx.restore();
}

/** A hollow ring where full-batch gd is after k updates (its last point once it stopped). */
export function drawReferenceRing(ctx: SKRSContext2D, r: ReferencePath, k: number, colour: string, style: Style): void {
  const i = Math.min(k, r.last);
  const x = r.sx(i);
  const y = r.sy(i);
  if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 1e6 || Math.abs(y) > 1e6) return;
  ring(ctx, x, y, style.f * 0.38, colour, style);
}

function ring(ctx: SKRSContext2D, x: number, y: number, r: number, colour: string, style: Style): void {
  ctx.save();
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.strokeStyle = style.theme.halo;
  ctx.lineWidth = Math.max(1.5, style.line * 0.6) + 2;
  ctx.stroke();
  ctx.strokeStyle = colour;
  ctx.lineWidth = Math.max(1.5, style.line * 0.6);
  ctx.stroke();
  ctx.restore();
}

/** The legend of the reference path: a short dashed stroke with its ring. */
export function referenceLegend(style: Style, colour: string): LegendItem {
  return {
    label: 'full-batch GD',
    marker(c, x, y, r) {
      c.save();
      c.beginPath();
      c.moveTo(x - r * 1.6, y);
      c.lineTo(x + r * 0.4, y);
      c.setLineDash([r * 0.7, r * 0.45]);
      c.strokeStyle = colour;
      c.lineWidth = Math.max(1, style.line * 0.7);
      c.stroke();
      c.restore();
      ring(c, x + r * 0.9, y, r * 0.55, colour, style);
    },
  };
}

