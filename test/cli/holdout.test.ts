/**
 * `mlvis poly --holdout P`: a seeded test set kept out of training, its loss reported and drawn beside the
 * training loss, so that a high degree on few points shows over-fitting.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sceneFromOptions } from '../../src';
import { splitHoldout } from '../../src/data/holdout';
import { syntheticDataset } from '../../src/data/synthetic';
import { summaryOf, usageLine, mlvisInProcess } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'mlvis-holdout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OVERFIT = ['--degree', '9', '--points', '24', '--noise', '0.8', '--holdout', '0.3'];

/** The polynomial with coefficients c at x, in x's own powers. */
const poly = (c: Record<string, number>, x: number) => Object.keys(c).filter((k) => /^c\d+$/.test(k)).reduceRight((f, k) => f * x + c[k], 0);

describe('--holdout', () => {
  it('splits the rows by the seed: disjoint, together the whole set, each in its order, round(P·n) held out', () => {
    const data = syntheticDataset('poly', 40, 1, 'split');
    const a = splitHoldout(data, 0.25, 'split');
    const b = splitHoldout(data, 0.25, 'split');
    expect(a.holdout!.x).toHaveLength(10);
    expect(a.x).toHaveLength(30);
    expect(Array.from(a.holdout!.x)).toEqual(Array.from(b.holdout!.x));
    const all = [...Array.from(a.x), ...Array.from(a.holdout!.x)].sort((p, q) => p - q);
    expect(all).toEqual(Array.from(data.x).sort((p, q) => p - q));
    // Each part keeps the rows' order, and its y stays with its x.
    const index = (x: number) => Array.from(data.x).indexOf(x);
    for (const part of [a, a.holdout!]) {
      const idx = Array.from(part.x, index);
      expect(idx).toEqual([...idx].sort((p, q) => p - q));
      idx.forEach((i, k) => expect(part.y[k]).toBe(data.y[i]));
    }
    // Another seed, another split.
    expect(Array.from(splitHoldout(data, 0.25, 'other').holdout!.x)).not.toEqual(Array.from(a.holdout!.x));
  });

  it('reports the held-out loss of the final weights and of the optimum, computed on the rows never trained on', async () => {
    const { s } = await summaryOf(['poly', ...OVERFIT, '--optimizer', 'newton', '--iters', '3']);
    const data = splitHoldout(syntheticDataset('poly', 24, 0.8, 'mlvis'), 0.3, 'mlvis');
    const held = data.holdout!;
    expect(s.holdout).toEqual({ share: 0.3, n_train: 17, n_test: 7, optimum_test_loss: expect.any(Number) });
    expect(s.data!.n).toBe(17);
    const mse = (c: Record<string, number>) => held.x.reduce((sum, x, i) => sum + (poly(c, x) - held.y[i]) ** 2, 0) / held.x.length;
    expect(s.holdout!.optimum_test_loss!).toBeCloseTo(mse(s.polynomial!.optimum_in_x!), 6);
    expect(s.test_loss!).toBeCloseTo(mse(s.final_in_x!), 6);
    // Degree 9 on 17 points over-fits: far lower loss on the training rows than on the held-out ones.
    expect(s.holdout!.optimum_test_loss!).toBeGreaterThan(10 * s.optimum!.loss);
    // The same rows at degree 3 generalize: its held-out loss is far below degree 9's.
    const cubic = (await summaryOf(['poly', ...OVERFIT.slice(2), '--degree', '3', '--iters', '3'])).s;
    expect(cubic.holdout!.optimum_test_loss!).toBeLessThan(s.holdout!.optimum_test_loss! / 10);
  });

  it('draws the test loss beside the training loss: it turns up while the training loss keeps falling', () => {
    const scene = sceneFromOptions({ model: 'poly', degree: 9, points: 24, noise: 0.8, holdout: 0.3, optimizer: 'nesterov', iterations: 5000, out: join(dir, 'x.png') });
    const [series] = scene.series;
    const train = series.trajectory.loss;
    const test = series.testLoss!;
    expect(test).toHaveLength(train.length);
    let best = 0;
    for (let i = 1; i < test.length; i++) if (test[i] < test[best]) best = i;
    expect(best).toBeGreaterThan(100);
    expect(best).toBeLessThan(test.length - 100);
    expect(test[test.length - 1]).toBeGreaterThan(test[best] * 1.2);
    expect(train[train.length - 1]).toBeLessThan(train[best]);
  });

  it('refuses a share that leaves too little to train on, and one out of range, in one line', async () => {
    expect(await usageLine(['poly', '--points', '3', '--holdout', '0.9'])).toBe('--holdout 0.9: of 3 rows it would keep 3 for testing and leave 0 to train on; use a smaller share or more data');
    expect(await usageLine(['poly', '--holdout', '0'])).toMatch(/--holdout/);
    expect(await usageLine(['poly', '--holdout', '0.95'])).toMatch(/--holdout/);
    const out = join(dir, 'never.gif');
    expect(await usageLine(['poly', '--holdout', 'half', '--out', out])).toMatch(/--holdout/);
    expect(existsSync(out)).toBe(false);
  });

  it('warns that --holdout means nothing to linear regression', async () => {
    const r = await mlvisInProcess(['linear', '--holdout', '0.2', '--iters', '5']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/--holdout.*it applies to mlvis poly/);
  });
});
