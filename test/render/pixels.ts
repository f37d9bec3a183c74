/** Pixel helpers for the renderer tests. */

export type RGB = [number, number, number];

export function hex(colour: string): RGB {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!m) throw new Error(`not #rrggbb: ${colour}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

export function pixel(buf: Uint8Array, width: number, x: number, y: number): RGB {
  const i = (Math.floor(y) * width + Math.floor(x)) * 4;
  return [buf[i], buf[i + 1], buf[i + 2]];
}

export function distance(a: RGB, b: RGB): number {
  return Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2]));
}

/** The smallest colour distance to `colour` among the pixels within `radius` of (x, y). */
export function nearest(buf: Uint8Array, width: number, x: number, y: number, colour: RGB, radius = 1): number {
  let best = Infinity;
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) best = Math.min(best, distance(pixel(buf, width, x + dx, y + dy), colour));
  }
  return best;
}

/** How many pixels of the rectangle are within `tolerance` of `colour`. */
export function countColour(buf: Uint8Array, width: number, r: { x: number; y: number; w: number; h: number }, colour: RGB, tolerance: number): number {
  let n = 0;
  for (let y = Math.floor(r.y); y < r.y + r.h; y++) {
    for (let x = Math.floor(r.x); x < r.x + r.w; x++) if (distance(pixel(buf, width, x, y), colour) <= tolerance) n++;
  }
  return n;
}
