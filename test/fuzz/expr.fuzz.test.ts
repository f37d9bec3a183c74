/**
 * A seeded property test of `--expr`: random strings (any code points, lone surrogates included), random
 * token soups and very long or deeply nested inputs either compile to an objective whose loss, gradient and
 * Hessian evaluate without throwing, or are refused with a usage error whose message is one line saying at
 * which column, and whose excerpt is the expression on one line and a caret line under that column (the
 * three lines the command line prints); never another exception, never a slow parse. Random well-formed expression trees, printed with the fewest parentheses
 * precedence allows, evaluate exactly as the tree does.
 */
import fc from 'fast-check';
import { compileExpr } from '../../src/engine/expr';
import { MlvisError } from '../../src/errors';

/** Each parse must finish in this many milliseconds: parsing is linear in the (bounded) length. */
const TIME_BOX = 250;

function check(text: string): void {
  const start = performance.now();
  try {
    const f = compileExpr(text);
    const g = new Float64Array(2);
    const h = new Float64Array(4);
    expect(typeof f.loss([0.7, -1.3])).toBe('number');
    f.gradient([0.7, -1.3], g);
    f.hessian([0.7, -1.3], h);
  } catch (e) {
    expect(e).toBeInstanceOf(MlvisError);
    expect((e as MlvisError).exitCode).toBe(2);
    const { message, excerpt } = e as MlvisError;
    expect(message).toMatch(/^--expr: [^\n\r\u2028\u2029\u0085]+$/);
    const column = /at column (\d+)/.exec(message)?.[1];
    if (column === undefined) {
      // Only an empty or too long expression has no position, and then nothing to point at.
      expect(message).toMatch(/^--expr: the expression (is empty|is [\d,]+ characters long)/);
      expect(excerpt).toBeUndefined();
    } else {
      expect(excerpt).toHaveLength(2);
      const [shown, caret] = excerpt!;
      expect(shown).toMatch(/^ {2}[^\n\r\u2028\u2029\u0085]*$/);
      expect(caret).toMatch(/^ {2,}\^+$/);
      // Under the column: the characters before it, as shown (escaped where invisible), fill the caret's indent.
      // With no window (a short expression) and no escapes or wide characters, that is the column itself.
      const chars = Array.from(text);
      const plain = chars.length <= 30 && chars.every((c) => /^[\x20-\x7e]$/.test(c));
      if (plain) {
        expect(shown).toBe(`  ${text}`);
        expect(caret.indexOf('^')).toBe(2 + Number(column) - 1);
      }
    }
  }
  expect(performance.now() - start).toBeLessThan(TIME_BOX);
}

const TOKENS = [
  'x', 'y', 'pi', 'e', '2', '.5', '1e-3', '3.', '1e999', '+', '-', '\u2212', '*', '/', '^', '**', '(', ')', ',', ' ',
  'sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'abs', 'tanh', 'sigmoid', 'sin(', 'foo', 'X', '²', '×', '=', '[', '$',
  '"', '\\', '\n', '\u0000', '\u202e', '\ud800', '😀', '⟦', 'constructor', '__proto__', 'e+', '1e', '.',
];

describe('--expr on random input', () => {
  it('compiles or refuses with one line, for random strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 })), check),
      { seed: 18, numRuns: 2000 },
    );
  });

  it('compiles or refuses with one line, for random token soups', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join('')), check), { seed: 18, numRuns: 3000 });
  });

  it('stays fast and one-line for long and deeply nested input', () => {
    fc.assert(
      fc.property(fc.constantFrom('(', 'sin(', '-', 'x^', 'x+', '((x)', ')', '2x', '$'), fc.integer({ min: 1, max: 1100 }), fc.boolean(), (unit, n, close) =>
        check(unit.repeat(n) + (close ? `x${')'.repeat(n)}` : 'x')),
      ),
      { seed: 18, numRuns: 300 },
    );
  });
});

type Tree = { k: 'num'; v: number } | { k: 'var'; v: 'x' | 'y' | 'pi' | 'e' } | { k: 'neg'; a: Tree } | { k: 'fn'; f: string; a: Tree } | { k: 'bin'; op: string; a: Tree; b: Tree };

const FNS: Record<string, (u: number) => number> = {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  tanh: Math.tanh,
  sigmoid: (u) => (u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u))),
};

const tree: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(
      fc.double({ min: 0, max: 1e6, noNaN: true }).map((v): Tree => ({ k: 'num', v: Math.abs(v) })),
      fc.integer({ min: 0, max: 9 }).map((v): Tree => ({ k: 'num', v })),
      fc.constantFrom('x', 'y', 'pi', 'e').map((v): Tree => ({ k: 'var', v: v as 'x' })),
    ),
    tie('t').map((a): Tree => ({ k: 'neg', a })),
    fc.tuple(fc.constantFrom(...Object.keys(FNS)), tie('t')).map(([f, a]): Tree => ({ k: 'fn', f, a })),
    fc.tuple(fc.constantFrom('+', '-', '*', '/', '^'), tie('t'), tie('t')).map(([op, a, b]): Tree => ({ k: 'bin', op, a, b })),
  ),
})).t;

/** Binding strength as the parser reads it: + − 1, * / 2, unary minus 3, ^ 4, atoms and calls 5. */
const strength = (t: Tree) => (t.k === 'bin' ? { '+': 1, '-': 1, '*': 2, '/': 2, '^': 4 }[t.op]! : t.k === 'neg' ? 3 : 5);

/** The tree as text with the fewest parentheses the grammar needs, so precedence and associativity are exercised. */
function print(t: Tree): string {
  const wrap = (s: Tree, need: boolean) => (need ? `(${print(s)})` : print(s));
  switch (t.k) {
    case 'num':
      return String(t.v);
    case 'var':
      return t.v;
    case 'neg':
      return `-${wrap(t.a, strength(t.a) < 3)}`;
    case 'fn':
      return `${t.f}(${print(t.a)})`;
    case 'bin': {
      const p = strength(t);
      // ^ is right-associative and takes a signed operand on its right; the others are left-associative.
      if (t.op === '^') return `${wrap(t.a, strength(t.a) <= 4)}^${wrap(t.b, strength(t.b) < 3)}`;
      return `${wrap(t.a, strength(t.a) < p)} ${t.op} ${wrap(t.b, strength(t.b) <= p)}`;
    }
  }
}

function value(t: Tree, x: number, y: number): number {
  switch (t.k) {
    case 'num':
      return t.v;
    case 'var':
      return { x, y, pi: Math.PI, e: Math.E }[t.v];
    case 'neg':
      return -value(t.a, x, y);
    case 'fn':
      return FNS[t.f](value(t.a, x, y));
    case 'bin': {
      const a = value(t.a, x, y);
      const b = value(t.b, x, y);
      return t.op === '+' ? a + b : t.op === '-' ? a - b : t.op === '*' ? a * b : t.op === '/' ? a / b : Math.pow(a, b);
    }
  }
}

describe('--expr on random well-formed expressions', () => {
  it('evaluates exactly as the expression tree does', () => {
    fc.assert(
      fc.property(tree, fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), (t, x, y) => {
        const text = print(t);
        expect(Object.is(compileExpr(text).loss([x, y]), value(t, x, y)) || (Number.isNaN(value(t, x, y)) && Number.isNaN(compileExpr(text).loss([x, y])))).toBe(true);
      }),
      { seed: 18, numRuns: 2000 },
    );
  });
});
