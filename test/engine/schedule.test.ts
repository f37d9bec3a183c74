/** Learning-rate schedules: the rate of each update, how every optimizer takes it, and the stability rule under them. */
import { descend, scheduledRate, type Schedule } from '../../src/engine';
import { OPTIMIZERS } from '../../src/engine/optimizers';
import { linearModel } from '../../src/engine/linear';
import { expectClose } from '../helpers/approx';
import { lineData } from '../helpers/data';

const rates = (s: Schedule, n: number) => Array.from({ length: n }, (_, i) => scheduledRate(s, 0.4, n)(i + 1));

describe('the rate of update t', () => {
  it('constant: the base rate itself at every update', () => {
    expect(rates({ kind: 'constant' }, 5)).toEqual([0.4, 0.4, 0.4, 0.4, 0.4]);
  });

  it('step:EVERY:FACTOR: times FACTOR after every EVERY updates', () => {
    expect(rates({ kind: 'step', every: 2, factor: 0.5 }, 7)).toEqual([0.4, 0.4, 0.2, 0.2, 0.1, 0.1, 0.05]);
  });

  it('cosine: from the base rate at the first update down towards 0 at the last, never above it', () => {
    const r = rates({ kind: 'cosine' }, 100);
    expect(r[0]).toBe(0.4);
    expectClose(r[50], 0.2, 1e-15);
    expect(r[99]).toBeGreaterThan(0);
    expect(r[99]).toBeLessThan(0.4 * 1e-3);
    for (let i = 1; i < r.length; i++) expect(r[i]).toBeLessThan(r[i - 1]);
  });

  it('warmup:N: rises linearly over N updates to the base rate, then stays there', () => {
    expect(rates({ kind: 'warmup', steps: 4 }, 6)).toEqual([0.1, 0.2, 0.30000000000000004, 0.4, 0.4, 0.4]);
  });
});

describe('every optimizer takes the scheduled rate', () => {
  const data = lineData(60, 'sched');
  const base = { model: 'linear' as const, iterations: 40, seed: 's', init: [0, 0] as const, standardize: true };

  it.each(OPTIMIZERS)('%s: no schedule and "constant" are the same run to the bit; a step schedule leaves the updates before its first cut alone, a warmup changes the first', (optimizer) => {
    const plain = descend(data, { ...base, optimizer });
    const constant = descend(data, { ...base, optimizer, schedule: { kind: 'constant' } });
    expect(constant.trajectory.w).toEqual(plain.trajectory.w);
    expect(constant.trajectory.loss).toEqual(plain.trajectory.loss);
    const stepped = descend(data, { ...base, optimizer, schedule: { kind: 'step', every: 5, factor: 0.5 } });
    expect(stepped.lr).toBe(plain.lr);
    expect(stepped.trajectory.w[0].slice(0, 6)).toEqual(plain.trajectory.w[0].slice(0, 6));
    const warm = descend(data, { ...base, optimizer, schedule: { kind: 'warmup', steps: 4 } });
    expect(warm.trajectory.w[0][1]).not.toBe(plain.trajectory.w[0][1]);
  });

  it('gd with step:1:0.5 is w ← w − α·0.5^(t−1)·∇g, computed by hand', () => {
    const run = descend(data, { ...base, optimizer: 'gd', lr: 0.3, iterations: 3, standardize: false, schedule: { kind: 'step', every: 1, factor: 0.5 } });
    const m = linearModel(data.x, data.y);
    const w = [0, 0];
    const g = new Float64Array(2);
    for (const rate of [0.3, 0.15, 0.075]) {
      m.gradient(w, g);
      w[0] -= rate * g[0];
      w[1] -= rate * g[1];
    }
    expect(run.trajectory.w[0][3]).toBe(w[0]);
    expect(run.trajectory.w[1][3]).toBe(w[1]);
  });

  it('the stable rate after a divergence is the rule on the base rate: the same with or without a schedule', () => {
    const blowUp = { ...base, optimizer: 'gd' as const, lr: 5, iterations: 200, standardize: false };
    const plain = descend(data, blowUp);
    const warm = descend(data, { ...blowUp, schedule: { kind: 'warmup', steps: 10 } });
    expect(plain.diverged).not.toBeNull();
    expect(warm.diverged).not.toBeNull();
    expect(warm.diverged!.stable_lr).toBe(plain.diverged!.stable_lr);
    // And it is stable: at that base rate, warmup or not, the run does not diverge.
    expect(descend(data, { ...blowUp, lr: warm.diverged!.stable_lr, schedule: { kind: 'warmup', steps: 10 } }).diverged).toBeNull();
  });
});
