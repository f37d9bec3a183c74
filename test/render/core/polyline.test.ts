import { createCanvas } from '@napi-rs/canvas';
import { clipSegment } from '../../../src/render/core/clip';
import { buildPolyline, prefixLength, prefixPaths, SIMPLIFY_SPAN, SIMPLIFY_TOLERANCE, tracePrefix, traceRange, type Polyline } from '../../../src/render/core/polyline';

const box = { x: 0, y: 0, w: 100, h: 100 };

describe('clipSegment', () => {
  it('keeps a segment inside the box whole', () => {
    expect(clipSegment(10, 10, 90, 90, box)).toEqual([0, 1]);
  });

  it('cuts a segment at the box edges, keeping its direction', () => {
    const t = clipSegment(-100, 50, 100, 50, box)!;
    expect(t[0]).toBeCloseTo(0.5, 12);
    expect(t[1]).toBeCloseTo(1, 12);
  });

  it('rejects segments that miss the box, and astronomically long ones cleanly', () => {
    expect(clipSegment(-10, -10, -5, 200, box)).toBeNull();
    const t = clipSegment(50, 50, 1e300, 1e300, box)!;
    expect(t[0]).toBe(0);
    expect(50 + t[1] * (1e300 - 50)).toBeCloseTo(100, 6);
  });
});

describe('buildPolyline', () => {
  const line = (xs: number[], ys: number[], minStep = 0.5) =>
    buildPolyline(xs.length, (i) => xs[i], (i) => ys[i], box, minStep);

  it('drops points that move less than minStep from the last kept one', () => {
    const xs = Array.from({ length: 1001 }, (_, i) => 10 + i * 0.01);
    const p = line(xs, xs.map(() => 50));
    // 10 px travelled in 0.01 px steps: one vertex every 0.5 px, plus the first.
    expect(p.length).toBe(21);
    expect(p.iter[0]).toBe(0);
    expect(p.iter[1]).toBe(50);
  });

  it('tags vertices so that a prefix holds exactly the path up to an iteration', () => {
    const p = line([10, 20, 30, 40], [10, 10, 10, 10]);
    expect(Array.from(p.iter)).toEqual([0, 1, 2, 3]);
    expect(prefixLength(p, 0)).toBe(1);
    expect(prefixLength(p, 2)).toBe(3);
    expect(prefixLength(p, -1)).toBe(0);
    expect(prefixLength(p, 99)).toBe(4);
  });

  it('clips a path that leaves and re-enters the box, starting a new piece on re-entry', () => {
    const p = line([50, 50, 50], [50, -1e6, 60]);
    expect(Array.from(p.x)).toEqual([50, 50, 50, 50]);
    expect(Array.from(p.y)).toEqual([50, 0, 0, 60]);
    expect(Array.from(p.iter)).toEqual([0, 1, 2, 2]);
    expect(Array.from(p.move)).toEqual([1, 0, 1, 0]);
  });

  it('breaks the path at non-finite points', () => {
    const p = line([10, NaN, 30, 40], [10, 10, 10, 10]);
    expect(Array.from(p.iter)).toEqual([0, 2, 3]);
    expect(Array.from(p.move)).toEqual([1, 1, 0]);
  });

  it('keeps a long noisy path to a bounded number of vertices', () => {
    const n = 300_000;
    const p = buildPolyline(n, (i) => 50 + 40 * Math.sin(i * 1.7), (i) => 50 + 40 * Math.cos(i * 2.3), box, 0.5);
    expect(p.length).toBeLessThanOrEqual(20000);
    expect(p.iter[p.length - 1]).toBeLessThan(n);
  });
});

