import type { SKRSContext2D } from '@napi-rs/canvas';
import type { LossGrid } from '../../types';
import type { Rect, Style } from '../core/layout';
import { viridis } from '../core/viridis';

/**
 * Contour regions of a loss grid, one per level (where the loss is at or above it), in pixel coordinates.
 * Between the samples the loss is interpolated linearly on triangles (each grid cell cut along the diagonal
 * from its lower-right to its upper-left corner), and the regions are traced by marching triangles.
 * d3-contour traced them in 31–72 ms at 128×128 samples and 22 levels, most of a run's fixed cost; this
 * visits only the cells each level crosses. It runs once per process, before the code is optimized, so the
 * tracing loop avoids per-point closures and array pushes: 17–23 ms cold for the default surface against
 * 31–34 when it did not (the same rings to the last bit).
 */
export interface ContourSet {
  levels: number[];
  /** rings[m]: the closed rings bounding the region where loss ≥ levels[m] (outer boundaries and holes), x, y, x, y, ... */
  rings: Float64Array[][];
  /** Per ring point: whether it lies on the border of the sampled area (iso-lines skip border edges). */
  border: Uint8Array[][];
}

/**
 * Grid sample (i, j) sits at pixel (x + i·w/(nx − 1), y + h − j·h/(ny − 1)): sample 0 on the plot's left
 * and bottom edges, the last on its right and top edges; w1 grows upwards.
 *
 * The grid is traced inside a frame of samples below every level, placed on the border samples' own
 * positions: every region then closes along the border, and its rings can be filled as they are.
 */
export function contourSet(grid: LossGrid, plot: Rect): ContourSet {
  const { nx, ny, levels } = grid;
  // A grid needs two samples per axis to have contours; with fewer the panel shows one flat band.
  if (nx < 2 || ny < 2) return { levels: [], rings: [], border: [] };
  if (levels.length > 65535) throw new RangeError(`at most 65535 contour levels, got ${levels.length}`);
  // Three passes, each a function of its own: V8 compiles a hot loop together with the whole function it
  // sits in, and one function held all three (three compilations of ~10 ms each on the second core).
  const padded = paddedBands(grid);
  const ends = crossings(padded, levels, nx + 2, ny + 2);
  return { levels, ...traceRings(padded.values, ends, levels, nx, ny, plot) };
}

/**
 * The grid inside a frame of samples below every level (-Infinity, band 0), mx = nx + 2 by my = ny + 2, and
 * each sample's band: how many levels lie at or below it (0 for the frame and NaN).
 */
function paddedBands(grid: LossGrid): { values: Float64Array; band: Uint16Array } {
  const { nx, ny, levels } = grid;
  const mx = nx + 2, my = ny + 2;
  const values = new Float64Array(mx * my).fill(-Infinity);
  const band = new Uint16Array(mx * my);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const v = grid.values[j * nx + i];
      const k = (j + 1) * mx + i + 1;
      values[k] = v;
      // The number of levels at or below v (levels ascend): a binary search, NaN below every level.
      let b = 0;
      let top = levels.length;
      while (b < top) {
        const mid = (b + top) >> 1;
        if (v >= levels[mid]) b = mid + 1;
        else top = mid;
      }
      band[k] = b;
    }
  }
  return { values, band };
}

/**
 * Marching triangles: per level, two crossing keys per segment. A crossing is known by its edge: its lower
 * sample a < b and the kind of edge (0 along a row, 1 along a column, 2 along the diagonal).
 */
