import { descend, geometricLevels, lossGrid, modelOf, type ModelName } from '../../src/engine';
import { linearModel } from '../../src/engine/linear';
import { logisticModel } from '../../src/engine/logistic';
import { createRng, normal } from '../../src/random';
import type { Dataset } from '../../src/types';
import { expectClose } from '../helpers/approx';

function line(n: number): Dataset {
  const rng = createRng('grid', 'test');
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = 2 * rng();
    y[i] = 3 * x[i] + 4 + normal(rng);
  }
  return { x, y, xName: 'x', yName: 'y', source: 't', skipped: 0 };
}

const cfg = { model: 'linear' as const, optimizer: 'gd' as const, iterations: 300, batchSize: 8, momentum: 0.9, beta1: 0.9, eps: 1e-8, init: [0, 0] as const, standardize: false, seed: 's' };

describe('lossGrid', () => {
  it('holds the start, the optimum and the whole path with a margin, and samples the exact loss', () => {
    const data = line(100);
    const run = descend(data, { ...cfg, init: [-2, 9] });
    const g = lossGrid(modelOf(run.model.name as ModelName), run.model, run.trajectory, run.optimum, false, { size: 40, levels: 10 });
    const inside = (a: number, b: number) => a > g.uRange[0] && a < g.uRange[1] && b > g.vRange[0] && b < g.vRange[1];
    expect(inside(-2, 9)).toBe(true);
    expect(inside(run.optimum!.w[0], run.optimum!.w[1])).toBe(true);
    for (let i = 0; i < run.trajectory.w[0].length; i++) expect(inside(run.trajectory.w[0][i], run.trajectory.w[1][i])).toBe(true);
    const m = linearModel(data.x, data.y);
    const w0 = g.uRange[0] + ((g.uRange[1] - g.uRange[0]) * 7) / 39;
    const w1 = g.vRange[0] + ((g.vRange[1] - g.vRange[0]) * 31) / 39;
    expectClose(g.values[31 * 40 + 7], m.loss([w0, w1]), 1e-12);
  });

  it('keeps a readable window when the descent diverges', () => {
    const data = line(100);
    const m = linearModel(data.x, data.y);
    const run = descend(data, { ...cfg, lr: 1.2 * (2 / m.curvature()) });
    expect(run.diverged).not.toBeNull();
    const g = lossGrid(modelOf(run.model.name as ModelName), run.model, run.trajectory, run.optimum, true);
    const t = run.trajectory;
    const last = t.w[0].length - 1;
    const inside = (i: number) => t.w[0][i] >= g.uRange[0] && t.w[0][i] <= g.uRange[1] && t.w[1][i] >= g.vRange[0] && t.w[1][i] <= g.vRange[1];
    // The exploded end of the path (loss past 4× the start) is left out; the rest stays in view.
    expect(t.loss[last]).toBeGreaterThan(4 * t.loss[0]);
    expect(inside(last)).toBe(false);
    for (let i = 0; i <= last; i++) if (t.loss[i] <= 4 * t.loss[0]) expect(inside(i)).toBe(true);
    expect(g.values.every(Number.isFinite)).toBe(true);
  });

  it('gives a path that moves along one axis only a window of sensible height', () => {
    const data = line(50);
    const opt = linearModel(data.x, data.y).optimum()!;
    const run = descend(data, { ...cfg, init: [0, opt[1]], iterations: 0 });
    const g = lossGrid(modelOf(run.model.name as ModelName), run.model, run.trajectory, run.optimum, false);
    expect(g.vRange[1] - g.vRange[0]).toBeGreaterThan(0.1);
  });

  it('bins a large logistic data set for the picture, within a hair of the exact loss', () => {
    const rng = createRng('big', 'test');
    const n = 20000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = i % 2;
      x[i] = (y[i] ? 1 : -1) + normal(rng);
    }
    const data: Dataset = { x, y, xName: 'x', yName: 'y', source: 't', skipped: 0 };
    const run = descend(data, { ...cfg, model: 'logistic', iterations: 20 });
    const g = lossGrid(modelOf(run.model.name as ModelName), run.model, run.trajectory, run.optimum, false, { size: 12, levels: 5 });
    const m = logisticModel(x, y);
    for (const [i, j] of [[0, 0], [5, 7], [11, 11]]) {
      const w0 = g.uRange[0] + ((g.uRange[1] - g.uRange[0]) * i) / 11;
      const w1 = g.vRange[0] + ((g.vRange[1] - g.vRange[0]) * j) / 11;
      expect(Math.abs(g.values[j * 12 + i] - m.loss([w0, w1]))).toBeLessThan(1e-4);
    }
  });

  it('spaces levels geometrically above the floor', () => {
    const levels = geometricLevels(2, 1002, 4);
    expect(levels).toHaveLength(4);
    expectClose(levels[0], 2 + 1, 1e-12);
    expectClose(levels[1], 2 + 10, 1e-12);
    expectClose(levels[2], 2 + 100, 1e-12);
    expectClose(levels[3], 1002, 1e-12);
  });
});
