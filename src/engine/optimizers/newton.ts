import { choleskySolve } from '../cholesky';
import { defineOptimizer, type OptimizerDescriptor } from './descriptor';

/** A pivot below this share of the Hessian's scale counts as singular (a step there would be huge and arbitrary). */
const SINGULAR = 1e-12;

/**
 * The Newton direction d = (H + μ·I)⁻¹·g, with μ = 0 when H is safely positive definite, else the smallest of
 * 10⁻³·s, 10⁻²·s, … (s the largest |Hᵢᵢ|) that makes H + μ·I so (Levenberg damping); g itself when H is 0.
 * Returns μ.
 */
export function newtonDirection(h: Float64Array, g: Float64Array, n: number, d: Float64Array, l: Float64Array): number {
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(h[i * n + i]));
  if (!(scale > 0) || !Number.isFinite(scale)) {
    d.set(g);
    return Infinity;
  }
  const tiny = SINGULAR * scale;
  if (choleskySolve(h, 0, g, n, d, l, tiny)) return 0;
  for (let mu = 1e-3 * scale; Number.isFinite(mu); mu *= 10) {
    if (choleskySolve(h, mu, g, n, d, l, tiny)) return mu;
  }
  d.set(g);
  return Infinity;
}

/**
 * Newton's method: w ← w − α·H⁻¹·∇g with the objective's exact Hessian H (Objective.hessian), α = 1 by default.
 * On a quadratic (linear regression) one step at α = 1 lands on the optimum. Safeguard: where H is not
 * positive definite (a saddle, a ridge, or a Hessian too flat to invert) the plain Newton step could point
 * uphill or be arbitrarily long, so it is damped instead (Levenberg): w ← w − α·(H + μ·I)⁻¹·∇g with the smallest
 * μ of 10⁻³·s, 10⁻²·s, … (s the largest diagonal entry of H) that makes H + μ·I positive definite; that
 * direction always descends, and as μ grows it turns into a gradient step of α/μ. Where H is zero, a gradient
 * step α·∇g. Objectives without a Hessian are refused.
 */
export const newton: OptimizerDescriptor = defineOptimizer({
  name: 'newton',
  title: "Newton's method",
  short: 'Newton',
  params: [],
  stochastic: false,
  velocity: false,
  plain: false,
  needs: 'hessian',
  createStep(model, _p) {
    // Present: defineOptimizer refuses an objective without one (`needs`).
    const hessian = model.hessian!.bind(model);
    const n = model.dim;
    const g = new Float64Array(n);
    const h = new Float64Array(n * n);
    const l = new Float64Array(n * n);
    const d = new Float64Array(n);
    return (w, _t, lr) => {
      model.gradient(w, g);
      hessian(w, h);
      newtonDirection(h, g, n, d, l);
      for (let k = 0; k < n; k++) w[k] -= lr * d[k];
    };
  },
  // The full Newton step: on a quadratic it lands on the optimum, and elsewhere it is the step the local
  // quadratic model asks for.
  defaultRate: () => 1,
  // On a quadratic the error is multiplied by (1 − α) each step: stable for α < 2 (exact; near any minimum the
  // same holds, since there the objective is nearly its quadratic model).
  stableRate: () => 2,
});
