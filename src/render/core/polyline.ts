import { Path2D, type SKRSContext2D } from '@napi-rs/canvas';
import type { Rect } from './layout';
import { clipSegment, inside } from './clip';

/**
 * A path in screen coordinates, computed once per run, such that the part travelled after any iteration k
 * is a prefix of it: every vertex carries the iteration whose step produced it (non-decreasing).
 */
export interface Polyline {
  x: Float64Array;
  y: Float64Array;
  iter: Float64Array;
  /** 1 where a vertex starts a new piece (after a non-finite point or on re-entering the box). */
  move: Uint8Array;
  length: number;
  /**
   * 1 for the vertices a stroke needs (simplify): the others lie within SIMPLIFY_TOLERANCE pixels of the
   * segment between the kept ones around them. Absent: every vertex is kept.
   */
  keep?: Uint8Array;
}

/** Above this many vertices the path is rebuilt with a coarser step, so a frame never strokes millions. */
const MAX_VERTICES = 20000;

/**
 * Builds the polyline through the points i = 0..n−1 (screen coordinates from `px`, `py`; point i belongs to
 * iteration `iterationOf(i)`, by default i), clipped to `box` and thinned: a point closer than `minStep` pixels to the last kept one is dropped (it moves the line by
 * less than it can show). Millions of iterations thus become at most a few thousand vertices.
 */
export function buildPolyline(
  n: number,
  px: ((i: number) => number) | Float64Array,
  py: ((i: number) => number) | Float64Array,
  box: Rect,
  minStep = 0.5,
  iterationOf?: ((i: number) => number) | Float64Array,
): Polyline {
  // The points once, as arrays: a race of six over 10,000 iterations thins 60,000 points while the code is
  // still cold, where each call through px and py costs (and a retry at a coarser step would call them again).
  const xs = typeof px === 'function' ? pointsOf(n, px) : px;
  const ys = typeof py === 'function' ? pointsOf(n, py) : py;
  const its = typeof iterationOf === 'function' ? pointsOf(n, iterationOf) : (iterationOf ?? null);
  for (let step = minStep; ; step = Math.max(2 * step, 0.5)) {
    const last = step > Math.max(box.w, box.h);
    const line = thin(n, xs, ys, box, step, its, last ? Infinity : MAX_VERTICES);
    if (line) return line;
  }
}

function pointsOf(n: number, f: (i: number) => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(i);
  return out;
}

function thin(n: number, px: Float64Array, py: Float64Array, box: Rect, minStep: number, iterationOf: Float64Array | null, limit: number): Polyline | null {
  // Each point adds at most two vertices (a clipped segment's two ends); typed arrays, trimmed at the end.
  const capacity = Math.min(2 * n, Number.isFinite(limit) ? limit + 2 : 2 * n);
  const xs = new Float64Array(capacity);
  const ys = new Float64Array(capacity);
  const its = new Float64Array(capacity);
  const moves = new Uint8Array(capacity);
  let length = 0;
  const min2 = minStep * minStep;
  const x0 = box.x;
  const y0 = box.y;
  const x1 = box.x + box.w;
  const y1 = box.y + box.h;
  const emit = (x: number, y: number, i: number, move: boolean, thinnable: boolean) => {
    if (thinnable && length > 0) {
      const dx = x - xs[length - 1];
      const dy = y - ys[length - 1];
      if (dx * dx + dy * dy < min2) return;
    }
    xs[length] = x;
    ys[length] = y;
    its[length] = iterationOf ? iterationOf[i] : i;
    moves[length] = move ? 1 : 0;
    length++;
  };
  let prevX = NaN;
  let prevY = NaN;
  let prevIn = false;
  for (let i = 0; i < n; i++) {
    const x = px[i];
    const y = py[i];
    const ok = Number.isFinite(x) && Number.isFinite(y);
    // inside(x, y, box), written out: this loop runs over every point of every path.
    const isIn = x >= x0 && x <= x1 && y >= y0 && y <= y1;
    if (ok && prevX === prevX) {
      if (prevIn && isIn) {
        // emit(x, y, i, false, true), the common case, written out.
        const far = length === 0 || (x - xs[length - 1]) ** 2 + (y - ys[length - 1]) ** 2 >= min2;
        if (far) {
          xs[length] = x;
          ys[length] = y;
          its[length] = iterationOf ? iterationOf[i] : i;
          moves[length] = 0;
          length++;
        }
      } else {
        const t = clipSegment(prevX, prevY, x, y, box);
        if (t) {
          const dx = x - prevX;
          const dy = y - prevY;
          if (t[0] > 0) emit(prevX + t[0] * dx, prevY + t[0] * dy, i, true, false);
          emit(prevX + t[1] * dx, prevY + t[1] * dy, i, false, false);
        }
      }
    } else if (ok && isIn) {
      emit(x, y, i, true, false);
    }
    if (length > limit) return null;
    prevX = ok ? x : NaN;
    prevY = ok ? y : NaN;
    prevIn = isIn;
  }
  const x = xs.slice(0, length);
  const y = ys.slice(0, length);
  const move = moves.slice(0, length);
  return { x, y, iter: its.slice(0, length), move, length, keep: simplify(x, y, move, length) };
}

