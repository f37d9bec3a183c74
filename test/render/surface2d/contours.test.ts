import { createCanvas } from '@napi-rs/canvas';
import { bandColour, contourSet, fillBands, simplify } from '../../../src/render/surface2d/contours';
import { viridisRgb } from '../../../src/render/core/viridis';
import type { LossGrid } from '../../../src/types';

/** A grid sampled from f over the window, in the LossGrid layout. */
function grid(f: (w0: number, w1: number) => number, levels: number[], nx = 21, ny = 11): LossGrid {
  const uRange: [number, number] = [-2, 2];
  const vRange: [number, number] = [0, 5];
  const values = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      values[j * nx + i] = f(uRange[0] + (i * 4) / (nx - 1), vRange[0] + (j * 5) / (ny - 1));
    }
  }
  return { uRange, vRange, nx, ny, values, levels };
}

const plot = { x: 100, y: 50, w: 400, h: 300 };
const toW0 = (px: number) => -2 + ((px - plot.x) / plot.w) * 4;
const toW1 = (py: number) => 0 + ((plot.y + plot.h - py) / plot.h) * 5;
/** Every ring point of level m as [x, y]. */
const pointsOf = (rings: Float64Array[]) => rings.flatMap((ring) => Array.from({ length: ring.length / 2 }, (_, i) => [ring[2 * i], ring[2 * i + 1]]));
const insidePlot = ([x, y]: number[]) => x > plot.x + 1e-9 && x < plot.x + plot.w - 1e-9 && y > plot.y + 1e-9 && y < plot.y + plot.h - 1e-9;

