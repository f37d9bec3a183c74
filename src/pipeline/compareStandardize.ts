/**
 * --compare-standardize's policy: the same descent on x as it is and on standardized x, sharing one rate,
 * and (without --iters) running as long as the slower side needs. The pipeline (src/index.ts) asks this
 * module three things: which problems to set up, each side's rate and advice, and how long to run.
 */
import type { RunConfig, RunOptions, SeriesSpec } from '../config';
import { hyperValuesOf, iterationsToClose99, optimizerOf, type Descent, type Problem } from '../engine';
import { refuseStillsPast } from '../options/outputs';
import type { Dataset } from '../types';

/** A probe's result as this module reads it: one descent per side and the problem it ran on. */
export interface Probe {
  problems: readonly Problem[];
  descents: readonly Descent[];
}

/** The sides' standardize settings, one problem each (raw x, standardized x); null when the run compares nothing. */
export function sideStandardizations(config: RunConfig): boolean[] | null {
  return config.layout === 'compare' ? config.series.map((s) => s.standardize ?? false) : null;
}

/**
 * A side's rate and advice. The sides share one rate, --lr or else the largest that is stable on both: 0.9 of
 * the smaller stability limit (the raw valley's, set by its steep direction). One rate for both is the point:
 * the bowl is not handed its own, larger default. The comparison gives no "did not converge" advice: its
 * headings say how far each side got, a rate that suits one side fails on the other (the raw side's "add
 * --standardize" is the lesson itself), and its self-chosen length is the slower side's need, not a target.
 * Nothing is searched for, either.
 */
export function sideSettings(config: RunConfig, s: SeriesSpec, problems: readonly Problem[]): { lr: number | undefined; advise: false } {
  return { lr: s.lr === undefined ? sharedRate(config, s, problems) : s.lr, advise: false };
}

function sharedRate(config: RunConfig, s: SeriesSpec, problems: readonly Problem[]): number {
  const o = optimizerOf(s.optimizer);
  const params = { lr: NaN, ...hyperValuesOf(config), batchSize: s.batchSize, momentum: s.momentum };
  // Adaptive optimizers have no closed-form limit (their rule needs a rate that failed): their default then.
  // Rates that depend on the run's length are taken at the default length: a comparison that chooses its own
  // length (see lengthOfComparison) must run at the rate its probe ran at.
  const rates = problems.map((p) => {
    const context = { init: p.trainInit, iterations: 1000 };
    const limit = o.stableRate(p.trained, params, context);
    return Number.isFinite(limit) ? 0.9 * limit : o.defaultRate(p.trained, params, context);
  });
  return Math.min(...rates);
}

/**
 * The probe's config when the comparison chooses its own length (--compare-standardize with no --iters given),
 * else null: the run is then trained once at this length, and `afterProbe` reads the length off it.
 */
export function probeConfig(options: RunOptions, config: RunConfig, data: Dataset): RunConfig | null {
  return config.layout === 'compare' && options.iterations === undefined ? { ...config, iterations: probeLength(data) } : null;
}

/**
 * The config the comparison runs with: its length chosen from the probe (see lengthOfComparison). A still's
 * --frame is checked against that length here: options could not check it against a length not yet known
 * (the newcomer review found --frame 5000 refused against the default 1000).
 */
export function afterProbe(config: RunConfig, probe: Probe): RunConfig {
  const iterations = lengthOfComparison(config, probe);
  refuseStillsPast(config.outputs, config.stills, iterations);
  return { ...config, iterations };
}

/**
 * The probe's length: up to a million iterations, within about 3e7 sample-iterations of work per side (at
 * least 10): a two-million-row logistic comparison probes 15 iterations, not the 1000 of a default run.
 */
function probeLength(data: Dataset): number {
  return Math.max(10, Math.min(1_000_000, Math.floor(3e7 / Math.max(1, data.x.length))));
}

/**
 * "Each with the iterations it needed": the comparison runs until the slower side has closed 99 % of its
 * loss gap (and a tenth more, so its arrival shows), or for the whole probe when a side never does.
 */
function lengthOfComparison(config: RunConfig, probe: Probe): number {
  const needed = probe.descents.map((d, i) => iterationsToClose99(d.trajectory.loss, probe.problems[i].optimum?.loss ?? null));
  const longest = probe.descents.reduce((m, d) => Math.max(m, d.iterations), 0);
  if (needed.some((n) => n === null)) return Math.max(1, longest);
  return Math.max(config.iterations > 0 ? 1 : 0, Math.min(longest, Math.ceil(Math.max(...(needed as number[])) * 1.1)));
}
