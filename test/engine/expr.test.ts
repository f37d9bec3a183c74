/**
 * `--expr`: what the parser reads (precedence, associativity, numbers, functions, constants) against
 * hand-written JavaScript; exact gradients and Hessians by automatic differentiation against finite
 * differences and against the built-in functions' closed forms; one-line usage errors that bracket the bad
 * character; the limits on length and nesting.
 */
import { compileExpr, MAX_DEPTH, MAX_LENGTH, type ExprObjective } from '../../src/engine/expr';
import { FUNCTION_NAMES } from '../../src/engine/expr/ops';
import { FUNCTION_REGISTRY, type FunctionName } from '../../src/engine/functions';
import type { Differentiable } from '../../src/engine/objective';
import { MlvisError, messages } from '../../src/errors';
import { createRng } from '../../src/random';

const pointsIn = (seed: string, n: number, lo: number, hi: number): [number, number][] => {
  const rng = createRng('expr-test', seed);
  return Array.from({ length: n }, () => [lo + (hi - lo) * rng(), lo + (hi - lo) * rng()]);
};
const grad = (f: Differentiable, w: readonly number[]) => {
  const g = new Float64Array(2);
  f.gradient(w, g);
  return g;
};
const hess = (f: Differentiable, w: readonly number[]) => {
  const h = new Float64Array(4);
  f.hessian!(w, h);
  return h;
};
const maxAbs = (a: ArrayLike<number>) => Math.max(...Array.from(a, Math.abs));

/** The error compileExpr throws for `text`. */
function errorOf(text: string): MlvisError {
  try {
    compileExpr(text);
  } catch (e) {
    return e as MlvisError;
  }
  throw new Error(`${JSON.stringify(text)} was accepted`);
}

describe('what an expression means', () => {
  const sig = (u: number) => (u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u)));
  const cases: [string, (x: number, y: number) => number][] = [
    ['x^2 + 3*y^2', (x, y) => x ** 2 + 3 * y ** 2],
    ['-x^2', (x) => -(x ** 2)],
    ['-2^2 + x', (x) => -(2 ** 2) + x],
    ['2^3^2 * x', (x) => 2 ** (3 ** 2) * x],
    ['2^-x', (x) => 2 ** -x],
    ['x^-y^2', (x, y) => x ** -(y ** 2)],
    ['x - y - 1', (x, y) => x - y - 1],
    ['x / y / 2', (x, y) => x / y / 2],
    ['x - -y', (x, y) => x - -y],
    ['+x * --y', (x, y) => x * - -y],
    ['x*y^2/3', (x, y) => (x * y ** 2) / 3],
    ['(x + y)*(x - y)', (x, y) => (x + y) * (x - y)],
    ['.5*x + 1e-3*y - 2.5E+1 + 3.', (x, y) => 0.5 * x + 1e-3 * y - 25 + 3],
    ['sin(x) + cos(y) + tan(x*y)', (x, y) => Math.sin(x) + Math.cos(y) + Math.tan(x * y)],
    ['exp(x) * log(y) / sqrt(x)', (x, y) => (Math.exp(x) * Math.log(y)) / Math.sqrt(x)],
    ['abs(x - y) + tanh(y) + sigmoid(x - 3*y)', (x, y) => Math.abs(x - y) + Math.tanh(y) + sig(x - 3 * y)],
    ['pi*x + e^y', (x, y) => Math.PI * x + Math.E ** y],
    ['x^y', (x, y) => x ** y],
    ['x \u2212 y', (x, y) => x - y],
    ['\tx\n*\r\ny ', (x, y) => x * y],
    ['sin(sin(sin(x)))', (x) => Math.sin(Math.sin(Math.sin(x)))],
  ];

  it.each(cases)('%j', (text, js) => {
    const f = compileExpr(text);
    for (const [x, y] of pointsIn(text, 50, 0.1, 3)) expect(f.loss([x, y])).toBe(js(x, y));
  });

  it('allows an expression that does not depend on x or y, and says which it reads', () => {
    const f = compileExpr('2*pi + 1');
    expect(f.loss([5, -7])).toBe(2 * Math.PI + 1);
    expect(Array.from(grad(f, [5, -7]))).toEqual([0, 0]);
    expect(Array.from(hess(f, [5, -7]))).toEqual([0, 0, 0, 0]);
    expect(f.uses).toEqual([false, false]);
    expect(compileExpr('y^2 + 0*1').uses).toEqual([false, true]);
    expect(compileExpr('x').uses).toEqual([true, false]);
    expect(compileExpr('x').loss([4, 1])).toBe(4);
  });

  it('gives NaN for a domain error, as JavaScript does, and does not throw', () => {
    expect(compileExpr('log(x)').loss([-1, 0])).toBeNaN();
    expect(compileExpr('sqrt(y)').loss([0, -1])).toBeNaN();
    expect(compileExpr('1/x').loss([0, 0])).toBe(Infinity);
    expect(grad(compileExpr('sqrt(x) + y'), [-1, 0])[0]).toBeNaN();
  });

  it('keeps a structurally zero derivative zero where the other is infinite', () => {
    expect(Array.from(grad(compileExpr('sqrt(x) + y'), [0, 2]))).toEqual([Infinity, 1]);
    expect(Array.from(grad(compileExpr('abs(x)*y'), [0, 2]))).toEqual([0, 0]);
    expect(Array.from(hess(compileExpr('x^2 + y^1 + x^0'), [0, 0]))).toEqual([2, 0, 0, 0]);
  });
});

