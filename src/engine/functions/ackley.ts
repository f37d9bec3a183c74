/**
 * Ackley's function: a nearly flat, egg-crate plateau around a deep cone at the origin (global minimum 0).
 * The cone's tip is not differentiable: at exactly (0, 0) the gradient given is 0 (the smallest subgradient)
 * and the Hessian is the smooth cosine part's (positive definite) without the cone's, which is infinite
 * there; so Newton's method rests at the tip and the verdict sees a minimum.
 */
import { point, type FunctionDescriptor } from './descriptor';
import type { Weights } from '../model';

const TAU = 2 * Math.PI;
const K = Math.SQRT1_2; // r = K·ρ with ρ = √(x² + y²)

/** 20·exp(−0.2 r): the cone's height below 20. */
const cone = (x: number, y: number) => 20 * Math.exp(-0.2 * K * Math.hypot(x, y));
/** exp(½ (cos 2πx + cos 2πy)): the egg crate's height below e. */
const crate = (x: number, y: number) => Math.exp(0.5 * (Math.cos(TAU * x) + Math.cos(TAU * y)));

export const ackley: FunctionDescriptor = {
  name: 'ackley',
  title: 'Ackley',
  formula: '−20 exp(−0.2 √(½(x² + y²))) − exp(½(cos 2πx + cos 2πy)) + e + 20',
  summary: 'an egg-crate plateau around a deep cone; global minimum 0 at (0, 0)',
  domain: { x: [-5, 5], y: [-5, 5] },
  init: [3.2, 2.1],
  levels: 'linear',
  create: () => ({
    dim: 2,
    // Grouped so that the loss at the origin is exactly 0: (20 − 20) + (e − e).
    loss: (w: Weights) => 20 - cone(w[0], w[1]) + (Math.E - crate(w[0], w[1])),
    gradient: (w: Weights, out: Float64Array) => {
      const x = w[0];
      const y = w[1];
      const rho = Math.hypot(x, y);
      // d/dρ of −20 exp(−0.2Kρ) is 0.2K·cone; along (x, y)/ρ.
      const c = rho === 0 ? 0 : (0.2 * K * cone(x, y)) / rho;
      const b = crate(x, y);
      out[0] = c * x + Math.PI * b * Math.sin(TAU * x);
      out[1] = c * y + Math.PI * b * Math.sin(TAU * y);
    },
    hessian: (w: Weights, out: Float64Array) => {
      const x = w[0];
      const y = w[1];
      const rho = Math.hypot(x, y);
      let xx = 0;
      let xy = 0;
      let yy = 0;
      if (rho !== 0) {
        // h(ρ) = −20 exp(−0.2Kρ): ∇²h = h'' uuᵀ + h'/ρ (I − uuᵀ), u = (x, y)/ρ.
        const a = cone(x, y);
        const d1 = 0.2 * K * a;
        const d2 = -0.04 * K * K * a;
        const ux = x / rho;
        const uy = y / rho;
        xx = d2 * ux * ux + (d1 / rho) * (1 - ux * ux);
        xy = (d2 - d1 / rho) * ux * uy;
        yy = d2 * uy * uy + (d1 / rho) * (1 - uy * uy);
      }
      // −exp(s), s = ½(cos 2πx + cos 2πy): −e^s (∇s∇sᵀ + ∇²s).
      const b = crate(x, y);
      const sx = -Math.PI * Math.sin(TAU * x);
      const sy = -Math.PI * Math.sin(TAU * y);
      out[0] = xx - b * (sx * sx - 2 * Math.PI * Math.PI * Math.cos(TAU * x));
      out[1] = xy - b * sx * sy;
      out[2] = out[1];
      out[3] = yy - b * (sy * sy - 2 * Math.PI * Math.PI * Math.cos(TAU * y));
    },
  }),
  minima: { kind: 'points', points: [point([0, 0], 0, 'global', '(0, 0)')] },
};
