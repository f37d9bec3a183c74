/**
 * Hand-built scenes for the renderer tests: the losses, optima and descents are computed here from their
 * formulas (not by the engine), so a rendering test fails only for a rendering reason.
 */
import { linear } from '../../src/engine/linear';
import { logistic } from '../../src/engine/logistic';
import type { Dataset, LossGrid, ModelName, PanelName, PlanePath, Point, Scene, Series, SurfacePlane, ThemeName, Trajectory } from '../../src/types';
import { columns, descend, minimise, rule, run, type Grad, type Loss, type Optimizer } from './descents';

export interface SceneOptions {
  width?: number;
  height?: number;
  theme?: ThemeName;
  panels?: PanelName[];
  iterations?: number;
  lr?: number;
  start?: [number, number];
  n?: number;
}


/** y = 3x + 4 plus a fixed, deterministic wiggle, on x in [−1, 3]. */
export function linearData(n = 30): Dataset {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = -1 + (4 * i) / (n - 1);
    y[i] = 3 * x[i] + 4 + 0.8 * Math.sin(i * 12.9898);
  }
  return { x, y, xName: 'hours studied', yName: 'score', source: 'test', skipped: 0 };
}

/** Two overlapping classes along x: class 0 around −1, class 1 around 1.5. */
export function logisticData(n = 40): Dataset {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const cls = i % 2;
    y[i] = cls;
    x[i] = (cls === 0 ? -1 : 1.5) + 1.6 * Math.sin(i * 7.31 + 0.5);
  }
  return { x, y, xName: 'dose', yName: 'outcome', source: 'test', skipped: 0, positive: 'cured', classNames: ['not cured', 'cured'] };
}

export function mseLoss(d: Dataset): { loss: Loss; grad: Grad } {
  const n = d.x.length;
  return {
    loss: (w0, w1) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += (w0 + w1 * d.x[i] - d.y[i]) ** 2;
      return s / n;
    },
    grad: (w0, w1) => {
      let g0 = 0;
      let g1 = 0;
      for (let i = 0; i < n; i++) {
        const r = w0 + w1 * d.x[i] - d.y[i];
        g0 += (2 * r) / n;
        g1 += (2 * r * d.x[i]) / n;
      }
      return [g0, g1];
    },
  };
}

export function crossEntropy(d: Dataset): { loss: Loss; grad: Grad } {
  const n = d.x.length;
  const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
  const sigma = (z: number) => 1 / (1 + Math.exp(-z));
  return {
    loss: (w0, w1) => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const z = w0 + w1 * d.x[i];
        s += softplus(z) - d.y[i] * z;
      }
      return s / n;
    },
    grad: (w0, w1) => {
      let g0 = 0;
      let g1 = 0;
      for (let i = 0; i < n; i++) {
        const e = sigma(w0 + w1 * d.x[i]) - d.y[i];
        g0 += e / n;
        g1 += (e * d.x[i]) / n;
      }
      return [g0, g1];
    },
  };
}

/** The loss sampled over a window holding the path and the optimum with a 12 % margin; geometric levels. */
export function lossGrid(f: { loss: Loss }, t: Trajectory, optimum: Point, size = 64, count = 16): LossGrid {
  const range = (v: Float64Array, extra: number): [number, number] => {
    let lo = extra;
    let hi = extra;
    for (const w of v) if (Number.isFinite(w)) [lo, hi] = [Math.min(lo, w), Math.max(hi, w)];
    const m = Math.max(hi - lo, 1) * 0.12;
    return [lo - m, hi + m];
  };
  const uRange = range(t.w[0], optimum.w[0]);
  const vRange = range(t.w[1], optimum.w[1]);
  const values = new Float64Array(size * size);
  let max = -Infinity;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const v = f.loss(uRange[0] + (i * (uRange[1] - uRange[0])) / (size - 1), vRange[0] + (j * (vRange[1] - vRange[0])) / (size - 1));
      values[j * size + i] = v;
      max = Math.max(max, v);
    }
  }
  const levels: number[] = [];
  for (let k = 0; k < count; k++) levels.push(optimum.loss + (max - optimum.loss) * 1e-3 * Math.pow(1e3, k / (count - 1)));
  return { uRange, vRange, nx: size, ny: size, values, levels };
}

/** A trajectory of two weights seen through those weights (u = w0, v = w1), as the pipeline's view of a two-weight problem. */
export function planeOf(t: Trajectory): PlanePath {
  return { u: t.w[0], v: t.w[1], loss: t.loss };
}

/** The surface plane of series on a problem of two weights: their paths, the optimum as the one minimum. */
export function surfaceOf(series: Series[], optimum: Point | null, labels: readonly string[]): SurfacePlane {
  return {
    labels: [labels[0], labels[1]],
    note: '',
    equalAspect: false,
    paths: series.map((s) => planeOf(s.trajectory)),
    references: series.map((s) => (s.reference ? planeOf(s.reference) : undefined)),
    landmarks: optimum ? [{ u: optimum.w[0], v: optimum.w[1], loss: optimum.loss, kind: 'global', name: '' }] : [],
    marks: 'optimum',
  };
}

