/** Descents for the renderer's fixtures, computed from the update rules' formulas (not by the engine). */
import type { Point, Trajectory } from '../../src/types';

export type Loss = (w0: number, w1: number) => number;
export type Grad = (w0: number, w1: number) => [number, number];

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
  return { w: [w0, w1], loss };
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
  return { w: [a, b], loss: f.loss(a, b) };
}

export type Step = (w: [number, number], g: [number, number], t: number) => void;
export type Optimizer = 'gd' | 'momentum' | 'adam';

/** The update rules from their formulas: momentum is v ← 0.9v + ∇g, w ← w − αv; Adam has the usual betas. */
export function rule(optimizer: Optimizer, lr: number): Step {
  const v = [0, 0];
  const s = [0, 0];
  if (optimizer === 'gd') return (w, g) => [0, 1].forEach((i) => (w[i] -= lr * g[i]));
  if (optimizer === 'momentum') return (w, g) => [0, 1].forEach((i) => ((v[i] = 0.9 * v[i] + g[i]), (w[i] -= lr * v[i])));
  return (w, g, t) =>
    [0, 1].forEach((i) => {
      v[i] = 0.9 * v[i] + 0.1 * g[i];
      s[i] = 0.999 * s[i] + 0.001 * g[i] * g[i];
      w[i] -= (lr * (v[i] / (1 - 0.9 ** t))) / (Math.sqrt(s[i] / (1 - 0.999 ** t)) + 1e-8);
    });
}

/** Up to `iterations` updates, stopping at the first loss above 100 times the start's: the divergence. */
export function run(f: { loss: Loss; grad: Grad }, start: [number, number], iterations: number, step: Step): { t: Trajectory; diverged: number | null } {
  const w: [number, number] = [...start];
  const rows: number[][] = [[w[0], w[1], f.loss(w[0], w[1])]];
  for (let i = 1; i <= iterations; i++) {
    step(w, f.grad(w[0], w[1]), i);
    rows.push([w[0], w[1], f.loss(w[0], w[1])]);
    if (!(rows[i][2] <= 100 * rows[0][2])) return { t: columns(rows), diverged: i };
  }
  return { t: columns(rows), diverged: null };
}

export function columns(rows: number[][]): Trajectory {
  return { w: [Float64Array.from(rows, (r) => r[0]), Float64Array.from(rows, (r) => r[1])], loss: Float64Array.from(rows, (r) => r[2]) };
}

