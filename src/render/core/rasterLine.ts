import type { RasterTarget } from './raster';

/**
 * A line about one pixel wide from (x0, y0) to (x1, y1) under what is painted next, antialiased (Wu's
 * method: each step along the longer axis covers the two pixels across it, by how near each is). It only
 * tints pixels still empty or less covered, so crossing lines do not darken where they meet.
 */
export function strokeLine(t: RasterTarget, x0: number, y0: number, x1: number, y1: number, r: number, g: number, b: number, alpha: number): void {
  const steep = Math.abs(y1 - y0) > Math.abs(x1 - x0);
  // Walk along the longer axis: u along it, v across it.
  let [u0, v0, u1, v1] = steep ? [y0, x0, y1, x1] : [x0, y0, x1, y1];
  if (u0 > u1) [u0, v0, u1, v1] = [u1, v1, u0, v0];
  const slope = u1 > u0 ? (v1 - v0) / (u1 - u0) : 0;
  const [uMax, vMax] = steep ? [t.height - 1, t.width - 1] : [t.width - 1, t.height - 1];
  const from = Math.max(0, Math.round(u0));
  const to = Math.min(uMax, Math.round(u1));
  const { data, width } = t;
  for (let u = from; u <= to; u++) {
    // The line's centre across this column, in pixel-centre coordinates.
    const v = v0 + slope * (u + 0.5 - u0) - 0.5;
    const base = Math.floor(v);
    const frac = v - base;
    for (let k = 0; k < 2; k++) {
      const p = base + k;
      if (p < 0 || p > vMax) continue;
      const a = alpha * 255 * (k === 0 ? 1 - frac : frac);
      const o = (steep ? p + u * width : u + p * width) * 4;
      if (data[o + 3] >= a) continue;
      data[o] = r;
      data[o + 1] = g;
      data[o + 2] = b;
      data[o + 3] = a;
    }
  }
}