function crossings({ values, band }: { values: Float64Array; band: Uint16Array }, levels: readonly number[], mx: number, my: number): number[][] {
  const ends: number[][] = levels.map(() => []);
  const keyOf = (a: number, b: number) => (a < b ? a * 3 + (b - a === 1 ? 0 : b - a === mx ? 1 : 2) : b * 3 + (a - b === 1 ? 0 : a - b === mx ? 1 : 2));
  const segment = (m: number, a: number, b: number, c: number) => {
    const level = levels[m];
    const ab = values[a] >= level !== values[b] >= level;
    const bc = values[b] >= level !== values[c] >= level;
    const list = ends[m];
    if (ab && bc) list.push(keyOf(a, b), keyOf(b, c));
    else if (ab) list.push(keyOf(a, b), keyOf(a, c));
    else if (bc) list.push(keyOf(b, c), keyOf(a, c));
  };
  for (let j = 0; j < my - 1; j++) {
    for (let i = 0; i < mx - 1; i++) {
      const k = j * mx + i;
      // Level m crosses the cell exactly when its samples' bands straddle it.
      const b0 = band[k], b1 = band[k + 1], b2 = band[k + mx], b3 = band[k + mx + 1];
      if (b0 === b1 && b0 === b2 && b0 === b3) continue; // one band throughout: no level crosses the cell
      let lo = b0 < b1 ? b0 : b1;
      let hi = b0 < b1 ? b1 : b0;
      if (b2 < lo) lo = b2;
      if (b2 > hi) hi = b2;
      if (b3 < lo) lo = b3;
      if (b3 > hi) hi = b3;
      for (let m = lo; m < hi; m++) {
        segment(m, k, k + 1, k + mx); // lower left: (i, j), (i + 1, j), (i, j + 1)
        segment(m, k + mx + 1, k + mx, k + 1); // upper right: (i + 1, j + 1), (i, j + 1), (i + 1, j)
      }
    }
  }
  return ends;
}

/** Chains each level's segments into rings in pixel coordinates, thinned (simplify). */
function traceRings(values: Float64Array, ends: number[][], levels: readonly number[], nx: number, ny: number, plot: Rect): Omit<ContourSet, 'levels'> {
  const mx = nx + 2, my = ny + 2;
  // Pixel position of padded column i and row j (the frame shares the border's positions), and whether a
  // padded sample lies on the border or in the frame.
  const sx = plot.w / (nx - 1), sy = plot.h / (ny - 1);
  const colX = new Float64Array(mx);
  for (let i = 0; i < mx; i++) colX[i] = plot.x + Math.min(Math.max(i - 1, 0), nx - 1) * sx;
  const rowY = new Float64Array(my);
  for (let j = 0; j < my; j++) rowY[j] = plot.y + plot.h - Math.min(Math.max(j - 1, 0), ny - 1) * sy;
  const outer = new Uint8Array(mx * my);
  for (let j = 0; j < my; j++) for (let i = 0; i < mx; i++) outer[j * mx + i] = i <= 1 || j <= 1 || i >= mx - 2 || j >= my - 2 ? 1 : 0;
  // Chain each level's segments into rings: every crossing belongs to exactly two (the triangles beside its edge).
  const first = new Int32Array(3 * mx * my).fill(-1);
  const second = new Int32Array(3 * mx * my).fill(-1);
  const rings: Float64Array[][] = [];
  const border: Uint8Array[][] = [];
  // One ring's points before thinning (x, y, ...), and whether each lies on the border; grown as needed.
  let xy = new Float64Array(2048);
  let edge = new Uint8Array(1024);
  for (let m = 0; m < ends.length; m++) {
    const list = ends[m];
    const level = levels[m];
    const count = list.length / 2;
    for (let q = 0; q < list.length; q++) {
      const key = list[q];
      if (first[key] < 0) first[key] = q >> 1;
      else second[key] = q >> 1;
    }
    const used = new Uint8Array(count);
    const levelRings: Float64Array[] = [];
    const levelBorder: Uint8Array[] = [];
    for (let start = 0; start < count; start++) {
      if (used[start]) continue;
      let n = 0;
      let s = start;
      let at = list[2 * s];
      for (;;) {
        // The crossing on edge `at`: samples a and b, where the level lies between their values.
        if (n === edge.length) {
          const grownXy = new Float64Array(4 * n);
          grownXy.set(xy);
          xy = grownXy;
          const grownEdge = new Uint8Array(2 * n);
          grownEdge.set(edge);
          edge = grownEdge;
        }
        const a = (at / 3) | 0;
        const kind = at - 3 * a;
        const b = a + (kind === 0 ? 1 : kind === 1 ? mx : mx - 1);
        const va = values[a], vb = values[b];
        // The frame is -Infinity: the crossing is then at the inner sample (the two share a position anyway).
        let t = va === -Infinity ? 1 : vb === -Infinity ? 0 : (level - va) / (vb - va);
        if (!(t - t === 0)) t = 0.5; // not finite
        const ia = a % mx, ja = (a - ia) / mx, ib = b % mx, jb = (b - ib) / mx;
        xy[2 * n] = colX[ia] + t * (colX[ib] - colX[ia]);
        xy[2 * n + 1] = rowY[ja] + t * (rowY[jb] - rowY[ja]);
        edge[n] = outer[a] && outer[b] && (va === -Infinity || vb === -Infinity) ? 1 : 0;
        n++;
        if (s < 0 || used[s]) break;
        used[s] = 1;
        at = list[2 * s] === at ? list[2 * s + 1] : list[2 * s];
        s = first[at] === s ? second[at] : first[at];
      }
      const kept = simplify(xy, edge, n);
      levelRings.push(kept.xy);
      levelBorder.push(kept.border);
    }
    for (let q = 0; q < list.length; q++) first[list[q]] = second[list[q]] = -1;
    rings.push(levelRings);
    border.push(levelBorder);
  }
  return { rings, border };
}

