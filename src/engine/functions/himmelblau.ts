/**
 * Himmelblau's function: four global minima of loss 0, one per quadrant, with saddles between them. (3, 2) is
 * exact; the other three solve x³ + 3x² − 13x − 38 = 0 with y = 11 − x², and are refined here by Newton's
 * method from the literature's 6-digit values to full double precision. The four saddles likewise.
 */
import { point, sym, twoD, type FunctionDescriptor } from './descriptor';
import { refineStationary } from './refine';

const create = () =>
  twoD(
    (x, y) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
    (x, y, out) => {
      const a = x * x + y - 11;
      const b = x + y * y - 7;
      out[0] = 4 * x * a + 2 * b;
      out[1] = 2 * a + 4 * y * b;
    },
    (x, y, out) => {
      const a = x * x + y - 11;
      const b = x + y * y - 7;
      sym(out, 8 * x * x + 4 * a + 2, 4 * (x + y), 8 * y * y + 4 * b + 2);
    },
  );

const f = create();
const at = (guess: [number, number]) => refineStationary(f, guess);

export const himmelblau: FunctionDescriptor = {
  name: 'himmelblau',
  title: 'Himmelblau',
  formula: '(x² + y − 11)² + (x + y² − 7)²',
  summary: 'four global minima of loss 0, one per quadrant, with saddles between them',
  domain: { x: [-5, 5], y: [-5, 5] },
  init: [-0.5, 4.5],
  levels: 'log',
  create,
  minima: {
    kind: 'points',
    points: [
      point([3, 2], 0, 'global', '(3, 2)'),
      point(at([-2.805118, 3.131312]), 0, 'global'),
      point(at([-3.77931, -3.283186]), 0, 'global'),
      point(at([3.584428, -1.848126]), 0, 'global'),
    ],
  },
  stationary: (
    [
      [0.086677, 2.884254],
      [3.385154, 0.073852],
      [-3.073026, -0.081353],
      [-0.127961, -1.953715],
    ] as [number, number][]
  ).map((g) => {
    const w = at(g);
    return point(w, f.loss(w), 'saddle');
  }),
};
