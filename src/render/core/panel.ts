import type { SKRSContext2D } from '@napi-rs/canvas';
import type { FrameTime } from '../../types';
import type { Plot } from './layout';

/**
 * One panel of the frame. What never changes is drawn once into the background; a frame then only adds
 * what depends on the time shown. That split is what keeps a frame at a few milliseconds.
 */
export interface Panel {
  /** Where the plot area is and how data maps onto it (tests use it to find where things were drawn). */
  readonly plot: Plot;
  /** Draws the static part (fills, axes, labels, data) into the background canvas. Called once. */
  drawStatic(ctx: SKRSContext2D): void;
  /** Draws the state at `frame` (after frame.iteration updates) over the background. Called once per frame. */
  drawFrame(ctx: SKRSContext2D, frame: FrameTime): void;
}

/** Grows a rectangle by `m` pixels on every side. */
export function inflate(r: { x: number; y: number; w: number; h: number }, m: number) {
  return { x: r.x - m, y: r.y - m, w: r.w + 2 * m, h: r.h + 2 * m };
}

/** Restricts drawing to a rectangle until the matching ctx.restore(). */
export function clipTo(ctx: SKRSContext2D, r: { x: number; y: number; w: number; h: number }): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(r.x, r.y, r.w, r.h);
  ctx.clip();
}
