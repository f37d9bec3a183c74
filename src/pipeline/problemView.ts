import { messages, usageError } from '../errors';
import { createRng, normal } from '../random';
import { symmetricEigen } from '../engine/symmetricEigen';
import { weightPlane, type PlaneLoss, type PlanePoint, type Problem } from '../engine';
import type { Point, Trajectory } from '../types';
import { mappedView, pairView, planeView, type View } from './view';

/** A problem's surface: the view its panel draws through, the loss over that plane, and how to title it. */
export interface ProblemView {
  view: View;
  loss: PlaneLoss;
  /**
   * The heading's note: the plane's units ("standardized x"), or for a plane through more than two weights how
   * it was cut and that the paths are projected onto it; '' when the plane is the reported weights.
   */
  note: string;
  /** The plane's axes share a unit (the weights the optimizers moved on standardized x): drawn square. */
  sameUnits: boolean;
}

/** How a problem of more than two weights is cut for the surface panel (--plane). */
export type PlaneMode = { kind: 'pca' } | { kind: 'pair'; i: number; j: number } | { kind: 'random'; seed: string };

/**
 * The view of a problem: of two weights, its weights themselves, or on standardized x the weights the
 * optimizers moved (the paths, recorded in the data's units, go through the change of variable; the loss is
 * the trained model's, sampled directly in those weights). Of more than two weights, a plane through the
 * final point of the first path, in the trained coordinates (see manyWeights).
 */
export function problemView(problem: Problem, trajectories: readonly Trajectory[] = [], mode: PlaneMode = { kind: 'pca' }): ProblemView {
  const { descriptor, reparametrization: r } = problem;
  if (problem.objective.dim > 2) return manyWeights(problem, trajectories, mode);
  if (!r) {
    const [a, b] = descriptor.weightLabels;
    return { view: pairView(problem.init, 0, 1, [a, b]), loss: weightPlane(descriptor, problem.objective), note: '', sameUnits: false };
  }
  const [a, b] = descriptor.standardizedWeightLabels;
  const trained = pairView(problem.trainInit, 0, 1, [a, b]);
  const view = mappedView(trained, (w) => r.toTrained(w), (v) => r.toReported(v));
  return { view, loss: weightPlane(descriptor, problem.trained), note: 'standardized x', sameUnits: true };
}

/** Points of each path taken for the principal directions: enough to follow any path, few enough to be quick. */
const PCA_POINTS = 2000;

/**
 * A plane through n > 2 weights, in the coordinates the optimizers moved: `pca` spans the two leading
 * principal directions of the paths (all series together) through the first path's final point (Li et al.
 * 2018); `pair` two named weights, the others held at that point; `random` two seeded random unit directions.
 * The surface is the trained loss on the plane itself; the paths are projected onto it.
 */
function manyWeights(problem: Problem, trajectories: readonly Trajectory[], mode: PlaneMode): ProblemView {
  const r = problem.reparametrization;
  const dim = problem.objective.dim;
  const toTrained = (w: ArrayLike<number>) => (r ? r.toTrained(w) : Float64Array.from(w));
  const toReported = (v: ArrayLike<number>) => (r ? r.toReported(v) : Float64Array.from(v));
  const names = r ? problem.descriptor.standardizedWeightLabels : problem.descriptor.weightLabels;
  const paths = trajectories.map((t) => sampledPoints(t, toTrained));
  const origin = paths.length > 0 && paths[0].length > 0 ? paths[0][paths[0].length - 1] : Float64Array.from(problem.trainInit);
  let inner: View;
  let note: string;
  // Axes in one unit are drawn square; a straight path's cross direction is sized by the loss instead.
  let square = true;
  if (mode.kind === 'pair') {
    // Softmax's weights are known once its classes are: a pair past them is refused here.
    if (mode.i >= dim || mode.j >= dim) throw usageError(messages.planePairPast(Math.max(mode.i, mode.j), dim));
    // The two weights themselves (u = v_i, v = v_j), the others held at the final point.
    inner = pairView(Array.from(origin), mode.i, mode.j, [names[mode.i], names[mode.j]]);
    const held = names.filter((_, k) => k !== mode.i && k !== mode.j);
    note = `${held.length <= 2 ? held.join(', ') : `${held.length} others`} held at the end, path projected`;
  } else if (mode.kind === 'random') {
    const [d1, d2] = randomDirections(dim, mode.seed);
    // A network's directions are filter-normalized (Li et al. 2018): each unit's incoming weights scaled to
    // the norm of that unit's weights at the plane's origin, biases left out, so that the plane's scale
    // matches the weights' own in every layer.
    const filters = problem.descriptor.weightFilters;
    if (filters) for (const d of [d1, d2]) filterNormalize(d, origin, filters);
    inner = planeView(Array.from(origin), Array.from(d1), Array.from(d2), filters ? ['random direction 1, filter-normalized', 'random direction 2'] : ['random direction 1', 'random direction 2']);
    note = 'random plane, path projected';
  } else {
    const { directions, explained, shares } = principalDirections(paths.flat(), dim);
    const [d1] = directions;
    // A straight path (Newton's one step) has no second principal direction: its PC2 would be an arbitrary
    // one. The descent direction at the start, across the path, is taken instead, and named so.
    // Paths that never moved (--iters 0) are drawn in the first two weights themselves, as labelled below.
    const never = !(explained > 0) || paths.every((p) => p.length < 2);
    const flat = !never && shares[1] < 1e-9 && paths[0]?.[0] ? gradientAcross(problem, paths[0][0], d1) : null;
    const d2 = flat ?? directions[1];
    if (flat) square = false;
    // Each direction points from the start towards the end, so the path runs left to right and upwards.
    const start = paths[0]?.[0];
    if (start) {
      for (const d of [d1, d2]) {
        let s = 0;
        for (let k = 0; k < dim; k++) s += (origin[k] - start[k]) * d[k];
        if (s < 0) for (let k = 0; k < dim; k++) d[k] = -d[k];
      }
    }
    // Each axis says how much of the paths' variance lies along it; paths that never moved (--iters 0) have
    // none, and the plane is then the first two weights, named as such.
    const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
    const still = !(explained > 0) || paths.every((p) => p.length < 2);
    const labels: [string, string] = still ? [names[0], names[1]] : [`PC1 (${pct(shares[0])} of variance)`, flat ? 'start gradient across PC1' : `PC2 (${pct(shares[1])})`];
    inner = planeView(Array.from(origin), Array.from(d1), Array.from(d2), labels);
    note = 'PCA plane, path projected';
  }
  const view = r ? mappedView(inner, (w) => toTrained(w), (v) => toReported(v)) : inner;
  const trained = problem.trained;
  const loss = (u: number, v: number) => trained.loss(inner.toWeights(u, v));
  return { view, loss: { loss, surface: loss }, note, sameUnits: square };
}