/** One series of plain gradient descent, labelled as the pipeline labels a single run. */
export function gdSeries(trajectory: Trajectory, lr: number, label = 'GD'): Series {
  const iterations = trajectory.w[0].length - 1;
  return { label, optimizer: 'gd', optimizerTitle: 'gradient descent', optimizerShort: 'GD', lr, trajectory, iterations, diverged: null };
}

/** The data and the exact loss of a model's test problem. */
export function problem(model: ModelName, n?: number) {
  const data = model === 'linear' ? linearData(n) : logisticData(n);
  const f = model === 'linear' ? mseLoss(data) : crossEntropy(data);
  return { data, f, descriptor: model === 'linear' ? linear : logistic, optimum: minimise(f, [0, 0]) };
}

/** A complete scene of plain gradient descent on the linear or logistic test data. */
export function makeScene(model: ModelName, opts: SceneOptions = {}): Scene {
  const { data, f, descriptor, optimum } = problem(model, opts.n);
  const iterations = opts.iterations ?? 60;
  const start = opts.start ?? (model === 'linear' ? [-3, -2] : [2, -1.5]);
  const lr = opts.lr ?? (model === 'linear' ? 0.1 : 1);
  const trajectory = descend(f, start, lr, iterations);
  return {
    width: opts.width ?? 960,
    height: opts.height ?? 480,
    theme: opts.theme ?? 'light',
    panels: opts.panels ?? ['surface', 'fit'],
    model: descriptor,
    data,
    fit: { target: descriptor.target, predict: descriptor.predict },
    grid: lossGrid(f, trajectory, optimum),
    surface: surfaceOf([gdSeries(trajectory, lr)], optimum, descriptor.weightLabels),
    optimum,
    series: [gdSeries(trajectory, lr)],
    layout: 'overlay',
    iterations,
    requestedIterations: iterations,
  };
}

const NAMES: Record<Optimizer, [string, string]> = { gd: ['gradient descent', 'GD'], momentum: ['momentum', 'momentum'], adam: ['Adam', 'Adam'] };

/**
 * Several series from one start on one problem. The shared window holds every path except the blow-up of a
 * diverged one (its points above 4 times the start's loss), as the pipeline's window does.
 */
export function several(model: ModelName, runs: { label: string; optimizer: Optimizer; lr: number }[], opts: SceneOptions = {}): Scene {
  const { f, optimum, descriptor } = problem(model, opts.n);
  const iterations = opts.iterations ?? 60;
  const start = opts.start ?? (model === 'linear' ? [-3, -2] : [2, -1.5]);
  const series: Series[] = runs.map(({ label, optimizer, lr }) => {
    const { t, diverged } = run(f, start, iterations, rule(optimizer, lr));
    const [optimizerTitle, optimizerShort] = NAMES[optimizer];
    const div = diverged === null ? null : { iteration: diverged, stable_lr: lr / 2 };
    return { label, optimizer, optimizerTitle, optimizerShort, lr, trajectory: t, iterations: t.w[0].length - 1, diverged: div };
  });
  const cap = 4 * series[0].trajectory.loss[0];
  const kept: number[][] = [];
  for (const { trajectory: t, diverged } of series) t.loss.forEach((loss, i) => (!diverged || loss <= cap) && kept.push([t.w[0][i], t.w[1][i], loss]));
  return {
    ...makeScene(model, opts),
    grid: lossGrid(f, columns(kept), optimum),
    surface: surfaceOf(series, optimum, descriptor.weightLabels),
    series,
    iterations: Math.max(...series.map((s) => s.iterations)),
    requestedIterations: iterations,
  };
}

/** A race of three optimizers on one surface: GD, momentum and Adam, each in its colour. */
export function makeRace(model: ModelName = 'linear', opts: SceneOptions = {}): Scene {
  const lr = model === 'linear' ? [0.1, 0.015, 0.3] : [1, 0.3, 0.2];
  const runs = [
    { label: 'GD', optimizer: 'gd' as const, lr: lr[0] },
    { label: 'momentum', optimizer: 'momentum' as const, lr: lr[1] },
    { label: 'Adam', optimizer: 'adam' as const, lr: lr[2] },
  ];
  return several(model, runs, { panels: ['surface', 'fit', 'loss'], ...opts });
}

/** A sweep of gradient descent's learning rate as small multiples; the largest rate diverges. */
export function makeGrid(model: ModelName = 'linear', rates = [0.02, 0.1, 0.25, 0.45], opts: SceneOptions = {}): Scene {
  const runs = rates.map((lr) => ({ label: `lr = ${lr}`, optimizer: 'gd' as const, lr }));
  return { ...several(model, runs, opts), layout: 'grid' };
}

/**
 * A frame made for a slide: logistic, with the user's own title, axis labels and class names, and text
 * 1.25 times the default size.
 */
export function makeSlide(): Scene {
  return {
    ...makeScene('logistic'),
    text: { title: 'Does the dose cure?', xLabel: 'dose (mg)', yLabel: 'chance of a cure', classNames: ['still ill', 'cured'] },
    fontScale: 1.25,
  };
}
