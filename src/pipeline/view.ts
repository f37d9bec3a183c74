/**
 * Views: how the weights of a problem become the two coordinates (u, v) of the surface panel, and back.
 * The loss grid samples a view (a function of u and v) and the scene hands the renderer plane coordinates
 * only, so the renderer draws any problem the same way, whatever its number of weights.
 *
 *   pairView     two chosen weights of n, the others held at a point (two weights: the weights themselves)
 *   planeView    the plane through a point spanned by two directions (w = p + u·d1 + v·d2)
 *   mappedView   a view of weights seen through a change of variable (standardization: the plane is the
 *                weights the optimizers moved, the paths are recorded in the data's units)
 */
import type { PlanePath, Trajectory } from '../types';

export interface View {
  /** The number of weights it maps. */
  readonly dim: number;
  /** The names of the plane's axes. */
  readonly labels: readonly [string, string];
  /** Weights → the plane. A weight off the plane (planeView) goes to its nearest point in it. */
  toPlane(w: ArrayLike<number>): [number, number];
  /** The plane → weights (a fresh array each call). */
  toWeights(u: number, v: number): Float64Array;
}

/**
 * Weights i and j of `at` as the plane, every other weight held at its value in `at`. For a problem of two
 * weights, pairView(at, 0, 1) is the identity: u = w[0], v = w[1] exactly.
 */
export function pairView(at: readonly number[], i: number, j: number, labels: readonly [string, string]): View {
  const dim = at.length;
  if (!(Number.isInteger(i) && Number.isInteger(j) && i >= 0 && j >= 0 && i < dim && j < dim && i !== j)) {
    throw new RangeError(`a view needs two different weights of ${dim}, got ${i} and ${j}`);
  }
  const base = Float64Array.from(at);
  return {
    dim,
    labels,
    toPlane: (w) => [w[i], w[j]],
    toWeights(u, v) {
      const w = Float64Array.from(base);
      w[i] = u;
      w[j] = v;
      return w;
    },
  };
}

/**
 * The plane through `origin` spanned by d1 and d2 (independent, not necessarily orthogonal): toWeights is
 * origin + u·d1 + v·d2; toPlane is the least-squares projection, exact for points of the plane. Used for
 * problems of many weights (the next issue: a plane through the minimum along two directions of interest).
 */
export function planeView(origin: readonly number[], d1: readonly number[], d2: readonly number[], labels: readonly [string, string]): View {
  const dim = origin.length;
  if (d1.length !== dim || d2.length !== dim) throw new RangeError(`a plane's directions need ${dim} entries each`);
  const a = dot(d1, d1);
  const b = dot(d1, d2);
  const c = dot(d2, d2);
  const det = a * c - b * b;
  // Relative to the directions' lengths: parallel directions span a line, not a plane.
  if (!(det > 1e-12 * a * c)) throw new RangeError('a plane needs two independent directions');
  return {
    dim,
    labels,
    toPlane(w) {
      let p = 0;
      let q = 0;
      for (let k = 0; k < dim; k++) {
        const r = w[k] - origin[k];
        p += d1[k] * r;
        q += d2[k] * r;
      }
      // The normal equations [a b; b c]·[u v] = [p q].
      return [(c * p - b * q) / det, (a * q - b * p) / det];
    },
    toWeights(u, v) {
      const w = new Float64Array(dim);
      for (let k = 0; k < dim; k++) w[k] = origin[k] + u * d1[k] + v * d2[k];
      return w;
    },
  };
}

/**
 * `inner` (a view of the weights a change of variable leads to) seen from the other side of it: toPlane
 * takes weights in the outer units (the data's, as reported) through `forward` first; toWeights comes back
 * through `back`. Standardization: the plane is the weights the optimizers moved.
 */
export function mappedView(inner: View, forward: (w: ArrayLike<number>) => ArrayLike<number>, back: (w: ArrayLike<number>) => Float64Array): View {
  return {
    dim: inner.dim,
    labels: inner.labels,
    toPlane: (w) => inner.toPlane(forward(w)),
    toWeights: (u, v) => back(inner.toWeights(u, v)),
  };
}

/** A trajectory's points in the plane (its loss column is shared, not copied). */
export function planePath(view: View, t: Trajectory): PlanePath {
  const n = t.loss.length;
  const u = new Float64Array(n);
  const v = new Float64Array(n);
  const w = new Float64Array(t.w.length);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < w.length; k++) w[k] = t.w[k][i];
    [u[i], v[i]] = view.toPlane(w);
  }
  return { u, v, loss: t.loss };
}

function dot(x: readonly number[], y: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < x.length; k++) s += x[k] * y[k];
  return s;
}
