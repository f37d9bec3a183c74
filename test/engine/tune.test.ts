/**
 * The --tune search (engine/tune.ts): its grid, a problem whose best rate is known (gd on a round bowl of
 * curvature 1 lands on the minimum in one step at rate 1), every trial's gap checked against a rerun of
 * the same descent, diverged trials never chosen, ties to the trial that got there first (then the smaller
 * rate), gaps to a regression's exact optimum, and the same choice on every run (sgd included: each trial
 * draws the run's samples).
 */
import { descendOn, setUpProblem, type DescentSettings, type Problem } from '../../src/engine';
import { landscapeData, landscapeOf, type LandscapeSpec } from '../../src/engine/landscape';
import { chooseRate, defaultRateFor, finalGap, reachedAt, ROUNDING, SPAN_DECADES, STEPS_PER_DECADE, tuneGrid, tuneMeasure, tuneRate, trialSettings, type TuneResult } from '../../src/engine/tune';
import { expectClose } from '../helpers/approx';
import { lineData } from '../helpers/data';

function landscapeProblem(spec: LandscapeSpec, init?: [number, number]): Problem {
  const l = landscapeOf(spec);
  return setUpProblem(landscapeData(l), { model: 'function', standardize: false, init: init ?? l.init, landscape: l });
}

const settings = (optimizer: DescentSettings['optimizer'], iterations: number, extra: Partial<DescentSettings> = {}): DescentSettings => ({ optimizer, iterations, seed: 'tune', ...extra });

describe('the grid', () => {
  it('is every 10^(k/4) from three decades below the smallest default to three above the largest, smallest first', () => {
    const grid = tuneGrid([2e-3, 0.05, NaN, 0, -1]);
    // log10(2e-3) = -2.70 → from 10^(-5.75); log10(0.05) = -1.30 → to 10^(1.75).
    expect(grid[0]).toBe(10 ** (-23 / 4));
    expect(grid[grid.length - 1]).toBe(10 ** (7 / 4));
    expect(grid).toHaveLength(7 / 1 + 23 + 1);
    for (let i = 1; i < grid.length; i++) expectClose(grid[i] / grid[i - 1], 10 ** (1 / STEPS_PER_DECADE), 1e-12);
    expect(grid[0]).toBeLessThanOrEqual(2e-3 * 10 ** -SPAN_DECADES);
    expect(grid[grid.length - 1]).toBeGreaterThanOrEqual(0.05 * 10 ** SPAN_DECADES);
  });

  it('holds the powers of ten exactly (a default on the lattice is its own grid point) and is centred on 1 with no default', () => {
    const grid = tuneGrid([1e-3]);
    expect(grid).toHaveLength(2 * SPAN_DECADES * STEPS_PER_DECADE + 1);
    expect(grid).toContain(1e-3);
    expect(grid).toContain(1);
    expect(grid[0]).toBe(1e-6);
    expect(tuneGrid([NaN, Infinity])).toEqual(tuneGrid([1]));
  });
});

describe('choosing', () => {
  it('takes the lowest gap; of equal gaps the one reached first, then the smaller rate; never a diverged trial', () => {
    expect(chooseRate([{ lr: 0.1, gap: 0.5, reached: 3 }, { lr: 1, gap: null, reached: null }, { lr: 0.3, gap: 0.2, reached: 90 }])).toBe(0.3);
    // Equal gaps: the earlier wins, whatever the order or the size of the rates.
    expect(chooseRate([{ lr: 0.1, gap: 0, reached: 400 }, { lr: 1, gap: 0, reached: 5 }, { lr: 3, gap: null, reached: null }])).toBe(1);
    expect(chooseRate([{ lr: 1, gap: 0, reached: 5 }, { lr: 0.1, gap: 0, reached: 400 }])).toBe(1);
    // A lower gap still beats an earlier one.
    expect(chooseRate([{ lr: 1, gap: 1e-3, reached: 2 }, { lr: 0.1, gap: 0, reached: 400 }])).toBe(0.1);
    // Equal gaps reached at the same iteration: the smaller rate.
    expect(chooseRate([{ lr: 0.3, gap: 0, reached: 7 }, { lr: 0.1, gap: 0, reached: 7 }, { lr: 1, gap: null, reached: null }])).toBe(0.1);
    expect(chooseRate([{ lr: 1, gap: null, reached: null }, { lr: 2, gap: null, reached: null }])).toBeNull();
    expect(chooseRate([])).toBeNull();
  });
});