/**
 * The direction of steepest descent at `start`, with its part along d taken out (unit); null when it has
 * none across d. For a straight path this is where the loss first pulled besides the way the path went.
 */
function gradientAcross(problem: Problem, start: Float64Array, d: Float64Array): Float64Array | null {
  const n = problem.trained.dim;
  const g = new Float64Array(n);
  problem.trained.gradient(start, g);
  let along = 0;
  for (let k = 0; k < n; k++) along += g[k] * d[k];
  let norm = 0;
  for (let k = 0; k < n; k++) {
    g[k] = -(g[k] - along * d[k]);
    norm += g[k] * g[k];
  }
  norm = Math.sqrt(norm);
  if (!(norm > 1e-12 * Math.abs(along)) || !Number.isFinite(norm)) return null;
  for (let k = 0; k < n; k++) g[k] /= norm;
  return g;
}

/** Up to PCA_POINTS points of a trajectory in the trained coordinates, evenly spaced, the last included. */
function sampledPoints(t: Trajectory, toTrained: (w: ArrayLike<number>) => Float64Array): Float64Array[] {
  const n = t.loss.length;
  const step = Math.max(1, Math.ceil(n / PCA_POINTS));
  const out: Float64Array[] = [];
  const w = new Float64Array(t.w.length);
  for (let i = 0; i < n; i += step) out.push(pointAt(t, i, w, toTrained));
  if ((n - 1) % step !== 0) out.push(pointAt(t, n - 1, w, toTrained));
  return out.filter((p) => p.every(Number.isFinite));
}

function pointAt(t: Trajectory, i: number, w: Float64Array, toTrained: (w: ArrayLike<number>) => Float64Array): Float64Array {
  for (let k = 0; k < w.length; k++) w[k] = t.w[k][i];
  return toTrained(w);
}

/**
 * The two leading principal directions of the points (unit, orthogonal) and the share of their variance
 * those two explain (1 when the points do not move: the first two weights' axes are taken then).
 */
export function principalDirections(points: readonly Float64Array[], dim: number): { directions: [Float64Array, Float64Array]; explained: number; shares: [number, number] } {
  if (dim > GRAM_ABOVE) return principalByGram(points, dim);
  const mean = new Float64Array(dim);
  for (const p of points) for (let k = 0; k < dim; k++) mean[k] += p[k] / points.length;
  const cov = new Float64Array(dim * dim);
  for (const p of points) {
    for (let a = 0; a < dim; a++) {
      const da = p[a] - mean[a];
      for (let b = a; b < dim; b++) cov[a * dim + b] += da * (p[b] - mean[b]);
    }
  }
  for (let a = 0; a < dim; a++) for (let b = 0; b < a; b++) cov[a * dim + b] = cov[b * dim + a];
  const { values, vectors } = symmetricEigen(cov, dim);
  const total = values.reduce((s, x) => s + Math.max(0, x), 0);
  if (!(total > 0)) return { directions: [unit(dim, 0), unit(dim, 1)], explained: 0, shares: [0, 0] };
  const first = Math.max(0, values[dim - 1]) / total;
  const second = Math.max(0, values[dim - 2]) / total;
  return { directions: [Float64Array.from(vectors[dim - 1]), Float64Array.from(vectors[dim - 2])], explained: Math.min(1, first + second), shares: [first, second] };
}

