/** Beale's function: steep walls and a flat, narrow valley curving into (3, 0.5). */
import { point, sym, twoD, type FunctionDescriptor } from './descriptor';

const C = [1.5, 2.25, 2.625] as const;

export const beale: FunctionDescriptor = {
  name: 'beale',
  title: 'Beale',
  formula: '(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²',
  summary: 'flat plateaus between steep walls; global minimum 0 at (3, 0.5), a saddle at (0, 1)',
  domain: { x: [-4.5, 4.5], y: [-4.5, 4.5] },
  init: [1, 1.5],
  levels: 'log',
  create: () =>
    twoD(
      (x, y) => (C[0] - x + x * y) ** 2 + (C[1] - x + x * y * y) ** 2 + (C[2] - x + x * y * y * y) ** 2,
      (x, y, out) => {
        let gx = 0;
        let gy = 0;
        for (let k = 1; k <= 3; k++) {
          const t = C[k - 1] - x + x * y ** k;
          gx += 2 * t * (y ** k - 1);
          gy += 2 * t * k * x * y ** (k - 1);
        }
        out[0] = gx;
        out[1] = gy;
      },
      (x, y, out) => {
        // f = Σ t², so H = 2 Σ (∇t ∇tᵀ + t ∇²t), with t = c − x + x·yᵏ.
        let xx = 0;
        let xy = 0;
        let yy = 0;
        for (let k = 1; k <= 3; k++) {
          const t = C[k - 1] - x + x * y ** k;
          const tx = y ** k - 1;
          const ty = k * x * y ** (k - 1);
          xx += 2 * tx * tx;
          xy += 2 * (tx * ty + t * k * y ** (k - 1));
          yy += 2 * (ty * ty + t * (k === 1 ? 0 : k * (k - 1) * x * y ** (k - 2)));
        }
        sym(out, xx, xy, yy);
      },
    ),
  minima: { kind: 'points', points: [point([3, 0.5], 0, 'global', '(3, 0.5)')] },
  // On x = 0 the loss is constant in y, and ∂f/∂x vanishes at y = 1: a saddle at the loss 1.5² + 2.25² + 2.625².
  stationary: [point([0, 1], 14.203125, 'saddle', '(0, 1)')],
};
