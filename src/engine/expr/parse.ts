/**
 * A recursive-descent parser for expressions in x and y. Precedence, loosest first: + −, then * /, then unary
 * minus and plus, then ^ (right-associative, and tighter than unary minus as in mathematics: -x^2 = −(x²),
 * 2^-x = 2^(−x)). Every error is a usage error of one line naming what is wrong, where (the column), and how
 * to fix it; its excerpt is the expression with a caret under the bad part, for the lines under it.
 */
import { messages, usageError, type MlvisError } from '../../errors';
import { caretLines, quoted } from './excerpt';
import { tokenize, type Token } from './lexer';
import { CONSTANTS, FUNCTIONS, FUNCTION_NAMES, Op } from './ops';

export type Node =
  | { kind: 'num'; value: number }
  | { kind: 'var'; index: 0 | 1 }
  | { kind: 'unary'; op: Op; arg: Node }
  | { kind: 'binary'; op: Op; left: Node; right: Node };

/** The longest expression read, in characters (code points). */
export const MAX_LENGTH = 2000;
/** The deepest nesting of parentheses, function calls, signs and exponents. */
export const MAX_DEPTH = 200;

const BINARY: Readonly<Record<string, Op>> = { '+': Op.Add, '-': Op.Sub, '*': Op.Mul, '/': Op.Div };

/** A name as shown in a message: at most 30 characters. */
const clip = (name: string) => (name.length > 30 ? `${name.slice(0, 30)}…` : name);

/** What to say about a token that cannot stand where it is. */
function hintFor(t: Token, previous: Token | undefined, operand: boolean): string {
  if (t.text === '*' && previous?.text === '*') return 'write powers with ^ (x^2, not x**2)';
  if (/^[\u00b2\u00b3\u00b9\u2070-\u207f]$/u.test(t.text)) return 'write powers with ^ (x^2, not x²)';
  if (/^[×·⋅∙]$/u.test(t.text)) return 'write * for multiplication';
  if (t.text === ',') return 'each function takes one argument, for example sin(x)';
  if (t.text === '=') return 'give the expression alone (x^2 + y^2, not z = x^2 + y^2)';
  if (/^[[\]{}]$/.test(t.text)) return 'group with ( and )';
  if (t.text === ')' && !operand) return 'it closes no "("';
  if (t.kind === 'other') {
    return `an expression holds numbers, x, y, pi, e, + - * / ^, parentheses and the functions ${FUNCTION_NAMES.join(', ')}`;
  }
  return operand ? 'expected a number, x, y, pi, e, a function such as sin(x), or "("' : 'expected an operator (+ - * / ^) or the end';
}

/** Parses `text` into a tree; throws a one-line usage error for anything else. */
export function parse(text: string): Node {
  const chars = Array.from(text);
  if (chars.length > MAX_LENGTH) throw usageError(messages.exprTooLong(chars.length, MAX_LENGTH));
  const tokens = tokenize(chars);
  if (tokens.length === 1) throw usageError(messages.exprEmpty());
  let at = 0;
  let depth = 0;
  const peek = () => tokens[at];
  const col = (t: Token) => t.start + 1;
  /** The error `message` about token `t`, with the expression and a caret under `t` to show under it. */
  const errorAt = (t: Token, message: string) => usageError(message, caretLines(chars, t.start, t.end));

  const unexpected = (t: Token, operand: boolean): MlvisError =>
    t.kind === 'end'
      ? errorAt(t, messages.exprEndsEarly(col(t)))
      : errorAt(t, messages.exprUnexpected(quoted(chars.slice(t.start, t.end)), col(t), hintFor(t, tokens[at - 1], operand)));

  const deeper = (t: Token) => {
    if (++depth > MAX_DEPTH) throw errorAt(t, messages.exprTooDeep(col(t), MAX_DEPTH));
  };

  function sum(): Node {
    let left = product();
    for (let t = peek(); t.text === '+' || t.text === '-'; t = peek()) {
      at++;
      left = { kind: 'binary', op: BINARY[t.text], left, right: product() };
    }
    return left;
  }

  function product(): Node {
    let left = signed();
    for (let t = peek(); t.text === '*' || t.text === '/'; t = peek()) {
      at++;
      left = { kind: 'binary', op: BINARY[t.text], left, right: signed() };
    }
    return left;
  }

  function signed(): Node {
    const t = peek();
    if (t.kind === 'op' && (t.text === '-' || t.text === '+')) {
      at++;
      deeper(t);
      const arg = signed();
      depth--;
      return t.text === '-' ? { kind: 'unary', op: Op.Neg, arg } : arg;
    }
    return power();
  }

  function power(): Node {
    const base = primary();
    const t = peek();
    if (t.text !== '^') return base;
    at++;
    deeper(t);
    const exponent = signed();
    depth--;
    return { kind: 'binary', op: Op.Pow, left: base, right: exponent };
  }

  /** A number, name, call or group; then no operand may follow without an operator ("2x", "x(y)"). */
  function primary(): Node {
    const node = operand();
    const next = peek();
    if (next.kind === 'number' || next.kind === 'name' || next.text === '(') {
      throw errorAt(next, messages.exprMissingOperator(col(next)));
    }
    return node;
  }

  function operand(): Node {
    const t = peek();
    if (t.kind === 'number') {
      at++;
      const value = Number(t.text);
      if (!Number.isFinite(value)) throw errorAt(t, messages.exprHugeNumber(t.text, col(t)));
      return { kind: 'num', value };
    }
    if (t.kind === 'name') {
      at++;
      if (t.text === 'x' || t.text === 'y') return { kind: 'var', index: t.text === 'x' ? 0 : 1 };
      const constant = CONSTANTS.get(t.text);
      if (constant !== undefined) return { kind: 'num', value: constant };
      const op = FUNCTIONS.get(t.text);
      if (op === undefined) throw errorAt(t, messages.exprUnknownName(clip(t.text), col(t), FUNCTION_NAMES));
      if (peek().text !== '(') throw errorAt(t, messages.exprNeedsParens(t.text, col(t)));
      return { kind: 'unary', op, arg: group() };
    }
    if (t.text === '(') return group();
    throw unexpected(t, true);
  }

  /** "(" sum ")". */
  function group(): Node {
    const open = peek();
    at++;
    deeper(open);
    const inner = sum();
    depth--;
    const close = peek();
    if (close.text === ')') {
      at++;
      return inner;
    }
    if (close.kind === 'end') throw errorAt(open, messages.exprUnclosed(col(open)));
    throw unexpected(close, false);
  }

  const tree = sum();
  if (peek().kind !== 'end') throw unexpected(peek(), false);
  return tree;
}
