/**
 * The three-hump camel: a global minimum 0 at the origin between two shallow local minima. Its stationary
 * points lie on y = −x/2 where x⁴ − 4.2x² + 3.5 = 0, so x² = 2.1 ± √0.91: the + root gives the local minima,
 * the − root the saddles (closed form, then polished by one Newton pass to the last bit).
 */
import { point, sym, twoD, type FunctionDescriptor } from './descriptor';
import { refineStationary } from './refine';

const create = () =>
  twoD(
    (x, y) => 2 * x * x - 1.05 * x ** 4 + x ** 6 / 6 + x * y + y * y,
    (x, y, out) => {
      out[0] = 4 * x - 4.2 * x ** 3 + x ** 5 + y;
      out[1] = x + 2 * y;
    },
    (x, _y, out) => sym(out, 4 - 12.6 * x * x + 5 * x ** 4, 1, 2),
  );

const f = create();
const on = (x: number): [number, number] => refineStationary(f, [x, -x / 2]);
const local = Math.sqrt(2.1 + Math.sqrt(0.91));
const saddle = Math.sqrt(2.1 - Math.sqrt(0.91));
const known = (w: [number, number], kind: 'local' | 'saddle') => point(w, f.loss(w), kind);

export const threeHumpCamel: FunctionDescriptor = {
  name: 'three-hump-camel',
  title: 'Three-hump camel',
  formula: '2x² − 1.05x⁴ + x⁶/6 + xy + y²',
  summary: 'a global minimum 0 at (0, 0) between two shallow local minima',
  domain: { x: [-2, 2], y: [-2, 2] },
  init: [-1, -1.5],
  levels: 'log',
  create,
  minima: {
    kind: 'points',
    points: [point([0, 0], 0, 'global', '(0, 0)'), known(on(local), 'local'), known(on(-local), 'local')],
  },
  stationary: [known(on(saddle), 'saddle'), known(on(-saddle), 'saddle')],
};
