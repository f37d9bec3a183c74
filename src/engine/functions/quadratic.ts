/**
 * An ill-conditioned quadratic bowl: f = ½ wᵀ A w with A = R diag(1, K) Rᵀ, R the rotation by `angle`
 * degrees. K (`condition`) is the condition number: gradient descent zig-zags across the valley as K grows.
 */
import { usageError, messages } from '../../errors';
import { point, sym, twoD, type FunctionDescriptor, type FunctionParams } from './descriptor';

export const DEFAULT_CONDITION = 10;
export const DEFAULT_ANGLE = 30;

/** The matrix A's entries [a11, a12, a22] for the settings; throws a usage error for an unusable K or angle. */
export function quadraticMatrix(params: FunctionParams = {}): [number, number, number] {
  const k = params.condition ?? DEFAULT_CONDITION;
  const angle = params.angle ?? DEFAULT_ANGLE;
  if (!(k >= 1 && k <= 1e12)) throw usageError(messages.badCondition(k));
  if (!Number.isFinite(angle)) throw usageError(messages.badAngle(angle));
  const t = (angle * Math.PI) / 180;
  const c = Math.cos(t);
  const s = Math.sin(t);
  return [c * c + k * s * s, (1 - k) * c * s, s * s + k * c * c];
}

export const quadratic: FunctionDescriptor = {
  name: 'quadratic',
  title: 'Ill-conditioned quadratic',
  formula: '½ (x, y) R diag(1, K) Rᵀ (x, y)ᵀ',
  summary: 'a rotated elliptic bowl with condition number K (--condition, default 10) at --angle degrees (default 30); minimum 0 at (0, 0)',
  domain: { x: [-2, 2], y: [-2, 2] },
  init: [-1.8, 0.6],
  levels: 'log',
  params: ['condition', 'angle'],
  create: (params) => {
    const [a, b, d] = quadraticMatrix(params);
    return twoD(
      (x, y) => 0.5 * (a * x * x + 2 * b * x * y + d * y * y),
      (x, y, out) => {
        out[0] = a * x + b * y;
        out[1] = b * x + d * y;
      },
      (_x, _y, out) => sym(out, a, b, d),
    );
  },
  minima: { kind: 'points', points: [point([0, 0], 0, 'global', '(0, 0)')] },
};
