/**
 * Advice that points the right way (issue 17): no direction or number that a run did not confirm, the cause
 * of a raw valley named for every optimizer, no "converged" while the weights are visibly off, and a final
 * loss above the trivial model's said plainly. The data mimic the real sets that showed each fault: a year
 * column (nile, elnino), a tiny set far from 0 (n = 8), a column with a large spread around 0.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { descend, type DescentConfig } from '../../src/engine';
import { formatShare } from '../../src/errors';
import { warningText, type NotConverged, type Warning } from '../../src/warnings';
import { createRng, normal } from '../../src/random';
import type { Dataset } from '../../src/types';
import { mlvisInProcess } from '../helpers/cli';

const base: DescentConfig = { model: 'linear', optimizer: 'gd', iterations: 1000, batchSize: 32, momentum: 0.9, beta1: 0.9, eps: 1e-8, seed: 'mlvis', init: [0, 0], standardize: true };

function dataset(x: number[], y: number[]): Dataset {
  return { x: Float64Array.from(x), y: Float64Array.from(y), xName: 'x', yName: 'y', source: 'test', skipped: 0 };
}

/** Years 1871–1970 against a level that drops by 250 in 1899, noise 140 (like statsmodels' nile). */
function nile(): Dataset {
  const rng = createRng('nile', 'test');
  const x: number[] = [];
  const y: number[] = [];
  for (let year = 1871; year <= 1970; year++) {
    x.push(year);
    y.push((year < 1899 ? 1100 : 850) + 140 * normal(rng));
  }
  return dataset(x, y);
}

/** Years 1950–2010 against a mean temperature near 23.5 with a faint trend (like statsmodels' elnino). */
function elnino(): Dataset {
  const rng = createRng('elnino', 'test');
  const x: number[] = [];
  const y: number[] = [];
  for (let year = 1950; year <= 2010; year++) {
    x.push(year);
    y.push(23.5 + 0.004 * (year - 1950) + 0.6 * normal(rng));
  }
  return dataset(x, y);
}

/** Eight rows with x from 20 to 27 on a steep line whose intercept is about −15.5. */
const TINY = [[20, 182.33], [21, 192.03], [22, 203.83], [23, 211.03], [24, 225.23], [25, 230.33], [26, 241.33], [27, 252.63]];
const tiny = () => dataset(TINY.map((r) => r[0]), TINY.map((r) => r[1]));

const notConverged = (ws: Warning[]): NotConverged => ws.find((w): w is NotConverged => w.code === 'notConverged')!;
const text = (ws: Warning[]) => ws.map(warningText).join('\n');

