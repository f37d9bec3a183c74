/**
 * Softmax regression (`mlvis softmax`): gradients and Hessians against differences, the optimum's gradient
 * zero and its convention (each feature's weights sum to 0 over the classes), two classes against logistic
 * regression's own 60-digit-checked Newton, the labels as classes, and the command end to end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sceneFromOptions } from '../../src';
import { featureLogisticFit } from '../../src/engine/featureLogistic';
import { centred, softmaxFit } from '../../src/engine/softmax';
import { createRng, normal } from '../../src/random';
import { mlvisInProcess, summaryOf, usageLine } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'mlvis-softmax-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Three overlapping clusters, features in different units. */
function clusters(n = 90) {
  const rng = createRng('softmax', 'test');
  const y = Float64Array.from({ length: n }, (_, i) => i % 3);
  const a = Float64Array.from(y, (c) => 1000 + 300 * (Math.cos(2.1 * c) + normal(rng)));
  const b = Float64Array.from(y, (c) => 0.01 * (Math.sin(2.1 * c) + normal(rng)));
  return { a, b, y };
}

describe('softmax regression', () => {
  it('has exact gradients and Hessians in both coordinates (against central differences)', () => {
    const { a, b, y } = clusters();
    const fit = softmaxFit([a, b], y, ['p', 'q', 'r']);
    const rng = createRng('w', 'test');
    const cases = [
      [fit.trained, Float64Array.from({ length: 9 }, () => normal(rng))],
      [fit.reported, Float64Array.from({ length: 9 }, (_, k) => (k % 3 === 1 ? 0.002 : k % 3 === 2 ? 50 : 1) * normal(rng))],
    ] as const;
    for (const [o, w] of cases) {
      const g = new Float64Array(9);
      const H = new Float64Array(81);
      o.gradient(w, g);
      o.hessian!(w, H);
      for (let k = 0; k < 9; k++) {
        const h = 1e-5 * Math.max(1e-3, Math.abs(w[k]));
        const plus = Float64Array.from(w);
        const minus = Float64Array.from(w);
        plus[k] += h;
        minus[k] -= h;
        const numeric = (o.loss(plus) - o.loss(minus)) / (2 * h);
        expect(Math.abs(g[k] - numeric)).toBeLessThan(1e-6 * Math.max(1e-3, Math.abs(numeric)) + 1e-9);
        const gp = new Float64Array(9);
        const gm = new Float64Array(9);
        o.gradient(plus, gp);
        o.gradient(minus, gm);
        for (let j = 0; j < 9; j++) expect(Math.abs(H[j * 9 + k] - (gp[j] - gm[j]) / (2 * h))).toBeLessThan(1e-5 * Math.max(1e-6, Math.abs(H[j * 9 + k])) + 1e-9);
      }
    }
  });

  it('finds its optimum: a zero gradient, in the convention (sums 0 over the classes), reported in the data\'s units', () => {
    const { a, b, y } = clusters();
    const fit = softmaxFit([a, b], y, ['p', 'q', 'r']);
    const v = fit.trained.optimum()!;
    const g = new Float64Array(9);
    fit.trained.gradient(v, g);
    for (const x of g) expect(Math.abs(x)).toBeLessThan(1e-14);
    const w = fit.reported.optimum()!;
    for (let f = 0; f < 3; f++) expect(Math.abs(w[f] + w[3 + f] + w[6 + f])).toBeLessThan(1e-12 * (Math.abs(w[f]) + Math.abs(w[3 + f]) + Math.abs(w[6 + f])));
    // Shifting every class alike changes nothing: the loss and the centred weights stay.
    const shifted = Float64Array.from(w, (x, k) => x + [5, -0.01, 300][k % 3]);
    expect(fit.reported.loss(shifted)).toBeCloseTo(fit.reported.loss(w), 12);
    expect(Array.from(centred(shifted, 3, 3))).toEqual(Array.from(w).map((x) => expect.closeTo(x, 8)));
    expect(fit.reported.loss(w)).toBe(fit.trained.loss(v));
  });

  it('with two classes is logistic regression: the classes\' weights differ by logistic\'s optimum', () => {
    const rng = createRng('two', 'test');
    const n = 120;
    const y = Float64Array.from({ length: n }, (_, i) => i % 2);
    const a = Float64Array.from(y, (c) => 40 + 5 * (c + normal(rng)));
    const b = Float64Array.from(y, (c) => 17 + 2 * (normal(rng) - c));
    const soft = softmaxFit([a, b], y, ['no', 'yes']).reported.optimum()!;
    const logit = featureLogisticFit([a, b], ['a', 'b'], y).reported.optimum()!;
    for (let f = 0; f < 3; f++) expect(soft[3 + f] - soft[f]).toBeCloseTo(logit[f], 9);
    // And each class's weights are half of it either way (the convention).
    expect(soft[3]).toBeCloseTo(logit[0] / 2, 9);
  });

  it('runs on penguins\' species (suggested beak length and depth): three classes, 95% right, the optimum claimed', async () => {
    const { s } = await summaryOf(['softmax', '--data', 'penguins', '--optimizer', 'newton', '--iters', '20']);
    const x = s as unknown as { softmax: { classes: string[]; convention: string }; accuracy: number };
    expect(x.softmax.classes).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
    expect(x.softmax.convention).toMatch(/sum to 0 over the classes/);
    expect(Object.keys(s.final!)).toEqual(['Adelie.w0', 'Adelie.w1', 'Adelie.w2', 'Chinstrap.w0', 'Chinstrap.w1', 'Chinstrap.w2', 'Gentoo.w0', 'Gentoo.w1', 'Gentoo.w2', 'loss']);
    expect(x.accuracy).toBeGreaterThan(0.95);
    // The final weights moved onto the convention: each feature's weights sum to 0 over the classes.
    const c = (s as unknown as { final_centred: Record<string, number> }).final_centred;
    for (const f of ['w0', 'w1', 'w2']) expect(Math.abs(c[`Adelie.${f}`] + c[`Chinstrap.${f}`] + c[`Gentoo.${f}`])).toBeLessThan(1e-9);
    expect(c.loss).toBe(s.final!.loss);
    expect(s.verdict).toBe('converged');
    expect(s.final!.loss).toBeCloseTo(s.optimum!.loss, 12);
    const st = (s as unknown as { standardization: { columns: { column: string }[] } }).standardization;
    expect(st.columns.map((c) => c.column)).toEqual(['Beak Length (mm)', 'Beak Depth (mm)']);
  });

  it('draws each class\'s region and the boundaries; refuses what it cannot do in one line', async () => {
    const scene = sceneFromOptions({ model: 'softmax', iterations: 50, out: join(dir, 's.png') });
    expect(scene.data.source).toBe('blobs');
    expect(scene.model.classNames).toEqual(['class 0', 'class 1', 'class 2']);
    const p = new Float64Array(3);
    const t = scene.series[0].trajectory;
    scene.fit.predictClasses!(t.w.map((c) => c[t.loss.length - 1]), 0, 1, p);
    // The top cluster (at 90°) is class 0.
    expect(p[0]).toBeGreaterThan(0.8);
    expect(await usageLine(['softmax', '--init', '0,0'])).toMatch(/^--init: mlvis softmax starts with every weight at 0/);
    expect(await usageLine(['softmax', '--data', 'cars', '--x', 'Horsepower'])).toMatch(/^mlvis softmax draws classes in the plane of two features/);
    expect(await usageLine(['mlp', '--data', 'blobs'])).toMatch(/^--data blobs has three classes: use it with mlvis softmax/);
  });
});

