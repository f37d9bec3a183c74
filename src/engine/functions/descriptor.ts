/**
 * A built-in test function (a classic 2-D landscape): what `mlvis function NAME` and `mlvis functions` need to
 * know of it, and how to make its objective.
 */
import type { Weights } from '../model';
import type { KnownMinima, KnownPoint, Differentiable } from '../objective';

/** The settings a function may take; only the ill-conditioned quadratic reads them. */
export interface FunctionParams {
  /** The ratio K of the largest to the smallest curvature (≥ 1). */
  condition?: number;
  /** The rotation of the principal axes, in degrees. */
  angle?: number;
}

export interface FunctionDescriptor {
  /** The name on the command line: "rosenbrock", "six-hump-camel". */
  readonly name: string;
  /** The name in titles: "Rosenbrock", "Six-hump camel". */
  readonly title: string;
  /** A short plain-text formula for titles and help: "(1 − x)² + 100 (y − x²)²". */
  readonly formula: string;
  /** One line for `mlvis functions`. */
  readonly summary: string;
  /** The usual plotting domain from the literature. */
  readonly domain: { readonly x: readonly [number, number]; readonly y: readonly [number, number] };
  /** A default start that makes a good animation. */
  readonly init: readonly [number, number];
  /**
   * Contour levels: 'log' where the loss spans decades over the domain (levels log-spaced in the height above
   * the lowest known minimum), 'linear' where it does not or has no minimum.
   */
  readonly levels: 'log' | 'linear';
  /** The settings create() reads (for "has no effect" warnings); none for most. */
  readonly params?: readonly (keyof FunctionParams)[];
  /** The objective: exact closed-form loss, gradient and Hessian. Stateless and allocation-free per call. */
  create(params?: FunctionParams): Differentiable;
  /** Every global minimum and the notable local ones, to double precision (the same for every params). */
  readonly minima: KnownMinima;
  /** Notable stationary points that are not minima (saddles), for markers and the saddle verdict. */
  readonly stationary?: readonly KnownPoint[];
}

/** A 2-D objective from its closed forms in (x, y); the Hessian is written row-major [xx, xy, yx, yy]. */
export function twoD(
  loss: (x: number, y: number) => number,
  gradient: (x: number, y: number, out: Float64Array) => void,
  hessian: (x: number, y: number, out: Float64Array) => void,
): Differentiable {
  return {
    dim: 2,
    loss: (w: Weights) => loss(w[0], w[1]),
    gradient: (w: Weights, out: Float64Array) => gradient(w[0], w[1], out),
    hessian: (w: Weights, out: Float64Array) => hessian(w[0], w[1], out),
  };
}

/** Writes a symmetric 2×2 matrix row-major. */
export function sym(out: Float64Array, xx: number, xy: number, yy: number): void {
  out[0] = xx;
  out[1] = xy;
  out[2] = xy;
  out[3] = yy;
}

/** A known point; `name` defaults to the coordinates. */
export function point(w: readonly [number, number], loss: number, kind: KnownPoint['kind'], name?: string): KnownPoint {
  return name === undefined ? { w, loss, kind } : { w, loss, kind, name };
}