describe('a raw valley names its cause for every optimizer and recommends --standardize', () => {
  it.each(['gd', 'momentum', 'nesterov', 'adam', 'sgd', 'minibatch'] as const)('%s on a year column', (optimizer) => {
    const run = descend(nile(), { ...base, optimizer, standardize: false });
    expect(run.assessment).toMatchObject({ verdict: 'stalled', cause: 'illConditioned' });
    expect(run.assessment.conditioning).toMatchObject({ source: 'offset' });
    const t = text(run.warnings);
    expect(t).toMatch(/condition number [\d.e+]+/);
    expect(t).toContain("x's mean (1921) is");
    expect(t).toContain('Add --standardize');
    expect(t).not.toMatch(/larger --lr|more --iters/);
  });

  it('blames the scale, not the offset, when x is centred but spread far from 1', () => {
    const rng = createRng('scale', 'test');
    const x = Array.from({ length: 60 }, () => 3000 * normal(rng));
    const y = x.map((v) => 0.002 * v + 5 + normal(rng));
    const run = descend(dataset(x, y), { ...base, standardize: false });
    expect(run.assessment).toMatchObject({ cause: 'illConditioned', conditioning: { source: 'scale' } });
    const t = text(run.warnings);
    expect(t).toMatch(/x's spread \([\d.e+]+\) is far from 1/);
    expect(t).not.toContain('times its spread');
    expect(t).not.toContain('far from 0');
  });

  it('says when the recommended --standardize was checked to converge', () => {
    const w = notConverged(descend(nile(), { ...base, optimizer: 'momentum', standardize: false }).warnings);
    expect(w.standardized?.converges).toBe(true);
    expect(descend(nile(), { ...base, optimizer: 'momentum', standardize: true }).assessment.verdict).toBe('converged');
  });
});

describe('no "converged" while the weights are visibly off', () => {
  it('the n = 8 set on raw x: the loss is within tolerance, the weights are not', () => {
    const run = descend(tiny(), { ...base, standardize: false });
    const l = run.trajectory.loss;
    // The loss test alone passes (what used to make this "converged") ...
    expect(l[l.length - 1] - run.optimum!.loss).toBeLessThan(0.01 * (run.model.referenceLoss() - run.optimum!.loss));
    expect(run.optimum!.w[0]).toBeCloseTo(-15.5, 0);
    // ... but w0 has hardly moved towards −15.5.
    expect(run.assessment.verdict).toBe('stalled');
    expect(run.assessment.lossOnly).toBe(true);
    expect(run.assessment.distance!).toBeGreaterThan(0.5);
    const t = text(run.warnings);
    expect(t).toContain('The loss is close, but the weights are not');
    expect(t).toMatch(/w0 -?[\d.]+ against -15\.\d/);
  });

  it('reports distance in the summary, relative to the start, in the trained coordinates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlvis-advice-'));
    try {
      const csv = join(dir, 'tiny.csv');
      writeFileSync(csv, 'x,y\n' + TINY.map((r) => r.join(',')).join('\n') + '\n');
      const raw = JSON.parse((await mlvisInProcess(['linear', '--data', csv, '--no-standardize', '--summary', '-'])).stdout);
      const { w0, w1 } = raw.optimum;
      const { w0: f0, w1: f1 } = raw.final;
      expect(raw.distance).toBeCloseTo(Math.hypot(f0 - w0, f1 - w1) / Math.hypot(w0, w1), 9);
      expect(raw.verdict).toBe('stalled');
      const std = JSON.parse((await mlvisInProcess(['linear', '--data', csv, '--summary', '-'])).stdout);
      expect(std.verdict).toBe('converged');
      expect(std.distance).toBeLessThan(0.1);
      const race = JSON.parse((await mlvisInProcess(['linear', '--data', csv, '--optimizer', 'gd,adam', '--summary', '-'])).stdout);
      for (const s of race.series) expect(typeof s.distance).toBe('number');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('a final loss above the trivial model\'s says it is worse than predicting the mean', () => {
  const run = descend(nile(), { ...base, standardize: false });
  expect(run.trajectory.loss[run.iterations]).toBeGreaterThan(run.model.referenceLoss());
  expect(run.assessment.aboveTrivial).toBe(true);
  expect(text(run.warnings)).toContain('worse than predicting the mean of y');
});

describe('sampling noise is told from a rate that is too small', () => {
  it.each([0.05])('sgd at --lr %s on a year column (standardized): noise, never "a larger --lr"', (lr) => {
    const data = elnino();
    const run = descend(data, { ...base, optimizer: 'sgd', lr });
    expect(run.assessment).toMatchObject({ verdict: 'stalled', cause: 'noise' });
    const t = text(run.warnings);
    expect(t).not.toMatch(/Try a larger --lr|Try more --iters or a larger/);
    // A larger rate really is worse here, and whatever it suggests works when followed.
    const w = notConverged(run.warnings);
    if (w.suggestedLr !== undefined) {
      expect(w.suggestedLr).toBeLessThan(lr);
      expect(descend(data, { ...base, optimizer: 'sgd', lr: w.suggestedLr, iterations: w.suggestedIterations ?? 1000 }).assessment.verdict).toBe('converged');
    }
  });

  it('names a direction only when a probe run ended nearer the optimum (rmsprop on a year column)', () => {
    const data = elnino();
    const run = descend(data, { ...base, optimizer: 'rmsprop' });
    expect(run.assessment.verdict).not.toBe('converged');
    const w = notConverged(run.warnings);
    expect(warningText(w)).not.toMatch(/Try more --iters or a larger --lr|Try a larger --lr/);
    if (w.nearer) {
      const probe = descend(data, { ...base, optimizer: 'rmsprop', lr: w.nearer.lr, iterations: w.nearer.iterations ?? 1000 });
      const gap = (r: typeof run) => r.trajectory.loss[r.iterations] - r.optimum!.loss;
      expect(gap(probe)).toBeLessThan(gap(run));
      expect(warningText(w)).toContain('ends nearer the optimum, with half its gap or less (checked');
    }
  });
});

test('divergence advice says a rate is stable only when that is all a run checked', () => {
  const cases: Partial<DescentConfig>[] = [
    { optimizer: 'adam', standardize: false, lr: 500 },
    { optimizer: 'gd', standardize: false, lr: 1e-3 },
    { optimizer: 'momentum', lr: 5 },
  ];
  for (const over of cases) {
    const config = { ...base, ...over } as DescentConfig;
    const run = descend(nile(), config);
    const w = run.warnings.find((x) => x.code === 'diverged');
    expect(w).toBeDefined();
    if (w?.code !== 'diverged') continue;
    const t = warningText(w);
    expect(t).not.toContain('or lower. ');
    if (w.checked === 'converges') {
      expect(t).toContain('checked: the same run converges');
      expect(descend(nile(), { ...config, lr: w.stableLr }).assessment.verdict).toBe('converged');
    } else if (w.checked === 'stable') {
      expect(t).toContain('not that it converges');
      expect(descend(nile(), { ...config, lr: w.stableLr, iterations: w.trialIterations! }).diverged).toBeNull();
    } else expect(t).toContain('not checked by a run');
  }
});

describe('a divergence in a raw valley names the valley and --standardize (hostile review)', () => {
  /** Years 1950–2010 on a trend of 0.3 a year (the review's years.csv): adam's default rate diverges at once. */
  const trend = () => {
    const rng = createRng('trend', 'test');
    const years = Array.from({ length: 61 }, (_, i) => 1950 + i);
    return dataset(years, years.map((yr) => 0.3 * (yr - 1980) + 20 + normal(rng)));
  };
  it.each(['adam', 'rmsprop', 'adagrad'] as const)('%s at its default rate on a year column', (optimizer) => {
    const d = descend(trend(), { ...base, optimizer, standardize: false });
    const w = d.warnings.find((x) => x.code === 'diverged');
    expect(w).toBeDefined();
    const text = warningText(w!);
    expect(text).toMatch(/loss valley is narrow \(condition number [\d.e+]+\): x's mean \(\d+\) is [\d.]+ times its spread/);
    expect(text).toContain('--standardize removes the valley');
  });
  it('not on standardized x', () => {
    const d = descend(trend(), { ...base, optimizer: 'gd', lr: 10, iterations: 50, standardize: true });
    const w = d.warnings.find((x) => x.code === 'diverged');
    expect(w).toBeDefined();
    expect(warningText(w!)).not.toMatch(/valley/);
  });
});

describe('"still falling" names its subject', () => {
  const few: NotConverged = { code: 'notConverged', verdict: 'stalled', gapClosed: 0.995, final: 2.01, optimum: 2, optimizer: 'gd', iterations: 200, cause: 'fewIterations', suggestedIterations: 800 };
  const off = { distance: 0.423, names: ['w0', 'w1'], final: [1, 2], optimum: [3, 2.5] };

  it('says the loss was still falling after the weights, not that the weights "was"', () => {
    const t = warningText({ ...few, weightsOff: off });
    expect(t).toContain('The loss is close, but the weights are not: they are still 42.3% of their starting distance from the optimum (w0 1 against 3, w1 2 against 2.5). The loss was still falling at the end. Try --iters 800');
    expect(t).not.toMatch(/\) and was/);
    expect(warningText({ ...few, gapClosed: -0.1, weightsOff: off })).toContain('2.5). The loss was falling again at the end.');
    expect(warningText({ ...few, iterations: 5, weightsOff: off })).toContain('2.5). That was too few steps to tell more.');
  });

  it('keeps "it … and was still falling" where no weights sentence comes between', () => {
    expect(warningText(few)).toMatch(/above the optimum's loss 2 and was still falling\. Try --iters 800 \(checked/);
  });
});

test('"no probe ended nearer" says what nearer means, so that a run still falling does not contradict it (newcomer review)', () => {
  const still: NotConverged = { code: 'notConverged', verdict: 'stalled', gapClosed: 0.993, final: 0.46, optimum: 0.34, optimizer: 'nesterov', iterations: 5000, cause: 'fewIterations', nearer: null };
  const t = warningText(still);
  expect(t).toContain("and was still falling. No probe (twice or half the rate, twice the iterations) ended with at most half this run's gap to the optimum");
  expect(warningText({ ...still, nearer: { iterations: 10000, share: 0.01, here: 0.03 } })).toContain('With --iters 10000 it ends nearer the optimum, with half its gap or less (checked: 1% of the trivial gap left, against 3%)');
});

test('shares are truncated: never 100% short of it, never 0% above 0 (newcomer review: "0% of the trivial gap left … not converged")', () => {
  expect([0.59, 0.6839, 0.99951, 0.9999999].map(formatShare)).toEqual(['59%', '68.3%', '99.95%', 'over 99.9999%']);
  expect([0.000042, 0.00000999, 0.0009, 0.00099999, 0.001, 0].map(formatShare)).toEqual(['0.0042%', '0.00099%', '0.09%', '0.099%', '0.1%', '0%']);
});
