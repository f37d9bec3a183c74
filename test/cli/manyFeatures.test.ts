/**
 * Regression on three or more features (`--x a,b,c…`): the least-squares optimum against an exact rational
 * solve and the logistic one against 60-digit Newton, gradients against central differences, the fit panel's
 * rows against their linear part moving with the descent, and bad input as one line.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sceneFromOptions } from '../../src';
import { messages } from '../../src/errors';
import { featureLogisticFit } from '../../src/engine/featureLogistic';
import { linearParts, twoFeatureFit } from '../../src/engine/twoFeatures';
import type { SampledObjective } from '../../src/engine/objective';
import { createRenderer } from '../../src/render';
import { prepareFrame } from '../../src/render/frame/renderer';
import { createRng, normal } from '../../src/random';
import { exactLeastSquares } from '../helpers/exact';
import { mlvisInProcess, summaryOf, usageLine } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'mlvis-many-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const reference = require('../fixtures/logistic-reference/many.json') as Record<string, { names: string[]; columns: number[][]; y: number[]; reference: string[] }>;

/** Rows of y = 3 + 0.02·a − 4·b + 300·c − 0.5·d + noise, the columns in very different units. */
function data(n = 80) {
  const rng = createRng('many', 'test');
  const a = Float64Array.from({ length: n }, () => 1000 + 2000 * rng());
  const b = Float64Array.from({ length: n }, () => 0.5 + rng());
  const c = Float64Array.from({ length: n }, () => 0.001 * rng());
  const d = Float64Array.from({ length: n }, () => -50 + 10 * normal(rng));
  const y = Float64Array.from({ length: n }, (_, i) => 3 + 0.02 * a[i] - 4 * b[i] + 300 * c[i] - 0.5 * d[i] + normal(rng));
  return { columns: [a, b, c, d], y };
}