describe('prefixPaths', () => {
  // A wandering path of 400 iterations that breaks at a non-finite point and leaves and re-enters the box.
  const n = 400;
  const px = (i: number) => (i === 150 ? NaN : 50 + 45 * Math.sin(i * 0.031) + 3 * Math.sin(i * 0.7));
  const py = (i: number) => 50 + 60 * Math.sin(i * 0.02) + 2 * Math.cos(i * 0.9);
  const line = buildPolyline(n, px, py, box, 0.5);

  /** The pixels of the prefix at k stroked with `trace` (which adds it to a context's path) or from a Path2D. */
  function pixels(draw: (ctx: import('@napi-rs/canvas').SKRSContext2D) => void): Buffer {
    const c = createCanvas(100, 100);
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#203040';
    ctx.fillRect(0, 0, 100, 100);
    ctx.lineWidth = 2.2;
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    ctx.strokeStyle = '#e07020';
    draw(ctx);
    return Buffer.from(c.data());
  }

  it('has pieces to draw (a break and an exit), so the comparison below covers them', () => {
    expect(line.move.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3);
    expect(line.length).toBeGreaterThan(200);
    // …and vertices the stroke leaves out (simplify), so the comparisons cover the tail drawn after them.
    expect(line.keep!.reduce((a, b) => a + b, 0)).toBeLessThan(line.length - 20);
  });

  it('strokes exactly the pixels of tracePrefix, whatever order the iterations come in', () => {
    const prefix = prefixPaths(line);
    // Forwards (the animation), the same iteration twice, backwards (a still after it), then forwards again.
    for (const k of [0, 1, 2, 40, 40, 149, 150, 151, 152, 260, 399, 120, 0, 300, 399]) {
      const cx = px(k);
      const cy = py(k);
      const expected = pixels((ctx) => {
        ctx.beginPath();
        tracePrefix(ctx, line, k, cx, cy, box);
        ctx.stroke();
      });
      expect(pixels((ctx) => ctx.stroke(prefix(k, cx, cy, box))).equals(expected)).toBe(true);
    }
  });

  it('draws only the part from a vertex on, as tracePrefix with from (the tail of a layered path), and starts over at another', () => {
    const prefix = prefixPaths(line);
    for (const [k, from] of [[100, 64], [130, 64], [200, 128], [260, 128], [260, 192], [90, 64], [399, 0]]) {
      const expected = pixels((ctx) => {
        ctx.beginPath();
        tracePrefix(ctx, line, k, px(k), py(k), box, from);
        ctx.stroke();
      });
      expect(pixels((ctx) => ctx.stroke(prefix(k, px(k), py(k), box, from))).equals(expected)).toBe(true);
    }
  });

  it('ends at the current point, not at the last vertex: a frame between two vertices shows the exact position', () => {
    const prefix = prefixPaths(line);
    const k = 30;
    const atVertex = pixels((ctx) => ctx.stroke(prefix(k, NaN, NaN, box)));
    const atPoint = pixels((ctx) => ctx.stroke(prefix(k, px(k) + 3, py(k), box)));
    expect(atPoint.equals(atVertex)).toBe(false);
  });
});

