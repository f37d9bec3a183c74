/**
 * `--expr "EXPR"`: a formula in x and y as an objective, with exact gradient and Hessian by automatic
 * differentiation. Read by a parser that knows numbers, + - * / ^, parentheses, sin cos tan exp log sqrt abs
 * tanh sigmoid, pi and e, and nothing else: no eval, no Function, no property access.
 */
import type { Weights } from '../model';
import type { Differentiable } from '../objective';
import { parse } from './parse';
import { compile } from './tape';

export interface ExprObjective extends Differentiable {
  readonly dim: 2;
  /** The expression as given. */
  readonly source: string;
  /** Whether the loss depends on x, and on y (a constant expression is allowed: it has no descent). */
  readonly uses: readonly [boolean, boolean];
  /** Always given: automatic differentiation yields it. */
  hessian(w: Weights, out: Float64Array): void;
}

/**
 * The objective of an expression. Throws a one-line usage error for a malformed one. Domain errors (log or
 * sqrt of a negative number) give NaN, as in JavaScript. Evaluations allocate nothing; one objective must not
 * be evaluated re-entrantly (it keeps one scratch tape).
 */
export function compileExpr(source: string): ExprObjective {
  const tape = compile(parse(source));
  return {
    dim: 2,
    source,
    uses: tape.uses,
    loss: (w: Weights) => tape.value(w[0], w[1]),
    gradient: (w: Weights, out: Float64Array) => tape.gradient(w[0], w[1], out),
    hessian: (w: Weights, out: Float64Array) => tape.hessian(w[0], w[1], out),
  };
}

export { MAX_DEPTH, MAX_LENGTH } from './parse';