/** How far, in pixels, a vertex left out of a stroke may lie from the segment drawn instead. */
export const SIMPLIFY_TOLERANCE = 0.2;
/**
 * Every SIMPLIFY_SPAN-th vertex is kept whatever its neighbours: the bound on the segment tests' cost and on
 * a frame's tail, and the seams where a line drawn in pieces (surfacePath's layers, in chunks of a multiple
 * of it) meets itself as the whole line does.
 */
export const SIMPLIFY_SPAN = 32;

/**
 * Which vertices a stroke needs, greedily: from each kept vertex the segment is stretched over the
 * following vertices while every vertex it passes lies within SIMPLIFY_TOLERANCE of it; the last vertex
 * that allowed it is kept and the next segment starts there. Piece starts and ends, and every
 * SIMPLIFY_SPAN-th vertex, are kept. Rasterising a stroke costs by the vertex: a smooth loss curve or descent
 * keeps about one vertex in ten and looks the same (the thinning before it already moves a line by up to
 * half a pixel); a noisy one keeps nearly all. Whether a vertex is kept depends on the vertices up to the
 * next one only (see traceRange). Linear in the vertices: at most SIMPLIFY_SPAN tests each.
 */
function simplify(x: Float64Array, y: Float64Array, move: Uint8Array, length: number): Uint8Array {
  const keep = new Uint8Array(length);
  if (length === 0) return keep;
  const tol2 = SIMPLIFY_TOLERANCE * SIMPLIFY_TOLERANCE;
  // Whether every vertex strictly between a and b lies within the tolerance of the segment a–b.
  const spans = (a: number, b: number) => {
    const dx = x[b] - x[a];
    const dy = y[b] - y[a];
    const len2 = dx * dx + dy * dy;
    for (let i = a + 1; i < b; i++) {
      const px = x[i] - x[a];
      const py = y[i] - y[a];
      const t = len2 > 0 ? Math.min(1, Math.max(0, (px * dx + py * dy) / len2)) : 0;
      const ex = px - t * dx;
      const ey = py - t * dy;
      if (ex * ex + ey * ey > tol2) return false;
    }
    return true;
  };
  keep[0] = 1;
  let anchor = 0;
  for (let j = 1; j < length; j++) {
    if (move[j]) {
      keep[j - 1] = 1;
    } else if (!spans(anchor, j)) {
      // j − 1 > anchor here: a segment to the very next vertex passes no vertex.
      keep[j - 1] = 1;
      anchor = j - 1;
    }
    if (move[j] || j % SIMPLIFY_SPAN === 0) {
      keep[j] = 1;
      anchor = j;
    }
  }
  keep[length - 1] = 1;
  return keep;
}

