import { createCanvas, ImageData, type SKRSContext2D } from '@napi-rs/canvas';
import type { Rect } from '../core/layout';
import { meshHeight, type Mesh } from './mesh';
import { see, toPixelX, toPixelY, type Camera, type Viewport } from './projection';
import type { Segment3 } from './box3d';
import { fillQuad, rasterTarget, type QuadStyle } from '../core/raster';
import { strokeLine } from '../core/rasterLine';

/**
 * The cells of the mesh in drawing order for the painter's algorithm: farthest from the camera first (by
 * the depth of each cell's centre), so nearer cells are painted over what they hide. Depths agreeing to
 * 10⁻⁷ keep the cells' own order, so the same view always gives the same pixels.
 */
export function backToFront(mesh: Mesh, cam: Camera, depths?: Float64Array, scratch?: { keys: Float64Array; order: Uint32Array }): Uint32Array {
  const { n, x, y, z } = mesh;
  const m = n + 1;
  const { eye, forward: f } = cam;
  const cells = n * n;
  // An orbit sorts every frame: its buffers are reused rather than left to the garbage collector.
  const keys = scratch?.keys ?? new Float64Array(cells);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const a = j * m + i;
      const c = a + m + 1;
      // The centre of the cell: the middle of its diagonal a–c, heights averaged over all four corners.
      const zc = (z[a] + z[a + 1] + z[c] + z[c - 1]) / 4;
      const depth = ((x[a] + x[c]) / 2 - eye.x) * f.x + ((y[a] + y[c]) / 2 - eye.y) * f.y + (zc - eye.z) * f.z;
      // One number per cell, far first, its index in the low digits: a native numeric sort with no
      // comparator calls (this runs every frame of an orbit). Depths are a few box widths: the key is exact.
      keys[j * n + i] = Math.round(-depth * 1e7) * cells + j * n + i;
      if (depths) depths[j * n + i] = depth;
    }
  }
  keys.sort();
  const order = scratch?.order ?? new Uint32Array(cells);
  for (let k = 0; k < cells; k++) order[k] = ((keys[k] % cells) + cells) % cells;
  return order;
}

/**
 * Paints the shaded mesh into `rect` of a canvas for a given camera, over `under` (the box's walls): lines
 * drawn into the same buffer first, so the mesh hides them where it stands in front, in one composite.
 * Stroked on the canvas instead, the walls alone took a fifth of a turning frame.
 */
export interface MeshPainter {
  paint(ctx: SKRSContext2D, cam: Camera, vp: Viewport, under: readonly Segment3[]): void;
  /**
   * Whether the surface's point over (x, y) of the floor is hidden, in the view last painted, by a part of
   * the mesh in front of it (seen across a trough, its floor behind the near wall). The point is taken on
   * the mesh as drawn, not at the true loss, which the coarse mesh may pass above.
   */
  hides(x: number, y: number): boolean;
}

/**
 * How far behind the cell painted at its pixel a point must be to count as hidden, in box half-widths: a
 * cell's pixels all carry its centre's depth, and a steep cell's corners lie up to about this much either side.
 */
const HIDDEN_BEYOND = 0.2;

