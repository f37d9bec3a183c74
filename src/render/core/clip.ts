import type { Rect } from './layout';

/**
 * Clips the segment (x0,y0)–(x1,y1) to a rectangle (Liang–Barsky). Returns the parameters [t0, t1] of the
 * visible part (0 ≤ t0 ≤ t1 ≤ 1), or null when none of it is inside. Used instead of handing the canvas
 * coordinates of 1e200 from a diverging descent, and so that a clipped line keeps its true direction.
 */
export function clipSegment(x0: number, y0: number, x1: number, y1: number, r: Rect): [number, number] | null {
  const dx = x1 - x0;
  const dy = y1 - y0;
  let t0 = 0;
  let t1 = 1;
  const p = [-dx, dx, -dy, dy];
  const q = [x0 - r.x, r.x + r.w - x0, y0 - r.y, r.y + r.h - y0];
  for (let k = 0; k < 4; k++) {
    if (p[k] === 0) {
      if (q[k] < 0) return null;
      continue;
    }
    const t = q[k] / p[k];
    if (p[k] < 0) {
      if (t > t1) return null;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return null;
      if (t < t1) t1 = t;
    }
  }
  if (!Number.isFinite(t0) || !Number.isFinite(t1)) return null;
  return [t0, t1];
}

/** Whether (x, y) lies inside the rectangle, edges included. */
export function inside(x: number, y: number, r: Rect): boolean {
  return x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;
}