/** How far (px) a left-out ring point may lie from the straight line that replaces it. */
const TOLERANCE = 0.05;

/**
 * Leaves out ring points that a straight line through their neighbours passes within TOLERANCE of (sleeve
 * fitting, one pass): from the last point kept, each further point narrows the range of directions a line
 * may take and still pass within TOLERANCE of every point since; when the next point falls outside that
 * range, or comes no further from the last point kept (a line only moves away from it), the one before it
 * is kept and starts a new range. Points where the ring joins or leaves the
 * border are always kept. Marching triangles put two to four points in every cell a line crosses, most of
 * them on a smooth curve: fewer points, fewer calls into the canvas for the same picture.
 */
export function simplify(xy: ArrayLike<number>, edge: ArrayLike<number>, n = edge.length): { xy: Float64Array; border: Uint8Array } {
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  let ax = xy[0], ay = xy[1];
  let lo = -Infinity, hi = Infinity; // the directions (radians from the anchor) still allowed
  let base = 0; // the direction the range is measured around, so that angles do not wrap
  let far = 0; // the furthest distance from the anchor so far: a line may only move away from it
  // The last point is always kept, but the line to it must still pass near the points before it: it is tested too.
  for (let i = 1; i < n; i++) {
    const x = xy[2 * i], y = xy[2 * i + 1];
    const dx = x - ax, dy = y - ay;
    const d = Math.hypot(dx, dy);
    const turn = edge[i] !== edge[i - 1] || (i < n - 1 && edge[i] !== edge[i + 1]);
    let angle = 0;
    if (d > 0) {
      const direction = Math.atan2(dy, dx);
      if (lo === -Infinity) base = direction;
      angle = direction - base;
      if (angle > Math.PI) angle -= 2 * Math.PI;
      else if (angle < -Math.PI) angle += 2 * Math.PI;
    }
    if (turn || angle < lo || angle > hi || d < far) {
      // The line from the anchor cannot reach this point: the previous point is kept and anchors anew.
      keep[i - 1] = 1;
      ax = xy[2 * i - 2];
      ay = xy[2 * i - 1];
      lo = -Infinity;
      hi = Infinity;
      far = 0;
      if (turn) {
        keep[i] = 1;
        ax = x;
        ay = y;
        continue;
      }
      const ex = x - ax, ey = y - ay;
      const e = Math.hypot(ex, ey);
      if (e === 0) continue;
      base = Math.atan2(ey, ex);
      far = e;
      if (e > TOLERANCE) {
        const half = Math.asin(TOLERANCE / e);
        lo = -half;
        hi = half;
      }
      continue;
    }
    far = d;
    if (d > TOLERANCE) {
      const half = Math.asin(TOLERANCE / d);
      if (angle - half > lo) lo = angle - half;
      if (angle + half < hi) hi = angle + half;
    }
  }
  let count = 0;
  for (let i = 0; i < n; i++) count += keep[i];
  const outXy = new Float64Array(2 * count);
  const outEdge = new Uint8Array(count);
  for (let i = 0, k = 0; i < n; i++) {
    if (!keep[i]) continue;
    outXy[2 * k] = xy[2 * i];
    outXy[2 * k + 1] = xy[2 * i + 1];
    outEdge[k++] = edge[i];
  }
  return { xy: outXy, border: outEdge };
}

