import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../src/data';
import { logisticModel } from '../../src/engine/logistic';
import { linearModel } from '../../src/engine/linear';
import { messages } from '../../src/errors';
import { mlvisInProcess } from '../helpers/cli';
import { expectClose } from '../helpers/approx';

describe('mlvis --summary', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlvis-sep-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a correct summary for logistic regression on penguins (Body Mass -> Sex, MALE)', async () => {
    const r = await mlvisInProcess(['logistic', '--data', 'penguins', '--x', 'Body Mass (g)', '--y', 'Sex', '--positive', 'MALE', '--summary', '-']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.model).toBe('logistic');
    expect(s.optimizer).toBe('gd');
    expect(s.iterations).toBe(1000);
    expect(s.data).toEqual({ source: 'penguins', x: 'Body Mass (g)', y: 'Sex', n: 333, skipped: 11, positive: 'MALE' });
    expect(typeof s.seed).toBe('string');
    expect(s.diverged).toBeNull();
    expect(s.trajectory).toBeUndefined();
    // The optimum is the true maximum-likelihood fit: zero gradient, and no better loss nearby.
    const data = loadDataset({ model: 'logistic', data: 'penguins', x: 'Body Mass (g)', y: 'Sex', positive: 'MALE', points: 100, seed: 'x' }, () => {});
    const m = logisticModel(data.x, data.y);
    const g = new Float64Array(2);
    m.gradient([s.optimum.w0, s.optimum.w1], g);
    expect(Math.abs(g[0])).toBeLessThan(1e-12);
    expect(Math.abs(g[1])).toBeLessThan(1e-12 * 4200);
    expectClose(s.optimum.loss, m.loss([s.optimum.w0, s.optimum.w1]), 1e-15);
    expect(s.optimum.w1).toBeGreaterThan(0); // heavier penguins are more often male
    // final is the weights after exactly 1000 updates, and its loss is the loss there.
    expectClose(s.final.loss, m.loss([s.final.w0, s.final.w1]), 1e-15);
    expect(s.final.loss).toBeGreaterThanOrEqual(s.optimum.loss);
    expect(s.final.loss).toBeLessThan(Math.log(2));
    // A built-in set's own skipped rows are in data.skipped, not a warning on every run (issue 17).
    expect(r.stderr).not.toContain('skipped');
  });

  it('reports linear regression on synthetic data with the exact optimum and the trajectory', async () => {
    const r = await mlvisInProcess(['linear', '--iters', '50', '--trajectory', '--summary', '-', '--init', '-2,5']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.data.source).toBe('synthetic');
    expect(s.data.n).toBe(100);
    expect(s.trajectory.iteration).toHaveLength(51);
    expect(s.trajectory.w0[0]).toBe(-2);
    expect(s.trajectory.w1[0]).toBe(5);
    expect(s.final.w0).toBe(s.trajectory.w0[50]);
    const data = loadDataset({ model: 'linear', points: 100, seed: s.seed }, () => {});
    const opt = linearModel(data.x, data.y).optimum()!;
    expect(s.optimum.w0).toBe(opt[0]);
    expect(s.optimum.w1).toBe(opt[1]);
  });

  it('reports divergence, still succeeds, and records it', async () => {
    const r = await mlvisInProcess(['linear', '--lr', '5', '--summary', '-']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.diverged.iteration).toBeGreaterThan(0);
    expect(s.diverged.stable_lr).toBeGreaterThan(0);
    expect(s.diverged.stable_lr).toBeLessThan(5);
    expect(s.iterations).toBeLessThan(1000);
    expect(r.stderr).toMatch(/diverged at iteration \d+/);
  });

  it('says there is no optimum for separable data', async () => {
    const file = join(dir, 'sep.csv');
    writeFileSync(file, 'hours,passed\n1,0\n2,0\n3,0\n4,1\n5,1\n6,1\n');
    const r = await mlvisInProcess(['logistic', '--data', file, '--summary', '-', '--iters', '100']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.optimum).toBeNull();
    expect(s.data).toMatchObject({ x: 'hours', y: 'passed', n: 6 });
    expect(r.stderr).toContain(messages.separable());
  });

  it('is deterministic: the same arguments give the same summary', async () => {
    const a = await mlvisInProcess(['linear', '--optimizer', 'sgd', '--iters', '200', '--summary', '-', '--trajectory']);
    const b = await mlvisInProcess(['linear', '--optimizer', 'sgd', '--iters', '200', '--summary', '-', '--trajectory']);
    expect(a.stdout).toBe(b.stdout);
  });
});

describe('skipped rows (issue 17)', () => {
  it('a built-in set says its own in "mlvis datasets" and the report, a user’s CSV file still warns', async () => {
    const list = await mlvisInProcess(['datasets']);
    expect(list.stdout).toContain(`--positive "MALE"  (${messages.builtinSkipped(11)})`);
    expect(list.stdout).toContain(`--y "Miles_per_Gallon"  (${messages.builtinSkipped(14)})`);
    const report = await mlvisInProcess(['linear', '--data', 'cars', '--iters', '5']);
    expect(report.stderr).toBe('');
    expect(report.stdout).toContain(`on cars (n = 392; ${messages.builtinSkipped(14)})`);
    const dir = mkdtempSync(join(tmpdir(), 'mlvis-skip-'));
    try {
      writeFileSync(join(dir, 'd.csv'), 'x,y\n1,2\n2,\n3,5\n4,7\n');
      const own = await mlvisInProcess(['linear', '--data', join(dir, 'd.csv'), '--iters', '5', '--summary', '-']);
      expect(own.stderr).toContain(messages.skippedRows(1, 4, 'x', 'y'));
      expect(JSON.parse(own.stdout).data.skipped).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
