/**
 * Hand-built scenes for the renderer tests: the losses, optima and descents are computed here from their
 * formulas (not by the engine), so a rendering test fails only for a rendering reason.
 */
import type { Dataset, LossGrid, ModelName, PanelName, Point, Scene, ThemeName, Trajectory } from '../../src/types';

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

type Loss = (w0: number, w1: number) => number;
type Grad = (w0: number, w1: number) => [number, number];

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

/** Plain gradient descent from `start`; entry i holds the weights after i updates. */
export function descend(f: { loss: Loss; grad: Grad }, start: [number, number], lr: number, iterations: number): Trajectory {
  const w0 = new Float64Array(iterations + 1);
  const w1 = new Float64Array(iterations + 1);
  const loss = new Float64Array(iterations + 1);
  [w0[0], w1[0]] = start;
  for (let i = 0; i <= iterations; i++) {
    loss[i] = f.loss(w0[i], w1[i]);
    if (i === iterations) break;
    const [g0, g1] = f.grad(w0[i], w1[i]);
    w0[i + 1] = w0[i] - lr * g0;
    w1[i + 1] = w1[i] - lr * g1;
  }
  return { w0, w1, loss };
}

/** The minimiser by Newton's method with a numerical Hessian (both losses are smooth and convex). */
export function minimise(f: { loss: Loss; grad: Grad }, from: [number, number]): Point {
  let [a, b] = from;
  for (let it = 0; it < 60; it++) {
    const h = 1e-5;
    const [g0, g1] = f.grad(a, b);
    const [p0, p1] = f.grad(a + h, b);
    const [q0, q1] = f.grad(a, b + h);
    const H = [(p0 - g0) / h, (p1 - g1) / h, (q0 - g0) / h, (q1 - g1) / h];
    const det = H[0] * H[3] - H[1] * H[2];
    a -= (H[3] * g0 - H[2] * g1) / det;
    b -= (-H[1] * g0 + H[0] * g1) / det;
  }
  return { w0: a, w1: b, loss: f.loss(a, b) };
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
  const w0Range = range(t.w0, optimum.w0);
  const w1Range = range(t.w1, optimum.w1);
  const values = new Float64Array(size * size);
  let max = -Infinity;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const v = f.loss(w0Range[0] + (i * (w0Range[1] - w0Range[0])) / (size - 1), w1Range[0] + (j * (w1Range[1] - w1Range[0])) / (size - 1));
      values[j * size + i] = v;
      max = Math.max(max, v);
    }
  }
  const levels: number[] = [];
  for (let k = 0; k < count; k++) levels.push(optimum.loss + (max - optimum.loss) * 1e-3 * Math.pow(1e3, k / (count - 1)));
  return { w0Range, w1Range, nx: size, ny: size, values, levels };
}

/** A complete scene of plain gradient descent on the linear or logistic test data. */
export function makeScene(model: ModelName, opts: SceneOptions = {}): Scene {
  const data = model === 'linear' ? linearData(opts.n) : logisticData(opts.n);
  const f = model === 'linear' ? mseLoss(data) : crossEntropy(data);
  const iterations = opts.iterations ?? 60;
  const start = opts.start ?? (model === 'linear' ? [-3, -2] : [2, -1.5]);
  const trajectory = descend(f, start, opts.lr ?? (model === 'linear' ? 0.1 : 1), iterations);
  const optimum = minimise(f, [0, 0]);
  return {
    width: opts.width ?? 960,
    height: opts.height ?? 480,
    theme: opts.theme ?? 'light',
    panels: opts.panels ?? ['surface', 'fit'],
    model,
    optimizer: 'gd',
    data,
    grid: lossGrid(f, trajectory, optimum),
    optimum,
    trajectory,
    iterations,
    requestedIterations: iterations,
    diverged: null,
  };
}
