/**
 * Linear regression on two features (`mlvis linear --x a,b`): the optimum in the data's units against an
 * exact rational solve, gradients against differences, the fit panel's lines of equal fitted y, and bad
 * input as one line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sceneFromOptions } from '../../src';
import { twoFeatureFit } from '../../src/engine/twoFeatures';
import { createRng, normal } from '../../src/random';
import { exactLeastSquares } from '../helpers/exact';
import { mlvisInProcess, summaryOf, usageLine } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'mlvis-two-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Rows of y = 3 + 0.02·a − 4·b + noise, with a in the thousands and b near 1: columns in different units. */
function data(n = 60) {
  const rng = createRng('two', 'test');
  const a = Float64Array.from({ length: n }, () => 1000 + 2000 * rng());
  const b = Float64Array.from({ length: n }, () => 0.5 + rng());
  const y = Float64Array.from({ length: n }, (_, i) => 3 + 0.02 * a[i] - 4 * b[i] + normal(rng));
  return { a, b, y };
}

describe('linear regression on two features', () => {
  it('finds the exact least-squares plane in the data\'s units (against a rational solve)', () => {
    const { a, b, y } = data();
    const fit = twoFeatureFit([a, b], ['a', 'b'], y);
    const w = fit.reported.optimum()!;
    const ref = exactLeastSquares([new Float64Array(a.length).fill(1), a, b], y);
    for (let k = 0; k < 3; k++) expect(Math.abs(w[k] - ref[k])).toBeLessThan(1e-10 * Math.max(1, Math.abs(ref[k])));
    let direct = 0;
    for (let i = 0; i < y.length; i++) direct += (ref[0] + ref[1] * a[i] + ref[2] * b[i] - y[i]) ** 2;
    expect(fit.reported.loss(w)).toBeCloseTo(direct / y.length, 10);
  });

  it('has exact gradients in both coordinates (against central differences)', () => {
    const { a, b, y } = data(30);
    const fit = twoFeatureFit([a, b], ['a', 'b'], y);
    for (const [objective, w] of [[fit.trained, Float64Array.of(1, -2, 0.5)], [fit.reported, Float64Array.of(2, 0.01, -3)]] as const) {
      const g = new Float64Array(3);
      objective.gradient(w, g);
      for (let k = 0; k < 3; k++) {
        const h = 1e-6 * Math.max(1, Math.abs(w[k]));
        const plus = Float64Array.from(w);
        const minus = Float64Array.from(w);
        plus[k] += h;
        minus[k] -= h;
        const numeric = (objective.loss(plus) - objective.loss(minus)) / (2 * h);
        expect(Math.abs(g[k] - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
      }
    }
  });

  it('runs end to end on a CSV: converges, reports per-column standardization and both columns', async () => {
    const { a, b, y } = data();
    const path = join(dir, 'two.csv');
    writeFileSync(path, 'a,b,y\n' + Array.from(y, (v, i) => `${a[i]},${b[i]},${v}`).join('\n') + '\n');
    const { s } = await summaryOf(['linear', '--data', path, '--x', 'a,b', '--y', 'y', '--iters', '2000']);
    expect(s.verdict).toBe('converged');
    expect(Object.keys(s.final!)).toEqual(['w0', 'w1', 'w2', 'loss']);
    expect(s.data).toMatchObject({ x: 'a,b', y: 'y', n: 60 });
    expect(s.standardize).toBe(true);
    const st = (s as unknown as { standardization: { columns: { column: string; mean: number; std: number }[] } }).standardization;
    expect(st.columns.map((c) => c.column)).toEqual(['a', 'b']);
    const mean = Array.from(a).reduce((t, v) => t + v, 0) / a.length;
    expect(st.columns[0].mean).toBeCloseTo(mean, 9);
    const ref = exactLeastSquares([new Float64Array(a.length).fill(1), a, b], y);
    expect(s.optimum!.w1).toBeCloseTo(ref[1], 12);
  });

  it('draws the features\' plane with lines of equal fitted y that move with the descent', () => {
    const scene = sceneFromOptions({ model: 'linear', data: 'cars', x: 'Horsepower,Weight_in_lbs', y: 'Miles_per_Gallon', out: join(dir, 'c.png') });
    expect(scene.fit.twoFeatures).toEqual(['Horsepower', 'Weight_in_lbs']);
    expect(scene.surface.labels[0]).toMatch(/^PC1 \(/);
    const t = scene.series[0].trajectory;
    const last = t.loss.length - 1;
    // The final plane predicts as the data's own least squares does, in miles per gallon.
    const w = t.w.map((c) => c[last]);
    expect(scene.fit.predict2!(w, 100, 3000)).toBeCloseTo(45.6402 - 0.0473029 * 100 - 0.00579416 * 3000, 2);
  });

  it('refuses what it cannot do, in one line', async () => {
    expect(await usageLine(['poly', '--data', 'penguins', '--x', 'Body Mass (g),Flipper Length (mm)'])).toMatch(/^--x with several columns is linear or logistic regression on several features; mlvis poly takes one x column/);
    // An empty name in the list (three or more columns are a regression on several features: manyFeatures.test.ts).
    const r1 = await mlvisInProcess(['linear', '--data', 'cars', '--x', 'Horsepower,,Acceleration']);
    expect(r1.stderr.trim().split('\n')).toEqual([expect.stringMatching(/give one column, or several separated by commas/)]);
    const r2 = await mlvisInProcess(['linear', '--data', 'cars', '--x', 'Horsepower,Horsepower']);
    expect(r2.stderr).toMatch(/"Horsepower" is named twice/);
    const r3 = await mlvisInProcess(['linear', '--data', 'cars', '--x', 'Horsepower,Miles_per_Gallon', '--y', 'Miles_per_Gallon']);
    expect(r3.stderr).toMatch(/"Miles_per_Gallon" is also the y column/);
    // Either position.
    const r3b = await mlvisInProcess(['linear', '--data', 'cars', '--x', 'Horsepower,Weight_in_lbs', '--y', 'Horsepower']);
    expect([r3b.code, r3b.stderr]).toEqual([1, expect.stringMatching(/^mlvis: --x: "Horsepower" is also the y column; choose another feature or another --y\n$/)]);
    const two = join(dir, 'tworows.csv');
    writeFileSync(two, 'a,b,y\n1,5,2\n2,3,1\n,4,1\n');
    const r5 = await mlvisInProcess(['linear', '--data', two, '--x', 'a,b', '--y', 'y']);
    expect(r5.stderr).toMatch(/only 2 usable rows \(1 skipped for missing or non-numeric values\); at least 3 are needed for a plane on two features/);
    const dep = join(dir, 'dep.csv');
    writeFileSync(dep, 'a,b,y\n' + [1, 2, 3, 4, 5].map((v) => `${v},${2 * v + 1},${v % 2}`).join('\n') + '\n');
    const r4 = await mlvisInProcess(['linear', '--data', dep, '--x', 'a,b', '--y', 'y']);
    expect(r4.code).not.toBe(0);
    expect(r4.stderr).toMatch(/the two columns move together \(one is, to within rounding, a fixed multiple/);
    expect(await usageLine(['linear', '--data', 'cars', '--x', 'Horsepower,Weight_in_lbs', '--init', '1,2'])).toMatch(/^--init: 2 numbers \(1,2\), and a regression on 2 features has 3 weights w0 to w2; give 3 numbers/);
    expect(await usageLine(['linear', '--data', 'cars', '--x', 'Horsepower,Weight_in_lbs', '--init', '1'])).toMatch(/^--init: "1" is not two numbers W0,W1 .*; with --x a,b, three: W0,W1,W2 \(one more than the columns\)$/);
  });

  it('names the columns of skipped rows and the switch as given in its warnings', async () => {
    const path = join(dir, 'gaps.csv');
    writeFileSync(path, 'a,b,y\n' + Array.from({ length: 12 }, (_, i) => `${i},${i % 4 === 0 ? 'NA' : (i * 7) % 5},${i % 3}`).join('\n') + '\n');
    const r = await mlvisInProcess(['linear', '--data', path, '--x', 'a,b', '--y', 'y', '--no-standardize', '--iters', '5']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/skipped 3 of 12 rows with a missing or non-numeric value in "a", "b" or "y"/);
    expect(r.stderr).toMatch(/--no-standardize is ignored: linear regression on two features always trains on standardized columns/);
  });

  it('takes --init w0,w1,w2 and --plane pair:w1,w2', async () => {
    const { s } = await summaryOf(['linear', '--data', 'cars', '--x', 'Horsepower,Weight_in_lbs', '--init', '1,0.5,-0.01', '--iters', '0', '--plane', 'pair:w1,w2']);
    expect(s.final).toMatchObject({ w0: 1, w1: 0.5, w2: -0.01 });
    const scene = sceneFromOptions({ model: 'linear', data: 'cars', x: 'Horsepower,Weight_in_lbs', plane: 'pair:w1,w2', out: join(dir, 'p.png') });
    expect(scene.surface.labels).toEqual(['v1', 'v2']);
  });
});
