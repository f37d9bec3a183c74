/**
 * Logistic regression on two features (`mlvis logistic --x a,b`): the optimum's weights in the data's units
 * against 60-digit Newton (test/fixtures/logistic-reference/features.py), gradients and Hessians against
 * differences, separable classes confirmed as such, and the command end to end.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sceneFromOptions } from '../../src';
import { featureLogisticFit, newtonOnFeatures, SEPARATED } from '../../src/engine/featureLogistic';
import { createRng, normal } from '../../src/random';
import { mlvisInProcess, summaryOf, usageLine } from '../helpers/cli';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sets = require('../fixtures/logistic-reference/features.json') as Record<string, { x1: number[]; x2: number[]; y: number[]; reference: string[] }>;

const dir = mkdtempSync(join(tmpdir(), 'mlvis-flog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fitOf(name: string) {
  const s = sets[name];
  return featureLogisticFit([Float64Array.from(s.x1), Float64Array.from(s.x2)], ['a', 'b'], Float64Array.from(s.y));
}

describe.each(Object.keys(sets))('the two-feature logistic optimum of %s', (name) => {
  const ref = sets[name].reference.map(Number);
  it('has weights in the data\'s units exact to 1e-12 relative, and the loss to 1e-13', () => {
    const fit = fitOf(name);
    const w = fit.reported.optimum()!;
    for (let k = 0; k < 3; k++) expect(Math.abs(w[k] - ref[k]) / Math.abs(ref[k])).toBeLessThan(1e-12);
    expect(Math.abs(fit.reported.loss(w) - ref[3]) / ref[3]).toBeLessThan(1e-13);
    expect(fit.reported.minima).toMatchObject({ kind: 'points', points: [{ kind: 'global' }] });
  });
});

/** Two overlapping classes: class 1 around (1, 2), class 0 around (0, 0), features in different units. */
function overlapping(n = 80) {
  const rng = createRng('flog', 'test');
  const y = Float64Array.from({ length: n }, (_, i) => i % 2);
  const a = Float64Array.from(y, (c) => 100 + 40 * (c + normal(rng)));
  const b = Float64Array.from(y, (c) => 0.01 * (2 * c + normal(rng)));
  return { a, b, y };
}

