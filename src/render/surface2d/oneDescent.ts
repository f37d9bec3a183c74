import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Landmark } from '../../types';
import type { Plot, Rect, Style } from '../core/layout';
import { clipTo } from '../core/panel';
import { drawLandmarks } from './landmarks';
import { startMarker } from './marks';
import { drawCurrent, strokePath, type SurfacePath } from './surfacePath';

/**
 * One descent on a small surface (a grid cell, a side of a comparison) at iteration k: its path, its start,
 * the known points (a model's one minimum, a landscape's minima and saddles), then `extras` (rings, arrows),
 * and the current point on top; clipped to the plot.
 */
export function drawOneDescent(
  ctx: SKRSContext2D,
  p: SurfacePath,
  k: number,
  plot: Plot,
  box: Rect,
  colour: string,
  style: Style,
  starts: readonly [number, number][],
  marks: readonly Landmark[],
  extras?: () => void,
): void {
  clipTo(ctx, plot.rect);
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  strokePath(ctx, p, k, box, colour, style);
  for (const [x, y] of starts) startMarker(ctx, x, y, style.f * 0.32, style);
  drawLandmarks(ctx, marks, plot, style.f * 0.75, style);
  extras?.();
  drawCurrent(ctx, p, 0, k, colour, style);
}
