/** Two functions with no minimum, for the saddle verdict: the plain saddle and the monkey saddle. */
import { point, sym, twoD, type FunctionDescriptor } from './descriptor';

export const saddle: FunctionDescriptor = {
  name: 'saddle',
  title: 'Saddle',
  formula: 'x² − y²',
  summary: 'a saddle at (0, 0) and no minimum: descent leaves along y',
  domain: { x: [-2, 2], y: [-2, 2] },
  // Almost on the stable axis: the path runs toward the saddle, then leaves along the negative curvature.
  init: [1.8, 0.02],
  levels: 'linear',
  create: () =>
    twoD(
      (x, y) => x * x - y * y,
      (x, y, out) => {
        out[0] = 2 * x;
        out[1] = -2 * y;
      },
      (_x, _y, out) => sym(out, 2, 0, -2),
    ),
  minima: { kind: 'none', why: 'x² − y² is unbounded below: it has a saddle at (0, 0) and no minimum' },
  stationary: [point([0, 0], 0, 'saddle', '(0, 0)')],
};

export const monkeySaddle: FunctionDescriptor = {
  name: 'monkey-saddle',
  title: 'Monkey saddle',
  formula: 'x³ − 3xy²',
  summary: 'a flat saddle at (0, 0) with three valleys and no minimum',
  domain: { x: [-2, 2], y: [-2, 2] },
  // On a ridge near the x axis: the path creeps toward the flat centre, then slides into the valley at 60°.
  init: [1.5, 0.1],
  levels: 'linear',
  create: () =>
    twoD(
      (x, y) => x * x * x - 3 * x * y * y,
      (x, y, out) => {
        out[0] = 3 * x * x - 3 * y * y;
        out[1] = -6 * x * y;
      },
      (x, y, out) => sym(out, 6 * x, -6 * y, -6 * x),
    ),
  minima: {
    kind: 'none',
    why: 'x³ − 3xy² is unbounded below: it has a monkey saddle at (0, 0), where even the Hessian vanishes, and no minimum',
  },
  stationary: [point([0, 0], 0, 'saddle', '(0, 0)')],
};
