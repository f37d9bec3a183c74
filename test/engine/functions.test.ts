/**
 * The built-in test functions: closed-form gradients and Hessians against finite differences at seeded random
 * points of each domain; every listed minimum a true one (gradient zero, Hessian positive definite, the stated
 * loss), every saddle a saddle, the global minimum below the locals and below a dense grid of the domain.
 */
import { eigen2, type KnownPoint, type Differentiable } from '../../src/engine/objective';
import { FUNCTION_REGISTRY, FUNCTIONS, functionOf, type FunctionDescriptor } from '../../src/engine/functions';
import { refineStationary } from '../../src/engine/functions/refine';
import { quadraticMatrix } from '../../src/engine/functions/quadratic';
import { MlvisError, messages } from '../../src/errors';
import { createRng } from '../../src/random';

const entries = FUNCTIONS.map((name) => [name, FUNCTION_REGISTRY[name] as FunctionDescriptor] as const);
const withPoints = entries.filter(([, d]) => d.minima.kind === 'points');

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

/**
 * The 5-point central difference (−φ(2h) + 8φ(h) − 8φ(−h) + φ(−2h))/12h of φ along coordinate k. With h = 1e-3
 * its truncation error is h⁴|φ⁽⁵⁾|/30 ≈ 3e-14·|φ⁽⁵⁾| and its rounding error about 1.5·ε|φ|/h ≈ 3e-13·|φ|.
 */
function difference(phi: (w: number[]) => number, w: readonly number[], k: number): number {
  const h = 1e-3;
  const at = (t: number) => phi(w.map((v, i) => (i === k ? v + t * h : v)));
  return (-at(2) + 8 * at(1) - 8 * at(-1) + at(-2)) / (12 * h);
}

/** Seeded random points of a function's domain. */
function pointsIn(d: FunctionDescriptor, n: number): number[][] {
  const rng = createRng('functions-test', d.name);
  const { x, y } = d.domain;
  return Array.from({ length: n }, () => [x[0] + (x[1] - x[0]) * rng(), y[0] + (y[1] - y[0]) * rng()]);
}

describe('every built-in function', () => {
  it('has a descriptor named after its registry key, with one-line texts, a domain holding its start', () => {
    expect(FUNCTIONS).toEqual([
      'rosenbrock', 'beale', 'himmelblau', 'booth', 'matyas', 'three-hump-camel', 'six-hump-camel', 'goldstein-price',
      'rastrigin', 'ackley', 'styblinski-tang', 'saddle', 'monkey-saddle', 'quadratic',
    ]);
    for (const [name, d] of entries) {
      expect(d.name).toBe(name);
      for (const text of [d.title, d.formula, d.summary]) expect(text).toMatch(/^[^\n]+$/);
      expect(d.domain.x[0]).toBeLessThan(d.domain.x[1]);
      expect(d.domain.y[0]).toBeLessThan(d.domain.y[1]);
      expect(d.init[0]).toBeGreaterThan(d.domain.x[0]);
      expect(d.init[0]).toBeLessThan(d.domain.x[1]);
      expect(d.init[1]).toBeGreaterThan(d.domain.y[0]);
      expect(d.init[1]).toBeLessThan(d.domain.y[1]);
      expect(d.create().dim).toBe(2);
    }
  });

  // Rounding of the difference is ~3e-13·|f| and its truncation well below 1e-9 for these smooth functions on
  // their domains (|f⁽⁵⁾| < 1e5 except Goldstein–Price's, whose |f| is as large): 1e-9 of the local scale
  // |f| + |∇f| + 1 leaves a 1000-fold margin, and a wrong term (an error of order |∇f|) fails it.
  it.each(entries)('%s: the gradient matches finite differences of the loss at 200 random points', (_name, d) => {
    const f = d.create();
    for (const w of pointsIn(d, 200)) {
      const g = grad(f, w);
      const scale = 1 + Math.abs(f.loss(w)) + maxAbs(g);
      for (let k = 0; k < 2; k++) {
        expect(Math.abs(g[k] - difference((v) => f.loss(v), w, k))).toBeLessThan(1e-9 * scale);
      }
    }
  });

  it.each(entries)('%s: the Hessian matches finite differences of the gradient at 200 random points', (_name, d) => {
    const f = d.create();
    for (const w of pointsIn(d, 200)) {
      const h = hess(f, w);
      expect(h[1]).toBe(h[2]);
      const scale = 1 + maxAbs(grad(f, w)) + maxAbs(h);
      for (let k = 0; k < 2; k++) {
        for (let j = 0; j < 2; j++) {
          expect(Math.abs(h[2 * j + k] - difference((v) => grad(f, v)[j], w, k))).toBeLessThan(1e-9 * scale);
        }
      }
    }
  });
});

