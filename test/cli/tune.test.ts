/**
 * --tune end to end (in-process): each series runs at the rate the search chose, the summary's `tune` holds
 * the grid and every trial (the existing fields unchanged), and the combinations it cannot honour are one
 * usage line naming both flags. Also a regression race, a single series, an sgd run (deterministic), a
 * pinned rate (--lr NAME=RATE), a batch job's "tune": true, and the bound on the search's work.
 */
import { readJobs } from '../../src/batch';
import { setUpProblem } from '../../src/engine';
import { landscapeData, landscapeOf } from '../../src/engine/landscape';
import { defaultRateFor, tuneGrid } from '../../src/engine/tune';
import { messages } from '../../src/errors';
import { jobJsonSchema } from '../../src/options/jsonSchema';
import { TUNE_BUDGET } from '../../src/pipeline/tune';
import { run } from '../../src/index';
import type { Summary } from '../../src/summary';
import { mlvisInProcess, summaryOf, usageLine } from '../helpers/cli';



const RACE = ['function', 'rosenbrock', '--optimizer', 'gd,momentum,adam', '--iters', '500'];

describe('a tuned race on Rosenbrock', () => {
  let tuned: Summary;
  let tunedText: string;
  let plain: Summary;
  beforeAll(async () => {
    ({ s: tuned, stdout: tunedText } = await summaryOf([...RACE, '--tune']));
    plain = (await summaryOf(RACE)).s;
  });

  it('keeps every field of the untuned summary, series by series, and adds tune', () => {
    expect(Object.keys(tuned)).toEqual([...Object.keys(plain), 'tune']);
    tuned.series!.forEach((x, i) => expect(Object.keys(x)).toEqual(Object.keys(plain.series![i])));
    expect(tuned.optimum).toEqual(plain.optimum);
    expect(tuned.minima).toEqual(plain.minima);
  });

  it('the grid is one lattice around the three defaults; each series ran at its chosen rate, the least of its gaps', () => {
    const t = tuned.tune!;
    expect(t.by).toBe('gap');
    // The defaults are the untuned run's rates.
    expect(t.grid).toEqual(tuneGrid(plain.series!.map((x) => x.lr)));
    expect(t.series.map((x) => [x.label, x.optimizer, x.given])).toEqual([
      ['GD', 'gd', false],
      ['momentum', 'momentum', false],
      ['Adam', 'adam', false],
    ]);
    t.series.forEach((x, i) => {
      expect(x.gaps).toHaveLength(t.grid.length);
      expect(tuned.series![i].lr).toBe(x.lr);
      const gaps = x.gaps!.filter((g): g is number => g !== null);
      const chosen = x.gaps![t.grid.indexOf(x.lr!)];
      expect(chosen).toBe(Math.min(...gaps));
      // Rosenbrock's minimum is 0: the gap is the run's final loss (or 0 within rounding of it).
      const final = tuned.series![i].final.loss;
      expect(chosen === 0 ? final < 1e-12 : chosen === final).toBe(true);
      // The grid's largest rates blow up on the banana.
      expect(x.gaps![x.gaps!.length - 1]).toBeNull();
    });
    // Tuned, no series ends further from the minimum than at its default rate.
    tuned.series!.forEach((x, i) => expect(x.final.loss).toBeLessThanOrEqual(plain.series![i].final.loss));
  });

  it('of equal gaps, chose the trial that got there first; each reached is an iteration of the run, null where it diverged', () => {
    const t = tuned.tune!;
    t.series.forEach((x) => {
      expect(x.reached).toHaveLength(t.grid.length);
      x.gaps!.forEach((g, j) => (g === null ? expect(x.reached![j]).toBeNull() : expect(x.reached![j]).toBeGreaterThanOrEqual(0)));
      const i = t.grid.indexOf(x.lr!);
      const tied = x.gaps!.flatMap((g, j) => (g === x.gaps![i] ? [j] : []));
      for (const j of tied) expect(x.reached![j]!).toBeGreaterThanOrEqual(x.reached![i]!);
    });
  });

  it('is the same, byte for byte, on every run', async () => {
    const again = await mlvisInProcess([...RACE, '--tune', '--summary', '-']);
    expect(again.stdout).toBe(tunedText);
  });

  it('--help lists --tune', async () => {
    const r = await mlvisInProcess(['function', 'rosenbrock', '--help']);
    expect(r.stdout).toMatch(/--tune\s+choose each optimizer's rate from a log grid/);
  });
});

describe('ties in the final gap', () => {
  it('Newton on Rosenbrock: rate 1, at the minimum within a few iterations, not the smallest rate that ends there', async () => {
    const { s } = await summaryOf(['function', 'rosenbrock', '--optimizer', 'newton,adam', '--tune']);
    const newton = s.tune!.series[0];
    expect(newton.lr).toBe(1);
    expect(s.series![0].lr).toBe(1);
    const i = s.tune!.grid.indexOf(1);
    expect(newton.gaps![i]).toBe(0);
    expect(newton.reached![i]!).toBeLessThan(10);
    // Smaller rates end at the minimum too, hundreds of iterations later.
    const slower = newton.gaps!.flatMap((g, j) => (g === 0 && j < i ? [newton.reached![j]!] : []));
    expect(slower.length).toBeGreaterThan(0);
    expect(Math.max(...slower)).toBeGreaterThan(100);
    // The run reaches the minimum where its trial did.
    expect(s.series![0].verdict).toBe('converged');
  });
});

describe('other runs tune too', () => {
  it('a regression race on a built-in data set: gaps to the exact optimum', async () => {
    const { s } = await summaryOf(['linear', '--data', 'cars', '--optimizer', 'gd,rmsprop,adam', '--iters', '200', '--tune']);
    const t = s.tune!;
    expect(t.by).toBe('gap');
    t.series.forEach((x, i) => {
      expect(s.series![i].lr).toBe(x.lr);
      const gap = s.series![i].final.loss - s.optimum!.loss;
      const chosen = x.gaps![t.grid.indexOf(x.lr!)];
      // 0 within rounding of the loss's size, else exactly the final gap.
      expect(chosen === 0 ? Math.abs(gap) <= 1e-14 * s.optimum!.loss : chosen === gap).toBe(true);
      expect(chosen).toBe(Math.min(...x.gaps!.filter((g): g is number => g !== null)));
    });
  });

  it('a single series is tuned alone: the top-level lr is the chosen one', async () => {
    const { s } = await summaryOf(['function', 'rosenbrock', '--optimizer', 'adam', '--iters', '300', '--tune']);
    expect(s.series).toBeUndefined();
    expect(s.tune!.series).toHaveLength(1);
    expect(s.lr).toBe(s.tune!.series[0].lr);
    const l = landscapeOf({ name: 'rosenbrock' });
    const problem = setUpProblem(landscapeData(l), { model: 'function', standardize: false, init: l.init, landscape: l });
    expect(s.tune!.grid).toEqual(tuneGrid([defaultRateFor(problem, { optimizer: 'adam', iterations: 300, seed: 'mlvis' })]));
  });

  it('sgd: every trial draws the run\'s samples, so the same seed chooses the same rate', async () => {
    const args = ['linear', '--optimizer', 'sgd', '--iters', '200', '--tune', '--seed', 'tune'];
    const a = await summaryOf(args);
    const b = await summaryOf(args);
    expect(a.stdout).toBe(b.stdout);
    expect(a.s.lr).toBe(a.s.tune!.series[0].lr);
  });

  it('a momentum sweep: each value gets its own rate', async () => {
    const { s } = await summaryOf(['linear', '--optimizer', 'momentum', '--momentum', '0.5,0.9', '--iters', '100', '--tune']);
    expect(s.tune!.series.map((x) => x.label)).toEqual(['momentum = 0.5', 'momentum = 0.9']);
    s.series!.forEach((x, i) => expect(x.lr).toBe(s.tune!.series[i].lr));
  });
});

describe('--lr with --tune', () => {
  it('one rate for every series is refused, naming both flags', async () => {
    expect(await usageLine([...RACE, '--tune', '--lr', '0.01'])).toBe(messages.tuneWithLr('0.01'));
  });

  it('a sweep of rates is refused', async () => {
    expect(await usageLine(['function', 'rosenbrock', '--tune', '--lr', '0.001,0.01'])).toBe(messages.tuneWithLr('0.001,0.01'));
  });

  it('NAME=RATE pins that optimizer; the others are tuned', async () => {
    const { s } = await summaryOf([...RACE, '--tune', '--lr', 'gd=0.0007']);
    expect(s.series!.map((x) => x.lr)[0]).toBe(0.0007);
    expect(s.tune!.series[0]).toEqual({ label: 'GD', optimizer: 'gd', lr: 0.0007, given: true, gaps: null, reached: null });
    expect(s.tune!.series[1].given).toBe(false);
    expect(s.series![1].lr).toBe(s.tune!.series[1].lr);
    // The grid is around the tuned series' defaults only.
    expect(s.tune!.grid[0]).toBeGreaterThan(1e-7);
  });

  it('every rate pinned: --tune changes nothing, and a warning says so', async () => {
    const { s, stderr } = await summaryOf(['function', 'rosenbrock', '--optimizer', 'gd,adam', '--tune', '--lr', 'gd=0.001,adam=0.01', '--iters', '50']);
    expect(s.tune).toBeUndefined();
    expect(stderr).toContain(messages.flagIgnored('--tune', "every optimizer's rate is given by --lr"));
  });
});

describe('refused before any work', () => {
  it('with --compare-standardize (one shared rate by design)', async () => {
    expect(await usageLine(['linear', '--data', 'cars', '--compare-standardize', '--tune'])).toBe(messages.compareWith('--tune', 'the comparison gives both sides one shared rate'));
  });

  it('with --iters 0 (every trial ends where it starts: nothing to choose by)', async () => {
    expect(await usageLine(['function', 'rosenbrock', '--tune', '--iters', '0'])).toBe(messages.tuneWith('--iters 0', 'with no iteration every rate ends where it starts, so there is nothing to choose by; give --iters 1 or more'));
  });

  it('with --starts (a basins map is one rate over many starts; --tune would choose it by one start)', async () => {
    expect(await usageLine(['function', 'himmelblau', '--starts', '20', '--tune'])).toBe(
      messages.startsWith('--tune', "--tune chooses a rate by one descent's final gap, and a basins map shows one rate from every start; give the rate with --lr"),
    );
  });

  it('a search past the work bound', async () => {
    const line = await usageLine(['logistic', '--points', '10000', '--optimizer', 'gd,adam', '--iters', '10000000', '--tune']);
    expect(line).toMatch(/^--tune would run \d+ descents of 10,000,000 iterations over 10,000 rows/);
    expect(line).toContain(`more than the ${TUNE_BUDGET.toExponential(0)} it may spend`);
  });
});

describe('jobs', () => {
  it('"tune": true is in the job schema and tunes a job as on the command line', async () => {
    expect((jobJsonSchema() as { properties: Record<string, { type?: string }> }).properties.tune.type).toBe('boolean');
    const [job] = readJobs(JSON.stringify([{ model: 'function', function: 'booth', optimizer: ['gd', 'adam'], iters: 100, tune: true }]), '/tmp', 'jobs.json');
    expect(job.options.tune).toBe(true);
    const { summary } = await run(job.options);
    const cli = (await summaryOf(['function', 'booth', '--optimizer', 'gd,adam', '--iters', '100', '--tune'])).s;
    expect(summary.tune).toEqual(cli.tune);
  });

  it('a job with "tune" and one "lr" is refused with the same message', async () => {
    await expect(run({ model: 'function', function: 'booth', tune: true, lr: 0.1 })).rejects.toThrow(messages.tuneWithLr('0.1'));
  });
});
