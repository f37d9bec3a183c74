import type { LossGrid } from '../../types';
import type { HeightScale } from './heightScale';
import type { Vec3 } from './projection';
import { viridisRgb } from '../core/viridis';

/**
 * The box the 3-D view draws in: the grid's window across the floor, x in [−ax, ax] for u and y in
 * [−ay, ay] for v, the loss's height from 0 to `height`. Plane coordinates to world coordinates; outside the window
 * they land outside the box (callers clip).
 */
export interface Box3 {
  ax: number;
  ay: number;
  height: number;
  uRange: [number, number];
  vRange: [number, number];
}

export const worldX = (b: Box3, u: number) => -b.ax + (2 * b.ax * (u - b.uRange[0])) / (b.uRange[1] - b.uRange[0]);
export const worldY = (b: Box3, v: number) => -b.ay + (2 * b.ay * (v - b.vRange[0])) / (b.vRange[1] - b.vRange[0]);

/** The box's eight corners, for fitting it to the panel. */
export function boxCorners(b: Box3): Vec3[] {
  const out: Vec3[] = [];
  for (const z of [0, b.height]) for (const y of [-b.ay, b.ay]) for (const x of [-b.ax, b.ax]) out.push({ x, y, z });
  return out;
}

/**
 * The surface as (n+1)² vertices and n² cells, each cell coloured once: viridis by its height, times a
 * Lambert term for a light fixed in the world (so that turning the camera turns the shading with the
 * surface, as a real object's would). Nothing here depends on the camera.
 */
export interface Mesh {
  n: number;
  /** The floor's half-widths (see Box3). */
  ax: number;
  ay: number;
  /** Vertex (i, j) at index j·(n+1) + i, i along u, j along v. */
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  /** Cell (i, j) at index j·n + i: r, g, b. */
  rgb: Uint8Array;
}

/** Towards the light: from the upper left of the default camera (see surface3d.ts), unit length. */
const LIGHT = ((x: number, y: number, z: number) => {
  const n = Math.hypot(x, y, z);
  return [x / n, y / n, z / n];
})(-0.3, -0.7, 1);
/** The share of a cell's colour that does not depend on the light: walls turned away stay readable. */
const AMBIENT = 0.55;

/** A mesh of `n` cells a side over the grid, its loss sampled bilinearly from the grid's samples. */
export function buildMesh(grid: LossGrid, scale: HeightScale, box: Box3, n: number): Mesh {
  const m = n + 1;
  const x = new Float64Array(m * m);
  const y = new Float64Array(m * m);
  const z = new Float64Array(m * m);
  const hv = new Float64Array(m * m);
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < m; i++) {
      const k = j * m + i;
      x[k] = -box.ax + (2 * box.ax * i) / n;
      y[k] = -box.ay + (2 * box.ay * j) / n;
      hv[k] = scale.h(sample(grid, (i / n) * (grid.nx - 1), (j / n) * (grid.ny - 1)));
      z[k] = box.height * hv[k];
    }
  }
  const rgb = new Uint8Array(n * n * 3);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const [a, b, c, d] = [j * m + i, j * m + i + 1, (j + 1) * m + i + 1, (j + 1) * m + i];
      // The normal from the cell's diagonals (a→c) × (b→d): up for a surface seen from above.
      const [px, py, pz] = [x[c] - x[a], y[c] - y[a], z[c] - z[a]];
      const [qx, qy, qz] = [x[d] - x[b], y[d] - y[b], z[d] - z[b]];
      const [nx, ny, nz] = [py * qz - pz * qy, pz * qx - px * qz, px * qy - py * qx];
      const lambert = Math.max(0, (nx * LIGHT[0] + ny * LIGHT[1] + nz * LIGHT[2]) / Math.hypot(nx, ny, nz));
      const shade = AMBIENT + (1 - AMBIENT) * lambert;
      const colour = viridisRgb((hv[a] + hv[b] + hv[c] + hv[d]) / 4);
      for (let ch = 0; ch < 3; ch++) rgb[(j * n + i) * 3 + ch] = Math.round(colour[ch] * shade);
    }
  }
  return { n, ax: box.ax, ay: box.ay, x, y, z, rgb };
}

/**
 * The height of the mesh as drawn at (x, y) of the floor, bilinear within its cell: where a point of the
 * surface appears, which the coarse mesh can put a little above the true loss near a sharp minimum.
 */
export function meshHeight(mesh: Mesh, x: number, y: number): number {
  const { n } = mesh;
  const m = n + 1;
  const gi = Math.min(n, Math.max(0, ((x + mesh.ax) / (2 * mesh.ax)) * n));
  const gj = Math.min(n, Math.max(0, ((y + mesh.ay) / (2 * mesh.ay)) * n));
  const i = Math.min(n - 1, Math.floor(gi));
  const j = Math.min(n - 1, Math.floor(gj));
  const [fi, fj] = [gi - i, gj - j];
  const z = (a: number, b: number) => mesh.z[b * m + a];
  return (1 - fj) * ((1 - fi) * z(i, j) + fi * z(i + 1, j)) + fj * ((1 - fi) * z(i, j + 1) + fi * z(i + 1, j + 1));
}

/** The grid's loss at fractional sample coordinates (gi, gj), bilinearly. */
function sample(grid: LossGrid, gi: number, gj: number): number {
  // A grid of one sample a side has no cells to interpolate in: the surface is flat.
  if (grid.nx < 2 || grid.ny < 2) return grid.values[0];
  const i = Math.min(grid.nx - 2, Math.floor(gi));
  const j = Math.min(grid.ny - 2, Math.floor(gj));
  const [fi, fj] = [gi - i, gj - j];
  const v = (a: number, b: number) => grid.values[b * grid.nx + a];
  return (1 - fj) * ((1 - fi) * v(i, j) + fi * v(i + 1, j)) + fj * ((1 - fi) * v(i, j + 1) + fi * v(i + 1, j + 1));
}

/**
 * The direction of the surface's valley across the floor, in degrees about +z from +x, and how elongated
 * it is (≥ 1): the principal axis of the floor positions weighted towards the low ground. A linear fit on
 * raw x has a long, narrow trough; seen across it, its near wall would hide the floor and the path on it.
 */
export function valleyOf(mesh: Mesh, height: number): { angle: number; elongation: number } {
  let [sw, sx, sy] = [0, 0, 0];
  const weights = Array.from(mesh.z, (z) => Math.exp(-z / (0.2 * height)));
  weights.forEach((w, k) => {
    sw += w;
    sx += w * mesh.x[k];
    sy += w * mesh.y[k];
  });
  const [mx, my] = [sx / sw, sy / sw];
  let [cxx, cyy, cxy] = [0, 0, 0];
  weights.forEach((w, k) => {
    const [dx, dy] = [mesh.x[k] - mx, mesh.y[k] - my];
    cxx += w * dx * dx;
    cyy += w * dy * dy;
    cxy += w * dx * dy;
  });
  const mean = (cxx + cyy) / 2;
  const spread = Math.hypot((cxx - cyy) / 2, cxy);
  const elongation = mean - spread > 0 ? (mean + spread) / (mean - spread) : Infinity;
  return { angle: (Math.atan2(2 * cxy, cxx - cyy) * 90) / Math.PI, elongation };
}