describe('simplify (the vertices a stroke keeps)', () => {
  const smooth = buildPolyline(3000, (i) => 50 + 40 * Math.cos(i / 600), (i) => 50 + 40 * Math.sin(i / 600), box, 0.5);
  const noisy = buildPolyline(3000, (i) => 50 + 30 * Math.sin(i * 1.7), (i) => 50 + 30 * Math.cos(i * 2.3), box, 0.5);
  const kept = (l: Polyline) => Array.from(l.keep!).reduce((a, b) => a + b, 0);

  /** The largest distance of a left-out vertex from the segment between the kept vertices around it. */
  function worstOffset(l: Polyline): number {
    let worst = 0;
    let a = 0;
    for (let b = 1; b < l.length; b++) {
      if (!l.keep![b]) continue;
      const dx = l.x[b] - l.x[a], dy = l.y[b] - l.y[a];
      const len2 = dx * dx + dy * dy;
      for (let i = a + 1; i < b; i++) {
        const t = len2 > 0 ? Math.min(1, Math.max(0, ((l.x[i] - l.x[a]) * dx + (l.y[i] - l.y[a]) * dy) / len2)) : 0;
        worst = Math.max(worst, Math.hypot(l.x[i] - l.x[a] - t * dx, l.y[i] - l.y[a] - t * dy));
      }
      a = b;
    }
    return worst;
  }

  it('leaves out only vertices within the tolerance of the segment drawn instead', () => {
    for (const l of [smooth, noisy]) expect(worstOffset(l)).toBeLessThanOrEqual(SIMPLIFY_TOLERANCE + 1e-12);
  });

  it('keeps about one vertex in ten of a smooth arc and nearly all of a noisy line', () => {
    expect(smooth.length).toBeGreaterThan(100);
    expect(kept(smooth)).toBeLessThan(smooth.length / 5);
    expect(kept(noisy)).toBeGreaterThan(noisy.length * 0.9);
  });

  it('keeps every piece start and end, and every SIMPLIFY_SPAN-th vertex (where layered chunks meet)', () => {
    const l = buildPolyline(400, (i) => (i === 150 ? NaN : 50 + 45 * Math.sin(i * 0.031)), (i) => 50 + 60 * Math.sin(i * 0.02), box, 0.5);
    expect(l.move.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3);
    for (let v = 0; v < l.length; v++) {
      if (l.move[v] || v % SIMPLIFY_SPAN === 0 || v === l.length - 1 || l.move[v + 1]) expect([v, l.keep![v]]).toEqual([v, 1]);
    }
  });

  it('draws a frame from the path up to its iteration only: another future, the same pixels', () => {
    const K = 1500;
    const a = buildPolyline(3000, (i) => 50 + 40 * Math.cos(i / 600), (i) => 50 + 40 * Math.sin(i / 600), box, 0.5);
    // The same path to iteration K, then a jump aside and still: a vertex the other path's simplification
    // would keep (if it looked one vertex ahead) and a's would not.
    const b = buildPolyline(3000, (i) => 50 + 40 * Math.cos(Math.min(i, K) / 600) + (i > K ? 2 : 0), (i) => 50 + 40 * Math.sin(Math.min(i, K) / 600) + (i > K ? 2 : 0), box, 0.5);
    const pa = prefixPaths(a), pb = prefixPaths(b);
    let compared = 0;
    // Every iteration near K, where the vertex after the frame's last one is the first of the other future.
    for (let k = 0; k <= K; k += k < K - 60 ? 7 : 1) {
      const draw = (p: typeof pa) => stroked((ctx) => ctx.stroke(p(k, NaN, NaN, box)));
      expect([k, draw(pa).equals(draw(pb))]).toEqual([k, true]);
      const t = (c: import('@napi-rs/canvas').SKRSContext2D, l: Polyline) => { c.beginPath(); tracePrefix(c, l, k, NaN, NaN, box); c.stroke(); };
      expect(stroked((c) => t(c, a)).equals(stroked((c) => t(c, b)))).toBe(true);
      compared++;
    }
    expect(compared).toBeGreaterThan(200);
    // …and the futures do differ: the whole paths are not the same picture.
    expect(stroked((c) => c.stroke(pa(2999, NaN, NaN, box))).equals(stroked((c) => c.stroke(pb(2999, NaN, NaN, box))))).toBe(false);
  });

  it('never redraws what a frame showed, but its last segment: the settled line does not shimmer', () => {
    const ops = (l: Polyline, to: number) => {
      const seen: string[] = [];
      const ctx = { moveTo: (x: number, y: number) => seen.push(`M${x},${y}`), lineTo: (x: number, y: number) => seen.push(`L${x},${y}`) };
      traceRange(ctx as unknown as import('@napi-rs/canvas').SKRSContext2D, l, 0, to);
      return seen;
    };
    for (const l of [smooth, noisy]) {
      let shorter = 0;
      for (let to = 2; to < l.length; to++) {
        const before = ops(l, to);
        const after = ops(l, to + 1);
        // Everything before the last vertex is drawn again the same, in the same order.
        expect(after.slice(0, before.length - 1)).toEqual(before.slice(0, -1));
        if (after.length <= before.length) shorter++;
      }
      // …and most frames of the smooth arc draw no more segments than the one before: the last one stretches.
      if (l === smooth) expect(shorter).toBeGreaterThan(l.length / 2);
    }
  });

  it('looks the same as the line through every vertex: no pixel off by more than a quarter of its range', () => {
    for (const l of [smooth, noisy]) {
      const all = { ...l, keep: undefined };
      const [p, q] = [l, all].map((line) => stroked((c) => c.stroke(prefixPaths(line)(1e9, NaN, NaN, box))));
      let far = 0, differ = 0;
      for (let i = 0; i < p.length; i += 4) {
        const d = Math.max(Math.abs(p[i] - q[i]), Math.abs(p[i + 1] - q[i + 1]), Math.abs(p[i + 2] - q[i + 2]));
        if (d > 0) differ++;
        if (d > 64) far++;
      }
      expect(far).toBe(0);
      if (l === smooth) expect(differ).toBeGreaterThan(0); // the comparison sees the simplification
    }
  });
});

/** The pixels of a 100x100 canvas with `draw` stroking on it (2.2 px, round joins). */
function stroked(draw: (ctx: import('@napi-rs/canvas').SKRSContext2D) => void): Buffer {
  const c = createCanvas(100, 100);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#203040';
  ctx.fillRect(0, 0, 100, 100);
  ctx.lineWidth = 2.2;
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  ctx.strokeStyle = '#e07020';
  draw(ctx);
  return Buffer.from(c.data());
}
