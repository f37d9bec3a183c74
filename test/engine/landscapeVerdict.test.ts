/**
 * Landscape verdicts name only what a computation confirmed: the known minimum a path reached (global or
 * local, the right one of several), a saddle where the gradient vanishes and the curvature is indefinite,
 * and otherwise what the last stretch showed (still descending, cycling, stalled) or a divergence.
 */
import { landscapeVerdict, NEAR, type LandscapeInput } from '../../src/engine/landscapeVerdict';
import type { KnownMinima, KnownPoint, Differentiable } from '../../src/engine/objective';
import { messages } from '../../src/errors';
import type { Trajectory } from '../../src/types';

// ---- hand-written objectives -----------------------------------------------------------------------------

type F2 = (x: number, y: number) => number;

/** A 2-D objective from its loss, gradient and (optionally) Hessian written out. */
function objective2(f: F2, gx: F2, gy: F2, h?: [F2, F2, F2]): Differentiable {
  return {
    dim: 2,
    loss: (w) => f(w[0], w[1]),
    gradient: (w, out) => {
      out[0] = gx(w[0], w[1]);
      out[1] = gy(w[0], w[1]);
    },
    ...(h
      ? {
          hessian: (w: ArrayLike<number>, out: Float64Array) => {
            out[0] = h[0](w[0], w[1]);
            out[1] = out[2] = h[1](w[0], w[1]);
            out[3] = h[2](w[0], w[1]);
          },
        }
      : {}),
  };
}

/** A bowl (x − 1)² + 4(y + 2)², minimum (1, −2). */
const bowl = objective2(
  (x, y) => (x - 1) ** 2 + 4 * (y + 2) ** 2,
  (x) => 2 * (x - 1),
  (_x, y) => 8 * (y + 2),
  [() => 2, () => 0, () => 8],
);
const bowlMin: KnownMinima = { kind: 'points', points: [{ w: [1, -2], loss: 0, kind: 'global' }] };

/** x² − y²: a saddle at the origin, no minimum. */
const saddle = objective2(
  (x, y) => x * x - y * y,
  (x) => 2 * x,
  (_x, y) => -2 * y,
  [() => 2, () => 0, () => -2],
);
const saddlePoint: KnownPoint = { w: [0, 0], loss: 0, kind: 'saddle' };
const noMinimum: KnownMinima = { kind: 'none', why: 'unbounded below' };

/** Himmelblau's function, with its four minima found by Newton's method below. */
const himmelblau = objective2(
  (x, y) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
  (x, y) => 4 * x * (x * x + y - 11) + 2 * (x + y * y - 7),
  (x, y) => 2 * (x * x + y - 11) + 4 * y * (x + y * y - 7),
  [(x, y) => 12 * x * x + 4 * y - 42, (x, y) => 4 * x + 4 * y, (x, y) => 4 * x + 12 * y * y - 26],
);

/** A tilted double well (x² − 1)² + 0.3x + y²: a global minimum near x = −1.04, a local one near x = 0.96. */
const tilted = objective2(
  (x, y) => (x * x - 1) ** 2 + 0.3 * x + y * y,
  (x) => 4 * x * (x * x - 1) + 0.3,
  (_x, y) => 2 * y,
  [(x) => 12 * x * x - 4, () => 0, () => 2],
);

/** The monkey saddle x³ − 3xy²: gradient and Hessian both vanish at the origin. */
const monkey = objective2(
  (x, y) => x ** 3 - 3 * x * y * y,
  (x, y) => 3 * x * x - 3 * y * y,
  (x, y) => -6 * x * y,
  [(x) => 6 * x, (_x, y) => -6 * y, (x) => -6 * x],
);