/** The number of vertices that belong to the path up to and including iteration k (a binary search). */
export function prefixLength(line: Polyline, k: number): number {
  let lo = 0;
  let hi = line.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (line.iter[mid] <= k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Adds the path up to iteration k to the context's current path (call beginPath first, stroke after), then
 * a last segment to the exact current point (cx, cy) when it is finite and inside `box`: the thinned
 * vertices lag the true position by under minStep, and the line should end exactly at the marker. With
 * `from`, only the rest of the path from that vertex on (the part before it is drawn already).
 */
export function tracePrefix(ctx: SKRSContext2D, line: Polyline, k: number, cx: number, cy: number, box: Rect, from = 0): void {
  const count = prefixLength(line, k);
  traceRange(ctx, line, from, count);
  if (count > from && Number.isFinite(cx) && Number.isFinite(cy) && inside(cx, cy, box)) ctx.lineTo(cx, cy);
}

/**
 * Adds vertices from..to−1 to the context's current path: a piece starts at `from` and wherever the line
 * moves; between, the vertices the line keeps (simplify), and it ends on vertex to−1 itself. Whether to−1
 * is kept may depend on the vertex after it, which a frame must not know of (it may belong to a later
 * iteration); the segment from the last kept vertex to it is one simplify has checked already (every vertex
 * it passes is within the tolerance), and once the line goes on it stays where it was drawn: a settled
 * line does not shimmer from frame to frame. `from` is a vertex the line keeps (0, or a multiple of
 * SIMPLIFY_SPAN); prefixPaths draws the same.
 */
export function traceRange(ctx: SKRSContext2D, line: Polyline, from: number, to: number): void {
  const { x, y, move, keep } = line;
  for (let v = from; v < to; v++) {
    if (v === from || move[v]) ctx.moveTo(x[v], y[v]);
    else if (!keep || keep[v] || v === to - 1) ctx.lineTo(x[v], y[v]);
  }
}

/**
 * A line's prefix at iteration k, ending at the current point (cx, cy), as a path to stroke (see
 * prefixPaths); with `from`, only its part from that vertex on, as tracePrefix draws it.
 */
export type PrefixPath = (k: number, cx: number, cy: number, box: Rect, from?: number) => Path2D;

/**
 * tracePrefix for frames drawn in order, as a Path2D: the vertices up to the last frame's are kept in one
 * path that grows by what each frame adds, and a frame gets a copy of it with the segment to its current
 * point. Tracing every prefix anew cost a native call per vertex per frame (about 0.35 µs each: 0.9 ms of a
 * 2.6 ms frame for a race's six loss curves of 800 vertices). The path is tracePrefix's, move for move and
 * vertex for vertex, so the pixels are the same. Going back to an earlier iteration, or another `from`,
 * starts the path over.
 */
export function prefixPaths(line: Polyline): PrefixPath {
  const { x, y, move, keep } = line;
  let settled = new Path2D();
  let start = 0; // the vertex `settled` starts at
  let added = 0; // vertices start..added−1 have been looked at: those kept are in `settled`
  return (k, cx, cy, box, from = 0) => {
    const count = prefixLength(line, k);
    // All but the last vertex are settled (see traceRange): the last is added to each frame's copy.
    const end = Math.max(from, count - 1);
    if (from !== start || end < added) {
      settled = new Path2D();
      start = added = from;
    }
    for (; added < end; added++) {
      if (added === from || move[added]) settled.moveTo(x[added], y[added]);
      else if (!keep || keep[added]) settled.lineTo(x[added], y[added]);
    }
    const path = new Path2D(settled);
    const last = count - 1;
    if (last >= from) {
      if (last === from || move[last]) path.moveTo(x[last], y[last]);
      else path.lineTo(x[last], y[last]);
    }
    if (count > from && Number.isFinite(cx) && Number.isFinite(cy) && inside(cx, cy, box)) path.lineTo(cx, cy);
    return path;
  };
}
