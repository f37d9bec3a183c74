/**
 * The curvature and scales of an objective that does not give them (a test function, an expression, a
 * caller's own loss), measured where the descent will go: the box that holds the start and the known minima
 * with a margin (the domain when none are known). A test function's curvature varies by orders of magnitude
 * over its domain, and the path stays near that box.
 * - curvature: the largest Hessian eigenvalue over a 17×17 grid of the box (finite ones; 1 when there is none);
 * - minCurvature: the smallest eigenvalue at the global minimum nearest the start, at least 0 (0 with none
 *   known, so that only the stability rule sets gd's rate);
 * - optimum: that minimum; referenceLoss: the region's highest point; referenceWeights: the start.
 * Whatever the objective gives itself is kept.
 */
import { curvatureAt } from './curvatureAt';
import { knownPoints, nearestGlobal, type Differentiable, type Objective, type ObjectiveSpec } from './objective';

type Box = { x: [number, number]; y: [number, number] };

/** Where an objective is drawn and judged: its domain, the domain's diagonal, its highest loss there. */
export interface Region {
  domain: Box;
  /** The length scale: the difference step of a Hessian from gradients, and the box's least margin. */
  scale: number;
  /** The highest loss over the domain: the reference loss. */
  top: number;
}

/** Grid points per axis of the box that the largest curvature is sought over. */
const GRID = 17;

/**
 * The objective with its measures filled in, for a descent from `init`. Without a region (a caller's own
 * objective) the domain is the box of the start and the known minima (the unit box around the start when
 * none are known), and its highest loss on the grid is the reference; above two weights the curvature is
 * sought at the start and the known minima only.
 */
export function measuredObjective(spec: ObjectiveSpec, init: readonly number[], region?: Region): Objective {
  const optimum = nearestGlobal(spec.minima, init);
  const r = region ?? regionOf(spec, init);
  let largest: number | undefined;
  let smallest: number | undefined;
  return {
    ...spec,
    optimum: spec.optimum ?? (() => (optimum ? Float64Array.from(optimum.w) : null)),
    curvature: spec.curvature ?? (() => (largest ??= largestCurvature(spec, pointsOf(spec, boxOf(spec, init, r), init), r.scale))),
    minCurvature:
      spec.minCurvature ?? (() => (smallest ??= optimum ? Math.max(0, curvatureAt(spec, optimum.w, r.scale)?.eigenvalues[0] ?? 0) : 0)),
    referenceLoss: spec.referenceLoss ?? (() => r.top),
    referenceWeights: spec.referenceWeights ?? (() => Float64Array.from(init)),
  };
}

/** The box around the start and the known minima (the domain when there are none), with a 10 % margin. */
function boxOf(spec: ObjectiveSpec, init: readonly number[], r: Region): Box {
  const pts = [init, ...knownPoints(spec.minima).map((p) => p.w)];
  if (pts.length === 1) return r.domain;
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const pad = (a: number, b: number): [number, number] => {
    const m = 0.1 * Math.max(b - a, 1e-3 * r.scale);
    return [a - m, b + m];
  };
  return { x: pad(Math.min(...xs), Math.max(...xs)), y: pad(Math.min(...ys), Math.max(...ys)) };
}

/** The points the largest curvature is sought at: a grid of the box (two weights), else the start and the minima. */
function pointsOf(spec: ObjectiveSpec, box: Box, init: readonly number[]): (readonly number[])[] {
  if (spec.dim !== 2) return [init, ...knownPoints(spec.minima).map((p) => p.w)];
  const out: number[][] = [];
  for (let j = 0; j < GRID; j++) {
    for (let i = 0; i < GRID; i++) out.push([box.x[0] + ((box.x[1] - box.x[0]) * i) / (GRID - 1), box.y[0] + ((box.y[1] - box.y[0]) * j) / (GRID - 1)]);
  }
  return out;
}

/** The largest Hessian eigenvalue at the points (finite ones; 1 when there is none). */
function largestCurvature(o: Differentiable, points: (readonly number[])[], scale: number): number {
  let max = 0;
  for (const w of points) {
    const top = curvatureAt(o, w, scale)?.eigenvalues.at(-1);
    if (top !== undefined && Number.isFinite(top)) max = Math.max(max, top);
  }
  return max > 0 ? max : 1;
}

/**
 * A caller's objective has no domain: the box of the start and the known minima (the unit box around the
 * start when none are known), its diagonal the scale, its highest finite loss on the grid the reference.
 */
function regionOf(spec: ObjectiveSpec, init: readonly number[]): Region {
  const pts = [init, ...knownPoints(spec.minima).map((p) => p.w)];
  const span = (k: number): [number, number] => {
    const v = pts.map((p) => p[k] ?? 0);
    const [a, b] = [Math.min(...v), Math.max(...v)];
    return b > a ? [a, b] : [a - 1, b + 1];
  };
  const domain = { x: span(0), y: span(1) };
  const scale = Math.hypot(domain.x[1] - domain.x[0], domain.y[1] - domain.y[0]);
  let top = -Infinity;
  for (const w of spec.dim === 2 ? pointsOf(spec, domain, init) : pts) {
    const v = spec.loss(w);
    if (Number.isFinite(v)) top = Math.max(top, v);
  }
  return { domain, scale, top: Number.isFinite(top) ? top : 1 };
}
