/**
 * What the engine trains: an objective of n weights. A data model is an objective with samples
 * (SampledObjective: linear and logistic regression); a test function (Rosenbrock, Himmelblau…), a user's
 * expression or any caller's own loss is one without. Only the stochastic optimizers need samples, and they
 * say so on their descriptors (`needs: 'samples'`); the engine refuses them an objective without.
 */
import type { Reparametrization } from './reparametrization';

/** A weight vector: w[0] the intercept w0, w[1] the slope w1 of a regression; x, y of a test function. */
export type Weights = ArrayLike<number>;

/**
 * A loss over n weights with its exact gradient, and its exact Hessian where it has one: what an objective is
 * built on (a built-in function, a compiled expression), and all that a curvature check needs.
 */
export interface Differentiable {
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
 * x² − y² or separable classes), `points` (every global minimum and the notable local ones, exact), or
 * `unknown`.
 */
export type KnownMinima = { kind: 'none'; why: string } | { kind: 'points'; points: readonly KnownPoint[] } | { kind: 'unknown' };

/**
 * An objective as the engine trains it: the loss and its exact gradient, the names of its weights, what is
 * known of its minima, and the curvature and scales that the default rates (rates.ts) and the verdicts
 * (verdict.ts) read. Implementations precompute what they can so that the hot calls allocate nothing.
 */
export interface Objective extends Differentiable {
  /** A short name for messages ("linear", "rosenbrock"). */
  readonly name?: string;
  /** The weights' names, in the order of the weight vector (the summary's keys). */
  readonly weightNames: readonly string[];
  /** What is known of its minima (may be computed on first read: a logistic optimum is a Newton solve). */
  readonly minima: KnownMinima;
  /**
   * The minimum a descent aims at, by which the rates measure a distance and the verdicts a gap: the exact
   * minimiser, or the known global minimum nearest the start; null when none is finite or known.
   */
  optimum(): Float64Array | null;
  /**
   * Computes and caches the optimum one bounded step at a time (logistic: one Newton pass over the data per
   * yield), so that an asynchronous caller can hear a stop between steps; absent when it is cheap.
   */
  optimumSteps?(): Generator<void, void, void>;
  /** The largest eigenvalue of the Hessian, or of a bound on it valid where the descent goes: gd's limit is 2 over it. */
  curvature(): number;
  /** The smallest eigenvalue of the Hessian at the optimum (0, or the value at the origin, when there is none). */
  minCurvature(): number;
  /**
   * A loss that counts as "no progress" (linear: the variance of y; logistic: log 2; a test function: its
   * highest point): the scale for "the loss blew up" that does not vanish when the start is already perfect.
   */
  referenceLoss(): number;
  /** The weights of that loss: the scale against which the final weights' distance from the optimum is judged. */
  referenceWeights(): Float64Array;
  /**
   * Weights moved to the convention that makes a minimum a point, where the loss does not change along some
   * directions (softmax: adding one vector to every class's weights); absent when the minimum is a point.
   */
  canonical?(w: Weights, out?: Float64Array): Float64Array;
  /**
   * The same objective on standardized inputs, and the change of coordinates between the two (see
   * reparametrization.ts); absent when the objective has no inputs to standardize.
   */
  standardize?(): Reparametrization;
}

/** What the rates and the verdicts read of an objective beyond its loss: see Objective. */
export type Measures = 'optimum' | 'curvature' | 'minCurvature' | 'referenceLoss' | 'referenceWeights';

/**
 * An objective as a caller may write it: the loss, its exact gradient, the weights' names and what is known
 * of the minima, with the curvature and scales optional: those left out are measured around the start and
 * the known minima (measured.ts), as for a test function.
 */
export type ObjectiveSpec = Omit<Objective, Measures> & Partial<Pick<Objective, Measures>>;

/** The known minima (global and local) as a list; empty when none are known. */
export function knownPoints(minima: KnownMinima): readonly KnownPoint[] {
  return minima.kind === 'points' ? minima.points.filter((p) => p.kind !== 'saddle') : [];
}

/** The global minimum nearest to w, or null when no minimum is known. */
export function nearestGlobal(minima: KnownMinima, w: ArrayLike<number>): KnownPoint | null {
  let best: KnownPoint | null = null;
  let bestD = Infinity;
  for (const p of knownPoints(minima)) {
    if (p.kind !== 'global') continue;
    const d = Math.hypot(...p.w.map((v, k) => v - w[k]));
    if (d < bestD) [best, bestD] = [p, d];
  }
  return best;
}

/**
 * An objective that is a mean over n samples (a regression on data): what sgd and minibatch need. The gradient
 * of sample i's own loss is gradientScale · sampleError(i, w) · features(i).
 */
export interface SampledObjective extends Objective {
  readonly name: string;
  readonly n: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** The per-sample error term: linear rₙ = w1·xₙ + w0 − yₙ, logistic pₙ − yₙ. */
  sampleError(i: number, w: Weights): number;
  /** Sample i's features φ(xᵢ), the gradient of the model's linear part z = w·φ: (1, xᵢ) here. */
  features(i: number, out: Float64Array): void;
  /** 2 for the squared error (d/dr r² = 2r), 1 for the cross-entropy. */
  readonly gradientScale: number;
  /**
   * How strongly one sample can curve its own loss at most, per unit of error scale: max over n of
   * (1 + xₙ²) times the model's curvature factor (1 for r²/2, 1/4 for the cross-entropy).
   */
  sampleCurvatureMax(): number;
  /** The mean of the same quantity over the samples. */
  sampleCurvatureMean(): number;
}

/** Whether an objective has samples (sgd and minibatch need them). */
export function isSampled(o: Objective): o is SampledObjective {
  const s = o as Partial<SampledObjective>;
  return typeof s.n === 'number' && typeof s.sampleError === 'function' && typeof s.features === 'function';
}

/** An objective's minima from its exact optimum: the one global point, or none with the reason. */
export function minimaOf(optimum: Float64Array | null, loss: number, why: string): KnownMinima {
  return optimum ? { kind: 'points', points: [{ w: Array.from(optimum), loss, kind: 'global' }] } : { kind: 'none', why };
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
