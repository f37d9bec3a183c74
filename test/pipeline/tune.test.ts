/**
 * --tune's policy in the pipeline (pipeline/tune.ts): which series run at which rate, the warning for a
 * series whose every trial diverged (it keeps its default rate), and the summary's `tune` object.
 */
import { resolveConfig, run } from '../../src/index';
import { tunedSeries, tuneSeriesAsync, tuneSummary, tuneWarnings, type Tuning } from '../../src/pipeline/tune';
import { hyperValuesOf, setUpProblem } from '../../src/engine';
import { landscapeData, landscapeOf } from '../../src/engine/landscape';
import type { Warning } from '../../src/warnings';
import { messages } from '../../src/errors';
import { warningText } from '../../src/warnings';

const config = resolveConfig({ model: 'function', function: 'rosenbrock', optimizer: ['gd', 'momentum', 'adam'], lr: { momentum: 0.0004 }, tune: true });
const grid = [0.001, 0.01, 0.1];
const tuning: Tuning = {
  grid,
  measure: 'gap',
  series: [
    { lr: 0.01, trials: [{ lr: 0.001, gap: 2, reached: 100 }, { lr: 0.01, gap: 1, reached: 90 }, { lr: 0.1, gap: null, reached: null }] },
    null,
    { lr: null, trials: grid.map((lr) => ({ lr, gap: null, reached: null })) },
  ],
};

it('runs a tuned series at its chosen rate, a pinned one at its own, and one with no choice at its default (absent)', () => {
  expect(config.tune).toBe(true);
  expect(tunedSeries(config, tuning).map((s) => s.lr)).toEqual([0.01, 0.0004, undefined]);
  expect(tunedSeries(config, null)).toBe(config.series);
});

it('warns, naming the series, when every trial of a series diverged', () => {
  const warnings = tuneWarnings(config, tuning, [0.01, 0.0004, 0.00125]);
  expect(warnings).toEqual([{ code: 'tuneDiverged', series: 'Adam', lr: 0.00125 }]);
  expect(warningText(warnings[0])).toBe(`Adam: ${messages.tuneAllDiverged(0.00125)}`);
  expect(tuneWarnings(config, null, [])).toEqual([]);
});

it('reports the grid and, per series, the rate and each trial, its gap and when it got there (null: diverged; a pinned series tried nothing)', () => {
  expect(tuneSummary(config, tuning, [0.01, 0.0004, 0.00125])).toEqual({
    grid,
    by: 'gap',
    series: [
      { label: 'GD', optimizer: 'gd', lr: 0.01, given: false, gaps: [2, 1, null], reached: [100, 90, null] },
      { label: 'momentum', optimizer: 'momentum', lr: 0.0004, given: true, gaps: null, reached: null },
      { label: 'Adam', optimizer: 'adam', lr: null, given: false, gaps: [null, null, null], reached: [null, null, null] },
    ],
  });
});

it('a stop is heard during the search, within a slice of a trial', async () => {
  const stop = new AbortController();
  setTimeout(() => stop.abort(), 300);
  const t0 = Date.now();
  const running = run({ model: 'function', function: 'rosenbrock', optimizer: ['gd', 'adam'], iterations: 1_000_000, tune: true }, { signal: stop.signal });
  await expect(running).rejects.toThrow(messages.interrupted());
  expect(Date.now() - t0).toBeLessThan(3000);
});

it('announces a long search once, from the pace of its first trial, with the number of trials', async () => {
  const c = resolveConfig({ model: 'function', function: 'booth', optimizer: ['gd', 'adam'], iterations: 200, tune: true });
  const l = landscapeOf({ name: 'booth' });
  const problem = setUpProblem(landscapeData(l), { model: 'function', standardize: false, init: c.init, landscape: l });
  const settings = (i: number) => ({ ...hyperValuesOf(c), ...c.series[i], iterations: c.iterations, seed: c.seed });
  const heard: Warning[] = [];
  const stopped = () => new Error('stopped');
  const t = await tuneSeriesAsync(c, [problem, problem], settings, undefined, stopped, (w) => heard.push(w), 0);
  expect(heard).toEqual([{ code: 'tuneSlow', trials: 2 * t.grid.length, seconds: expect.any(Number) }]);
  expect(warningText(heard[0])).toMatch(new RegExp(`^--tune runs ${2 * t.grid.length} full descents, about \\d+ s at the pace of the first`));
  // At the default threshold a search of a few milliseconds says nothing.
  const quiet: Warning[] = [];
  await tuneSeriesAsync(c, [problem, problem], settings, undefined, stopped, (w) => quiet.push(w));
  expect(quiet).toEqual([]);
});
