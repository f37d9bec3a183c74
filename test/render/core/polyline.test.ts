import { clipSegment } from '../../../src/render/core/clip';
import { buildPolyline, prefixLength } from '../../../src/render/core/polyline';

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