describe('gd on a round bowl of curvature 1 (the quadratic with --condition 1 --angle 0)', () => {
  const problem = landscapeProblem({ name: 'quadratic', params: { condition: 1, angle: 0 } });
  const grid = tuneGrid([1]);

  it('chooses rate 1, which lands on the minimum in one step; every other rate ends above it', () => {
    const r = tuneRate(problem, settings('gd', 1), grid);
    expect(r.lr).toBe(1);
    const at = (lr: number) => r.trials.find((t) => t.lr === lr)!.gap;
    expect(at(1)).toBe(0);
    // One step at rate α leaves the gap (1 − α)² times the start's (½|w0|² at the default start (−1.8, 0.6)),
    // until the step overshoots so far that the gap passes HARD_FACTOR (1e4) times the start's: diverged.
    const start = 0.5 * (1.8 ** 2 + 0.6 ** 2);
    for (const t of r.trials.filter((t) => t.lr !== 1)) {
      if ((1 - t.lr) ** 2 > 1e4) expect(t.gap).toBeNull();
      else expectClose(t.gap!, (1 - t.lr) ** 2 * start, 1e-12);
      if (t.lr <= 10) expect(t.gap!).toBeGreaterThan(0);
    }
    expect(r.trials.filter((t) => t.gap === null).length).toBeGreaterThan(0);
  });

  it('over many iterations the rates near 1 all reach the minimum to rounding: rate 1, there in one step, wins the tie; the rates at 2 and above diverge', () => {
    const r = tuneRate(problem, settings('gd', 200), grid);
    const reached = r.trials.filter((t) => t.gap === 0);
    expect(reached.length).toBeGreaterThan(3);
    expect(r.lr).toBe(1);
    expect(r.trials.find((t) => t.lr === 1)!.reached).toBe(1);
    // After t steps at rate α the gap is (1 − α)^(2t) times the start's: it is 0 to rounding (1e-14 of the
    // start's gap) from the first t with (1 − α)^(2t) ≤ 1e-14; the gap falls every step, so it stays there.
    for (const t of reached.filter((t) => t.lr !== 1)) {
      const closed = Math.ceil(Math.log(ROUNDING) / (2 * Math.log(Math.abs(1 - t.lr))));
      expect(Math.abs(t.reached! - closed)).toBeLessThanOrEqual(1);
      expect(t.reached!).toBeGreaterThan(1);
    }
    // Below the smallest rate that reaches it, the gap is (1 − α)^400 times the start's: above the rounding threshold.
    const smallest = Math.min(...reached.map((t) => t.lr));
    for (const t of r.trials.filter((t) => t.lr < smallest)) {
      expect(t.gap!).toBeGreaterThan(0);
      expect(t.reached).toBe(200);
    }
    for (const t of r.trials.filter((t) => t.lr > 2)) {
      expect(t.gap).toBeNull();
      expect(descendOn(problem, trialSettings(settings('gd', 200), t.lr)).diverged).not.toBeNull();
    }
  });
});

