/**
 * A layer of what only accumulates with the iteration (trails, dots that take their colour), kept between
 * frames so that a frame draws only a short stretch. The layer is brought to fixed checkpoints (every
 * `last`/64 iterations) by the same calls in the same order whatever frames came before, and each frame draws
 * the stretch from its checkpoint to its iteration on top: a frame's pixels depend on its iteration alone (a
 * still equals the animation's frame at that iteration), and drawing an earlier iteration than the layer holds
 * (a GIF's palette samples draw the last frame first) rebuilds it from the start.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { Rect } from '../core/layout';

export interface LayerSteps {
  /** Puts the layer's state (and the caller's own) back to iteration 0, drawing its start into `ctx`. */
  reset(ctx: SKRSContext2D): void;
  /** Draws what happens in iterations from+1 … to into the layer, and advances the caller's state there. */
  grow(ctx: SKRSContext2D, from: number, to: number): void;
  /** Draws what happens in iterations from+1 … to onto a frame, leaving the caller's state where it is. */
  tail(ctx: SKRSContext2D, from: number, to: number): void;
}

export interface CheckpointLayer {
  /** Draws the layer's state at iteration k onto ctx, inside `clip`. */
  draw(ctx: SKRSContext2D, k: number): void;
}

/** Checkpoints per run. */
const CHECKPOINTS = 64;

export function checkpointLayer(width: number, height: number, clip: Rect, last: number, steps: LayerSteps): CheckpointLayer {
  const canvas = createCanvas(width, height);
  const layer = canvas.getContext('2d');
  const every = Math.max(1, Math.ceil(last / CHECKPOINTS));
  let built = -1;
  const within = (ctx: SKRSContext2D, draw: () => void) => {
    ctx.save();
    ctx.beginPath();
    ctx.rect(clip.x, clip.y, clip.w, clip.h);
    ctx.clip();
    draw();
    ctx.restore();
  };
  return {
    draw(ctx, k) {
      const checkpoint = Math.floor(k / every) * every;
      if (built < 0 || checkpoint < built) {
        layer.clearRect(0, 0, width, height);
        within(layer, () => steps.reset(layer));
        built = 0;
      }
      while (built < checkpoint) {
        const from = built;
        built += every;
        within(layer, () => steps.grow(layer, from, built));
      }
      ctx.drawImage(canvas, clip.x, clip.y, clip.w, clip.h, clip.x, clip.y, clip.w, clip.h);
      if (k > built) within(ctx, () => steps.tail(ctx, built, k));
    },
  };
}
