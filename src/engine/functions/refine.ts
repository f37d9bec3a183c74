/**
 * Newton's method on the gradient, for stationary points that have no simple closed form (three of
 * Himmelblau's minima, the six-hump camel's): started from the literature's 6-digit values, it converges
 * quadratically, so a few steps give the point to full double precision. Run once, when a function's module loads.
 */
import type { Differentiable } from '../objective';

/**
 * The stationary point of `f` near `guess`, to double precision: Newton steps until they stop shrinking,
 * keeping the iterate with the smallest gradient. Throws (a bug in mlvis, caught by the tests) when Newton
 * wanders further than 1e-3 from the guess, i.e. the guess was not near a stationary point.
 */
export function refineStationary(f: Differentiable, guess: readonly [number, number]): [number, number] {
  const w = Float64Array.from(guess);
  const g = new Float64Array(2);
  const h = new Float64Array(4);
  let best: [number, number] = [w[0], w[1]];
  let bestNorm = Infinity;
  for (let i = 0; i < 60; i++) {
    f.gradient(w, g);
    const norm = Math.hypot(g[0], g[1]);
    if (norm < bestNorm) {
      bestNorm = norm;
      best = [w[0], w[1]];
    }
    if (norm === 0) break;
    f.hessian!(w, h);
    const det = h[0] * h[3] - h[1] * h[2];
    const dx = (h[3] * g[0] - h[1] * g[1]) / det;
    const dy = (h[0] * g[1] - h[2] * g[0]) / det;
    if (!Number.isFinite(dx) || !Number.isFinite(dy)) break;
    w[0] -= dx;
    w[1] -= dy;
  }
  if (Math.hypot(best[0] - guess[0], best[1] - guess[1]) > 1e-3 * Math.max(1, Math.hypot(guess[0], guess[1]))) {
    throw new Error(`internal error: Newton's method from (${guess.join(', ')}) left for (${best.join(', ')})`);
  }
  return best;
}