describe('logistic regression on two features', () => {
  it('has exact gradients and Hessians in both coordinates (against central differences)', () => {
    const { a, b, y } = overlapping();
    const fit = featureLogisticFit([a, b], ['a', 'b'], y);
    const cases = [
      [fit.trained, Float64Array.of(0.3, -1.2, 0.8)],
      [fit.reported, Float64Array.of(-2, 0.02, 30)],
    ] as const;
    for (const [objective, w] of cases) {
      const g = new Float64Array(3);
      const H = new Float64Array(9);
      objective.gradient(w, g);
      objective.hessian!(w, H);
      for (let k = 0; k < 3; k++) {
        const h = 1e-5 * Math.max(1e-3, Math.abs(w[k]));
        const plus = Float64Array.from(w);
        const minus = Float64Array.from(w);
        plus[k] += h;
        minus[k] -= h;
        const numeric = (objective.loss(plus) - objective.loss(minus)) / (2 * h);
        expect(Math.abs(g[k] - numeric)).toBeLessThan(1e-6 * Math.max(1e-3, Math.abs(numeric)) + 1e-9);
        const gp = new Float64Array(3);
        const gm = new Float64Array(3);
        objective.gradient(plus, gp);
        objective.gradient(minus, gm);
        for (let j = 0; j < 3; j++) {
          const hk = (gp[j] - gm[j]) / (2 * h);
          expect(Math.abs(H[j * 3 + k] - hk)).toBeLessThan(1e-5 * Math.max(1e-6, Math.abs(hk)) + 1e-9);
        }
      }
    }
  });

  it('has a zero gradient at its optimum and the same loss in both coordinates', () => {
    const { a, b, y } = overlapping();
    const fit = featureLogisticFit([a, b], ['a', 'b'], y);
    const v = fit.trained.optimum()!;
    const g = new Float64Array(3);
    fit.trained.gradient(v, g);
    for (const x of g) expect(Math.abs(x)).toBeLessThan(1e-14);
    const w = fit.reported.optimum()!;
    expect(fit.reported.loss(w)).toBe(fit.trained.loss(v));
    expect(Array.from(fit.reparametrization.toTrained(w))).toEqual(Array.from(v).map((x) => expect.closeTo(x, 12)));
  });

  it('confirms separable classes (a line between them) and claims no optimum', () => {
    const n = 40;
    const a = Float64Array.from({ length: n }, (_, i) => i);
    const b = Float64Array.from({ length: n }, (_, i) => (i * 7) % 11);
    // y = 1 above the line a + b = 25 (exactly on it is none of the points... and it does not matter).
    const y = Float64Array.from({ length: n }, (_, i) => (a[i] + b[i] > 25 ? 1 : 0));
    const fit = featureLogisticFit([a, b], ['a', 'b'], y);
    expect(fit.reported.optimum()).toBeNull();
    expect(fit.reported.minima).toEqual({ kind: 'none', why: SEPARATED });
  });

  it('never says separated when Newton merely stopped: a zero direction separates nothing', () => {
    const phi = [Float64Array.of(1, 1, 1, 1), Float64Array.of(0, 1, 0, 1), Float64Array.of(0, 0, 1, 1)];
    // Overlapping classes: the minimum exists and is found.
    const r = newtonOnFeatures(phi, Float64Array.of(0, 1, 1, 0));
    expect(r.v).not.toBeNull();
    expect(Array.from(r.v!)).toEqual([expect.closeTo(0, 12), expect.closeTo(0, 12), expect.closeTo(0, 12)]);
  });

  it('runs end to end on penguins: the optimum of the 60-digit reference, per-column standardization', async () => {
    const { s } = await summaryOf(['logistic', '--data', 'penguins', '--x', 'Beak Length (mm),Beak Depth (mm)', '--y', 'Species', '--positive', 'Adelie', '--iters', '50']);
    const ref = sets.penguins_adelie.reference.map(Number);
    expect(Object.keys(s.final!)).toEqual(['w0', 'w1', 'w2', 'loss']);
    expect(s.optimum!.w0).toBeCloseTo(ref[0], 11);
    expect(s.optimum!.w2).toBeCloseTo(ref[2], 11);
    expect(s.data).toMatchObject({ x: 'Beak Length (mm),Beak Depth (mm)', y: 'Species', n: 342, positive: 'Adelie' });
    const st = (s as unknown as { standardization: { columns: { column: string }[] } }).standardization;
    expect(st.columns.map((c) => c.column)).toEqual(['Beak Length (mm)', 'Beak Depth (mm)']);
  });

  it('says in one line that separable classes have no optimum, and draws no minimum', async () => {
    const path = join(dir, 'sep.csv');
    writeFileSync(path, 'a,b,c\n' + Array.from({ length: 30 }, (_, i) => `${i},${(i * 7) % 11},${i + ((i * 7) % 11) > 20 ? 'yes' : 'no'}`).join('\n') + '\n');
    const r = await mlvisInProcess(['logistic', '--data', path, '--x', 'a,b', '--y', 'c', '--positive', 'yes', '--iters', '20', '--summary', join(dir, 'sep.json')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/a straight line separates the classes in the plane of the features, so the cross-entropy keeps falling as the weights grow: no optimum is reported/);
    const scene = sceneFromOptions({ model: 'logistic', data: path, x: 'a,b', y: 'c', positive: 'yes', iterations: 20, out: join(dir, 'sep.png') });
    expect(scene.optimum).toBeNull();
    expect(scene.noMinimum?.[0]).toBe('no finite minimum: a line separates the classes');
  });

  it('draws the probability field of the first series and its decision line', () => {
    const scene = sceneFromOptions({ model: 'logistic', data: 'penguins', x: 'Beak Length (mm),Beak Depth (mm)', y: 'Species', positive: 'Adelie', out: join(dir, 'p.png') });
    expect(scene.fit.target).toBe('classes');
    expect(scene.fit.twoFeatures).toEqual(['Beak Length (mm)', 'Beak Depth (mm)']);
    const t = scene.series[0].trajectory;
    const w = t.w.map((c) => c[t.loss.length - 1]);
    // A deep, short beak is an Adelie's; a long, shallow one a Gentoo's.
    expect(scene.fit.predict2!(w, 38, 19)).toBeGreaterThan(0.95);
    expect(scene.fit.predict2!(w, 48, 15)).toBeLessThan(0.05);
  });

  it('takes three numbers for --init and refuses others in one line', async () => {
    const { s } = await summaryOf(['logistic', '--data', 'penguins', '--x', 'Beak Length (mm),Beak Depth (mm)', '--y', 'Species', '--positive', 'Adelie', '--init', '1,-0.5,0.25', '--iters', '0']);
    expect(s.final).toMatchObject({ w0: 1, w1: -0.5, w2: 0.25 });
    expect(await usageLine(['logistic', '--data', 'penguins', '--x', 'Beak Length (mm),Beak Depth (mm)', '--init', '1,2'])).toMatch(/^--init: 2 numbers \(1,2\), and a regression on 2 features has 3 weights w0 to w2; give 3 numbers/);
    const r = await summaryOf(['logistic', '--data', 'penguins', '--x', 'Beak Length (mm),Beak Depth (mm)', '--no-standardize', '--iters', '1']);
    expect(r.stderr).toMatch(/--no-standardize is ignored: logistic regression on two features always trains on standardized columns/);
  });
});

describe('nearly collinear features', () => {
  const data = (seed: string, spread: number) => {
    const rng = createRng(seed, 'test');
    const n = 200;
    const a = Float64Array.from({ length: n }, () => normal(rng));
    const b = Float64Array.from(a, (v) => v + 1e-5 * normal(rng));
    const y = Float64Array.from(a, (v) => (v + spread * normal(rng) > 0 ? 1 : 0));
    return featureLogisticFit([a, b], ['a', 'b'], y);
  };

  it('still give their minimum when Newton settles (a zero gradient, huge opposite weights)', () => {
    const fit = data('collinear', 0.8);
    const w = fit.reported.optimum()!;
    expect(w[1] * w[2]).toBeLessThan(-1e6);
    const g = new Float64Array(3);
    fit.trained.gradient(fit.trained.optimum()!, g);
    for (const x of g) expect(Math.abs(x)).toBeLessThan(1e-10);
  });

  it('say why when it does not: the columns nearly move together, with their condition number, not separation', () => {
    const fit = data('c3', 1.5);
    expect(fit.reported.minima).toEqual({ kind: 'unknown' });
    expect(fit.why()).toMatch(/^Newton's method did not settle: the feature columns nearly move together \(their condition number is \d\.\de\+\d+\)/);
  });
});