/** Each listed point with its function, for it.each. */
const listed = (kinds: KnownPoint['kind'][]) =>
  entries.flatMap(([name, d]) =>
    [...(d.minima.kind === 'points' ? d.minima.points : []), ...(d.stationary ?? [])]
      .filter((p) => kinds.includes(p.kind))
      .map((p) => [name, p.kind, `(${p.w.join(', ')})`, d, p] as const),
  );

describe('the known points', () => {
  it.each(listed(['global', 'local', 'saddle']))('%s %s %s: gradient zero, the stated loss, inside the domain', (_n, _k, _w, d, p) => {
    const f = d.create();
    const h = hess(f, p.w);
    // At a representable neighbour of the exact point the gradient is H·δ with |δ| ≈ ε|w|: 1e-10 of |H| + 1.
    expect(maxAbs(grad(f, p.w))).toBeLessThan(1e-10 * (1 + maxAbs(h)));
    expect(Math.abs(f.loss(p.w) - p.loss)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(p.loss)));
    expect(p.w[0]).toBeGreaterThanOrEqual(d.domain.x[0]);
    expect(p.w[0]).toBeLessThanOrEqual(d.domain.x[1]);
    expect(p.w[1]).toBeGreaterThanOrEqual(d.domain.y[0]);
    expect(p.w[1]).toBeLessThanOrEqual(d.domain.y[1]);
  });

  it.each(listed(['global', 'local']))('%s %s %s: the Hessian is positive definite, and every nearby loss is higher', (_n, _k, _w, d, p) => {
    const f = d.create();
    expect(eigen2(hess(f, p.w))[0]).toBeGreaterThan(0);
    for (let k = 0; k < 16; k++) {
      const t = (k * Math.PI) / 8;
      expect(f.loss([p.w[0] + 1e-4 * Math.cos(t), p.w[1] + 1e-4 * Math.sin(t)])).toBeGreaterThan(p.loss);
    }
  });

  it.each(listed(['saddle']))('%s saddle %s: the Hessian is not definite, and nearby losses are both lower and higher', (_n, _k, _w, d, p) => {
    const f = d.create();
    const [low, high] = eigen2(hess(f, p.w));
    expect(low).toBeLessThanOrEqual(0);
    expect(high).toBeGreaterThanOrEqual(0);
    const ring = Array.from({ length: 24 }, (_, k) => (k * Math.PI) / 12).map((t) => f.loss([p.w[0] + 1e-3 * Math.cos(t), p.w[1] + 1e-3 * Math.sin(t)]));
    expect(Math.min(...ring)).toBeLessThan(p.loss);
    expect(Math.max(...ring)).toBeGreaterThan(p.loss);
  });

  it.each(withPoints)('%s: the global minima share one loss, below every local minimum and every point of a 201×201 grid', (_name, d) => {
    if (d.minima.kind !== 'points') throw new Error('unreachable');
    const f = d.create();
    const globals = d.minima.points.filter((p) => p.kind === 'global');
    expect(globals.length).toBeGreaterThan(0);
    for (const g of globals) expect(g.loss).toBe(globals[0].loss);
    const best = globals[0].loss;
    for (const p of d.minima.points.filter((q) => q.kind === 'local')) expect(p.loss).toBeGreaterThan(best);
    const { x, y } = d.domain;
    let lowest = Infinity;
    for (let i = 0; i <= 200; i++) {
      for (let j = 0; j <= 200; j++) lowest = Math.min(lowest, f.loss([x[0] + ((x[1] - x[0]) * i) / 200, y[0] + ((y[1] - y[0]) * j) / 200]));
    }
    expect(lowest).toBeGreaterThanOrEqual(best - 1e-12 * Math.max(1, Math.abs(best)));
  });

  it.each(withPoints)('%s: no point is listed twice', (_name, d) => {
    const all = [...(d.minima.kind === 'points' ? d.minima.points : []), ...(d.stationary ?? [])];
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) expect(Math.hypot(all[i].w[0] - all[j].w[0], all[i].w[1] - all[j].w[1])).toBeGreaterThan(1e-3);
    }
  });

  it.each(entries.filter(([, d]) => d.minima.kind === 'none'))('%s: has no minimum, says why, and is unbounded below', (_name, d) => {
    if (d.minima.kind !== 'none') throw new Error('unreachable');
    expect(d.minima.why).toMatch(/unbounded below.*no minimum/);
    expect(d.stationary?.length).toBeGreaterThan(0);
    const f = d.create();
    const far = Array.from({ length: 72 }, (_, k) => (k * Math.PI) / 36).map((t) => f.loss([1e3 * Math.cos(t), 1e3 * Math.sin(t)]));
    expect(Math.min(...far)).toBeLessThan(-1e5);
  });

  // Rastrigin's and Ackley's local minima are too many to list: their starts end in one, as descent there does.
  const UNLISTED_LOCALS = ['rastrigin', 'ackley'];

  it.each(entries)('%s: gradient flow from the default start ends at a listed minimum, or leaves when there is none', (name, d) => {
    const f = d.create();
    const w = [...d.init];
    const g = new Float64Array(2);
    // Steps of a fixed small length down the gradient, halved when the loss does not fall: a discrete
    // gradient flow, so the basin it ends in is the start's.
    let length = 1e-3;
    for (let i = 0; i < 200_000 && length > 1e-10 && Math.abs(w[0]) < 100; i++) {
      f.gradient(w, g);
      const n = Math.hypot(g[0], g[1]);
      if (n === 0) break;
      const next = [w[0] - (length * g[0]) / n, w[1] - (length * g[1]) / n];
      if (f.loss(next) < f.loss(w)) w.splice(0, 2, ...next);
      else length /= 2;
    }
    if (d.minima.kind !== 'points') {
      expect(f.loss(w)).toBeLessThan(-100);
    } else if (UNLISTED_LOCALS.includes(name)) {
      expect(maxAbs(grad(f, w))).toBeLessThan(1e-6);
      expect(eigen2(hess(f, w))[0]).toBeGreaterThan(0);
    } else {
      const near = d.minima.points.map((p) => Math.hypot(p.w[0] - w[0], p.w[1] - w[1]));
      expect(Math.min(...near)).toBeLessThan(1e-6);
    }
  });
});

