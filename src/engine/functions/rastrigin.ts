/** Rastrigin's function: a bowl covered in a lattice of local minima; global minimum 0 at the origin. */
import { point, sym, twoD, type FunctionDescriptor } from './descriptor';

const TAU = 2 * Math.PI;

export const rastrigin: FunctionDescriptor = {
  name: 'rastrigin',
  title: 'Rastrigin',
  formula: '20 + x² − 10 cos 2πx + y² − 10 cos 2πy',
  summary: 'a bowl covered in a lattice of local minima (about 100 in the domain); global minimum 0 at (0, 0)',
  domain: { x: [-5.12, 5.12], y: [-5.12, 5.12] },
  init: [3.3, -2.4],
  levels: 'linear',
  create: () =>
    twoD(
      (x, y) => 20 + x * x - 10 * Math.cos(TAU * x) + y * y - 10 * Math.cos(TAU * y),
      (x, y, out) => {
        out[0] = 2 * x + 10 * TAU * Math.sin(TAU * x);
        out[1] = 2 * y + 10 * TAU * Math.sin(TAU * y);
      },
      (x, y, out) => sym(out, 2 + 10 * TAU * TAU * Math.cos(TAU * x), 0, 2 + 10 * TAU * TAU * Math.cos(TAU * y)),
    ),
  // Its local minima are too many to list (one near every integer point): only the global one is known here.
  minima: { kind: 'points', points: [point([0, 0], 0, 'global', '(0, 0)')] },
};
