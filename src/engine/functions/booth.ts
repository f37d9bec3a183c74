/** Booth's function: a tilted quadratic bowl (curvatures 2 and 18) with its minimum 0 at (1, 3). */
import { point, sym, twoD, type FunctionDescriptor } from './descriptor';

export const booth: FunctionDescriptor = {
  name: 'booth',
  title: 'Booth',
  formula: '(x + 2y − 7)² + (2x + y − 5)²',
  summary: 'a tilted quadratic bowl (condition number 9); global minimum 0 at (1, 3)',
  domain: { x: [-10, 10], y: [-10, 10] },
  init: [-8, -4],
  levels: 'log',
  create: () =>
    twoD(
      (x, y) => (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2,
      (x, y, out) => {
        const a = x + 2 * y - 7;
        const b = 2 * x + y - 5;
        out[0] = 2 * a + 4 * b;
        out[1] = 4 * a + 2 * b;
      },
      (_x, _y, out) => sym(out, 10, 8, 10),
    ),
  minima: { kind: 'points', points: [point([1, 3], 0, 'global', '(1, 3)')] },
};
