/**
 * A small rasterizer for the 3-D surface: flat-coloured quads written straight into an RGBA buffer, in the
 * order given (the painter's algorithm: the caller sorts them back to front). A canvas fill per quad costs
 * about 3.5 µs of native calls, so a turning 32×32 mesh would take ~3.6 ms a frame (5× a whole 2-D frame);
 * this takes about 0.6 ms. Mesh lines come from the same edge functions: a pixel near one of the quad's
 * sides is darkened by how close it is, which gives thin, smooth, correctly hidden lines at no extra pass.
 */

export interface RasterTarget {
  width: number;
  height: number;
  /** RGBA, row-major; pixels a quad covers become opaque. */
  data: Uint8ClampedArray;
  /** The same pixels as one word each, for filling runs of one colour. */
  words: Uint32Array;
  /** Per pixel, the depth of the quad painted there last (Infinity where none is): what hides a path. */
  depth: Float32Array;
}

/** A target over `data`. */
export function rasterTarget(width: number, height: number, data: Uint8ClampedArray): RasterTarget {
  return { width, height, data, words: new Uint32Array(data.buffer, data.byteOffset, data.length >> 2), depth: new Float32Array(width * height).fill(Infinity) };
}

export interface QuadStyle {
  /** Half the mesh line's width in pixels (0: no lines). */
  lineHalfWidth: number;
  /** How far a line pixel goes towards black, 0..1. */
  lineDarkness: number;
}

/**
 * Fills the quad (x[0], y[0]) … (x[3], y[3]), its corners in order around it, in colour (r, g, b), with a
 * line along side k (corner k to k + 1) when bit k of `sides` is set, and records `depth` under it. Coordinates are pixels of the target. Seen in perspective a cell is almost always
 * convex and is filled in one pass; a folded one (at a silhouette) is filled as the triangles 0-1-2 and
 * 0-2-3, with no line along their shared diagonal.
 */
export function fillQuad(t: RasterTarget, x: ArrayLike<number>, y: ArrayLike<number>, r: number, g: number, b: number, style: QuadStyle, depth = 0, sides = 0b1111): void {
  quadDepth = depth;
  let pos = 0;
  let neg = 0;
  for (let k = 0; k < 4; k++) {
    const a = k;
    const m = (k + 1) & 3;
    const c = (k + 2) & 3;
    const turn = (x[m] - x[a]) * (y[c] - y[m]) - (y[m] - y[a]) * (x[c] - x[m]);
    if (turn > 0) pos++;
    else if (turn < 0) neg++;
  }
  if (pos === 0 || neg === 0) {
    fillPolygon(t, x, y, QUAD, sides, r, g, b, style);
    return;
  }
  // Sides 0 and 1 are the first triangle's first two edges; sides 2 and 3 the second's last two.
  fillPolygon(t, x, y, FIRST, sides & 0b11, r, g, b, style);
  fillPolygon(t, x, y, SECOND, (sides >> 1) & 0b110, r, g, b, style);
}

const QUAD = [0, 1, 2, 3];
const FIRST = [0, 1, 2];
const SECOND = [0, 2, 3];

/*
 * The polygon being filled, kept in module state rather than in closures or arrays per polygon:
 * allocation and calls, not pixels, are what a few thousand cells of a few pixels each spend time on.
 * Edge k's function is E_k(X, Y) = A_k·X + B_k·Y + C_k, positive inside; I_k = 1/|(A_k, B_k)| turns it into
 * a distance in pixels, or is 0 for a side without a line.
 */
const A = new Float64Array(4);
const B = new Float64Array(4);
const C = new Float64Array(4);
const I = new Float64Array(4);
/** Per edge, the row's bound on X as a line in Y: X ≥ or ≤ P·Y + Q, inside (…In) or clear of its line (…Clear). */
const PIn = new Float64Array(4);
const QIn = new Float64Array(4);
const PClear = new Float64Array(4);
const QClear = new Float64Array(4);
let edges = 0;
let quadDepth = 0;
let spanLo = 0;
let spanHi = 0;

/**
 * Pixel centres inside the convex polygon through the corners `at` of (x, y), with a line along side k
 * (from corner k to k + 1) when bit k of `lines` is set. Each row's inside span comes from the edge
 * functions directly; within it the run no line reaches is filled with whole words, and only the pixels
 * near a line are shaded one by one.
 */