/** Rosenbrock's banana, (1 − x)² + 100(y − x²)². */
const rosenbrock = objective2(
  (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
  (x, y) => -2 * (1 - x) - 400 * x * (y - x * x),
  (x, y) => 200 * (y - x * x),
  [(x, y) => 2 - 400 * y + 1200 * x * x, (x) => -400 * x, () => 200],
);

/** The same objective without its Hessian (the verdict must difference the gradient). */
const withoutHessian = (o: Differentiable): Differentiable => ({ dim: o.dim, loss: o.loss, gradient: o.gradient });

/** Newton's method on the gradient from `start`, to a stationary point exact to rounding. */
function newton(o: Differentiable, start: [number, number]): [number, number] {
  const w = Float64Array.from(start);
  const g = new Float64Array(2);
  const h = new Float64Array(4);
  for (let k = 0; k < 50; k++) {
    o.gradient(w, g);
    o.hessian!(w, h);
    const det = h[0] * h[3] - h[1] * h[2];
    w[0] -= (h[3] * g[0] - h[1] * g[1]) / det;
    w[1] -= (h[0] * g[1] - h[2] * g[0]) / det;
  }
  return [w[0], w[1]];
}

const point = (o: Differentiable, w: [number, number], kind: KnownPoint['kind']): KnownPoint => ({ w, loss: o.loss(w), kind });
const himmelblauMinima: KnownMinima = {
  kind: 'points',
  points: ([[3, 2], [-2.8, 3.1], [-3.8, -3.3], [3.6, -1.8]] as [number, number][]).map((s) => point(himmelblau, newton(himmelblau, s), 'global')),
};
const tiltedGlobal = point(tilted, newton(tilted, [-1, 0]), 'global');
const tiltedLocal = point(tilted, newton(tilted, [1, 0]), 'local');

// ---- trajectories --------------------------------------------------------------------------------------

/** Plain gradient descent, every iterate recorded (entry 0 the start), as train.ts records it. */
function gd(o: Differentiable, start: number[], lr: number, iterations: number): Trajectory {
  const w = Float64Array.from(start);
  const g = new Float64Array(o.dim);
  const cols = start.map(() => new Float64Array(iterations + 1));
  const loss = new Float64Array(iterations + 1);
  for (let i = 0; i <= iterations; i++) {
    if (i > 0) {
      o.gradient(w, g);
      for (let k = 0; k < o.dim; k++) w[k] -= lr * g[k];
    }
    for (let k = 0; k < o.dim; k++) cols[k][i] = w[k];
    loss[i] = o.loss(w);
  }
  return { w: cols, loss };
}

/** A trajectory through the given points (for hand-made paths). */
function path(o: Differentiable, points: number[][]): Trajectory {
  return { w: [0, 1].map((k) => Float64Array.from(points, (p) => p[k])), loss: Float64Array.from(points, (p) => o.loss(p)) };
}

/** The domain's length scale (its diagonal) and its loss range, sampled on a grid as the loss grid does. */
function domain(o: Differentiable, x: [number, number], y: [number, number]): Pick<LandscapeInput, 'scale' | 'lossRange'> {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i <= 60; i++)
    for (let j = 0; j <= 60; j++) {
      const v = o.loss([x[0] + ((x[1] - x[0]) * i) / 60, y[0] + ((y[1] - y[0]) * j) / 60]);
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  return { scale: Math.hypot(x[1] - x[0], y[1] - y[0]), lossRange: hi - lo };
}

const bowlDomain = domain(bowl, [-4, 4], [-5, 3]);
const saddleDomain = domain(saddle, [-2, 2], [-2, 2]);
const himmelblauDomain = domain(himmelblau, [-5, 5], [-5, 5]);
const tiltedDomain = domain(tilted, [-2, 2], [-2, 2]);

// ---- verdicts ------------------------------------------------------------------------------------------

describe('converged to a known minimum', () => {
  it('names the global minimum of a bowl and the first iteration from which the path stays within tolerance', () => {
    const trajectory = gd(bowl, [-3, 2], 0.05, 300);
    const v = landscapeVerdict({ objective: bowl, minima: bowlMin, trajectory, ...bowlDomain });
    expect(v.verdict).toBe('converged');
    expect(v.minimum).toEqual({ index: 0, kind: 'global', w: [1, -2], loss: 0, name: '(1, -2)' });
    expect(v.distance!).toBeLessThan(NEAR);
    // The same iteration found by brute force: every later iterate within NEAR·L and NEAR²·R of (1, −2).
    const inside = (i: number) =>
      Math.hypot(trajectory.w[0][i] - 1, trajectory.w[1][i] + 2) <= NEAR * bowlDomain.scale && trajectory.loss[i] <= NEAR * NEAR * bowlDomain.lossRange!;
    let first = 300;
    while (first > 0 && inside(first - 1)) first--;
    expect(first).toBeGreaterThan(10);
    expect(v.iterationReached).toBe(first);
    expect(v.curvature!.eigenvalues).toEqual([2, 8]);
    expect(messages.landscapeVerdict(v)).toBe(`reached the global minimum (1, -2) at iteration ${first}`);
  });

  it('claims nothing of a run of no iterations, even one that starts on the minimum: not run (as a regression has no verdict then)', () => {
    const v = landscapeVerdict({ objective: bowl, minima: bowlMin, trajectory: path(bowl, [[1, -2]]), ...bowlDomain });
    expect(v).toMatchObject({ verdict: 'not run', iterationReached: null, distance: 0, gradientNorm: 0 });
    expect(messages.landscapeVerdict(v)).toBe('not run (0 iterations): it starts at (1, -2) (f = 0), 0 from the nearest known minimum (1, -2)');
  });

  it('does not call a path that is still closing in on the minimum at its last step converged', () => {
    const trajectory = path(bowl, [[-3, 2], [-1, 0], [0, -1], [0.5, -1.5], [0.9, -1.9], [0.99, -1.99]]);
    const v = landscapeVerdict({ objective: bowl, minima: bowlMin, trajectory, ...bowlDomain });
    expect(v.verdict).toBe('still descending');
    expect(v.minimum).toBeUndefined();
    expect(v.nearest!.name).toBe('(1, -2)');
  });

  it('calls a last step that lands exactly on the minimum (the gradient vanishes there) converged at that step', () => {
    // Newton's method on a quadratic lands in one step; the hostile review found "still descending" for it.
    const trajectory = path(bowl, [[-3, 2], [1, -2]]);
    const v = landscapeVerdict({ objective: bowl, minima: bowlMin, trajectory, ...bowlDomain });
    expect(v.verdict).toBe('converged');
    expect(v.minimum!.name).toBe('(1, -2)');
    expect(v.iterationReached).toBe(1);
  });

  it.each([
    [[4, 4], 0, '(3, 2)'],
    [[-4, 4], 1, '(-2.805, 3.131)'],
    [[-4, -4], 2, '(-3.779, -3.283)'],
    [[4, -4], 3, '(3.584, -1.848)'],
  ])('names the Himmelblau minimum that gradient descent from %j reaches', (start, index, name) => {
    const trajectory = gd(himmelblau, start as number[], 0.01, 400);
    const v = landscapeVerdict({ objective: himmelblau, minima: himmelblauMinima, trajectory, ...himmelblauDomain });
    expect(v.verdict).toBe('converged');
    expect(v.minimum!.index).toBe(index);
    expect(v.minimum!.name).toBe(name);
    expect(messages.landscapeVerdict(v)).toBe(`reached the global minimum ${name} at iteration ${v.iterationReached} (one of 4)`);
  });

  it('calls a local minimum local, and says it is not the global one', () => {
    const minima: KnownMinima = { kind: 'points', points: [tiltedGlobal, tiltedLocal] };
    const right = landscapeVerdict({ objective: tilted, minima, trajectory: gd(tilted, [2, 1], 0.02, 800), ...tiltedDomain });
    expect(right.verdict).toBe('converged');
    expect(right.minimum).toMatchObject({ index: 1, kind: 'local' });
    expect(tiltedLocal.loss).toBeGreaterThan(tiltedGlobal.loss);
    expect(messages.landscapeVerdict(right)).toBe(
      `reached a local minimum at (0.9601, 0) (f = ${Number(tiltedLocal.loss.toPrecision(4))}) at iteration ${right.iterationReached}, not the global one (f = ${Number(tiltedGlobal.loss.toPrecision(4))})`,
    );
    const left = landscapeVerdict({ objective: tilted, minima, trajectory: gd(tilted, [-2, 1], 0.02, 800), ...tiltedDomain });
    expect(left.minimum).toMatchObject({ index: 0, kind: 'global' });
  });

  it('calls a minimum missing from the known list converged only through its gradient and curvature, naming none', () => {
    const minima: KnownMinima = { kind: 'points', points: [tiltedGlobal] };
    const v = landscapeVerdict({ objective: tilted, minima, trajectory: gd(tilted, [2, 1], 0.02, 800), ...tiltedDomain });
    expect(v.verdict).toBe('converged');
    expect(v.minimum).toBeUndefined();
    expect(v.notes).toContain('unlistedMinimum');
    expect(v.nearest!.index).toBe(0);
    expect(messages.landscapeVerdict(v)).toMatch(/^reached a minimum at \(0\.9601, 0\) .*none of the known minima \(the global one has f = -0\.3/);
  });

  it('notes a known global minimum that the path went below (the list is wrong)', () => {
    const wrong: KnownMinima = { kind: 'points', points: [{ w: [1, -2], loss: 1, kind: 'global' }] };
    const v = landscapeVerdict({ objective: bowl, minima: wrong, trajectory: gd(bowl, [-3, 2], 0.05, 300), ...bowlDomain });
    expect(v.notes).toContain('belowKnownGlobal');
    expect(v.minimum).toBeUndefined();
  });
});

describe('saddles', () => {
  it('says "saddle" for a path on the stable manifold of x² − y² that ends at the saddle, with the way down', () => {
    const trajectory = gd(saddle, [1.5, 0], 0.1, 200);
    for (const saddles of [[saddlePoint], undefined]) {
      const v = landscapeVerdict({ objective: saddle, minima: noMinimum, saddles, trajectory, ...saddleDomain });
      expect(v.verdict).toBe('saddle');
      expect(v.saddle!.index).toBe(saddles ? 0 : null);
      expect(v.curvature).toEqual({ eigenvalues: [-2, 2], down: [0, 1], source: 'exact' });
      expect(v.minimum).toBeUndefined();
    }
    const known = landscapeVerdict({ objective: saddle, minima: noMinimum, saddles: [saddlePoint], trajectory, ...saddleDomain });
    expect(messages.landscapeVerdict(known)).toBe('stopped near the saddle at (0, 0): the gradient vanishes but the surface curves down along (0, 1)');
  });

  it('finds the saddle by differencing the gradient when the objective has no Hessian', () => {
    const o = withoutHessian(saddle);
    const v = landscapeVerdict({ objective: o, minima: noMinimum, trajectory: gd(o, [1.5, 0], 0.1, 200), ...saddleDomain });
    expect(v.verdict).toBe('saddle');
    expect(v.notes).toContain('curvatureDifferenced');
    expect(v.curvature!.down).toEqual([0, 1]);
    expect(v.curvature!.eigenvalues[0]).toBeCloseTo(-2, 6);
  });

  it.each([
    [1e-3, [0, 1]],
    [-1e-3, [0, -1]],
  ])('sees a path started slightly off the saddle (y = %d) leave along the negative-curvature direction', (y0, down) => {
    const trajectory = gd(saddle, [0.5, y0], 0.1, 40);
    const v = landscapeVerdict({ objective: saddle, minima: noMinimum, saddles: [saddlePoint], trajectory, ...saddleDomain });
    expect(v.verdict).toBe('still descending');
    expect(v.notes).toContain('passedSaddle');
    expect(v.passedSaddle).toMatchObject({ saddle: { index: 0, name: '(0, 0)' }, down, alongNegativeCurvature: true });
    expect(Math.abs(v.passedSaddle!.direction[1])).toBeGreaterThan(0.999);
    const sentence = messages.landscapeVerdict(v);
    expect(sentence).toMatch(/^still descending at iteration 40 \(f = -\d/);
    expect(sentence).toContain(`after leaving the saddle at (0, 0) along (0, ${down[1]}), where the surface curves down`);
  });

  it('calls a path that escapes the saddle to a thousand domain sizes diverged, still saying where it left', () => {
    const v = landscapeVerdict({ objective: saddle, minima: noMinimum, saddles: [saddlePoint], trajectory: gd(saddle, [0.5, 1e-3], 0.1, 100), ...saddleDomain });
    expect(v.verdict).toBe('diverged');
    expect(v.notes).toEqual(expect.arrayContaining(['blowUp', 'passedSaddle']));
    // The first sign decides: its loss (−y² + x²) fell a thousand loss ranges below the start's before the
    // path was a thousand domains away; the iteration named is that first one.
    const y = (k: number) => 1e-3 * 1.2 ** k;
    const fell = saddle.loss([0.5, 1e-3]) - 1e3 * saddleDomain.lossRange!;
    expect(y(v.divergedAt!) ** 2).toBeGreaterThan(-fell);
    expect(y(v.divergedAt! - 1) ** 2).toBeLessThan(-fell * 1.0001);
    expect(y(v.divergedAt!)).toBeLessThan(1e3 * saddleDomain.scale);
    expect(v.notes).toContain('fell');
    expect(messages.landscapeVerdict(v)).toContain(`diverged at iteration ${v.divergedAt}: the loss fell without bound and the path went a thousand times`);
  });

  it('calls the monkey saddle a saddle only when it is known: its flat curvature confirms nothing', () => {
    const trajectory = path(monkey, [[0.4, 0.2], [0.2, 0.1], [0.05, 0.02], [0, 0], [0, 0], [0, 0], [0, 0]]);
    const known = landscapeVerdict({ objective: monkey, minima: noMinimum, saddles: [{ w: [0, 0], loss: 0, kind: 'saddle' }], trajectory, scale: 2.8, lossRange: 8 });
    expect(known.verdict).toBe('saddle');
    expect(messages.landscapeVerdict(known)).toBe('stopped near the saddle at (0, 0): the gradient vanishes there, but it is no minimum');
    const unknown = landscapeVerdict({ objective: monkey, minima: { kind: 'unknown' }, trajectory, scale: 2.8, lossRange: 8 });
    expect(unknown.verdict).toBe('stalled');
    expect(unknown.notes).toEqual(expect.arrayContaining(['stationary', 'curvatureDegenerate']));
    expect(messages.landscapeVerdict(unknown)).toContain('neither a minimum nor a saddle is confirmed');
  });
});

describe('unknown minima', () => {
  const unknown: KnownMinima = { kind: 'unknown' };

  it('calls a path that is still falling "still descending", not converged', () => {
    const rosenbrockDomain = domain(rosenbrock, [-2, 2], [-1, 3]);
    const trajectory = gd(rosenbrock, [-1.5, 2], 1e-3, 500);
    const v = landscapeVerdict({ objective: rosenbrock, minima: unknown, trajectory, ...rosenbrockDomain });
    expect(v.verdict).toBe('still descending');
    expect(v.stretch!.lossChange).toBeLessThan(0);
    expect(v.distance).toBeNull();
    expect(v.iterationReached).toBeNull();
  });

  it('calls a vanishing gradient with positive curvature converged, naming no minimum and saying so', () => {
    for (const o of [bowl, withoutHessian(bowl)]) {
      const v = landscapeVerdict({ objective: o, minima: unknown, trajectory: gd(o, [-3, 2], 0.05, 300), ...bowlDomain });
      expect(v.verdict).toBe('converged');
      expect(v.minimum).toBeUndefined();
      expect(v.notes).toContain('minimaUnknown');
      expect(messages.landscapeVerdict(v)).toMatch(/^reached a minimum at \(1, -2\) \(f = .*curves up in every direction; the minima of this function are not known/);
    }
  });

  it('tells a shallow saddle (x² − 0.01y²) from a flat valley floor (x² + y⁴) by the sign of the smallest eigenvalue', () => {
    const shallow = objective2((x, y) => x * x - 0.01 * y * y, (x) => 2 * x, (_x, y) => -0.02 * y, [() => 2, () => 0, () => -0.02]);
    const s = landscapeVerdict({ objective: shallow, minima: unknown, trajectory: gd(shallow, [1.5, 0], 0.1, 200), ...domain(shallow, [-2, 2], [-2, 2]) });
    expect(s).toMatchObject({ verdict: 'saddle', curvature: { eigenvalues: [-0.02, 2], down: [0, 1] } });
    const quartic = objective2((x, y) => x * x + y ** 4, (x) => 2 * x, (_x, y) => 4 * y ** 3, [() => 2, () => 0, (_x, y) => 12 * y * y]);
    const q = landscapeVerdict({ objective: quartic, minima: unknown, trajectory: gd(quartic, [1.5, 0], 0.1, 200), ...domain(quartic, [-2, 2], [-2, 2]) });
    expect(q.verdict).toBe('stalled');
    expect(q.notes).toEqual(expect.arrayContaining(['stationary', 'curvatureDegenerate']));
  });

  it('says "stalled" at a vanishing gradient whose curvature it cannot compute', () => {
    const dim = 130;
    const big: Differentiable = {
      dim,
      loss: (w) => Array.from(w).reduce((s, v) => s + v * v, 0),
      gradient: (w, out) => {
        for (let k = 0; k < dim; k++) out[k] = 2 * w[k];
      },
    };
    const trajectory = gd(big, new Array(dim).fill(1), 0.5, 5);
    const v = landscapeVerdict({ objective: big, minima: unknown, trajectory, scale: 20, lossRange: 130 });
    expect(v.verdict).toBe('stalled');
    expect(v.curvature).toBeNull();
    expect(v.notes).toEqual(expect.arrayContaining(['stationary', 'curvatureUnavailable']));
    expect(messages.landscapeVerdict(v)).toContain('whether it is a minimum or a saddle was not checked');
  });
});

describe('cycling, stalled, diverged', () => {
  it('calls gradient descent bouncing between two points "cycling", with the minimum known', () => {
    // Curvature 8 along y at rate 0.25: each step maps y + 2 to −(y + 2), forever.
    const trajectory = gd(bowl, [-3, 0], 0.25, 200);
    expect(trajectory.w[1][199]).toBeCloseTo(-4, 12);
    expect(trajectory.w[1][200]).toBeCloseTo(0, 12);
    const v = landscapeVerdict({ objective: bowl, minima: bowlMin, trajectory, ...bowlDomain });
    expect(v.verdict).toBe('cycling');
    expect(v.minimum).toBeUndefined();
    expect(v.stretch!.medianStep).toBeCloseTo(4, 9);
    expect(messages.landscapeVerdict(v)).toMatch(/^is cycling near \(1, 0\) \(f = 16\), 2 from the nearest known minimum \(1, -2\): over its last 40 iterations/);
  });

  it('calls a hand-made orbit of period three cycling, and a damped bounce still descending', () => {
    const orbit = Array.from({ length: 60 }, (_, i) => [[2, 1], [-1, 0], [0, -3]][i % 3]);
    expect(landscapeVerdict({ objective: bowl, minima: bowlMin, trajectory: path(bowl, orbit), ...bowlDomain }).verdict).toBe('cycling');
    const damped = gd(bowl, [-3, 0], 0.24, 60); // y + 2 shrinks by −0.92 a step
    expect(landscapeVerdict({ objective: bowl, minima: bowlMin, trajectory: damped, ...bowlDomain }).verdict).toBe('still descending');
  });

  it('calls a bounce cycling when only its lows or only its highs creep lower: the whole band must fall', () => {
    const lowsCreep = Array.from({ length: 60 }, (_, i) => (i % 2 ? [-3, 2] : [1 - 2 / (i + 2), -2]));
    const highsCreep = Array.from({ length: 60 }, (_, i) => (i % 2 ? [-3 + i / 60, 2] : [0, -2]));
    for (const points of [lowsCreep, highsCreep]) {
      const v = landscapeVerdict({ objective: bowl, minima: bowlMin, trajectory: path(bowl, points), ...bowlDomain });
      expect(v.verdict).toBe('cycling');
    }
  });

  it('calls a path that stops moving off any stationary point "stalled", naming the nearest known minimum', () => {
    const points = [[-3, 2], [-2, 1], [-1, 0], ...new Array(20).fill([-0.5, -0.5])];
    const v = landscapeVerdict({ objective: bowl, minima: bowlMin, trajectory: path(bowl, points), ...bowlDomain });
    expect(v.verdict).toBe('stalled');
    expect(v.notes).not.toContain('stationary');
    expect(v.distance! * v.scale).toBeCloseTo(Math.hypot(1.5, 1.5), 12);
    expect(messages.landscapeVerdict(v)).toMatch(/^stalled at \(-0\.5, -0\.5\) \(f = 11.25\), 2\.121 from the nearest known minimum \(1, -2\)/);
  });

  it('judges a run of fewer than five steps by the whole run, and says so', () => {
    const v = landscapeVerdict({ objective: bowl, minima: bowlMin, trajectory: gd(bowl, [-3, 2], 0.05, 3), ...bowlDomain });
    expect(v).toMatchObject({ verdict: 'still descending', stretch: { from: 0 } });
    expect(v.notes).toContain('shortRun');
    expect(messages.landscapeVerdict(v)).toMatch(/over its last 3 iterations\), 3\.041 from the nearest known minimum \(1, -2\)$/);
  });

  it('calls a non-finite or reported blow-up diverged, at its iteration', () => {
    const t = gd(bowl, [-3, 2], 0.05, 10);
    t.loss[7] = Infinity;
    const v = landscapeVerdict({ objective: bowl, minima: bowlMin, trajectory: t, ...bowlDomain });
    expect(v).toMatchObject({ verdict: 'diverged', divergedAt: 7, final: { iteration: 6 } });
    expect(v.notes).toContain('nonFinite');
    const reported = landscapeVerdict({ objective: bowl, minima: bowlMin, trajectory: gd(bowl, [-3, 2], 0.05, 10), diverged: { iteration: 10 }, ...bowlDomain });
    expect(reported).toMatchObject({ verdict: 'diverged', divergedAt: 10 });
    expect(messages.landscapeVerdict(reported)).toBe('diverged at iteration 10: the loss blew up');
  });
});

describe('why a landscape descent diverged: it stepped where f is undefined, its loss fell for ever, or it blew up', () => {
  /** log(x) + y²: defined for x > 0 only, and unbounded below as x → 0. */
  const logx = objective2(
    (x, y) => Math.log(x) + y * y,
    (x) => 1 / x,
    (_x, y) => 2 * y,
  );
  const logDomain = domain(logx, [0.1, 3], [-2, 2]);

  it('a finite point with a NaN loss is where f is not defined: no blow-up, and the sentence says where', () => {
    // gd at 0.5 from (1, 1): (0.5, 0), then (−0.5, 0), where log is NaN; train.ts stops there and keeps the point.
    const t = gd(logx, [1, 1], 0.5, 1);
    expect([t.w[0][1], t.w[1][1]]).toEqual([0.5, 0]);
    const v = landscapeVerdict({ objective: logx, minima: { kind: 'unknown' }, trajectory: t, diverged: { iteration: 2 }, stoppedAt: { w: [-0.5, 0], loss: NaN }, ...logDomain });
    expect(v).toMatchObject({ verdict: 'diverged', divergedAt: 2, undefinedAt: { w: [-0.5, 0], gradient: false } });
    expect(v.notes).toEqual(expect.arrayContaining(['reported', 'undefined']));
    expect(v.notes).not.toContain('fell');
    expect(messages.landscapeVerdict(v)).toBe('left the region where f is defined at iteration 2: it stepped to (-0.5, 0), where f is not defined (not a number)');
  });

  it('a NaN iterate in the trajectory itself is judged the same way', () => {
    const t = gd(logx, [1, 1], 0.5, 2);
    expect(Number.isNaN(t.loss[2])).toBe(true);
    const v = landscapeVerdict({ objective: logx, minima: { kind: 'unknown' }, trajectory: t, ...logDomain });
    expect(v).toMatchObject({ verdict: 'diverged', divergedAt: 2, final: { iteration: 1 }, undefinedAt: { w: [-0.5, 0], gradient: false } });
  });

  it('a step that is not a number because the gradient is not defined where it started names that point', () => {
    // sqrt(x² + y²)'s gradient at the origin is 0/0: the loss there is 0, the step NaN.
    const cone = objective2(
      (x, y) => Math.sqrt(x * x + y * y),
      (x, y) => x / Math.sqrt(x * x + y * y),
      (x, y) => y / Math.sqrt(x * x + y * y),
    );
    const t = path(cone, [[1, 0], [0, 0]]);
    const v = landscapeVerdict({ objective: cone, minima: { kind: 'unknown' }, trajectory: t, diverged: { iteration: 2 }, stoppedAt: { w: [NaN, NaN], loss: NaN }, scale: 2.8, lossRange: 1.4 });
    expect(v.undefinedAt).toEqual({ w: [0, 0], gradient: true });
    expect(messages.landscapeVerdict(v)).toBe('left the region where f is defined at iteration 2: the gradient of f is not defined at (0, 0), so the step from there is not a number');
  });

  it('x³ + y² creeping towards its inflection at x = 0 has a small gradient and positive curvature, and no minimum', () => {
    const cubic = objective2(
      (x, y) => x ** 3 + y * y,
      (x) => 3 * x * x,
      (_x, y) => 2 * y,
      [(x) => 6 * x, () => 0, () => 2],
    );
    const t = gd(cubic, [0.1, 1], 0.1, 1000);
    const x = t.w[0][1000];
    // Still creeping: x ≈ 1/(0.3·k), and the curvature there, 6x, is positive.
    expect(x).toBeGreaterThan(0.002);
    expect(x).toBeLessThan(0.005);
    const v = landscapeVerdict({ objective: cubic, minima: { kind: 'unknown' }, trajectory: t, ...domain(cubic, [-3, 3], [-3, 3]) });
    expect(v.verdict).not.toBe('converged');
    expect(v.curvature!.eigenvalues[0]).toBeCloseTo(6 * x, 10);
    expect(messages.landscapeVerdict(v)).not.toContain('reached a minimum');
  });

  it('a NaN a thousand domains away is an overflow (∞ − ∞), not a point where f is undefined', () => {
    // The monkey saddle far out along its valley: x³ − 3xy² at (1e159, 1.8e159) is ∞ − ∞.
    expect(Number.isNaN(monkey.loss([1e159, 1.8e159]))).toBe(true);
    const t = path(monkey, [[1.5, 0.1], [10, 12], [1e5, 1.2e5]]);
    const v = landscapeVerdict({ objective: monkey, minima: noMinimum, trajectory: t, diverged: { iteration: 3 }, stoppedAt: { w: [1e159, 1.8e159], loss: NaN }, scale: 5.66, lossRange: 32 });
    expect(v.undefinedAt).toBeUndefined();
    expect(v.notes).toEqual(expect.arrayContaining(['blowUp', 'fell']));
    expect(v.notes).not.toContain('undefined');
  });

  it('a loss that fell past every bound is noted as falling, one that overflowed upwards is not', () => {
    const fell = landscapeVerdict({ objective: saddle, minima: noMinimum, saddles: [saddlePoint], trajectory: gd(saddle, [0.5, 1e-3], 0.1, 100), ...saddleDomain });
    expect(fell.notes).toEqual(expect.arrayContaining(['blowUp', 'fell']));
    expect(fell.undefinedAt).toBeUndefined();
    // x² − y² at rate 5: x ← −9x each step and the loss rises; the run stops on an overflow to +∞.
    const t = gd(saddle, [1.8, 0.02], 5, 3);
    const rose = landscapeVerdict({ objective: saddle, minima: noMinimum, saddles: [saddlePoint], trajectory: t, diverged: { iteration: 4 }, stoppedAt: { w: [Infinity, 1e300], loss: Infinity }, ...saddleDomain });
    expect(rose.verdict).toBe('diverged');
    expect(rose.notes).not.toContain('fell');
    expect(rose.notes).not.toContain('undefined');
    expect(messages.landscapeVerdict(rose)).toBe('diverged at iteration 4: the loss blew up');
  });
});