describe('on Rosenbrock, every trial is the descent it names', () => {
  const problem = landscapeProblem({ name: 'rosenbrock' });
  it.each(['gd', 'momentum', 'adam', 'lion', 'newton'] as const)('%s: each gap reruns to the same value, and the chosen one is the least', (optimizer) => {
    const s = settings(optimizer, 400);
    const grid = tuneGrid([defaultRateFor(problem, s)]);
    const r = tuneRate(problem, s, grid);
    expect(r.trials.map((t) => t.lr)).toEqual(grid);
    let least = Infinity;
    for (const t of r.trials) {
      const d = descendOn(problem, { ...s, lr: t.lr });
      const end = d.trajectory.loss[d.trajectory.loss.length - 1];
      if (t.gap === null) {
        expect(d.diverged !== null || d.assessment.verdict === 'diverged' || !Number.isFinite(end)).toBe(true);
        continue;
      }
      // Rosenbrock's minimum is 0 at (1, 1): the gap is the final loss (0 within ROUNDING of the start's gap).
      expect(t.gap).toBe(end <= ROUNDING * d.trajectory.loss[0] ? 0 : end);
      least = Math.min(least, t.gap);
    }
    expect(r.lr).not.toBeNull();
    expect(r.trials.find((t) => t.lr === r.lr)!.gap).toBe(least);
    // Of equal gaps, the one reached first, then the smaller rate.
    const tied = r.trials.filter((t) => t.gap === least);
    const first = Math.min(...tied.map((t) => t.reached!));
    expect(r.lr).toBe(Math.min(...tied.filter((t) => t.reached === first).map((t) => t.lr)));
  });

  it.each(['gd', 'adam', 'newton'] as const)('%s: each trial\'s reached is the first iteration from which its gap stays within rounding of its final gap', (optimizer) => {
    const s = settings(optimizer, 400);
    const r = tuneRate(problem, s, tuneGrid([defaultRateFor(problem, s)]));
    for (const t of r.trials.filter((t) => t.gap !== null)) {
      const loss = descendOn(problem, { ...s, lr: t.lr }).trajectory.loss;
      const limit = t.gap! + ROUNDING * loss[0];
      for (let j = t.reached!; j < loss.length; j++) expect(loss[j]).toBeLessThanOrEqual(limit);
      if (t.reached! > 0) expect(loss[t.reached! - 1]).toBeGreaterThan(limit);
    }
  });

  it('newton: rate 1 reaches the minimum within a few iterations and wins the tie with the slower rates that also end there', () => {
    const s = settings('newton', 1000);
    const r: TuneResult = tuneRate(problem, s, tuneGrid([defaultRateFor(problem, s)]));
    const zero = r.trials.filter((t) => t.gap === 0);
    expect(zero.some((t) => t.lr < 0.1)).toBe(true);
    expect(r.lr).toBe(1);
    const chosen = r.trials.find((t) => t.lr === 1)!;
    expect(chosen.reached!).toBeLessThan(10);
    for (const t of zero.filter((t) => t.lr !== 1)) expect(t.reached!).toBeGreaterThan(chosen.reached!);
  });
});

describe('a regression: the gap is to the exact optimum', () => {
  const data = lineData(200, 'tune-line');
  const problem = setUpProblem(data, { model: 'linear', standardize: true, init: [0, 0] });

  it('measures final loss minus the optimum loss, and chooses the least', () => {
    expect(tuneMeasure(problem)).toBe('gap');
    const s = settings('momentum', 60);
    const r = tuneRate(problem, s, tuneGrid([defaultRateFor(problem, s)]));
    for (const t of r.trials.filter((t) => t.gap !== null && t.gap > 0)) {
      const d = descendOn(problem, { ...s, lr: t.lr });
      expect(t.gap).toBe(d.trajectory.loss[60] - problem.optimum!.loss);
    }
    const gaps = r.trials.flatMap((t) => (t.gap === null ? [] : [t.gap]));
    expect(r.trials.find((t) => t.lr === r.lr)!.gap).toBe(Math.min(...gaps));
  });

  it('sgd: the same choice on every run; the gap is the median of the last tenth; another seed draws other samples', () => {
    const s = settings('sgd', 300);
    const grid = tuneGrid([defaultRateFor(problem, s)]);
    const a = tuneRate(problem, s, grid);
    expect(tuneRate(problem, s, grid)).toEqual(a);
    const chosen = descendOn(problem, { ...s, lr: a.lr! });
    // Iterations 270 to 300: 31 losses, the median is the 16th smallest.
    const tail = Array.from(chosen.trajectory.loss.subarray(270)).sort((x, y) => x - y);
    const floor = problem.optimum!.loss;
    const gap = tail[15] - floor;
    expect(gap).toBeGreaterThan(ROUNDING * Math.max(floor, chosen.trajectory.loss[0] - floor));
    expect(finalGap(problem, chosen)).toBe(gap);
    expect(finalGap(problem, chosen)).not.toBe(chosen.trajectory.loss[300] - floor);
    const b = tuneRate(problem, { ...s, seed: 'another' }, grid);
    expect(b.trials.map((t) => t.gap)).not.toEqual(a.trials.map((t) => t.gap));
  });
});

