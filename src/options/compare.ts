import { alwaysStandardized } from './applies';
/**
 * --compare-standardize: one descent on x as it is and one on standardized x, with everything else shared.
 * It is a run shape of its own (two surfaces side by side), so the options that choose another shape are
 * refused rather than half-honoured.
 */
import { messages, usageError } from '../errors';
import type { RunOptions } from './table';

/** The two sides, in drawing order (left, right), with the legend and summary label of each. */
export const COMPARE_SIDES = [
  { label: 'raw x', standardize: false },
  { label: 'standardized x', standardize: true },
] as const;

/** Throws a usage error (exit 2) for any option that would change which descents run or how they are laid out. */
export function refuseCompareConflicts(o: RunOptions): void {
  if (!o.compareStandardize || alwaysStandardized(o)) return;
  if (Array.isArray(o.optimizer)) throw usageError(messages.compareWith('several --optimizer', 'a race puts several optimizers on one surface, the comparison one optimizer on two'));
  for (const [key, flag] of [['lr', '--lr'], ['momentum', '--momentum'], ['batchSize', '--batch-size']] as const) {
    if (Array.isArray(o[key])) throw usageError(messages.compareWith(`a list for ${flag}`, 'a sweep varies one setting, the comparison varies only the scaling of x'));
  }
  if (o.standardize !== undefined) {
    throw usageError(messages.compareWith(o.standardize ? '--standardize' : '--no-standardize', 'the comparison trains both on raw and on standardized x'));
  }
  if (o.layout !== undefined) throw usageError(messages.compareWith('--layout', 'the comparison has its own layout, the two surfaces side by side'));
}
