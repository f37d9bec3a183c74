/**
 * --compare-standardize trains twice at one rate: the standardized side needs far fewer iterations than the
 * raw one on cars (Horsepower → Miles_per_Gallon), and iterations_to_99 is read off each trajectory.
 */
import { buildSummary, resolveConfig, run, train } from '../../src/index';
import { loadDataset } from '../../src/data';
import { setUpProblem } from '../../src/engine';

const ITERS = 300_000;
const config = resolveConfig({ model: 'linear', data: 'cars', compareStandardize: true, iterations: ITERS });
const data = loadDataset(config, () => {});
const { problem, problems, descents } = train(config, data);
const summary = buildSummary(config, problem, descents);

test('trains on raw x and on standardized x, from one start, at 0.9 of the raw valley’s stability limit', () => {
  expect(problems.map((p) => p.reparametrization !== null)).toEqual([false, true]);
  // gd's limit is 2/L; the raw valley's L is far larger than the bowl's 2, so it sets the shared rate.
  const shared = 0.9 * (2 / setUpProblem(data, { model: 'linear', standardize: false, init: [0, 0] }).trained.curvature());
  expect(descents.map((d) => d.lr)).toEqual([shared, shared]);
  // Same start in the data's units on both sides.
  expect(descents.map((d) => [d.trajectory.w[0][0], d.trajectory.w[1][0]])).toEqual([[0, 0], [0, 0]]);
});

test('the standardized side closes 99 % of the gap in far fewer iterations than the raw side', () => {
  const [raw, std] = summary.series!;
  expect([raw.label, std.label]).toEqual(['raw x', 'standardized x']);
  expect([raw.standardize, std.standardize]).toEqual([false, true]);
  expect(raw.iterations_to_99).not.toBeNull();
  expect(std.iterations_to_99).not.toBeNull();
  expect(std.iterations_to_99! * 5).toBeLessThan(raw.iterations_to_99!);
  expect(std.verdict).toBe('converged');
  expect(summary.layout).toBe('compare');
});

test('iterations_to_99 is the first iteration whose gap is at most 1 % of the start’s', () => {
  const best = problem.optimum!.loss;
  summary.series!.forEach((s, i) => {
    const l = descents[i].trajectory.loss;
    const n = s.iterations_to_99!;
    const limit = 0.01 * (l[0] - best);
    expect(l[n] - best).toBeLessThanOrEqual(limit);
    expect(l[n - 1] - best).toBeGreaterThan(limit);
  });
});

test('a side that never closes 99 % says null, and a shared rate that blows up one side is kept for both', () => {
  const short = resolveConfig({ model: 'linear', data: 'cars', compareStandardize: true, iterations: 1000 });
  const t = train(short, data);
  expect(buildSummary(short, t.problem, t.descents).series!.map((s) => s.iterations_to_99)).toEqual([null, null]);
  const fast = resolveConfig({ model: 'linear', data: 'cars', compareStandardize: true, lr: 0.1, iterations: 100 });
  const f = train(fast, data);
  const s = buildSummary(fast, f.problem, f.descents).series!;
  expect(s.map((x) => x.lr)).toEqual([0.1, 0.1]);
  expect(s[0].verdict).toBe('diverged');
  expect(s[0].iterations_to_99).toBeNull();
  expect(s[1].iterations_to_99).toBeLessThan(20);
});

test('without --iters, the comparison runs as long as the slower side needs (here: the whole probe)', async () => {
  const { summary } = await run({ model: 'linear', data: 'cars', compareStandardize: true }, { warn: () => {} });
  const [raw, std] = summary.series!;
  // The bowl arrives well inside the run; the valley does not within the probe's budget of work.
  expect(std.iterations_to_99).not.toBeNull();
  expect(std.iterations_to_99!).toBeLessThan(summary.requested_iterations);
  expect(summary.requested_iterations).toBe(Math.floor(3e7 / 392));
  expect(raw.iterations_to_99).toBeNull();
  expect(raw.gap_closed!).toBeLessThan(0.99);
});

test('the probe keeps to its budget of work on large data, and its sides give no advice', async () => {
  const warnings: string[] = [];
  const { summary } = await run({ model: 'linear', points: 300_000, compareStandardize: true }, { warn: (m) => warnings.push(m) });
  // 3e7 sample-iterations over 300,000 rows: a probe of 100 iterations, never the default run's 1000.
  expect(summary.requested_iterations).toBeLessThanOrEqual(100);
  expect(warnings.filter((w) => w.includes('did not converge'))).toEqual([]);
});
