import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Landmark } from '../../types';
import type { Style } from '../core/layout';
import type { LegendItem } from '../core/legend';
import { drawDot, drawStar } from '../core/markers';
import { landmarkLegend } from './landmarks';

/** The white start dot with a black rim: readable on every viridis colour. */
export function startMarker(ctx: SKRSContext2D, x: number, y: number, r: number, style: Style): void {
  drawDot(ctx, x, y, r, '#ffffff', '#000000', Math.max(1, style.thin * 1.2));
}

/** The white star with a black rim: the minimum. */
export function starMarker(ctx: SKRSContext2D, x: number, y: number, r: number, style: Style): void {
  drawStar(ctx, x, y, r, '#ffffff', '#000000', Math.max(1, style.thin));
}

/** The legend's entry of the start marker. */
export function startLegend(style: Style): LegendItem {
  return { label: 'start', marker: (c, x, y, r) => startMarker(c, x, y, r * 0.8, style) };
}

/**
 * The legend of the start and minimum markers: no minimum when the classes are separable; a landscape's local
 * minima and saddles when it has them (`marks`: the landmarks drawn, or whether there is an optimum).
 */
export function markerLegend(style: Style, marks: boolean | readonly Landmark[]): LegendItem[] {
  const items: LegendItem[] = [startLegend(style)];
  if (marks === true) items.push({ label: 'minimum', marker: (c, x, y, r) => starMarker(c, x, y, r * 1.3, style) });
  else if (marks !== false) items.push(...landmarkLegend(marks, style));
  return items;
}

/**
 * The finite starting points, each once: series of a race share their start, and a disc drawn twice would
 * thicken its antialiased rim.
 */
export function distinctStarts(points: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (!out.some(([a, b]) => a === x && b === y)) out.push([x, y]);
  }
  return out;
}