/**
 * The 5-point central difference of φ along coordinate k, h = 2.5e-4: truncation h⁴|φ⁽⁵⁾|/30 ≈ 1.3e-16·|φ⁽⁵⁾|
 * (|φ⁽⁵⁾| reaches 1e8 for y^−2.5 near y = 0.3), rounding about 1.5·ε|φ|/h ≈ 1.3e-12·|φ|: both far below
 * 1e-9 of the scale |φ| + |∇φ| + |∇²φ| + 1, while a wrong derivative is off by the order of that scale.
 */
function difference(phi: (w: number[]) => number, w: readonly number[], k: number): number {
  const h = 2.5e-4;
  const at = (t: number) => phi(w.map((v, i) => (i === k ? v + t * h : v)));
  return (-at(2) + 8 * at(1) - 8 * at(-1) + at(-2)) / (12 * h);
}

describe('exact derivatives by automatic differentiation', () => {
  const smooth = [
    'x^2*y - 3*x*y^3 + 7',
    'sin(x*y) + cos(x - y)^2',
    'tan(x/3) * exp(-y)',
    'log(x + y^2) / sqrt(x*y)',
    'x^y + y^x',
    'tanh(2*x - y) * sigmoid(3*y - 2*x)',
    '1/(1 + x^2 + y^2)',
    'abs(x - 4) * (y - x)^3',
    '(x/y)^2.5 - 2^(x*y)',
    'exp(sin(x) * cos(y)) / (x + 1)',
    '-(x - 1)^2 - -(y^-1)',
  ];

  it.each(smooth)('%s: gradient and Hessian match finite differences at 100 random points', (text) => {
    const f = compileExpr(text);
    for (const w of pointsIn(text, 100, 0.3, 2)) {
      const g = grad(f, w);
      const h = hess(f, w);
      expect(h[1]).toBe(h[2]);
      const scale = 1 + Math.abs(f.loss(w)) + maxAbs(g) + maxAbs(h);
      for (let k = 0; k < 2; k++) {
        expect(Math.abs(g[k] - difference((v) => f.loss(v), w, k))).toBeLessThan(1e-9 * scale);
        for (let j = 0; j < 2; j++) expect(Math.abs(h[2 * j + k] - difference((v) => grad(f, v)[j], w, k))).toBeLessThan(1e-9 * scale);
      }
    }
  });

  it('gives the gradient the Hessian pass computes, and the loss the gradient pass computes', () => {
    const f = compileExpr('x^y + sin(x*y)');
    const w = [1.3, 0.7];
    const g = grad(f, w);
    hess(f, w);
    expect(Array.from(grad(f, w))).toEqual(Array.from(g));
    expect(f.loss(w)).toBe(1.3 ** 0.7 + Math.sin(1.3 * 0.7));
  });

  const asExpr: Record<FunctionName, string> = {
    rosenbrock: '(1 - x)^2 + 100*(y - x^2)^2',
    beale: '(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2',
    himmelblau: '(x^2 + y - 11)^2 + (x + y^2 - 7)^2',
    booth: '(x + 2*y - 7)^2 + (2*x + y - 5)^2',
    matyas: '0.26*(x^2 + y^2) - 0.48*x*y',
    'three-hump-camel': '2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2',
    'six-hump-camel': '(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2',
    'goldstein-price':
      '(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2)) * (30 + (2*x - 3*y)^2*(18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))',
    rastrigin: '20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)',
    ackley: '-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20',
    'styblinski-tang': '0.5*(x^4 - 16*x^2 + 5*x + y^4 - 16*y^2 + 5*y)',
    saddle: 'x^2 - y^2',
    'monkey-saddle': 'x^3 - 3*x*y^2',
    quadratic: '0.5*((cos(pi/6)*x + sin(pi/6)*y)^2 + 10*(-sin(pi/6)*x + cos(pi/6)*y)^2)',
  };

  // Two exact computations in different orders: they differ only by rounding, a few ε of the terms' size.
  it.each(Object.entries(asExpr))('%s written as an expression has the closed forms\' loss, gradient and Hessian to 1e-12', (name, text) => {
    const d = FUNCTION_REGISTRY[name as FunctionName];
    const builtin = d.create();
    const f = compileExpr(text);
    const { x, y } = d.domain;
    for (const [u, v] of pointsIn(name, 200, 0, 1)) {
      const w = [x[0] + (x[1] - x[0]) * u, y[0] + (y[1] - y[0]) * v];
      const scale = 1 + Math.abs(builtin.loss(w)) + maxAbs(grad(builtin, w)) + maxAbs(hess(builtin, w));
      expect(Math.abs(f.loss(w) - builtin.loss(w))).toBeLessThan(1e-12 * scale);
      const g = grad(f, w);
      const gb = grad(builtin, w);
      const h = hess(f, w);
      const hb = hess(builtin, w);
      for (let k = 0; k < 2; k++) expect(Math.abs(g[k] - gb[k])).toBeLessThan(1e-12 * scale);
      for (let k = 0; k < 4; k++) expect(Math.abs(h[k] - hb[k])).toBeLessThan(1e-12 * scale);
    }
  });

  it('evaluates a 128×128 grid with gradients and Hessians quickly (a compiled tape, no parsing per call)', () => {
    const f = compileExpr(asExpr['goldstein-price']);
    const g = new Float64Array(2);
    const h = new Float64Array(4);
    const w = new Float64Array(2);
    const start = performance.now();
    let sum = 0;
    for (let i = 0; i < 128; i++) {
      for (let j = 0; j < 128; j++) {
        w[0] = -2 + i / 32;
        w[1] = -2 + j / 32;
        sum += f.loss(w);
        f.gradient(w, g);
        f.hessian(w, h);
      }
    }
    expect(sum).toBeGreaterThan(0);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe('errors: one line saying what and at which column, then the expression with a caret under it', () => {
  it('shows where, what and how to fix it: the message, then the expression and a caret line', () => {
    const e = errorOf('x^2 + )y');
    expect(e.message).toBe('--expr: unexpected ")" at column 7; expected a number, x, y, pi, e, a function such as sin(x), or "("');
    expect(e.excerpt).toEqual(['  x^2 + )y', '        ^']);
    expect(e.exitCode).toBe(2);
  });

  const hint = {
    operand: 'expected a number, x, y, pi, e, a function such as sin(x), or "("',
    operator: 'expected an operator (+ - * / ^) or the end',
    other: `an expression holds numbers, x, y, pi, e, + - * / ^, parentheses and the functions ${FUNCTION_NAMES.join(', ')}`,
  };
  // [expression, message, the expression as shown, the caret line]: each caret line written out by hand.
  const cases: [string, string, string, string][] = [
    ['x +', messages.exprEndsEarly(4), '  x +', '     ^'],
    ['sin(', messages.exprEndsEarly(5), '  sin(', '      ^'],
    ['(x + y', messages.exprUnclosed(1), '  (x + y', '  ^'],
    ['x)', messages.exprUnexpected('")"', 2, 'it closes no "("'), '  x)', '   ^'],
    ['2x', messages.exprMissingOperator(2), '  2x', '   ^'],
    ['x(y)', messages.exprMissingOperator(2), '  x(y)', '   ^'],
    ['(x)(y)', messages.exprMissingOperator(4), '  (x)(y)', '     ^'],
    ['1.2.3', messages.exprMissingOperator(4), '  1.2.3', '     ^^'],
    ['2e', messages.exprMissingOperator(2), '  2e', '   ^'],
    ['sin x', messages.exprNeedsParens('sin', 1), '  sin x', '  ^^^'],
    ['foo(x)', messages.exprUnknownName('foo', 1, FUNCTION_NAMES), '  foo(x)', '  ^^^'],
    ['X + y', messages.exprUnknownName('X', 1, FUNCTION_NAMES), '  X + y', '  ^'],
    ['constructor(x)', messages.exprUnknownName('constructor', 1, FUNCTION_NAMES), '  constructor(x)', '  ^^^^^^^^^^^'],
    ['__proto__', messages.exprUnknownName('__proto__', 1, FUNCTION_NAMES), '  __proto__', '  ^^^^^^^^^'],
    ['x**2', messages.exprUnexpected('"*"', 3, 'write powers with ^ (x^2, not x**2)'), '  x**2', '    ^'],
    ['x²', messages.exprUnexpected('"²"', 2, 'write powers with ^ (x^2, not x²)'), '  x²', '   ^'],
    ['2×x', messages.exprUnexpected('"×"', 2, 'write * for multiplication'), '  2×x', '   ^'],
    ['max(x,y)', messages.exprUnknownName('max', 1, FUNCTION_NAMES), '  max(x,y)', '  ^^^'],
    ['sin(x, y)', messages.exprUnexpected('","', 6, 'each function takes one argument, for example sin(x)'), '  sin(x, y)', '       ^'],
    ['z = x', messages.exprUnknownName('z', 1, FUNCTION_NAMES), '  z = x', '  ^'],
    ['x = y', messages.exprUnexpected('"="', 3, 'give the expression alone (x^2 + y^2, not z = x^2 + y^2)'), '  x = y', '    ^'],
    ['[x]', messages.exprUnexpected('"["', 1, 'group with ( and )'), '  [x]', '  ^'],
    ['x $ y', messages.exprUnexpected('"$"', 3, hint.other), '  x $ y', '    ^'],
    ['x.y', messages.exprUnexpected('"."', 2, hint.other), '  x.y', '   ^'],
    ['*x', messages.exprUnexpected('"*"', 1, hint.operand), '  *x', '  ^'],
    ['x + * y', messages.exprUnexpected('"*"', 5, hint.operand), '  x + * y', '      ^'],
    ['x ^ ^ y', messages.exprUnexpected('"^"', 5, hint.operand), '  x ^ ^ y', '      ^'],
    ['x"', messages.exprUnexpected('"\\""', 2, hint.other), '  x"', '   ^'],
    ['1e999 * x', messages.exprHugeNumber('1e999', 1), '  1e999 * x', '  ^^^^^'],
    // Wide characters take two columns in a terminal, and so does their caret.
    ['😀 + x', messages.exprUnexpected('"😀"', 1, hint.other), '  😀 + x', '  ^^'],
    ['x + 中 y', messages.exprUnexpected('"中"', 5, hint.other), '  x + 中 y', '      ^^'],
    // Invisible, line-breaking and combining characters are shown escaped; the caret counts what is shown.
    ['x +\n)', messages.exprUnexpected('")"', 5, hint.operand), '  x +\\u{a})', '          ^'],
    ['x\u2028y', messages.exprMissingOperator(3), '  x\\u{2028}y', '           ^'],
    ['x\u202e+', messages.exprUnexpected('"\\u{202e}"', 2, hint.other), '  x\\u{202e}+', '   ^^^^^^^^'],
    ['x + \u0000', messages.exprUnexpected('"\\u{0}"', 5, hint.other), '  x + \\u{0}', '      ^^^^^'],
    ['x\u0301 + y', messages.exprUnexpected('"\\u{301}"', 2, hint.other), '  x\\u{301} + y', '   ^^^^^^^'],
  ];

  it.each(cases)('%j', (text, message, shown, caret) => {
    const e = errorOf(text);
    expect(e).toBeInstanceOf(MlvisError);
    expect(e.exitCode).toBe(2);
    expect(e.message).toBe(message);
    expect(e.excerpt).toEqual([shown, caret]);
    for (const line of [e.message, ...e.excerpt!]) expect(line).not.toMatch(/[\n\r\u2028\u2029\u0085]/);
  });

  it.each(['', ' \t\n'])('%j: empty, one line and nothing to point at', (text) => {
    const e = errorOf(text);
    expect(e.message).toBe(messages.exprEmpty());
    expect(e.excerpt).toBeUndefined();
  });

  it('shows a window of the expression around a far position, with ellipses, the caret under the bad character', () => {
    const text = `${'x + '.repeat(30)}$${' + y'.repeat(30)}`;
    const e = errorOf(text);
    expect(e.message).toBe(messages.exprUnexpected('"$"', 121, hint.other));
    expect(e.excerpt).toEqual([`  …${'x + '.repeat(30).slice(-30)}$${' + y'.repeat(30).slice(0, 30)}…`, `${' '.repeat(2 + 1 + 30)}^`]);
  });

  it('clips a long bad part', () => {
    const name = 'q'.repeat(100);
    const e = errorOf(`${name} + x`);
    expect(e.message).toBe(messages.exprUnknownName(`${'q'.repeat(30)}…`, 1, FUNCTION_NAMES));
    expect(e.excerpt).toEqual([`  ${'q'.repeat(30)}… + x`, `  ${'^'.repeat(31)}`]);
  });

  it(`reads up to ${MAX_LENGTH} characters and refuses a longer expression`, () => {
    const ok = `x${' + x'.repeat((MAX_LENGTH - 1) / 4)}`.padEnd(MAX_LENGTH, ' ');
    expect(ok.length).toBe(MAX_LENGTH);
    expect(compileExpr(ok).loss([1, 0])).toBe(500);
    expect(errorOf(`${ok} `).message).toBe(messages.exprTooLong(MAX_LENGTH + 1, MAX_LENGTH));
    // Counted in characters, not UTF-16 units.
    expect(compileExpr(`x${' '.repeat(MAX_LENGTH - 1)}`).loss([2, 0])).toBe(2);
  });

  it.each([
    ['parentheses', (n: number) => `${'('.repeat(n)}x${')'.repeat(n)}`, 1],
    ['function calls', (n: number) => `${'sin('.repeat(n)}x${')'.repeat(n)}`, 4],
    ['signs', (n: number) => `${'-'.repeat(n)}x`, 1],
    ['exponents', (n: number) => `${'x^'.repeat(n)}1`, 2],
  ] as const)(`reads ${MAX_DEPTH} levels of %s and refuses more, at the one past the limit`, (_what, nest, width) => {
    expect(Number.isFinite(compileExpr(nest(MAX_DEPTH)).loss([0.5, 0.5]))).toBe(true);
    const e = errorOf(nest(MAX_DEPTH + 1));
    expect(e.message).toBe(messages.exprTooDeep((MAX_DEPTH + 1) * width, MAX_DEPTH));
    // The window shows the 30 characters before the bad part, after an ellipsis.
    expect(e.excerpt![1]).toBe(`${' '.repeat(2 + 1 + 30)}^`);
  });
});
