/**
 * A landscape: an objective of two weights with no data (a classic test function or a user's expression),
 * set up as a Problem so that every optimizer, race, sweep, view and output works on it as on a regression.
 * What differs is said here once: its coordinates are x and y, its surface is drawn over its domain, its
 * minima are a list (several, local ones, or none), and its verdicts come from landscapeVerdict.ts.
 */
import type { Dataset, Point } from '../types';
import { messages, usageError } from '../errors';
import { compileExpr } from './expr';
import { functionOf, type FunctionDescriptor, type FunctionParams } from './functions';
import type { ModelDescriptor } from './model';
import { knownPoints, nearestGlobal, type Differentiable, type KnownMinima, type KnownPoint, type Objective, type ObjectiveSpec } from './objective';
import { measuredObjective } from './measured';
import { landscapes } from './landscapes';

/** Which landscape a run descends: a built-in function by name, or an expression in x and y. */
export interface LandscapeSpec {
  /** A built-in function's name (src/engine/functions), or absent with `expr`. */
  name?: string;
  /** An expression in x and y (--expr). */
  expr?: string;
  /** The quadratic's --condition and --angle. */
  params?: FunctionParams;
  /** --domain: the window drawn, [x0, x1] and [y0, y1]; default the function's own (expressions: ±3). */
  domain?: { x: [number, number]; y: [number, number] };
}

/** Everything the pipeline needs of a landscape besides the objective a descent trains (landscapeObjective). */
export interface Landscape {
  /** "rosenbrock", or "expr" for an expression. */
  name: string;
  title: string;
  /** The formula as text: the built-in's, or the expression as given. */
  formula: string;
  /** The function itself: its loss, exact gradient and (where it has one) Hessian. */
  objective: Differentiable;
  minima: KnownMinima;
  /** Known saddle points, for markers and the saddle verdict. */
  saddles: readonly KnownPoint[];
  domain: { x: [number, number]; y: [number, number] };
  /** The default start. */
  init: [number, number];
  /** Contour levels: log-spaced above the lowest point where the loss spans decades. */
  levels: 'log' | 'linear';
  /** The domain's diagonal: the yardstick of "near" for verdicts. */
  scale: number;
  /** The loss's spread over the domain (max − min on a grid): the yardstick of a loss gap. */
  lossRange: number;
  /** The lowest and highest loss on that grid. */
  lossMin: number;
  lossMax: number;
  /** The settings the run gave (--condition, --angle), for the title and the summary. */
  params: FunctionParams;
}

/** The domain of an expression when --domain is not given. */
const EXPR_DOMAIN = { x: [-3, 3] as [number, number], y: [-3, 3] as [number, number] };
/** Samples per axis of the grid that measures the loss's spread and the largest curvature over the domain. */
const PROBE = 49;

/** Builds a landscape from its spec; usage errors (an unknown name, a malformed expression) are thrown. */
export function landscapeOf(spec: LandscapeSpec): Landscape {
  if (spec.expr !== undefined) {
    const objective = compileExpr(spec.expr);
    const domain = spec.domain ?? EXPR_DOMAIN;
    return measured({
      name: 'expr',
      title: 'f(x, y)',
      formula: spec.expr,
      objective,
      minima: { kind: 'unknown' },
      saddles: [],
      domain,
      init: [domain.x[0] + 0.2 * (domain.x[1] - domain.x[0]), domain.y[1] - 0.2 * (domain.y[1] - domain.y[0])],
      levels: 'linear',
      params: {},
    });
  }
  const fd: FunctionDescriptor = functionOf(spec.name ?? '');
  const params = spec.params ?? {};
  return measured({
    name: fd.name,
    title: fd.title,
    formula: fd.formula,
    objective: fd.create(params),
    minima: fd.minima,
    saddles: fd.stationary?.filter((p) => p.kind === 'saddle') ?? [],
    domain: spec.domain ?? { x: [...fd.domain.x], y: [...fd.domain.y] },
    init: [fd.init[0], fd.init[1]],
    levels: fd.levels,
    params,
  });
}

type Unmeasured = Omit<Landscape, 'scale' | 'lossRange' | 'lossMin' | 'lossMax'>;

