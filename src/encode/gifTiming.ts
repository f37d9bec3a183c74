/**
 * GIF timing. Delays are whole centiseconds, so a frame time of 1/30 s cannot be written exactly; instead
 * each frame ends at floor(100 * (k + 1) / fps) cs, which spreads the rounding (3, 3, 4, 3, 3, 4 ... at
 * 30 fps) and keeps the total exact.
 */

/** Browsers show delays of 0 or 1 cs as 10 cs, so no frame is given less than 2 cs. */
export const MIN_DELAY_CS = 2;
/** The GIF delay field is 16 bits. */
export const MAX_DELAY_CS = 0xffff;

/** Hands out each frame's delay in centiseconds so that the cumulative time stays exact. */
export class DelaySchedule {
  private frames = 0;
  private written = 0;

  constructor(private readonly fps: number) {}

  /** The delay of the next frame. Only frames above 50 fps drift (they are slowed to 2 cs each). */
  next(): number {
    this.frames++;
    const end = Math.floor((100 * this.frames) / this.fps + 1e-9);
    const delay = Math.min(MAX_DELAY_CS, Math.max(MIN_DELAY_CS, end - this.written));
    this.written += delay;
    return delay;
  }
}

/** The last frame's delay: at least its own frame time, and at least the hold (the hold is not extra frames). */
export function holdDelay(frameDelay: number, holdSeconds: number): number {
  return Math.min(MAX_DELAY_CS, Math.max(frameDelay, Math.round(holdSeconds * 100)));
}

/**
 * gifenc's `repeat` for our `loop` (how many times the animation plays): 0 = forever -> NETSCAPE count 0;
 * 1 = once -> no NETSCAPE block (-1); N >= 2 -> NETSCAPE count N - 1, since browsers play once and then
 * repeat "count" more times.
 */
export function netscapeRepeat(loop: number): number {
  if (loop === 0) return 0;
  return loop === 1 ? -1 : Math.min(0xffff, loop - 1); // the count field is 16 bits
}
