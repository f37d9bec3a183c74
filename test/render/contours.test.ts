import { contourSet } from '../../src/render/contours';
import type { LossGrid } from '../../src/types';

/** A grid sampled from f over the window, in the LossGrid layout. */
function grid(f: (w0: number, w1: number) => number, levels: number[], nx = 21, ny = 11): LossGrid {
  const w0Range: [number, number] = [-2, 2];
  const w1Range: [number, number] = [0, 5];
  const values = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      values[j * nx + i] = f(w0Range[0] + (i * 4) / (nx - 1), w1Range[0] + (j * 5) / (ny - 1));
    }
  }
  return { w0Range, w1Range, nx, ny, values, levels };
}

const plot = { x: 100, y: 50, w: 400, h: 300 };
const toW0 = (px: number) => -2 + ((px - plot.x) / plot.w) * 4;
const toW1 = (py: number) => 0 + ((plot.y + plot.h - py) / plot.h) * 5;
const insidePlot = ([x, y]: number[]) => x > plot.x + 1e-9 && x < plot.x + plot.w - 1e-9 && y > plot.y + 1e-9 && y < plot.y + plot.h - 1e-9;

describe('contourSet', () => {
  it('puts a contour of a plane exactly where the plane has that value', () => {
    // Loss = w0 + 2·w1: linear, so marching squares' interpolation is exact.
    const set = contourSet(grid((a, b) => a + 2 * b, [1.3, 4.7]), plot);
    set.levels.forEach((level, m) => {
      const points = set.regions[m].flat(2).filter(insidePlot);
      expect(points.length).toBeGreaterThan(0);
      for (const [x, y] of points) expect(toW0(x) + 2 * toW1(y)).toBeCloseTo(level, 9);
    });
  });

  it('maps w1 upwards and matches an off-centre bowl', () => {
    const f = (a: number, b: number) => (a - 0.5) ** 2 + (b - 3) ** 2;
    const set = contourSet(grid(f, [1], 81, 101), plot);
    const points = set.regions[0].flat(2).filter(insidePlot);
    expect(points.length).toBeGreaterThan(20);
    // A circle of radius 1 around (0.5, 3), up to the grid's interpolation error.
    for (const [x, y] of points) expect(Math.abs(f(toW0(x), toW1(y)) - 1)).toBeLessThan(0.01);
  });

  it('marks the edges that run along the border of the sampled area', () => {
    const set = contourSet(grid((a) => a, [0]), plot);
    const ring = set.regions[0][0][0];
    const border = set.border[0][0][0];
    ring.forEach(([x], i) => {
      if (border[i]) expect(x < plot.x || x > plot.x + plot.w || ring[i][1] < plot.y || ring[i][1] > plot.y + plot.h).toBe(true);
    });
    expect(border.some(Boolean)).toBe(true);
  });
});
