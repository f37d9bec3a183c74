/** Rosenbrock's banana valley: a curved, flat-floored valley that optimizers crawl along to (1, 1). */
import { point, sym, twoD, type FunctionDescriptor } from './descriptor';

export const rosenbrock: FunctionDescriptor = {
  name: 'rosenbrock',
  title: 'Rosenbrock',
  formula: '(1 − x)² + 100 (y − x²)²',
  summary: 'a curved banana valley with a flat floor; global minimum 0 at (1, 1)',
  domain: { x: [-2, 2], y: [-1, 3] },
  init: [-1.5, 2],
  levels: 'log',
  create: () =>
    twoD(
      (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
      (x, y, out) => {
        const r = y - x * x;
        out[0] = -2 * (1 - x) - 400 * x * r;
        out[1] = 200 * r;
      },
      (x, y, out) => sym(out, 2 - 400 * y + 1200 * x * x, -400 * x, 200),
    ),
  minima: { kind: 'points', points: [point([1, 1], 0, 'global', '(1, 1)')] },
};
