/**
 * Styblinski–Tang in 2-D: ½ Σ (t⁴ − 16t² + 5t), separable. Each coordinate's stationary points are the roots
 * of 4t³ − 32t + 5 = 0 (trigonometric closed form, polished by Newton's method to the last bit): a = −2.9035…
 * and b = 2.7468… are minima, the middle root a maximum. So (a, a) is the global minimum, (a, b), (b, a) and
 * (b, b) local ones, and the middle root paired with a or b gives the four saddles.
 */
import { point, sym, twoD, type FunctionDescriptor } from './descriptor';

const half = (t: number) => 0.5 * (t ** 4 - 16 * t * t + 5 * t);

/** The k-th root of t³ − 8t + 1.25 = 0, polished by Newton's method on 4t³ − 32t + 5. */
function root(k: number): number {
  const m = 2 * Math.sqrt(8 / 3);
  let t = m * Math.cos(Math.acos(((3 * 1.25) / (2 * -8)) * Math.sqrt(3 / 8)) / 3 - (2 * Math.PI * k) / 3);
  for (let i = 0; i < 4; i++) t -= (4 * t ** 3 - 32 * t + 5) / (12 * t * t - 32);
  return t;
}

const roots = [root(0), root(1), root(2)].sort((p, q) => p - q);
const a = roots[0];
const mid = roots[1];
const b = roots[2];
const known = (x: number, y: number, kind: 'global' | 'local' | 'saddle') => point([x, y], half(x) + half(y), kind);

export const styblinskiTang: FunctionDescriptor = {
  name: 'styblinski-tang',
  title: 'Styblinski–Tang',
  formula: '½ (x⁴ − 16x² + 5x + y⁴ − 16y² + 5y)',
  summary: 'four basins: global minimum −78.332 at (−2.9035, −2.9035), local minima in the other three',
  domain: { x: [-5, 5], y: [-5, 5] },
  init: [-4.5, 0.1],
  levels: 'linear',
  create: () =>
    twoD(
      (x, y) => half(x) + half(y),
      (x, y, out) => {
        out[0] = 2 * x ** 3 - 16 * x + 2.5;
        out[1] = 2 * y ** 3 - 16 * y + 2.5;
      },
      (x, y, out) => sym(out, 6 * x * x - 16, 0, 6 * y * y - 16),
    ),
  minima: {
    kind: 'points',
    points: [known(a, a, 'global'), known(a, b, 'local'), known(b, a, 'local'), known(b, b, 'local')],
  },
  stationary: [known(mid, a, 'saddle'), known(a, mid, 'saddle'), known(mid, b, 'saddle'), known(b, mid, 'saddle')],
};