/** Adds the yardsticks measured over the domain. */
function measured(l: Unmeasured): Landscape {
  const { x, y } = l.domain;
  refuseUnmeasurable(l.domain);
  let lossMin = Infinity;
  let lossMax = -Infinity;
  const w = new Float64Array(2);
  for (let j = 0; j < PROBE; j++) {
    for (let i = 0; i < PROBE; i++) {
      w[0] = x[0] + ((x[1] - x[0]) * i) / (PROBE - 1);
      w[1] = y[0] + ((y[1] - y[0]) * j) / (PROBE - 1);
      const v = l.objective.loss(w);
      if (Number.isFinite(v)) {
        lossMin = Math.min(lossMin, v);
        lossMax = Math.max(lossMax, v);
      }
    }
  }
  for (const p of knownPoints(l.minima)) lossMin = Math.min(lossMin, p.loss);
  if (!Number.isFinite(lossMin)) throw usageError(messages.nowhereFinite(l.formula, l.domain));
  const lossRange = Math.max(lossMax - lossMin, 1e-12 * Math.max(1, Math.abs(lossMax)));
  return { ...l, scale: Math.hypot(x[1] - x[0], y[1] - y[0]), lossRange, lossMin, lossMax };
}

/** The widest extent of a domain's side: a thousand times its diagonal (the verdicts' blow-up) must stay finite. */
export const MAX_EXTENT = 1e300;
/** The narrowest extent of a side: its grid's squares must not underflow. */
export const MIN_EXTENT = 1e-100;
/** The narrowest extent of a side relative to its bounds' size: the axis's ticks and grid must tell points apart. */
export const MIN_RELATIVE_EXTENT = 1e-6;

/** Refuses a domain too large (its size overflows) or too small (its points cannot be told apart) to draw and measure. */
function refuseUnmeasurable(domain: Landscape['domain']): void {
  for (const [axis, [a, b]] of [['x', domain.x], ['y', domain.y]] as const) {
    const extent = b - a;
    if (!(extent <= MAX_EXTENT)) throw usageError(messages.domainTooLarge(axis, a, b, MAX_EXTENT));
    const least = Math.max(MIN_EXTENT, MIN_RELATIVE_EXTENT * Math.max(Math.abs(a), Math.abs(b)));
    if (!(extent >= least)) throw usageError(messages.domainTooSmall(axis, a, b, least));
  }
}

export { knownPoints, nearestGlobal } from './objective';

/** A known point's name: its own, or its coordinates as people write them. */
export function pointName(p: KnownPoint): string {
  const f = (v: number) => Number((Math.abs(v) < 1e-12 ? 0 : v).toPrecision(4)).toString();
  // One minus sign in every name: a formula's typographic − is the ASCII one here, as in the coordinates.
  return (p.name ?? `(${p.w.map(f).join(', ')})`).replace(/\u2212/g, '-');
}

/**
 * The landscape as the objective a descent from `init` trains: no samples, its weights x and y, its curvature
 * and scales measured over its domain (see measured.ts): the largest curvature over the box that holds the
 * start and the known minima, the smallest at the nearest global minimum, the domain's highest point as the
 * reference loss.
 */
export function landscapeObjective(l: Landscape, init: readonly number[]): Objective {
  const o = l.objective;
  const spec: ObjectiveSpec = {
    name: l.name,
    dim: 2,
    weightNames: landscapes.weightNames,
    minima: l.minima,
    loss: (w) => o.loss(w),
    gradient: (w, out) => o.gradient(w, out),
    ...(o.hessian ? { hessian: (w: ArrayLike<number>, out: Float64Array) => o.hessian!(w, out) } : {}),
  };
  return measuredObjective(spec, init, { domain: l.domain, scale: l.scale, top: l.lossMax });
}

/** The landscape's descriptor: how its weights and loss are named on screen and in the summary. */
export function landscapeDescriptor(l: Landscape): ModelDescriptor {
  return {
    ...landscapes,
    title: l.title,
    short: l.title,
    lossName: l.name === 'expr' ? `f(x, y) = ${l.formula}` : l.formula,
    lossShort: 'f',
  };
}

/** A landscape's stand-in data set: no rows, named after the function. */
export function landscapeData(l: Landscape): Dataset {
  return { x: new Float64Array(0), y: new Float64Array(0), xName: 'x', yName: 'y', source: l.name, skipped: 0 };
}

/** The point a landscape's optimum stands for in gaps: the global minimum nearest the start. */
export function landscapeOptimum(l: Landscape, init: readonly number[]): Point | null {
  const p = nearestGlobal(l.minima, init);
  return p ? { w: [...p.w], loss: p.loss } : null;
}
