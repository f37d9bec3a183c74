/**
 * The six-hump camel: two global minima ±(0.0898, −0.7126) of loss −1.0316 and four local ones. None has a
 * simple closed form: each is refined by Newton's method from the literature's 4-digit values to full double
 * precision when this module loads.
 */
import { point, sym, twoD, type FunctionDescriptor } from './descriptor';
import { refineStationary } from './refine';

const create = () =>
  twoD(
    (x, y) => (4 - 2.1 * x * x + x ** 4 / 3) * x * x + x * y + (-4 + 4 * y * y) * y * y,
    (x, y, out) => {
      out[0] = 8 * x - 8.4 * x ** 3 + 2 * x ** 5 + y;
      out[1] = x - 8 * y + 16 * y ** 3;
    },
    (x, y, out) => sym(out, 8 - 25.2 * x * x + 10 * x ** 4, 1, -8 + 48 * y * y),
  );

const f = create();
const known = (guess: [number, number], kind: 'global' | 'local') => {
  const w = refineStationary(f, guess);
  return point(w, f.loss(w), kind);
};

export const sixHumpCamel: FunctionDescriptor = {
  name: 'six-hump-camel',
  title: 'Six-hump camel',
  formula: '(4 − 2.1x² + x⁴/3) x² + xy + (−4 + 4y²) y²',
  summary: 'two global minima −1.0316 at ±(0.0898, −0.7126) and four local ones',
  domain: { x: [-2, 2], y: [-1, 1] },
  init: [-1, -0.9],
  levels: 'linear',
  create,
  minima: {
    kind: 'points',
    points: [
      known([0.0898, -0.7126], 'global'),
      known([-0.0898, 0.7126], 'global'),
      known([-1.7036, 0.7961], 'local'),
      known([1.7036, -0.7961], 'local'),
      known([1.6071, 0.5687], 'local'),
      known([-1.6071, -0.5687], 'local'),
    ],
  },
};