describe('contourSet', () => {
  it('puts a contour of a plane exactly where the plane has that value', () => {
    // Loss = w0 + 2·w1: linear, so the interpolation on triangles is exact.
    const set = contourSet(grid((a, b) => a + 2 * b, [1.3, 4.7]), plot);
    set.levels.forEach((level, m) => {
      // The line's own points, not the ring's way round along the border (a straight line keeps only its ends).
      const points = pointsOf(set.rings[m]).filter((_, i) => !set.border[m].flatMap((b) => Array.from(b))[i]);
      expect(points.length).toBeGreaterThanOrEqual(2);
      for (const [x, y] of points) expect(toW0(x) + 2 * toW1(y)).toBeCloseTo(level, 9);
    });
  });

  it('maps w1 upwards and matches an off-centre bowl', () => {
    const f = (a: number, b: number) => (a - 0.5) ** 2 + (b - 3) ** 2;
    const set = contourSet(grid(f, [1], 81, 101), plot);
    const points = pointsOf(set.rings[0]).filter(insidePlot);
    expect(points.length).toBeGreaterThan(20);
    // A circle of radius 1 around (0.5, 3), up to the grid's interpolation error.
    for (const [x, y] of points) expect(Math.abs(f(toW0(x), toW1(y)) - 1)).toBeLessThan(0.01);
  });

  it('handles more levels than fit in a byte', () => {
    // Loss = w0 + 2·w1 from -2 to 12 with 300 levels: every ring point inside the plot lies on its level.
    const levels = Array.from({ length: 300 }, (_, m) => -1.9 + (m * 13.8) / 300);
    const set = contourSet(grid((a, b) => a + 2 * b, levels), plot);
    expect(set.rings).toHaveLength(300);
    set.levels.forEach((level, m) => {
      for (const [x, y] of pointsOf(set.rings[m]).filter(insidePlot)) expect(toW0(x) + 2 * toW1(y)).toBeCloseTo(level, 9);
    });
  });

  it('closes every region along the border and marks the points there', () => {
    const set = contourSet(grid((a) => a, [0]), plot);
    expect(set.rings[0]).toHaveLength(1);
    const ring = set.rings[0][0];
    const border = set.border[0][0];
    const n = ring.length / 2;
    expect([ring[0], ring[1]]).toEqual([ring[2 * n - 2], ring[2 * n - 1]]); // closed
    for (let i = 0; i < n; i++) {
      const [x, y] = [ring[2 * i], ring[2 * i + 1]];
      if (border[i]) expect(x <= plot.x + 1e-9 || x >= plot.x + plot.w - 1e-9 || y <= plot.y + 1e-9 || y >= plot.y + plot.h - 1e-9).toBe(true);
    }
    expect(border.some(Boolean)).toBe(true);
    // The region w0 >= 0 is the right half of the plot: its ring spans x from the middle to the right edge.
    const xs = Array.from({ length: n }, (_, i) => ring[2 * i]);
    expect(Math.min(...xs)).toBeCloseTo(plot.x + plot.w / 2, 9);
    expect(Math.max(...xs)).toBeCloseTo(plot.x + plot.w, 9);
  });

  it('fills each band with its colour: a pixel shows the band of the loss at its centre', () => {
    const f = (a: number, b: number) => (a - 0.5) ** 2 + (b - 3) ** 2;
    const levels = [0.25, 1, 2.5, 6];
    const set = contourSet(grid(f, levels, 41, 51), plot);
    const canvas = createCanvas(600, 400);
    const ctx = canvas.getContext('2d');
    fillBands(ctx, set, plot);
    const px = canvas.data();
    const rgb = (b: number) => {
      expect(bandColour(b, levels.length + 1)).toBe(`rgb(${viridisRgb(b / levels.length).join(',')})`);
      return viridisRgb(b / levels.length);
    };
    let checked = 0;
    for (let y = plot.y + 3; y < plot.y + plot.h - 3; y += 7) {
      for (let x = plot.x + 3; x < plot.x + plot.w - 3; x += 7) {
        const loss = f(toW0(x + 0.5), toW1(y + 0.5));
        // Away from the band edges (the interpolation moves them by a fraction of a grid cell).
        if (levels.some((l) => Math.abs(loss - l) < 0.15 * Math.max(1, l))) continue;
        const band = levels.filter((l) => loss >= l).length;
        const i = (y * 600 + x) * 4;
        expect([x, y, px[i], px[i + 1], px[i + 2]]).toEqual([x, y, ...rgb(band)]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
    // Outside the plot nothing is painted.
    expect(px[((plot.y - 2) * 600 + plot.x + 10) * 4 + 3]).toBe(0);
  });

  it('leaves out only ring points within 0.05 px of the line that replaces them, and keeps border joins', () => {
    let seed = 5;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let worst = 0;
    let kept = 0;
    let total = 0;
    for (let t = 0; t < 1500; t++) {
      // Random walks: smooth curves, tight spirals and hairpins, with a few points flagged as on the border.
      const n = 2 + Math.floor(rnd() * 150);
      const xy: number[] = [];
      const edge: number[] = [];
      let [x, y, a] = [rnd() * 100, rnd() * 100, rnd() * 6.28];
      const curve = (rnd() - 0.5) * (t % 3 === 0 ? 3 : 0.5);
      for (let i = 0; i < n; i++) {
        xy.push(x, y);
        edge.push(rnd() < 0.03 ? 1 : 0);
        a += curve + (rnd() < 0.3 ? (rnd() - 0.5) * 0.2 : 0);
        const step = rnd() * 3;
        x += Math.cos(a) * step;
        y += Math.sin(a) * step;
      }
      const out = simplify(xy, edge);
      total += n;
      kept += out.border.length;
      // Which input points were kept, in order; the first, the last and every border join among them.
      const index: number[] = [];
      for (let i = 0, k = 0; i < n && k < out.border.length; i++) if (xy[2 * i] === out.xy[2 * k] && xy[2 * i + 1] === out.xy[2 * k + 1]) (index.push(i), k++);
      expect(index.length).toBe(out.border.length);
      expect([index[0], index[index.length - 1]]).toEqual([0, n - 1]);
      for (let i = 1; i < n - 1; i++) if (edge[i] !== edge[i - 1] || edge[i] !== edge[i + 1]) expect(index).toContain(i);
      for (let s = 0; s + 1 < index.length; s++) {
        const [p, q] = [index[s], index[s + 1]];
        const [ax, ay, dx, dy] = [xy[2 * p], xy[2 * p + 1], xy[2 * q] - xy[2 * p], xy[2 * q + 1] - xy[2 * p + 1]];
        const l2 = dx * dx + dy * dy;
        for (let i = p + 1; i < q; i++) {
          const [px, py] = [xy[2 * i] - ax, xy[2 * i + 1] - ay];
          const u = l2 > 0 ? Math.max(0, Math.min(1, (px * dx + py * dy) / l2)) : 0;
          worst = Math.max(worst, Math.hypot(px - u * dx, py - u * dy));
        }
      }
    }
    expect(worst).toBeLessThanOrEqual(0.05 + 1e-12);
    expect(kept).toBeLessThan(total); // and it does leave points out
  });
});