describe('the ill-conditioned quadratic', () => {
  it.each([
    [{}, 10, 30],
    [{ condition: 100, angle: -45 }, 100, -45],
    [{ condition: 1, angle: 0 }, 1, 0],
  ])('%j has curvatures 1 and K, the curvature 1 along the angle', (params, k, angle) => {
    const f = FUNCTION_REGISTRY.quadratic.create(params);
    const h = hess(f, [0.3, -0.7]);
    const [low, high] = eigen2(h);
    expect(low).toBeCloseTo(1, 12);
    expect(high).toBeCloseTo(k, 12 - Math.log10(k));
    const t = (angle * Math.PI) / 180;
    const u = [Math.cos(t), Math.sin(t)];
    expect(f.loss(u)).toBeCloseTo(0.5, 12);
    expect(f.loss([-u[1], u[0]])).toBeCloseTo(0.5 * k, 10);
    expect(f.loss([0, 0])).toBe(0);
  });

  it.each([0.5, 0, -3, Infinity, NaN, 1e13])('refuses the condition %p with a usage error', (k) => {
    expect(() => quadraticMatrix({ condition: k })).toThrow(new MlvisError(messages.badCondition(k), 2));
  });

  it('refuses a non-finite angle', () => {
    expect(() => FUNCTION_REGISTRY.quadratic.create({ angle: Infinity })).toThrow(messages.badAngle(Infinity));
  });

  it('is the only function that reads the settings', () => {
    expect(entries.filter(([, d]) => d.params?.length).map(([n]) => n)).toEqual(['quadratic']);
    expect(FUNCTION_REGISTRY.rosenbrock.create({ condition: 100 }).loss([0, 0])).toBe(1);
  });
});

describe('functionOf', () => {
  it('finds each function by its name', () => {
    for (const name of FUNCTIONS) expect(functionOf(name)).toBe(FUNCTION_REGISTRY[name]);
  });

  it('refuses another name with a usage error listing the functions, and suggests the likely one', () => {
    expect(() => functionOf('six_hump_camel')).toThrow(messages.unknownFunction('six_hump_camel', FUNCTIONS, 'six-hump-camel'));
    expect(() => functionOf('Rosen')).toThrow(messages.unknownFunction('Rosen', FUNCTIONS, 'rosenbrock'));
    expect(() => functionOf('constructor')).toThrow(messages.unknownFunction('constructor', FUNCTIONS, undefined));
    try {
      functionOf('nope');
    } catch (e) {
      expect((e as MlvisError).exitCode).toBe(2);
    }
  });
});

describe('refineStationary', () => {
  it('polishes a 6-digit guess to a stationary point, and refuses a guess near none', () => {
    const f = FUNCTION_REGISTRY.himmelblau.create();
    const w = refineStationary(f, [3.584428, -1.848126]);
    expect(maxAbs(grad(f, w))).toBeLessThan(1e-13);
    expect(() => refineStationary(f, [1, 1])).toThrow(/Newton/);
  });
});
