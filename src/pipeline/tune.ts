/**
 * --tune in the pipeline: before the descents, each series whose rate --lr does not pin gets the rate the
 * engine's search chooses (engine/tune.ts) from one grid shared by the whole run; the summary reports the
 * grid and every trial. A race, a single run and a momentum or batch-size sweep are all tuned series by
 * series; a series whose every trial diverged keeps its default rate, with a warning.
 */
import type { RunConfig, SeriesSpec } from '../config';
import { hyperValuesOf, optimizerOf, type DescentSettings, type Problem } from '../engine';
import { defaultRateFor, tuneGrid, tuneMeasure, tuneRate, tuneRateAsync, type TuneTrial } from '../engine/tune';
import { messages, usageError } from '../errors';
import type { Warn, Warning } from '../warnings';

/** What the search found: the grid, and per series its chosen rate and trials (null for a series --lr pins). */
export interface Tuning {
  grid: number[];
  measure: 'gap' | 'loss';
  series: ({ lr: number | null; trials: TuneTrial[] } | null)[];
}

/**
 * The most row-iterations the search may spend, counted before it starts: per trial, its iterations times the
 * rows an update reads (a sampling optimizer's batch, else every row; a landscape one). A bound on the work, not
 * an estimate of it: a linear regression's full-batch update costs the same on any number of rows (sufficient
 * statistics), a logistic one a pass over them (about 15 to 50 ms on a million rows here, so 1e12 is hours).
 */
export const TUNE_BUDGET = 1e12;

/** Seconds of search, projected from the first trial, above which a warning says how long it will take. */
export const TUNE_SLOW_SECONDS = 20;

/** The series --tune chooses a rate for: those whose rate --lr leaves open. */
function tuned(config: RunConfig): boolean[] {
  return config.series.map((s) => s.lr === undefined);
}

/** Rows one update of a series reads (see TUNE_BUDGET). */
function rowsPerUpdate(problem: Problem, s: DescentSettings): number {
  const n = problem.data.x.length;
  const sampling = optimizerOf(s.optimizer).sampling;
  return Math.max(1, sampling ? sampling.batch({ lr: NaN, ...hyperValuesOf(s) }, n) : n);
}

/** The run's grid, around every tuned series' default rate; refuses (exit 2) a search over TUNE_BUDGET. */
function gridOf(config: RunConfig, problems: readonly Problem[], settings: (i: number) => DescentSettings): number[] {
  const which = tuned(config);
  const grid = tuneGrid(config.series.map((_, i) => (which[i] ? defaultRateFor(problems[i], settings(i)) : NaN)));
  let work = 0;
  config.series.forEach((_, i) => (work += which[i] ? grid.length * config.iterations * rowsPerUpdate(problems[i], settings(i)) : 0));
  if (work > TUNE_BUDGET) {
    const trials = grid.length * which.filter(Boolean).length;
    throw usageError(messages.tuneTooMuchWork(trials, config.iterations, Math.max(...problems.map((p) => p.data.x.length)), work, TUNE_BUDGET));
  }
  return grid;
}

/** Tunes every open series (see the module's comment). `settings(i)`: series i's settings, its rate absent. */
export function tuneSeries(config: RunConfig, problems: readonly Problem[], settings: (i: number) => DescentSettings): Tuning {
  const grid = gridOf(config, problems, settings);
  const which = tuned(config);
  return { grid, measure: tuneMeasure(problems[0]), series: config.series.map((_, i) => (which[i] ? tuneRate(problems[i], settings(i), grid) : null)) };
}

/**
 * tuneSeries with every trial interruptible (see tuneRateAsync). When the first trial (the smallest rate: a
 * full-length run) projects the whole search past TUNE_SLOW_SECONDS, `warn` says so before the wait.
 */
export async function tuneSeriesAsync(config: RunConfig, problems: readonly Problem[], settings: (i: number) => DescentSettings, signal: AbortSignal | undefined, stopped: () => Error, warn: Warn = () => {}, slowSeconds = TUNE_SLOW_SECONDS): Promise<Tuning> {
  const grid = gridOf(config, problems, settings);
  const which = tuned(config);
  const trials = grid.length * which.filter(Boolean).length;
  const t0 = performance.now();
  const first = (_: unknown, index: number) => {
    const seconds = ((performance.now() - t0) / 1000) * trials;
    if (index === 0 && seconds > slowSeconds) warn({ code: 'tuneSlow', trials, seconds });
  };
  const series: Tuning['series'] = [];
  for (let i = 0; i < config.series.length; i++) {
    series.push(which[i] ? await tuneRateAsync(problems[i], settings(i), grid, signal, stopped, series.some(Boolean) ? undefined : first) : null);
  }
  return { grid, measure: tuneMeasure(problems[0]), series };
}

/** The series with their chosen rates; a series with none chosen (every trial diverged) keeps its default. */
export function tunedSeries(config: RunConfig, tuning: Tuning | null): SeriesSpec[] {
  if (!tuning) return config.series;
  return config.series.map((s, i) => ({ ...s, lr: s.lr ?? tuning.series[i]?.lr ?? undefined }));
}

/** A warning for each series whose every trial diverged, with the default rate it runs at. */
export function tuneWarnings(config: RunConfig, tuning: Tuning | null, rates: readonly number[]): Warning[] {
  if (!tuning) return [];
  const out: Warning[] = [];
  tuning.series.forEach((t, i) => {
    if (t && t.lr === null) out.push({ code: 'tuneDiverged', ...(config.series.length > 1 ? { series: config.series[i].label } : {}), lr: rates[i] });
  });
  return out;
}

/** The summary's `tune`: the grid, what was measured, and per series the rate run and each trial's gap. */
export interface TuneSummary {
  /** Every rate tried, smallest first. */
  grid: number[];
  /** 'gap': final loss minus the best known minimum's; 'loss': the final loss (no minimum known). */
  by: 'gap' | 'loss';
  series: {
    label: string;
    optimizer: string;
    /** The rate chosen (the rate the series ran at); null when every trial diverged (it ran at its default). */
    lr: number | null;
    /** true when --lr NAME=RATE pinned this series: nothing was tried. */
    given: boolean;
    /** Per grid rate, in the grid's order: its final gap, null when it diverged; null for a pinned series. */
    gaps: (number | null)[] | null;
    /**
     * Per grid rate: the first iteration from which its gap stayed at its final value (within rounding), null
     * when it diverged; null for a pinned series. Of equal gaps, the earliest reached was chosen.
     */
    reached: (number | null)[] | null;
  }[];
}

export function tuneSummary(config: RunConfig, tuning: Tuning, rates: readonly number[]): TuneSummary {
  return {
    grid: tuning.grid,
    by: tuning.measure,
    series: config.series.map((s, i) => {
      const t = tuning.series[i];
      return { label: s.label, optimizer: s.optimizer, lr: t ? t.lr : rates[i], given: t === null, gaps: t ? t.trials.map((x) => x.gap) : null, reached: t ? t.trials.map((x) => x.reached) : null };
    }),
  };
}
