/**
 * Goldstein–Price: f = A·B with A = 1 + u²P, B = 30 + v²Q, u = x + y + 1, v = 2x − 3y. Its global minimum 3
 * at (0, −1) and the local minima 30, 84, 840 at (−0.6, −0.4), (1.8, 0.2), (1.2, 0.8) are exact: u or v
 * vanishes there, or u = v = 3 where P = 3 and Q = −3 balance the gradient.
 */
import { point, type FunctionDescriptor } from './descriptor';
import type { Weights } from '../model';

/** A, B, their gradients and Hessians at (x, y), into the 12 slots of s. */
function parts(x: number, y: number, s: Float64Array): void {
  const u = x + y + 1;
  const v = 2 * x - 3 * y;
  const P = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y;
  const Q = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y;
  const Pd = -14 + 6 * x + 6 * y; // ∂P/∂x = ∂P/∂y
  const Qx = -32 + 24 * x - 36 * y;
  const Qy = 48 - 36 * x + 54 * y;
  // A = 1 + u²P, ∇u = (1, 1), ∇²P = 6·[[1, 1], [1, 1]].
  s[0] = 1 + u * u * P;
  s[1] = 2 * u * P + u * u * Pd;
  s[2] = s[1];
  const a2 = 2 * P + 4 * u * Pd + 6 * u * u; // every entry of ∇²A
  s[3] = a2;
  s[4] = a2;
  s[5] = a2;
  // B = 30 + v²Q, ∇v = (2, −3), ∇²Q = [[24, −36], [−36, 54]].
  s[6] = 30 + v * v * Q;
  s[7] = 4 * v * Q + v * v * Qx;
  s[8] = -6 * v * Q + v * v * Qy;
  s[9] = 8 * Q + 8 * v * Qx + 24 * v * v;
  s[10] = -12 * Q + 2 * v * (2 * Qy - 3 * Qx) - 36 * v * v;
  s[11] = 18 * Q - 12 * v * Qy + 54 * v * v;
}

const loss = (x: number, y: number): number => {
  const u = x + y + 1;
  const v = 2 * x - 3 * y;
  const P = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y;
  const Q = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y;
  return (1 + u * u * P) * (30 + v * v * Q);
};

export const goldsteinPrice: FunctionDescriptor = {
  name: 'goldstein-price',
  title: 'Goldstein–Price',
  formula: '[1 + (x + y + 1)² (19 − 14x + 3x² − 14y + 6xy + 3y²)] · [30 + (2x − 3y)² (18 − 32x + 12x² + 48y − 36xy + 27y²)]',
  summary: 'a loss spanning six decades; global minimum 3 at (0, −1), local minima 30, 84 and 840',
  domain: { x: [-2, 2], y: [-2, 2] },
  init: [1, -1.8],
  levels: 'log',
  create: () => {
    const s = new Float64Array(12);
    return {
      dim: 2,
      loss: (w: Weights) => loss(w[0], w[1]),
      gradient: (w: Weights, out: Float64Array) => {
        parts(w[0], w[1], s);
        out[0] = s[1] * s[6] + s[0] * s[7];
        out[1] = s[2] * s[6] + s[0] * s[8];
      },
      hessian: (w: Weights, out: Float64Array) => {
        parts(w[0], w[1], s);
        // ∇²(AB) = B∇²A + A∇²B + ∇A∇Bᵀ + ∇B∇Aᵀ.
        const A = s[0], Ax = s[1], Ay = s[2], Axx = s[3], Axy = s[4], Ayy = s[5];
        const B = s[6], Bx = s[7], By = s[8], Bxx = s[9], Bxy = s[10], Byy = s[11];
        out[0] = B * Axx + A * Bxx + 2 * Ax * Bx;
        out[1] = B * Axy + A * Bxy + Ax * By + Bx * Ay;
        out[2] = out[1];
        out[3] = B * Ayy + A * Byy + 2 * Ay * By;
      },
    };
  },
  minima: {
    kind: 'points',
    points: [
      point([0, -1], 3, 'global', '(0, −1)'),
      point([-0.6, -0.4], 30, 'local', '(−0.6, −0.4)'),
      point([1.8, 0.2], 84, 'local', '(1.8, 0.2)'),
      point([1.2, 0.8], 840, 'local', '(1.2, 0.8)'),
    ],
  },
};