function expectGradients(objective: SampledObjective, w: Float64Array): void {
  const g = new Float64Array(w.length);
  objective.gradient(w, g);
  for (let k = 0; k < w.length; k++) {
    const h = 1e-6 * Math.max(1, Math.abs(w[k]));
    const plus = Float64Array.from(w);
    const minus = Float64Array.from(w);
    plus[k] += h;
    minus[k] -= h;
    const numeric = (objective.loss(plus) - objective.loss(minus)) / (2 * h);
    expect(Math.abs(g[k] - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
  }
}

describe('linear regression on four features', () => {
  it("finds the exact least-squares fit in the data's units (against a rational solve)", () => {
    const { columns, y } = data();
    const fit = twoFeatureFit(columns, ['a', 'b', 'c', 'd'], y);
    const w = fit.reported.optimum()!;
    const ref = exactLeastSquares([new Float64Array(y.length).fill(1), ...columns], y);
    expect(w).toHaveLength(5);
    for (let k = 0; k < 5; k++) expect(Math.abs(w[k] - ref[k])).toBeLessThan(1e-10 * Math.max(1, Math.abs(ref[k])));
    let direct = 0;
    for (let i = 0; i < y.length; i++) direct += (ref[0] + columns.reduce((s, c, j) => s + ref[j + 1] * c[i], 0) - y[i]) ** 2;
    expect(fit.reported.loss(w)).toBeCloseTo(direct / y.length, 10);
    expect(fit.reported.weightNames).toEqual(['w0', 'w1', 'w2', 'w3', 'w4']);
  });

  it('has exact gradients in every coordinate (against central differences)', () => {
    const { columns, y } = data(30);
    const fit = twoFeatureFit(columns, ['a', 'b', 'c', 'd'], y);
    expectGradients(fit.trained, Float64Array.of(1, -2, 0.5, 0.3, -1));
    expectGradients(fit.reported, Float64Array.of(2, 0.01, -3, 100, 0.2));
  });

  it('runs end to end on a CSV: converges to the exact optimum and reports every column', async () => {
    const { columns, y } = data();
    const path = join(dir, 'four.csv');
    writeFileSync(path, 'a,b,c,d,y\n' + Array.from(y, (v, i) => `${columns.map((c) => c[i]).join(',')},${v}`).join('\n') + '\n');
    const { s } = await summaryOf(['linear', '--data', path, '--x', 'a,b,c,d', '--y', 'y', '--iters', '3000']);
    expect(s.verdict).toBe('converged');
    expect(Object.keys(s.final!)).toEqual(['w0', 'w1', 'w2', 'w3', 'w4', 'loss']);
    expect(s.data).toMatchObject({ x: 'a,b,c,d', y: 'y', n: 80 });
    const st = (s as unknown as { standardization: { columns: { column: string }[] } }).standardization;
    expect(st.columns.map((c) => c.column)).toEqual(['a', 'b', 'c', 'd']);
    const ref = exactLeastSquares([new Float64Array(y.length).fill(1), ...columns], y);
    ref.forEach((r, k) => expect(Math.abs((s.optimum as Record<string, number>)[`w${k}`] - r)).toBeLessThan(1e-10 * Math.max(1, Math.abs(r))));
  });
});

describe('logistic regression on four features', () => {
  const set = reference.penguins_sex_four;
  const ref = set.reference.map(Number);
  const fit = featureLogisticFit(set.columns.map((c) => Float64Array.from(c)), set.names, Float64Array.from(set.y));

  it("has the 60-digit Newton optimum in the data's units (weights to 1e-12 relative, loss to 1e-13)", () => {
    const w = fit.reported.optimum()!;
    expect(w).toHaveLength(5);
    for (let k = 0; k < 5; k++) expect(Math.abs(w[k] - ref[k])).toBeLessThan(1e-12 * Math.abs(ref[k]));
    expect(Math.abs(fit.reported.loss(w) - ref[5])).toBeLessThan(1e-13 * ref[5]);
    expect(fit.why()).toBe('');
  });

  it('has exact gradients in every coordinate (against central differences)', () => {
    expectGradients(fit.trained, Float64Array.of(0.2, 0.5, 1, -0.3, 0.4));
    expectGradients(fit.reported, Float64Array.of(-50, 0.1, 2, -0.03, 0.005));
  });

  it('runs end to end on penguins: the summary names the four weights and the optimum', async () => {
    const { s } = await summaryOf(['logistic', '--data', 'penguins', '--x', set.names.join(','), '--y', 'Sex', '--iters', '3000', '--lr', '3']);
    expect(Object.keys(s.optimum!)).toEqual(['w0', 'w1', 'w2', 'w3', 'w4', 'loss']);
    for (let k = 0; k < 5; k++) expect(Math.abs((s.optimum as Record<string, number>)[`w${k}`] - ref[k])).toBeLessThan(1e-12 * Math.abs(ref[k]));
    expect(s.verdict).toBe('converged');
    // The share of rows on their class's side of z = 0 at the final weights, counted here from the reference's.
    const z = new Float64Array(set.y.length);
    linearParts(ref, set.columns.map((c) => Float64Array.from(c)), z);
    const right = set.y.filter((y, i) => (z[i] >= 0 ? 1 : 0) === y).length;
    expect(s.accuracy).toBeCloseTo(right / set.y.length, 12);
    expect(s.accuracy).toBeGreaterThan(0.85);
  });
});

/** The pixels of the fit panel's plot (the right half) that are the colour given, within 40 per channel, as a count per column. */
function columnsOf(rgba: Uint8Array, width: number, rect: { x: number; y: number; w: number; h: number }, [r, g, b]: number[]): number[] {
  const counts: number[] = [];
  for (let x = Math.ceil(rect.x) + 2; x < rect.x + rect.w - 2; x++) {
    let n = 0;
    for (let y = Math.ceil(rect.y) + 2; y < rect.y + rect.h - 2; y++) {
      const o = 4 * (y * width + x);
      if (Math.abs(rgba[o] - r) < 40 && Math.abs(rgba[o + 1] - g) < 40 && Math.abs(rgba[o + 2] - b) < 40) n++;
    }
    counts.push(n);
  }
  return counts;
}

describe('the fit panel on four features', () => {
  const x = 'Horsepower,Weight_in_lbs,Acceleration,Displacement';
  const scene = sceneFromOptions({ model: 'linear', data: 'cars', x, y: 'Miles_per_Gallon', iterations: 300, width: 640, height: 320 });

  it('hands the renderer the rows\' linear parts, and the surface a plane through five weights', () => {
    expect(scene.fit.features).toEqual(x.split(','));
    expect(scene.fit.twoFeatures).toBeUndefined();
    expect(scene.surface.labels[0]).toMatch(/^PC1 \(/);
    const t = scene.series[0].trajectory;
    const last = t.loss.length - 1;
    const w = t.w.map((c) => c[last]);
    const columns = scene.data.features!.columns;
    const out = new Float64Array(scene.data.y.length);
    scene.fit.scoreRows!(w, columns, out);
    // The mean squared error of the parts is the run's final loss: they are the fitted values.
    let mse = 0;
    for (let i = 0; i < out.length; i++) mse += (out[i] - scene.data.y[i]) ** 2;
    expect(mse / out.length).toBeCloseTo(t.loss[last], 9);
  });

  it('draws the rows at their fitted values: all at 0 at the start, spread along fitted = y at the end', () => {
    const { layout } = prepareFrame(scene);
    const rect = layout.panels[scene.panels.indexOf('fit')];
    const renderer = createRenderer(scene);
    const theme = require('../../src/render/core/theme') as typeof import('../../src/render/core/theme');
    const hex = theme.theme('light').series[0];
    // A point of the 392 rows is drawn at opacity 0.75 over the white plot.
    const rgb = [1, 3, 5].map((i) => 0.75 * parseInt(hex.slice(i, i + 2), 16) + 0.25 * 255);
    const first = columnsOf(renderer.drawFrame(0), scene.width, rect, rgb);
    const last = columnsOf(renderer.drawFrame(scene.iterations), scene.width, rect, rgb);
    const spread = (c: number[]) => c.filter((n) => n > 0).length;
    expect(first.reduce((a, b) => a + b, 0)).toBeGreaterThan(50);
    // At w = 0 every fit is 0: one column of points (a point's width), far from the data's own values.
    expect(spread(first)).toBeLessThan(15);
    expect(spread(last)).toBeGreaterThan(100);
  });

  it('draws a logistic race: each series\' rows at their log-odds', () => {
    const race = sceneFromOptions({ model: 'logistic', data: 'penguins', x: reference.penguins_sex_four.names.join(','), y: 'Sex', optimizer: ['gd', 'adam'], iterations: 50, width: 640, height: 320 });
    expect(race.fit.features).toHaveLength(4);
    const renderer = createRenderer(race);
    expect(renderer.drawFrame(0)).not.toEqual(renderer.drawFrame(50));
  });
});

describe('bad input on several features', () => {
  it('refuses what it cannot do, in one line', async () => {
    const many = Array.from({ length: 17 }, (_, i) => `c${i}`).join(',');
    const r0 = await mlvisInProcess(['linear', '--data', 'cars', '--x', many, '--summary', '-']);
    expect([r0.code, r0.stderr]).toEqual([1, expect.stringMatching(/^mlvis: --x "c0,[^\n]*linear and logistic take 2 to 16, mlp and softmax two[^\n]*\n$/)]);
    const twice = await mlvisInProcess(['linear', '--data', 'cars', '--x', 'Horsepower,Weight_in_lbs,Horsepower', '--summary', '-']);
    expect([twice.code, twice.stderr]).toEqual([1, expect.stringMatching(/^mlvis: --x: "Horsepower" is named twice[^\n]*\n$/)]);
    expect(await usageLine(['linear', '--data', 'cars', '--x', 'Horsepower,Weight_in_lbs,Acceleration', '--init', '1,2,3'])).toMatch(/^--init: 3 numbers \(1,2,3\), and a regression on 3 features has 4 weights w0 to w3; give 4 numbers/);
    expect(await usageLine(['mlp', '--data', 'penguins', '--x', 'Beak Length (mm),Beak Depth (mm),Flipper Length (mm)', '--y', 'Sex', '--positive', 'MALE'])).toMatch(/^mlvis mlp draws its decision region in the plane of two features, and --x names 3: give two columns/);
    expect(await usageLine(['softmax', '--data', 'penguins', '--x', 'Beak Length (mm),Beak Depth (mm),Flipper Length (mm)', '--y', 'Species'])).toMatch(/^mlvis softmax draws its classes in the plane of two features, and --x names 3/);
    const r = await mlvisInProcess(['linear', '--data', 'cars', '--x', 'Horsepower,Weight_in_lbs,Miles_per_Gallon', '--y', 'Miles_per_Gallon', '--summary', '-']);
    expect([r.code, r.stderr]).toEqual([1, expect.stringMatching(/^mlvis: --x: "Miles_per_Gallon" is also the y column[^\n]*\n$/)]);
  });

  it('refuses columns that one another determine, a constant one, and too few rows', async () => {
    const dep = join(dir, 'dep3.csv');
    writeFileSync(dep, 'a,b,c,y\n' + [1, 2, 3, 4, 5, 6].map((v) => `${v},${(v * v) % 5},${v + ((v * v) % 5)},${v % 3}`).join('\n') + '\n');
    const r = await mlvisInProcess(['linear', '--data', dep, '--x', 'a,b,c', '--y', 'y', '--summary', '-']);
    expect([r.code, r.stderr]).toEqual([1, expect.stringMatching(/^mlvis: --x a,b,c: the columns move together \(one is, to within rounding, a fixed combination of the others plus a constant\)[^\n]*\n$/)]);
    const flat = join(dir, 'flat.csv');
    writeFileSync(flat, 'a,b,c,y\n' + [1, 2, 3, 4, 5, 6].map((v) => `${v},${v % 4},7,${v % 3}`).join('\n') + '\n');
    const r2 = await mlvisInProcess(['linear', '--data', flat, '--x', 'a,b,c', '--y', 'y', '--summary', '-']);
    expect([r2.code, r2.stderr]).toEqual([1, expect.stringMatching(/"c"[^\n]*\n$/)]);
    const few = join(dir, 'few.csv');
    writeFileSync(few, 'a,b,c,y\n1,2,3,1\n2,1,5,2\n3,3,1,0\n');
    const r3 = await mlvisInProcess(['linear', '--data', few, '--x', 'a,b,c', '--y', 'y', '--summary', '-']);
    expect([r3.code, r3.stderr]).toEqual([1, expect.stringMatching(/only 3 usable rows \(0 skipped for missing or non-numeric values\); at least 4 are needed for a fit on 3 features\n$/)]);
  });
});

describe('what the hostile review found on several features', () => {
  /** Rows of four columns, the last `a` plus `eps` times a column of its own: nearly collinear for a small eps. */
  function nearlyCollinear(eps: number) {
    const rng = createRng('collinear', 'test');
    const n = 60;
    const a = Float64Array.from({ length: n }, () => 10 * rng());
    const b = Float64Array.from({ length: n }, () => normal(rng));
    const c = Float64Array.from({ length: n }, () => 5 + rng());
    const d = Float64Array.from(a, (v) => v + eps * normal(rng));
    const y = Float64Array.from({ length: n }, (_, i) => 1 + 2 * a[i] - b[i] + 0.5 * c[i] + normal(rng));
    return { columns: [a, b, c, d], y };
  }
  const csv = (name: string, columns: Float64Array[], y: Float64Array, header = 'a,b,c,d,y') => {
    const path = join(dir, name);
    writeFileSync(path, `${header}\n` + Array.from(y, (v, i) => `${columns.map((c) => c[i]).join(',')},${v}`).join('\n') + '\n');
    return path;
  };

  it('reports the true loss on nearly collinear columns (summed over the rows, not around an inexact optimum)', async () => {
    const { columns, y } = nearlyCollinear(1e-4);
    const fit = twoFeatureFit(columns, ['a', 'b', 'c', 'd'], y);
    const { s } = await summaryOf(['linear', '--data', csv('nc4.csv', columns, y), '--x', 'a,b,c,d', '--y', 'y', '--iters', '200']);
    const w = [0, 1, 2, 3, 4].map((k) => (s.final as Record<string, number>)[`w${k}`]);
    let direct = 0;
    for (let i = 0; i < y.length; i++) direct += (w[0] + columns.reduce((t, col, j) => t + w[j + 1] * col[i], 0) - y[i]) ** 2;
    expect(Math.abs(s.final!.loss - direct / y.length)).toBeLessThan(1e-9 * (direct / y.length));
    // And its optimum is the rational solve's, to the digits a condition number near 1e8 leaves.
    const ref = exactLeastSquares([new Float64Array(y.length).fill(1), ...columns], y);
    const opt = fit.reported.optimum()!;
    expect(Math.abs(fit.reported.loss(opt) - fit.reported.loss(Float64Array.from(ref)))).toBeLessThan(1e-9 * fit.reported.loss(opt));
  });

  it('refuses columns so nearly collinear that no fit has four digits, naming the condition number', async () => {
    const { columns, y } = nearlyCollinear(1e-9);
    const r = await mlvisInProcess(['linear', '--data', csv('nc9.csv', columns, y), '--x', 'a,b,c,d', '--y', 'y', '--summary', '-']);
    expect([r.code, r.stderr]).toEqual([1, expect.stringMatching(/^mlvis: --x a,b,c,d: the columns nearly move together \(their condition number is [\d.]+e\+\d+\)[^\n]*\n$/)]);
  });

  it('checks every column for values that vanish or overflow when squared, and names it', async () => {
    const { columns, y } = data(20);
    const tiny = [columns[0], columns[1], Float64Array.from(columns[2], (v) => v * 1e-300), columns[3]];
    const r = await mlvisInProcess(['linear', '--data', csv('tiny.csv', tiny, y), '--x', 'a,b,c,d', '--y', 'y', '--summary', '-']);
    expect([r.code, r.stderr]).toEqual([1, expect.stringMatching(/^mlvis: column "c" holds values too small or too large/)]);
  });

  it('refuses a y near 1e-300 by name (one column and several)', async () => {
    const path = join(dir, 'ytiny.csv');
    writeFileSync(path, 'a,b,y\n1,4,1e-300\n2,1,3e-300\n3,3,2e-300\n4,2,5e-300\n');
    for (const x of ['a', 'a,b']) {
      const r = await mlvisInProcess(['linear', '--data', path, '--x', x, '--y', 'y', '--summary', '-']);
      expect([r.code, r.stderr]).toEqual([1, expect.stringMatching(/^mlvis: column "y" holds values too small or too large for double precision[^\n]*\n$/)]);
    }
  });

  it('takes a column whose name holds a comma among others, and refuses a name the header has twice', async () => {
    const { columns, y } = data(30);
    const path = csv('comma.csv', columns.slice(0, 3), y, '"w, kg",b,c,y');
    const { s } = await summaryOf(['linear', '--data', path, '--x', 'w, kg,b,c', '--y', 'y', '--iters', '5']);
    expect(s.data).toMatchObject({ x: 'w, kg,b,c' });
    expect(Object.keys(s.final!)).toEqual(['w0', 'w1', 'w2', 'w3', 'loss']);
    const dup = csv('dup.csv', columns.slice(0, 3), y, 'a,b,a,y');
    const r = await mlvisInProcess(['linear', '--data', dup, '--x', 'a,b', '--y', 'y', '--summary', '-']);
    expect([r.code, r.stderr]).toEqual([1, expect.stringMatching(/^mlvis: column "a" appears more than once in the header[^\n]*\n$/)]);
  });

  it('shows a weight of 1e-12 in the title as itself, not as 0', () => {
    const rng = createRng('tiny-weight', 'test');
    const n = 50;
    const a = Float64Array.from({ length: n }, () => rng());
    const b = Float64Array.from({ length: n }, () => rng());
    const c = Float64Array.from({ length: n }, () => 1e12 * (1 + rng()));
    const y = Float64Array.from({ length: n }, (_, i) => 3 + a[i] - b[i] + 1.5e-12 * c[i] + 0.01 * normal(rng));
    const scene = sceneFromOptions({ model: 'linear', data: csv('big-c.csv', [a, b, c], y, 'a,b,c,y'), x: 'a,b,c', y: 'y', iterations: 2000, width: 1400 });
    const { title } = prepareFrame(scene) as unknown as { title: (ctx: unknown, k: number) => void };
    const texts: string[] = [];
    const ctx = new Proxy({}, { get: (_t, key) => (key === 'fillText' ? (s: string) => texts.push(s) : key === 'measureText' ? () => ({ width: 10 }) : () => undefined), set: () => true });
    title(ctx, scene.iterations);
    const w3 = texts.find((t) => t.startsWith('w3 = '))!;
    expect(w3).not.toBe('w3 = 0');
    expect(Number(w3.slice(5).replace('−', '-').replace(/e([−-])/, 'e-'))).toBeGreaterThan(1e-12);
  });

  it('takes the columns as a JSON list in a jobs file, the same job as the comma string, and refuses a list of one', async () => {
    const jobs = join(dir, 'jobs-x.json');
    const x = ['Horsepower', 'Weight_in_lbs', 'Acceleration'];
    const job = { model: 'linear', data: 'cars', y: 'Miles_per_Gallon', iters: 40, seed: 's' };
    writeFileSync(jobs, JSON.stringify({ jobs: [{ ...job, x, out: join(dir, 'jx-list.png') }, { ...job, x: x.join(','), out: join(dir, 'jx-text.png') }] }));
    const r = await mlvisInProcess(['batch', jobs]);
    expect([r.code, r.stderr]).toEqual([0, expect.any(String)]);
    const { readFileSync } = require('node:fs') as typeof import('node:fs');
    expect(readFileSync(join(dir, 'jx-list.png')).equals(readFileSync(join(dir, 'jx-text.png')))).toBe(true);
    const bad = join(dir, 'jobs-one.json');
    writeFileSync(bad, JSON.stringify({ jobs: [{ ...job, x: ['Horsepower'], out: join(dir, 'jx-one.png') }] }));
    const r2 = await mlvisInProcess(['batch', bad]);
    expect(r2.code).not.toBe(0);
    expect(r2.stderr).toMatch(/jobs\[0\]\.x: \["Horsepower"\] must be a column name, or a list of 2 to 16 of them/);
  });

  it('calls a fit of a constant y converged once it closed its gap to rounding, without a warning (one column and three)', async () => {
    const path = join(dir, 'yconst.csv');
    writeFileSync(path, 'a,b,c,y\n1,2,7,5\n2,1,3,5\n3,5,1,5\n4,4,9,5\n5,3,2,5\n6,7,5,5\n');
    for (const x of ['a', 'a,b,c']) {
      const { s, stderr } = await summaryOf(['linear', '--data', path, '--x', x, '--y', 'y']);
      expect([s.verdict, stderr]).toEqual(['converged', '']);
      expect(s.final!.loss).toBeLessThan(1e-9);
    }
  });

  it('names a chosen column that holds text, not numbers, with a cell of it (linear on features, mlp, logistic)', async () => {
    for (const args of [
      ['linear', '--data', 'cars', '--x', 'Horsepower,Weight_in_lbs,Name', '--y', 'Miles_per_Gallon'],
      ['mlp', '--data', 'cars', '--x', 'Name', '--y', 'Miles_per_Gallon'],
      ['logistic', '--data', 'penguins', '--x', 'Island', '--y', 'Sex'],
    ]) {
      const r = await mlvisInProcess([...args, '--summary', '-']);
      expect([r.code, r.stderr]).toEqual([1, expect.stringMatching(/^mlvis: column "(Name|Island)" holds text, not numbers \(for example "(chevrolet chevelle malibu|Torgersen)"\); choose a numeric column\n$/)]);
    }
  });

  it('refuses three columns for mlp before reading a row, and says "several features" in its warnings', async () => {
    const { columns, y } = data(20);
    const path = csv('num.csv', columns, y);
    expect(await usageLine(['mlp', '--data', path, '--x', 'a,b,c', '--y', 'y'])).toMatch(/^mlvis mlp draws its decision region in the plane of two features, and --x names 3/);
    const r = await mlvisInProcess(['linear', '--data', path, '--x', 'a,b,c', '--y', 'y', '--no-standardize', '--iters', '3', '--summary', '-']);
    expect(r.stderr).toMatch(/--no-standardize is ignored: linear regression on several features always trains on standardized columns/);
  });

  it('keeps the model\'s name in the title of three features, and samples few surface points when none are drawn or the rows are many', () => {
    const three = sceneFromOptions({ model: 'linear', data: 'cars', x: 'Horsepower,Weight_in_lbs,Acceleration', y: 'Miles_per_Gallon', iterations: 30 });
    const { layout, title } = prepareFrame(three) as unknown as { layout: unknown; title: (ctx: unknown, k: number) => void };
    expect(layout).toBeDefined();
    const texts: string[] = [];
    const ctx = new Proxy({}, { get: (_t, key) => (key === 'fillText' ? (s: string) => texts.push(s) : key === 'measureText' ? () => ({ width: 10 }) : () => undefined), set: () => true });
    title(ctx, 30);
    expect(texts[0]).toBe('Linear, 3 features · GD');
    const noSurface = sceneFromOptions({ model: 'linear', data: 'cars', x: 'Horsepower,Weight_in_lbs,Acceleration', y: 'Miles_per_Gallon', iterations: 30, panels: ['fit', 'loss'] });
    expect(noSurface.grid.nx).toBe(16);
    const rng = createRng('rows', 'test');
    const n = 12000;
    const cols = Array.from({ length: 8 }, () => Float64Array.from({ length: n }, () => normal(rng)));
    const labels = Float64Array.from({ length: n }, (_, i) => (cols[0][i] + cols[1][i] + normal(rng) > 0 ? 1 : 0));
    const path = csv('rows.csv', cols, labels, 'a,b,c,d,e,f,g,h,y');
    const many = sceneFromOptions({ model: 'logistic', data: path, x: 'a,b,c,d,e,f,g,h', y: 'y', iterations: 5 });
    // 12,000 rows of 9 weights: about 1e8 / 108,000 points, 30 a side (the penguins' 333 rows keep 128).
    expect(many.grid.nx).toBe(30);
  });
});

describe('a column whose name holds a comma ("w, kg") counts as one at option time too (hostile review)', () => {
  const csv = join(dir, 'commas.csv');
  // y = 2·w + 0.5·h + 1 with a little structure: the weights are exact least squares either way.
  writeFileSync(csv, '"w, kg",h,y\n1,2,4.1\n2,3,6.4\n3,1,7.6\n4,5,11.4\n5,2,12.1\n6,4,15.1\n7,7,18.4\n');

  it('one column: --init takes two numbers, and --no-standardize is kept, not said to be ignored', async () => {
    const { s, stderr } = await summaryOf(['linear', '--data', csv, '--x', 'w, kg', '--y', 'y', '--init', '1,1', '--no-standardize', '--iters', '10']);
    expect(stderr).not.toMatch(/ignored|features/);
    expect([s.data.x, s.standardize, Object.keys(s.final!)]).toEqual(['w, kg', false, ['w0', 'w1', 'loss']]);
  });

  it('a name given with spaces around it is the header\'s (trimmed), one column or one of several (hostile review)', async () => {
    const one = await summaryOf(['linear', '--data', csv, '--x', ' w, kg ', '--y', ' y', '--init', '1,1', '--iters', '5']);
    expect([one.s.data.x, one.s.data.y, Object.keys(one.s.final!)]).toEqual(['w, kg', 'y', ['w0', 'w1', 'loss']]);
    const two = await summaryOf(['linear', '--data', csv, '--x', ' w, kg ,h', '--y', 'y', '--iters', '5']);
    expect(Object.keys(two.s.final!)).toEqual(['w0', 'w1', 'w2', 'loss']);
  });

  it('a name given with spaces that two header names trim to is refused as twice in the header (hostile review)', async () => {
    const dup = join(dir, 'dup.csv');
    writeFileSync(dup, 'a, a,y\n1,2,5\n2,1,7\n3,5,9\n4,2,11\n');
    for (const x of ['a', ' a', 'a ']) {
      const r = await mlvisInProcess(['linear', '--data', dup, '--x', x, '--y', 'y', '--summary', '-']);
      expect([r.code, r.stdout, r.stderr]).toEqual([1, '', `mlvis: ${messages.columnTwiceInHeader('a')}\n`]);
    }
  });

  it('without --y, the default y is the first numeric column that is none of the features (hostile review)', async () => {
    // "w, kg" and h are the features; y, the next numeric column, is the label (h used to be taken, then refused).
    const { s } = await summaryOf(['linear', '--data', csv, '--x', 'w, kg,h', '--iters', '5']);
    expect([s.data.x, s.data.y]).toEqual(['w, kg,h', 'y']);
    // With no numeric column left over, it says so.
    const two = join(dir, 'two.csv');
    writeFileSync(two, 'a,b\n1,2\n2,3\n3,5\n');
    const r = await mlvisInProcess(['linear', '--data', two, '--x', 'a,b', '--summary', '-']);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toBe(`mlvis: ${messages.noNumericColumns(two, ['a', 'b'])}\n`);
  });

  it('two columns, one of them "w, kg": three weights, and four numbers are refused as a two-feature count', async () => {
    const { s } = await summaryOf(['linear', '--data', csv, '--x', 'w, kg,h', '--y', 'y', '--init', '0,0,0']);
    expect(s.data.x).toBe('w, kg,h');
    expect(Object.keys(s.final!)).toEqual(['w0', 'w1', 'w2', 'loss']);
    expect(await usageLine(['linear', '--data', csv, '--x', 'w, kg,h', '--y', 'y', '--init', '0,0,0,0'])).toBe(messages.featureInit([0, 0, 0, 0], 3));
  });
});

describe('headerNow', () => {
  const { headerNow } = require('../../src/data/headerNow') as typeof import('../../src/data/headerNow');
  it('reads a file\'s header (quotes, BOM, a file of one line without its line break), and gives null where it cannot', () => {
    const one = join(dir, 'one.csv');
    writeFileSync(one, '\ufeff"a, b", c ');
    expect(headerNow(one)).toEqual(['a, b', 'c']);
    const long = join(dir, 'long.csv');
    writeFileSync(long, `${'x'.repeat(70 * 1024)},y\n1,2\n`);
    expect(headerNow(long)).toBeNull(); // no line end within the 64 KB read
    expect(headerNow(join(dir, 'missing.csv'))).toBeNull();
    expect(headerNow('-')).toBeNull();
    expect(headerNow('moons')).toBeNull();
    expect(headerNow('penguins')).toContain('Beak Length (mm)');
  });

  it('decodes as the data stage does (Latin-1 when not UTF-8), and never opens a FIFO (hostile review: it waited for a writer)', () => {
    const latin = join(dir, 'latin.csv');
    writeFileSync(latin, Buffer.from('"w\xe9ight, kg",h,y\n1,2,3\n', 'latin1'));
    expect(headerNow(latin)).toEqual(['w\u00e9ight, kg', 'h', 'y']);
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const t = Date.now();
    expect(headerNow(fifo)).toBeNull();
    expect(Date.now() - t).toBeLessThan(5000); // returned, without a writer
  });
});

describe('a FIFO as --data is read by the data stage only (hostile review: option time opened it and took its text)', () => {
  it('runs on what the writer sent, without waiting at option time', async () => {
    const fifo = join(dir, 'fifo2');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `printf '"w, kg",h,y\\n1,2,3\\n2,3,5\\n3,1,4\\n4,5,9\\n' > "${fifo}"`]);
    const r = await mlvisInProcess(['linear', '--data', fifo, '--x', 'w, kg,h', '--y', 'y', '--summary', '-']);
    writer.kill();
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout).data).toMatchObject({ x: 'w, kg,h', n: 4 });
  });
});

describe('--init against the columns the data gave, where the header is read only with the data (newcomer review)', () => {
  /** A FIFO in the test's folder that a writer fills once with `text`. */
  function fifoWith(name: string, text: string): string {
    const path = join(dir, name);
    execFileSync('mkfifo', [path]);
    const writer = spawn('sh', ['-c', 'cat > "$1"', 'sh', path]);
    writer.stdin.end(text);
    return path;
  }
  const text = '"w, kg",h,y\n1,2,3\n2,3,5\n3,1,4\n4,5,9\n5,2,7\n6,4,10\n';

  it('one column "w, kg" from a FIFO: two numbers start the run there', async () => {
    const r = await mlvisInProcess(['linear', '--data', fifoWith('i1', text), '--x', 'w, kg', '--y', 'y', '--init', '5,7', '--iters', '0', '--summary', '-']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const s = JSON.parse(r.stdout);
    expect([s.data.x, s.final.w0, s.final.w1]).toEqual(['w, kg', 5, 7]);
  });

  it('an option judged by the column count before the data came is refused when the data names fewer (hostile review)', async () => {
    for (const [flag, extra] of [['--no-standardize', []], ['--compare-standardize', ['--iters', '20']], ['--plane', ['pair:1,2']]] as const) {
      const r = await mlvisInProcess(['linear', '--data', fifoWith(`j${flag}`, text), '--x', 'w, kg', '--y', 'y', flag, ...extra, '--out', join(dir, 'never.png')]);
      expect([flag, r.code, r.stderr]).toEqual([flag, 2, `mlvis: ${messages.columnsKnownLate('w, kg', 1, 2, [flag])}\n`]);
    }
    expect(existsSync(join(dir, 'never.png'))).toBe(false);
  });

  it('the same from a pipe with the count right: the raw-x switch is said to be ignored once, after the data', async () => {
    const plain = 'a,b,y\n1,2,3\n2,3,5\n3,1,4\n4,5,9\n5,2,7\n6,4,10\n';
    const r = await mlvisInProcess(['linear', '--data', fifoWith('j-right', plain), '--x', 'a,b', '--y', 'y', '--no-standardize', '--iters', '20', '--summary', '-']);
    expect(r.code).toBe(0);
    expect(r.stderr.match(/--no-standardize is ignored: linear regression on two features always trains on standardized columns/g)).toHaveLength(1);
  });

  it('three numbers for that one column are refused once it is known, not cut to two', async () => {
    const r = await mlvisInProcess(['linear', '--data', fifoWith('i2', text), '--x', 'w, kg', '--y', 'y', '--init', '5,7,9', '--summary', '-']);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `mlvis: ${messages.badInit('5,7,9', 'W0,W1 (one x column)', '-2,5')}\n`]);
  });
});

describe('one x column against itself is refused (newcomer review: a fit of w1 = 1 and loss 0)', () => {
  it('named as the data set\'s default y, or as --y too', async () => {
    expect(await usageOrRun(['linear', '--data', 'penguins', '--x', 'Body Mass (g)'])).toBe(messages.featureIsDefaultY('Body Mass (g)'));
    expect(await usageOrRun(['mlp', '--data', 'penguins', '--x', 'Body Mass (g)'])).toBe(messages.featureIsDefaultY('Body Mass (g)'));
    expect(await usageOrRun(['linear', '--data', 'penguins', '--x', 'Beak Depth (mm)', '--y', 'Beak Depth (mm)'])).toBe(messages.featureIsY('Beak Depth (mm)'));
  });

  /** A run refused with one line (exit 1: the data stage's), the line without "mlvis: ". */
  async function usageOrRun(args: string[]): Promise<string> {
    const r = await mlvisInProcess([...args, '--summary', '-']);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr.split('\n')).toHaveLength(2);
    return r.stderr.replace(/^mlvis: /, '').trimEnd();
  }
});
