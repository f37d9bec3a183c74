/**
 * `mlvis mlp` end to end: the default network on moons learns them, the summary says what was trained and
 * claims no optimum, a curve on one feature, a CSV's two features and a label, determinism, and bad input as
 * one line.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sceneFromOptions } from '../../src';
import { mlvisInProcess, summaryOf, usageLine } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'mlvis-mlp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type MlpSummary = { network: { layers: number[]; activation: string; task: string; weights: number }; accuracy?: number };

describe('mlvis mlp', () => {
  it('learns the default moons (200 points, 2-8-1 tanh, 1000 iterations) and claims no optimum', async () => {
    const { s, stderr } = await summaryOf(['mlp']);
    const m = s as unknown as MlpSummary;
    expect(m.network).toEqual({ layers: [2, 8, 1], activation: 'tanh', task: 'classes', weights: 33, plane: 'pca' });
    expect(s.data).toMatchObject({ noise: 0.1 });
    expect(s.data).toMatchObject({ source: 'moons', x: 'x1,x2', n: 200 });
    expect(m.accuracy).toBeGreaterThanOrEqual(0.97);
    expect(s.optimum).toBeNull();
    expect(s.gap_closed).toBeNull();
    expect(['levelled off', 'still descending']).toContain(s.verdict);
    expect(s.final!.loss).toBeLessThan(0.05);
    expect(Object.keys(s.final!)).toHaveLength(34);
    expect(stderr).toBe('');
  });

  it('trains two relu layers on circles with adam, and a curve on one feature of cars', async () => {
    const { s } = await summaryOf(['mlp', '--data', 'circles', '--hidden', '8,8', '--activation', 'relu', '--optimizer', 'adam', '--iters', '600']);
    expect((s as unknown as MlpSummary).network.layers).toEqual([2, 8, 8, 1]);
    expect((s as unknown as MlpSummary).accuracy).toBeGreaterThanOrEqual(0.95);
    const r = await summaryOf(['mlp', '--data', 'cars', '--x', 'Horsepower', '--y', 'Miles_per_Gallon', '--hidden', '6', '--optimizer', 'adam', '--iters', '800']);
    const c = r.s as unknown as MlpSummary;
    expect(c.network).toMatchObject({ layers: [1, 6, 1], task: 'values' });
    expect(c.accuracy).toBeUndefined();
    // A curve beats the line: the linear fit's MSE on horsepower is about 23.9.
    expect(r.s.final!.loss).toBeLessThan(23.9);
  });

  it('reads a CSV\'s two features and a label', async () => {
    const { s } = await summaryOf(['mlp', '--data', 'penguins', '--x', 'Beak Length (mm),Beak Depth (mm)', '--y', 'Species', '--positive', 'Adelie', '--optimizer', 'adam', '--iters', '300']);
    expect(s.data).toMatchObject({ x: 'Beak Length (mm),Beak Depth (mm)', n: 342, positive: 'Adelie' });
    expect((s as unknown as MlpSummary).accuracy).toBeGreaterThan(0.95);
  });

  it('draws the probability field and traces each boundary; the same seed gives the same bytes', async () => {
    const scene = sceneFromOptions({ model: 'mlp', data: 'xor', iterations: 50, out: join(dir, 'x.png') });
    expect(scene.model.curved).toBe(true);
    expect(scene.fit.twoFeatures).toEqual(['x1', 'x2']);
    expect(scene.noMinimum?.[0]).toBe('no minimum known: judged by the loss');
    const args = ['mlp', '--iters', '40', '--frames', '4', '--size', '320x200', '--quiet'];
    expect((await mlvisInProcess([...args, '--out', join(dir, 'a.gif')])).code).toBe(0);
    expect((await mlvisInProcess([...args, '--out', join(dir, 'b.gif')])).code).toBe(0);
    expect(readFileSync(join(dir, 'a.gif')).equals(readFileSync(join(dir, 'b.gif')))).toBe(true);
    expect((await mlvisInProcess([...args, '--seed', 'other', '--out', join(dir, 'c.gif')])).code).toBe(0);
    expect(readFileSync(join(dir, 'a.gif')).equals(readFileSync(join(dir, 'c.gif')))).toBe(false);
  });

  it('refuses what it cannot do, in one line', async () => {
    expect(await usageLine(['mlp', '--init', '0,0'])).toMatch(/^--init: mlvis mlp starts from seeded Glorot weights/);
    expect(await usageLine(['mlp', '--hidden', '0'])).toMatch(/^--hidden/);
    expect(await usageLine(['mlp', '--hidden', '65'])).toMatch(/^--hidden/);
    expect(await usageLine(['mlp', '--hidden', '2,2,2,2'])).toMatch(/^--hidden: \[2,2,2,2\] must be at most three layers/);
    expect(await usageLine(['mlp', '--activation', 'gelu'])).toMatch(/--activation.*'gelu' is invalid. Allowed choices are tanh, relu, sigmoid/);
    expect(await usageLine(['mlp', '--optimizer', 'newton'])).toMatch(/newton needs the objective's exact Hessian/);
    expect(await usageLine(['linear', '--data', 'moons'])).toMatch(/^--data moons is generated two-feature classification data: use it with mlvis logistic, mlp or softmax, not mlvis linear$/);
    const r = await mlvisInProcess(['mlp', '--data', 'moons', '--x', 'a', '--iters', '1', '--summary', '-']);
    expect(r.stderr).toMatch(/--x is ignored: the generated data sets have two features, x1 and x2, and two classes/);
  });

  it('runs logistic regression on generated data too (moons: a line cannot follow them)', async () => {
    const { s } = await summaryOf(['logistic', '--data', 'moons', '--iters', '300']);
    expect(Object.keys(s.final!)).toEqual(['w0', 'w1', 'w2', 'loss']);
    expect(s.optimum).not.toBeNull();
    expect(s.optimum!.loss).toBeGreaterThan(0.2);
  });
});

describe('mlvis mlp --holdout', () => {
  it('keeps a seeded share of the rows out, reports their loss, and over-fits a small noisy set visibly', async () => {
    const { s } = await summaryOf(['mlp', '--points', '60', '--noise', '0.25', '--hidden', '16,16', '--holdout', '0.3', '--optimizer', 'adam', '--iters', '3000']);
    const h = s as unknown as { holdout: { share: number; n_train: number; n_test: number; optimum_test_loss: null }; test_loss: number };
    expect(h.holdout).toEqual({ share: 0.3, n_train: 42, n_test: 18, optimum_test_loss: null });
    // The training loss falls far below the test loss: the network learned the training points' noise.
    expect(s.final!.loss).toBeLessThan(0.01);
    expect(h.test_loss).toBeGreaterThan(20 * s.final!.loss);
    const scene = sceneFromOptions({ model: 'mlp', points: 60, holdout: 0.3, iterations: 200, out: join(dir, 'h.png') });
    expect(scene.data.holdout!.features![0]).toHaveLength(18);
    expect(scene.data.features!.columns[0]).toHaveLength(42);
    expect(scene.series[0].testLoss).toHaveLength(scene.series[0].trajectory.loss.length);
  });
});

describe('mlvis mlp against a hostile review', () => {
  it('cuts a big network\'s plane from the Gram matrix of its path: 64,64,64 (8,577 weights) in seconds', async () => {
    const { s } = await summaryOf(['mlp', '--data', 'xor', '--hidden', '64,64,64', '--iters', '5']);
    expect((s as unknown as MlpSummary).network.weights).toBe(2 * 64 + 64 + (64 * 64 + 64) * 2 + 65);
    const scene = sceneFromOptions({ model: 'mlp', data: 'xor', hidden: [64, 64], iterations: 20, out: join(dir, 'big.png') });
    expect(scene.surface.labels[0]).toMatch(/^PC1 \(\d/);
  });

  it('refuses more rows than a network trains on, values doubles cannot square, and says the seed is used', async () => {
    expect(await usageLine(['mlp', '--points', '20001'])).toMatch(/^mlvis mlp trains on at most 20,000 rows \(20,001 given\)/);
    const tiny = join(dir, 'tiny.csv');
    require('node:fs').writeFileSync(tiny, 'a,b,c\n' + Array.from({ length: 20 }, (_, i) => `${(i + 1) * 1e-308},${i % 5},${i % 2}`).join('\n') + '\n');
    const r = await mlvisInProcess(['mlp', '--data', tiny, '--x', 'a,b', '--y', 'c', '--positive', '1', '--out', join(dir, 'tiny.png')]);
    expect([r.code, r.stderr.trim().split('\n').pop()]).toEqual([1, expect.stringMatching(/^mlvis: column "a" holds values too small or too large for double precision/)]);
    // One x and a y of text labels: a curve cannot be fitted to them; the fix is named.
    const r2 = await mlvisInProcess(['mlp', '--data', 'penguins', '--x', 'Body Mass (g)', '--y', 'Species']);
    expect([r2.code, r2.stderr]).toEqual([1, 'mlvis: y column "Species" holds text labels: with one x, mlvis mlp fits a curve to numbers; give --positive VALUE for classes along x, or two features --x a,b\n']);
    const seeded = await mlvisInProcess(['mlp', '--data', 'moons', '--seed', '7', '--iters', '5', '--summary', '-']);
    expect(seeded.stderr).not.toMatch(/--seed is ignored/);
    // One number is one layer, in a jobs file as on the command line.
    const { s } = await summaryOf(['mlp', '--hidden', '5', '--iters', '5']);
    expect((s as unknown as MlpSummary).network.layers).toEqual([2, 5, 1]);
  });
});

describe('mlvis softmax on a built-in set with its features named', () => {
  it('keeps the set\'s suggested label (it took the linear suggestion\'s y, a measurement of 94 values)', async () => {
    const { s } = await summaryOf(['softmax', '--data', 'penguins', '--x', 'Beak Length (mm),Beak Depth (mm)', '--iters', '20']);
    expect(s.data.y).toBe('Species');
  });
});
