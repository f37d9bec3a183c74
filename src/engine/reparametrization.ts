/**
 * A change of coordinates owned by an objective: the optimizer descends `trained`, whose loss at v is the
 * reported objective's at toReported(v), and every weight is recorded and reported as w = toReported(v).
 * Standardizing x is one (standardize.ts); the pipeline and the renderer see only these two maps.
 */
import type { Objective, Weights } from './objective';

export interface Reparametrization {
  /** The objective in the trained coordinates (the same dim; the same loss at corresponding weights). */
  readonly trained: Objective;
  /** Reported weights → trained ones, into `out` (a new array when absent). */
  toTrained(w: Weights, out?: Float64Array): Float64Array;
  /** Trained weights → reported ones, into `out` (a new array when absent). */
  toReported(v: Weights, out?: Float64Array): Float64Array;
  /** What the summary records of it, under its own key ({ standardization: { mean, std } }). */
  readonly summary: { readonly standardization?: Readonly<{ mean?: number; std?: number; columns?: readonly { column: string; mean: number; std: number }[] }> };
}