/** The colour of band b of `bands` (band 0 lies below the first level), spread evenly over viridis. */
export function bandColour(b: number, bands: number): string {
  return viridis(bands > 1 ? b / (bands - 1) : 0);
}

/**
 * Fills the bands: the whole plot in the lowest band's colour, then each level's region over it in
 * increasing order. The regions are nested, so each band shows its own colour and no seams appear.
 */
export function fillBands(ctx: SKRSContext2D, set: ContourSet, plot: Rect): void {
  const bands = set.levels.length + 1;
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.x, plot.y, plot.w, plot.h);
  ctx.clip();
  ctx.fillStyle = bandColour(0, bands);
  ctx.fillRect(plot.x, plot.y, plot.w, plot.h);
  set.rings.forEach((rings, m) => {
    ctx.beginPath();
    for (const ring of rings) {
      ctx.moveTo(ring[0], ring[1]);
      for (let k = 2; k < ring.length; k += 2) ctx.lineTo(ring[k], ring[k + 1]);
      ctx.closePath();
    }
    ctx.fillStyle = bandColour(m + 1, bands);
    ctx.fill('evenodd');
  });
  ctx.restore();
}

/** Strokes the iso-lines thinly, leaving out the edges where a region runs along the grid's border. */
export function strokeIsoLines(ctx: SKRSContext2D, set: ContourSet, plot: Rect, colour: string, width: number): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.x, plot.y, plot.w, plot.h);
  ctx.clip();
  ctx.beginPath();
  set.rings.forEach((rings, m) =>
    rings.forEach((ring, r) => {
      const onBorder = set.border[m][r];
      for (let i = 0; i < onBorder.length; i++) {
        const joined = i > 0 && !(onBorder[i] && onBorder[i - 1]);
        if (joined) ctx.lineTo(ring[2 * i], ring[2 * i + 1]);
        else ctx.moveTo(ring[2 * i], ring[2 * i + 1]);
      }
    }),
  );
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  ctx.lineJoin = 'round';
  ctx.stroke();
  ctx.restore();
}

/** A surface's static picture: its filled contour bands and their iso-lines, inside `rect`. */
export function drawContours(ctx: SKRSContext2D, grid: LossGrid, rect: Rect, style: Style): void {
  const set = contourSet(grid, rect);
  fillBands(ctx, set, rect);
  strokeIsoLines(ctx, set, rect, style.theme.isoLine, Math.max(0.75, style.thin * 0.8));
  if (grid.undefinedAt) hatchUndefined(ctx, grid, grid.undefinedAt, rect, style);
}

/**
 * Where the loss is not defined: each such sample's cell filled grey and hatched, so that it does not pass for
 * the highest loss (the bands give it the top level's colour).
 */
function hatchUndefined(ctx: SKRSContext2D, grid: LossGrid, undefinedAt: Uint8Array, rect: Rect, style: Style): void {
  const cw = rect.w / (grid.nx - 1);
  const ch = rect.h / (grid.ny - 1);
  ctx.save();
  ctx.beginPath();
  ctx.rect(rect.x, rect.y, rect.w, rect.h);
  ctx.clip();
  ctx.beginPath();
  for (let j = 0; j < grid.ny; j++) {
    for (let i = 0; i < grid.nx; i++) {
      if (!undefinedAt[j * grid.nx + i]) continue;
      ctx.rect(rect.x + (i - 0.5) * cw, rect.y + rect.h - (j + 0.5) * ch, cw + 0.5, ch + 0.5);
    }
  }
  ctx.fillStyle = style.theme.background;
  ctx.fill();
  ctx.clip();
  ctx.strokeStyle = style.theme.mutedText;
  ctx.globalAlpha = 0.45;
  ctx.lineWidth = Math.max(1, style.thin);
  ctx.beginPath();
  const step = style.f * 0.8;
  for (let d = -rect.h; d < rect.w; d += step) {
    ctx.moveTo(rect.x + d, rect.y + rect.h);
    ctx.lineTo(rect.x + d + rect.h, rect.y);
  }
  ctx.stroke();
  ctx.restore();
}
