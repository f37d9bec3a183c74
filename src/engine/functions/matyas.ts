/** Matyas's function: a quadratic bowl stretched along the diagonal (curvatures 0.04 and 1), minimum 0 at (0, 0). */
import { point, sym, twoD, type FunctionDescriptor } from './descriptor';

export const matyas: FunctionDescriptor = {
  name: 'matyas',
  title: 'Matyas',
  formula: '0.26 (x² + y²) − 0.48 xy',
  summary: 'a flat quadratic valley along the diagonal (condition number 25); global minimum 0 at (0, 0)',
  domain: { x: [-10, 10], y: [-10, 10] },
  init: [-8, 4],
  levels: 'log',
  create: () =>
    twoD(
      (x, y) => 0.26 * (x * x + y * y) - 0.48 * x * y,
      (x, y, out) => {
        out[0] = 0.52 * x - 0.48 * y;
        out[1] = 0.52 * y - 0.48 * x;
      },
      (_x, _y, out) => sym(out, 0.52, -0.48, 0.52),
    ),
  minima: { kind: 'points', points: [point([0, 0], 0, 'global', '(0, 0)')] },
};