describe('with no known minimum', () => {
  it('an expression: the final loss itself is compared', () => {
    const problem = landscapeProblem({ expr: '(x - 1)^2 + 2*(y + 0.5)^2 + 3' });
    expect(problem.optimum).toBeNull();
    expect(tuneMeasure(problem)).toBe('loss');
    const s = settings('gd', 50);
    const r = tuneRate(problem, s, tuneGrid([defaultRateFor(problem, s)]));
    for (const t of r.trials.filter((t) => t.gap !== null)) {
      const l = descendOn(problem, { ...s, lr: t.lr }).trajectory.loss;
      expect(t.gap).toBe(l[l.length - 1]);
    }
    // The bowl's minimum is 3: the best trial ends there to rounding.
    expectClose(r.trials.find((t) => t.lr === r.lr)!.gap!, 3, 1e-12);
  });

  it('the saddle (unbounded below): the rates that leave for good are never chosen; of the others the lowest loss wins', () => {
    const problem = landscapeProblem({ name: 'saddle' }, [1, 0.5]);
    expect(tuneMeasure(problem)).toBe('loss');
    const s = settings('gd', 1000);
    const r = tuneRate(problem, s, tuneGrid([defaultRateFor(problem, s)]));
    const left = r.trials.filter((t) => t.gap === null);
    const stayed = r.trials.filter((t) => t.gap !== null);
    expect(left.length).toBeGreaterThan(0);
    expect(stayed.length).toBeGreaterThan(0);
    for (const t of left) expect(descendOn(problem, { ...s, lr: t.lr }).assessment.verdict).toBe('diverged');
    // x² − y² falls for ever along y: a larger rate gets further down, up to the first that is judged gone.
    expect(r.lr).toBe(Math.max(...stayed.map((t) => t.lr)));
    expect(r.lr).toBeLessThan(Math.min(...left.map((t) => t.lr)));
  });

  it('a saddle started on its stable line: many trials reach the saddle point, and of the tie the one there first wins', () => {
    const problem = landscapeProblem({ name: 'saddle' }, [1, 0]);
    const s = settings('gd', 2000);
    const r = tuneRate(problem, s, tuneGrid([defaultRateFor(problem, s)]));
    const reached = r.trials.filter((t) => t.gap === 0);
    expect(reached.length).toBeGreaterThan(1);
    // x² shrinks by (1 − 2α)² a step: of the grid's rates, 10^(−1/4) ≈ 0.562 has the smallest |1 − 2α| (0.12).
    expect(r.lr).toBe(10 ** (-1 / 4));
    const chosen = r.trials.find((t) => t.lr === r.lr)!;
    for (const t of reached.filter((t) => t !== chosen)) expect(t.reached!).toBeGreaterThan(chosen.reached!);
    // reachedAt of a diverged trial is null.
    expect(reachedAt(problem, descendOn(problem, trialSettings(s, 10)), null)).toBeNull();
  });
});
