/**
 * The starting points of a basins run (--starts): N seeded uniform draws over a landscape's domain, or a K×K
 * grid over it, corners included (as the loss grid samples it, so a grid whose step divides the domain lands
 * on round points such as Himmelblau's (3, 2)). Plain data; the randomness is the generator passed in.
 */
import type { Rng } from '../random';

/** How many starts and how they are placed: `count` seeded random points, or a `side`×`side` grid. */
export type StartsSpec = { kind: 'random'; count: number } | { kind: 'grid'; side: number };

/** The most random starts, and the largest grid side (10,000 starts either way). */
export const MAX_STARTS = 10_000;
export const MAX_GRID_SIDE = 100;
/** The fewest: one start is a plain run. */
export const MIN_STARTS = 2;

/** How many starts a spec places. */
export function startCount(spec: StartsSpec): number {
  return spec.kind === 'grid' ? spec.side * spec.side : spec.count;
}

/** The spec as the command line writes it: "200" or "grid:40". */
export function startsText(spec: StartsSpec): string {
  return spec.kind === 'grid' ? `grid:${spec.side}` : String(spec.count);
}

/**
 * The starting points, row by row from the domain's lower-left corner for a grid, in draw order for random
 * ones (x then y from `rng`, so the same seed gives the same points bit for bit).
 */
export function startPoints(spec: StartsSpec, domain: { x: readonly [number, number]; y: readonly [number, number] }, rng: Rng): { x: Float64Array; y: Float64Array } {
  const n = startCount(spec);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const [x0, x1] = domain.x;
  const [y0, y1] = domain.y;
  if (spec.kind === 'grid') {
    const k = spec.side;
    for (let j = 0; j < k; j++) {
      for (let i = 0; i < k; i++) {
        x[j * k + i] = x0 + ((x1 - x0) * i) / (k - 1);
        y[j * k + i] = y0 + ((y1 - y0) * j) / (k - 1);
      }
    }
  } else {
    for (let s = 0; s < n; s++) {
      x[s] = x0 + (x1 - x0) * rng();
      y[s] = y0 + (y1 - y0) * rng();
    }
  }
  return { x, y };
}
