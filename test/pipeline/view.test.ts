/**
 * Views: weights to the surface plane and back. A pair of weights, a plane through a point spanned by two
 * directions, and a view through a change of variable (standardized x); the numbers checked exactly or to
 * rounding, and against the scene a run builds.
 */
import { sceneFromOptions } from '../../src/index';
import { toScaledUnits } from '../../src/engine/standardize';
import { momentsOf } from '../../src/engine/moments';
import { planeGrid } from '../../src/engine/grid';
import { mappedView, pairView, planePath, planeView } from '../../src/pipeline/view';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number) => {
  expect(a.length).toBe(b.length);
  for (let k = 0; k < a.length; k++) expect(Math.abs(a[k] - b[k])).toBeLessThanOrEqual(tol);
};

describe('pairView', () => {
  it('of two weights is the identity, exactly', () => {
    const view = pairView([0.5, -2], 0, 1, ['w0', 'w1']);
    expect(view.toPlane([1.1, 0.3])).toEqual([1.1, 0.3]);
    expect(Array.from(view.toWeights(1.1, 0.3))).toEqual([1.1, 0.3]);
  });

  it('of two weights of five holds the others at the point it was made at', () => {
    const at = [1, 2, 3, 4, 5];
    const view = pairView(at, 3, 1, ['w3', 'w1']);
    expect(view.toPlane([9, 8, 7, 6, 5])).toEqual([6, 8]);
    expect(Array.from(view.toWeights(-1, -2))).toEqual([1, -2, 3, -1, 5]);
    // Changing the array afterwards does not move the view.
    at[0] = 100;
    expect(view.toWeights(0, 0)[0]).toBe(1);
  });

  it('refuses one weight twice or a weight the problem does not have', () => {
    expect(() => pairView([0, 0, 0], 1, 1, ['a', 'b'])).toThrow(RangeError);
    expect(() => pairView([0, 0], 0, 2, ['a', 'b'])).toThrow(RangeError);
  });
});

describe('planeView', () => {
  const origin = [1, -1, 2, 0.5];
  const d1 = [1, 2, 0, -1];
  const d2 = [0.5, 0, 1, 1];
  const view = planeView(origin, d1, d2, ['along d1', 'along d2']);

  it('goes through the origin along the two directions', () => {
    close(view.toWeights(0, 0), origin, 0);
    close(view.toWeights(1, 0), origin.map((o, k) => o + d1[k]), 1e-15);
    close(view.toWeights(-2, 3), origin.map((o, k) => o - 2 * d1[k] + 3 * d2[k]), 1e-14);
  });

  it('maps a point of the plane back to its coordinates (directions not orthogonal)', () => {
    for (const [u, v] of [[0.3, -0.7], [12, 5], [-1e-3, 2e3]]) {
      const [pu, pv] = view.toPlane(view.toWeights(u, v));
      expect(Math.abs(pu - u)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(u)));
      expect(Math.abs(pv - v)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(v)));
    }
  });

  it('projects a point off the plane to its nearest point in it: the residual is orthogonal to both directions', () => {
    const w = [3, 0, -1, 2];
    const [u, v] = view.toPlane(w);
    const p = view.toWeights(u, v);
    const r = w.map((x, k) => x - p[k]);
    const dot = (a: number[], b: number[]) => a.reduce((s, x, k) => s + x * b[k], 0);
    expect(Math.abs(dot(r, d1))).toBeLessThan(1e-12);
    expect(Math.abs(dot(r, d2))).toBeLessThan(1e-12);
  });

  it('refuses parallel directions and directions of the wrong length', () => {
    expect(() => planeView([0, 0, 0], [1, 2, 3], [2, 4, 6], ['a', 'b'])).toThrow(/independent/);
    expect(() => planeView([0, 0, 0], [1, 2], [0, 1, 0], ['a', 'b'])).toThrow(RangeError);
  });
});