function fillPolygon(t: RasterTarget, x: ArrayLike<number>, y: ArrayLike<number>, at: number[], lines: number, r: number, g: number, b: number, style: QuadStyle): void {
  const n = at.length;
  let area = 0;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let k = 0; k < n; k++) {
    const p = at[k];
    const q = at[(k + 1) % n];
    area += x[p] * y[q] - x[q] * y[p];
    yMin = Math.min(yMin, y[p]);
    yMax = Math.max(yMax, y[p]);
  }
  if (!(Math.abs(area) > 1e-9)) return;
  // Either winding: the edge functions are made positive inside.
  const s = area > 0 ? 1 : -1;
  const hw = style.lineHalfWidth;
  edges = n;
  for (let k = 0; k < n; k++) {
    const p = at[k];
    const q = at[(k + 1) % n];
    A[k] = -s * (y[q] - y[p]);
    B[k] = s * (x[q] - x[p]);
    C[k] = -(A[k] * x[p] + B[k] * y[p]);
    I[k] = lines & (1 << k) && hw > 0 ? 1 / Math.sqrt(A[k] * A[k] + B[k] * B[k]) : 0;
  }
  const reach = hw + 0.5;
  // Pixels exactly on a shared edge belong to both cells: no cracks between them.
  const eps = -1e-9 * Math.max(Math.abs(area), 1);
  for (let k = 0; k < n; k++) {
    // A·X + B·Y + C ≥ off, X a pixel centre px + ½, solved for px: a line in Y, once per polygon.
    const off = I[k] > 0 ? reach / I[k] : eps;
    const a = A[k] === 0 ? 1 : A[k];
    PIn[k] = -B[k] / a;
    QIn[k] = -(C[k] - eps) / a - 0.5;
    PClear[k] = PIn[k];
    QClear[k] = -(C[k] - off) / a - 0.5;
  }
  const packed = pack(r, g, b);
  const { width, words, data } = t;
  const y0 = Math.max(0, Math.floor(yMin));
  const y1 = Math.min(t.height - 1, Math.ceil(yMax));
  for (let py = y0; py <= y1; py++) {
    const Y = py + 0.5;
    rowSpan(Y, PIn, QIn, 0, width - 1);
    const lo = spanLo;
    const hi = spanHi;
    if (lo > hi) continue;
    rowSpan(Y, PClear, QClear, lo, hi);
    const row = py * width;
    if (spanLo > spanHi) {
      shadeRun(data, t.depth, row, lo, hi, Y, r, g, b, reach, style.lineDarkness);
      continue;
    }
    const ilo = spanLo;
    const ihi = spanHi;
    shadeRun(data, t.depth, row, lo, ilo - 1, Y, r, g, b, reach, style.lineDarkness);
    // A plain loop: runs are a few pixels, shorter than a native fill's call costs.
    for (let k = row + ilo, end = row + ihi; k <= end; k++) {
      words[k] = packed;
      t.depth[k] = quadDepth;
    }
    shadeRun(data, t.depth, row, ihi + 1, hi, Y, r, g, b, reach, style.lineDarkness);
  }
}

/**
 * Sets [spanLo, spanHi] to the pixels of [lo, hi] on row Y that every edge's bound allows: px ≥ P·Y + Q for
 * an edge with A > 0, px ≤ P·Y + Q for A < 0; an edge with A = 0 (horizontal) allows the row or none of it.
 */
function rowSpan(Y: number, P: Float64Array, Q: Float64Array, lo: number, hi: number): void {
  for (let k = 0; k < edges; k++) {
    const a = A[k];
    const bound = P[k] * Y + Q[k];
    if (a > 0) lo = Math.max(lo, Math.ceil(bound));
    else if (a < 0) hi = Math.min(hi, Math.floor(bound));
    // Horizontal (A taken as 1 above): B·Y + C ≥ off holds exactly when bound ≤ −½.
    else if (bound > -0.5) hi = lo - 1;
  }
  spanLo = lo;
  spanHi = hi;
}

/** Pixels from..to of a row, each darkened by how much of it the nearest line covers. */
function shadeRun(data: Uint8ClampedArray, depth: Float32Array, row: number, from: number, to: number, Y: number, r: number, g: number, b: number, reach: number, dark: number): void {
  for (let px = from; px <= to; px++) {
    const X = px + 0.5;
    let cover = 0;
    for (let k = 0; k < edges; k++) if (I[k] > 0) cover = Math.max(cover, reach - (A[k] * X + B[k] * Y + C[k]) * I[k]);
    const keep = 1 - dark * Math.min(1, cover);
    const o = (row + px) * 4;
    data[o] = r * keep;
    data[o + 1] = g * keep;
    data[o + 2] = b * keep;
    data[o + 3] = 255;
    depth[row + px] = quadDepth;
  }
}

/** An opaque colour as one 32-bit word of RGBA bytes in this machine's byte order. */
const LITTLE = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
function pack(r: number, g: number, b: number): number {
  return LITTLE ? ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | 255) >>> 0;
}