describe('softmax against a hostile review', () => {
  it('finds an optimum at 0 (symmetric classes) and calls a start there converged', async () => {
    const rows: string[] = [];
    for (let k = 0; k < 3; k++) for (let j = 0; j < 4; j++) rows.push(`${Math.cos((Math.PI * j) / 2 + 0.3 * k)},${Math.sin((Math.PI * j) / 2 + 0.3 * k)},c${k}`);
    const path = join(dir, 'sym.csv');
    require('node:fs').writeFileSync(path, 'a,b,y\n' + rows.join('\n') + '\n');
    const { s, stderr } = await summaryOf(['softmax', '--data', path, '--x', 'a,b', '--y', 'y']);
    expect(s.optimum).not.toBeNull();
    for (const [k, v] of Object.entries(s.optimum!)) if (k !== 'loss') expect(Math.abs(v)).toBeLessThan(1e-12);
    expect(s.optimum!.loss).toBeCloseTo(Math.log(3), 14);
    expect(s.verdict).toBe('converged');
    expect(stderr).toBe('');
  });

  it('refuses columns that move together, a plane pair past its weights, and says --positive does not apply', async () => {
    const dup = join(dir, 'dup.csv');
    require('node:fs').writeFileSync(dup, 'a,b,y\n' + Array.from({ length: 30 }, (_, i) => `${i},${2 * i + 1},${['p', 'q', 'r'][i % 3]}`).join('\n') + '\n');
    const r = await mlvisInProcess(['softmax', '--data', dup, '--x', 'a,b', '--y', 'y']);
    expect([r.code, r.stderr]).toEqual([1, expect.stringMatching(/^mlvis: --x a,b: the two columns move together/)]);
    expect(await usageLine(['softmax', '--data', 'penguins', '--plane', 'pair:0,9'])).toBe("--plane pair: weight 9 is past this model's 9 weights (numbered from 0 to 8, in the summary's order)");
    const { s, stderr } = await summaryOf(['softmax', '--data', 'penguins', '--plane', 'pair:0,4', '--positive', 'Adelie', '--iters', '5']);
    expect(stderr).toMatch(/--positive is ignored: mlvis softmax takes every label of y as a class, by its own name/);
    expect((s as unknown as { softmax: { plane: string } }).softmax.plane).toBe('pair:0,4');
  });

  it('claims no minimum when a line cuts a class off, says so once, and marks none', async () => {
    const sep = join(dir, 'sep.csv');
    require('node:fs').writeFileSync(sep, 'a,b,y\n' + Array.from({ length: 30 }, (_, i) => `${i % 10},${(i * 7) % 5},${['p', 'q', 'r'][Math.floor(i % 10 / 4)]}`).join('\n') + '\n');
    const r = await mlvisInProcess(['softmax', '--data', sep, '--x', 'a,b', '--y', 'y', '--iters', '50', '--summary', '-']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Newton's method did not settle on a minimum \(a line may separate a class from the others\): no optimum is reported/);
    expect(JSON.parse(r.stdout).optimum).toBeNull();
    const scene = sceneFromOptions({ model: 'softmax', data: sep, x: 'a,b', y: 'y', iterations: 20, out: join(dir, 'sep.png') });
    expect(scene.noMinimum?.[0]).toBe('minimum not known: Newton did not settle');
  });
});