describe('mappedView and planePath', () => {
  it('standardized x: the plane is the weights the optimizers moved, and back to the data units', () => {
    const s = { mean: 15.4, std: 5.2 };
    const view = mappedView(pairView([0, 0], 0, 1, ['v0', 'v1']), (w) => toScaledUnits(w, s), (v) => {
      const w1 = v[1] / s.std;
      return Float64Array.of(v[0] - w1 * s.mean, w1);
    });
    // Weights on x (w0 = 2, w1 = 3) are v0 = 2 + 3·15.4, v1 = 3·5.2 on z.
    close(view.toPlane([2, 3]), [2 + 3 * 15.4, 3 * 5.2], 1e-12);
    close(view.toWeights(2 + 3 * 15.4, 3 * 5.2), [2, 3], 1e-12);
  });

  it('a trajectory becomes (u, v) columns sharing its loss column', () => {
    const t = { w: [Float64Array.of(1, 2, 3), Float64Array.of(4, 5, 6), Float64Array.of(7, 8, 9)], loss: Float64Array.of(3, 2, 1) };
    const p = planePath(pairView([0, 0, 0], 2, 0, ['w2', 'w0']), t);
    expect(Array.from(p.u)).toEqual([7, 8, 9]);
    expect(Array.from(p.v)).toEqual([1, 2, 3]);
    expect(p.loss).toBe(t.loss);
  });

  it('a standardized run: the scene holds each path through the view, and the grid samples that plane', () => {
    const scene = sceneFromOptions({ model: 'linear', data: 'cars', optimizer: 'gd', iterations: 30, width: 640, height: 320 });
    const m = momentsOf(scene.data.x);
    const scaling = { mean: m.meanX, std: Math.sqrt(m.varX) };
    const t = scene.series[0].trajectory;
    const p = scene.surface.paths[0];
    for (const i of [0, 10, 30]) {
      const v = toScaledUnits([t.w[0][i], t.w[1][i]], scaling);
      expect([p.u[i], p.v[i]]).toEqual([v[0], v[1]]);
    }
    // The grid's window holds the path in the plane.
    expect(p.u[0]).toBeGreaterThan(scene.grid.uRange[0]);
    expect(p.u[0]).toBeLessThan(scene.grid.uRange[1]);
    expect(p.v[0]).toBeGreaterThan(scene.grid.vRange[0]);
    expect(p.v[0]).toBeLessThan(scene.grid.vRange[1]);
  });

  it('the grid samples any view: a plane through a bowl of three weights', () => {
    const f = (w: ArrayLike<number>) => (w[0] - 1) ** 2 + 2 * (w[1] + 1) ** 2 + 3 * w[2] ** 2;
    const view = planeView([1, -1, 0], [1, 0, 0], [0, 1, 1], ['a', 'b']);
    const loss = (u: number, v: number) => f(view.toWeights(u, v));
    const path = { u: Float64Array.of(2, 0), v: Float64Array.of(1, 0), loss: Float64Array.of(loss(2, 1), 0) };
    const g = planeGrid({ loss, surface: loss }, path, { u: 0, v: 0, loss: 0 }, false, { size: 9, levels: 5 });
    // The window holds the path and the minimum (the origin of the plane) with a margin.
    expect(g.uRange[0]).toBeLessThan(0);
    expect(g.uRange[1]).toBeGreaterThan(2);
    expect(g.vRange[1]).toBeGreaterThan(1);
    for (const [i, j] of [[0, 0], [8, 8], [3, 5]]) {
      const u = g.uRange[0] + ((g.uRange[1] - g.uRange[0]) * i) / 8;
      const v = g.vRange[0] + ((g.vRange[1] - g.vRange[0]) * j) / 8;
      // Along (u, v) the loss is u² + 5v² (w = (1 + u, −1 + v, v)).
      expect(Math.abs(g.values[j * 9 + i] - (u * u + 5 * v * v))).toBeLessThan(1e-12);
    }
  });
});