/** `lines`: the colours of the box's grid lines and of its edges, as #rrggbb. */
export function meshPainter(mesh: Mesh, rect: Rect, style: QuadStyle, lines: { grid: string; edge: string }): MeshPainter {
  const [grid, edge] = [rgbOf(lines.grid), rgbOf(lines.edge)];
  const w = Math.max(1, Math.round(rect.w));
  const h = Math.max(1, Math.round(rect.h));
  const layer = createCanvas(w, h);
  const lctx = layer.getContext('2d');
  const image = new ImageData(w, h);
  const target = rasterTarget(w, h, image.data);
  const { n } = mesh;
  const m = n + 1;
  const px = new Float64Array(m * m);
  const py = new Float64Array(m * m);
  const qx = new Float64Array(4);
  const qy = new Float64Array(4);
  const depths = new Float64Array(n * n);
  const scratch = { keys: new Float64Array(n * n), order: new Uint32Array(n * n) };
  let last: { cam: Camera; vp: Viewport } | null = null;
  return {
    hides(x, y) {
      if (!last) return false;
      const s = see(last.cam, x, y, meshHeight(mesh, x, y));
      const i = Math.floor(toPixelX(last.vp, s.u) - rect.x);
      const j = Math.floor(toPixelY(last.vp, s.v) - rect.y);
      if (!(i >= 0 && j >= 0 && i < w && j < h)) return false;
      return s.depth > target.depth[j * w + i] + HIDDEN_BEYOND;
    },
    paint(ctx, cam, vp, under) {
      last = { cam, vp };
      // see() written out: an object per vertex per frame would keep the garbage collector busy.
      const { eye, right: r, up: u, forward: f } = cam;
      for (let k = 0; k < m * m; k++) {
        const dx = mesh.x[k] - eye.x;
        const dy = mesh.y[k] - eye.y;
        const dz = mesh.z[k] - eye.z;
        const depth = dx * f.x + dy * f.y + dz * f.z;
        px[k] = toPixelX(vp, (dx * r.x + dy * r.y + dz * r.z) / depth) - rect.x;
        py[k] = toPixelY(vp, (dx * u.x + dy * u.y + dz * u.z) / depth) - rect.y;
      }
      image.data.fill(0);
      target.depth.fill(Infinity);
      let [x0, y0, x1, y1] = [w, h, 0, 0];
      const grow = (x: number, y: number) => ([x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)]);
      for (let k = 0; k < m * m; k++) grow(px[k], py[k]);
      for (const { a, b, edge: isEdge } of under) {
        const [sa, sb] = [see(cam, a.x, a.y, a.z), see(cam, b.x, b.y, b.z)];
        const [ax, ay, bx, by] = [toPixelX(vp, sa.u) - rect.x, toPixelY(vp, sa.v) - rect.y, toPixelX(vp, sb.u) - rect.x, toPixelY(vp, sb.v) - rect.y];
        const c = isEdge ? edge : grid;
        strokeLine(target, ax, ay, bx, by, c[0], c[1], c[2], 1);
        grow(ax, ay);
        grow(bx, by);
      }
      const order = backToFront(mesh, cam, depths, scratch);
      for (let k = 0; k < order.length; k++) {
        const cell = order[k];
        const i = cell % n;
        const a = (cell - i) / n * m + i;
        // Corners in order around the cell: (i, j), (i+1, j), (i+1, j+1), (i, j+1).
        qx[0] = px[a]; qy[0] = py[a];
        qx[1] = px[a + 1]; qy[1] = py[a + 1];
        qx[2] = px[a + m + 1]; qy[2] = py[a + m + 1];
        qx[3] = px[a + m]; qy[3] = py[a + m];
        // Each line between two cells is drawn once, by the cell on its far side (its first and last sides),
        // and the mesh's outer sides by the cells along them: half the shaded pixels of lines on every side.
        const sides = 0b1001 | (i === n - 1 ? 0b0010 : 0) | (a >= (n - 1) * m ? 0b0100 : 0);
        fillQuad(target, qx, qy, mesh.rgb[cell * 3], mesh.rgb[cell * 3 + 1], mesh.rgb[cell * 3 + 2], style, depths[cell], sides);
      }
      // Only the part the mesh covers: compositing is a good share of a frame's cost.
      const [sx, sy] = [Math.max(0, Math.floor(x0)), Math.max(0, Math.floor(y0))];
      const [sw, sh] = [Math.min(w, Math.ceil(x1) + 1) - sx, Math.min(h, Math.ceil(y1) + 1) - sy];
      if (sw <= 0 || sh <= 0) return;
      lctx.putImageData(image, 0, 0, sx, sy, sw, sh);
      ctx.drawImage(layer, sx, sy, sw, sh, rect.x + sx, rect.y + sy, sw, sh);
    },
  };
}

/** #rrggbb to channels. */
function rgbOf(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new RangeError(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}
