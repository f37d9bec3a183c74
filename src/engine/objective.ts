/**
 * An objective: a loss over n weights that an optimizer descends. Regression models are objectives with
 * samples (Model, model.ts); a test function (Rosenbrock, Himmelblau…) or a user's expression is one without.
 * The engine trains objectives; only the stochastic optimizers (sgd, minibatch) need samples, and say so.
 */
import type { Weights } from './model';

/** A known stationary point of an objective, exact (closed form) to double precision. */
export interface KnownPoint {
  /** The point, in the objective's own coordinates. */
  w: readonly number[];
  /** The loss there. */
  loss: number;
  /** 'global': a global minimum; 'local': a local minimum above the global one; 'saddle': a saddle point. */
  kind: 'global' | 'local' | 'saddle';
  /** A short name for labels and the summary ("(3, 2)", "x = y = 1"); default: the coordinates. */
  name?: string;
}

/**
 * What is known of an objective's minima: `none` (unbounded below, or no minimum exists, as with a saddle
 * x² − y²), `points` (every global minimum and the notable local ones, in closed form), or `unknown`.
 */
export type KnownMinima = { kind: 'none'; why: string } | { kind: 'points'; points: readonly KnownPoint[] } | { kind: 'unknown' };

export interface Objective {
  /** How many weights. */
  readonly dim: number;
  /** The loss at w. */
  loss(w: Weights): number;
  /** The exact gradient at w, written into out (length dim). */
  gradient(w: Weights, out: Float64Array): void;
  /**
   * The exact Hessian at w, row-major into out (length dim²), where the objective has one in closed form or by
   * automatic differentiation: Newton's method and the saddle verdict need it.
   */
  hessian?(w: Weights, out: Float64Array): void;
}

/** The smallest and largest eigenvalue of a symmetric 2×2 matrix given row-major. */
export function eigen2(h: ArrayLike<number>): [number, number] {
  const a = h[0];
  const b = (h[1] + h[2]) / 2;
  const c = h[3];
  const mid = (a + c) / 2;
  const r = Math.hypot((a - c) / 2, b);
  return [mid - r, mid + r];
}