/** Above this many weights the principal directions come from the points' Gram matrix (principalByGram). */
const GRAM_ABOVE = 64;
/** The points a Gram matrix is built from, at most (evenly spaced, the last kept). */
const GRAM_POINTS = 240;

/**
 * principalDirections for many weights (a network's thousands): the covariance's dim × dim eigenproblem
 * would take minutes, but its nonzero eigenvalues are those of the N × N Gram matrix X·Xᵀ of the N centred
 * points, and its eigenvectors Xᵀu/√λ. Up to GRAM_POINTS points, evenly spaced (the last kept): the shares
 * are of those points' variance.
 */
function principalByGram(all: readonly Float64Array[], dim: number): { directions: [Float64Array, Float64Array]; explained: number; shares: [number, number] } {
  const step = Math.max(1, Math.ceil(all.length / GRAM_POINTS));
  const points = all.filter((_, i) => i % step === 0 || i === all.length - 1);
  const n = points.length;
  const mean = new Float64Array(dim);
  for (const p of points) for (let k = 0; k < dim; k++) mean[k] += p[k] / n;
  const x = points.map((p) => Float64Array.from(p, (v, k) => v - mean[k]));
  const gram = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      let s = 0;
      for (let k = 0; k < dim; k++) s += x[a][k] * x[b][k];
      gram[a * n + b] = gram[b * n + a] = s;
    }
  }
  const { values, vectors } = symmetricEigen(gram, n);
  const total = values.reduce((s, v) => s + Math.max(0, v), 0);
  if (!(total > 0) || n < 3) return { directions: [unit(dim, 0), unit(dim, 1)], explained: 0, shares: [0, 0] };
  const direction = (j: number) => {
    const d = new Float64Array(dim);
    for (let a = 0; a < n; a++) for (let k = 0; k < dim; k++) d[k] += vectors[j][a] * x[a][k];
    let norm = 0;
    for (let k = 0; k < dim; k++) norm += d[k] * d[k];
    norm = Math.sqrt(norm);
    for (let k = 0; k < dim; k++) d[k] /= norm || 1;
    return d;
  };
  const first = Math.max(0, values[n - 1]) / total;
  const second = Math.max(0, values[n - 2]) / total;
  return { directions: [direction(n - 1), direction(n - 2)], explained: Math.min(1, first + second), shares: [first, second] };
}

function unit(dim: number, k: number): Float64Array {
  const d = new Float64Array(dim);
  d[k] = 1;
  return d;
}

/** Two seeded random directions (the run's seed, stream "plane"), orthonormalized by Gram–Schmidt. */
function randomDirections(dim: number, seed: string): [Float64Array, Float64Array] {
  const rng = createRng(seed, 'plane');
  const a = Float64Array.from({ length: dim }, () => normal(rng));
  const b = Float64Array.from({ length: dim }, () => normal(rng));
  const norm = (x: Float64Array) => Math.sqrt(x.reduce((t, v) => t + v * v, 0));
  const na = norm(a);
  for (let k = 0; k < dim; k++) a[k] /= na;
  const ab = a.reduce((t, v, k) => t + v * b[k], 0);
  for (let k = 0; k < dim; k++) b[k] -= ab * a[k];
  const nb = norm(b);
  for (let k = 0; k < dim; k++) b[k] /= nb;
  return [a, b];
}

/**
 * Li et al. (2018)'s filter normalization of a direction d at the weights θ: within each filter (a unit's
 * incoming weights), d is scaled to ‖θ_filter‖·d_filter/‖d_filter‖; every entry in no filter (the biases)
 * becomes 0.
 */
export function filterNormalize(d: Float64Array, theta: ArrayLike<number>, filters: readonly (readonly number[])[]): void {
  const kept = new Uint8Array(d.length);
  for (const f of filters) {
    let dn = 0;
    let tn = 0;
    for (const k of f) {
      dn += d[k] * d[k];
      tn += theta[k] * theta[k];
      kept[k] = 1;
    }
    const scale = dn > 0 ? Math.sqrt(tn / dn) : 0;
    for (const k of f) d[k] *= scale;
  }
  for (let k = 0; k < d.length; k++) if (!kept[k]) d[k] = 0;
}

/** A point of the weights (the optimum) in the plane, with its loss. */
export function planePoint(view: View, p: Point): PlanePoint {
  const [u, v] = view.toPlane(p.w);
  return { u, v, loss: p.loss };
}
