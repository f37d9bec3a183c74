import { alwaysStandardized } from './applies';
/**
 * --tune (a fair race): which runs it takes. It chooses every rate, so a rate given for all series (one
 * --lr value, or a list that sweeps it) contradicts it and is refused; NAME=RATE pairs pin those optimizers
 * and the others are tuned. --compare-standardize gives its two sides one shared rate by design: refused.
 * --iters 0 leaves every trial at its start, all gaps equal: the "choice" would be the grid's first rate.
 */
import { messages, usageError } from '../errors';
import type { Warn } from '../warnings';
import type { RunOptions } from './table';

/** Throws a usage error (exit 2) naming --tune and the option it cannot be combined with. */
export function refuseTuneConflicts(o: RunOptions): void {
  if (!o.tune) return;
  if (o.compareStandardize && o.model !== 'function' && !alwaysStandardized(o)) throw usageError(messages.compareWith('--tune', 'the comparison gives both sides one shared rate'));
  if (typeof o.lr === 'number') throw usageError(messages.tuneWithLr(String(o.lr)));
  if (Array.isArray(o.lr)) throw usageError(messages.tuneWithLr(o.lr.join(',')));
  if (o.iterations === 0) throw usageError(messages.tuneWith('--iters 0', 'with no iteration every rate ends where it starts, so there is nothing to choose by; give --iters 1 or more'));
}

/** Whether the run tunes: asked for, and some series' rate is left to choose (else a warning says it changes nothing). */
export function tuneOf(o: RunOptions, series: readonly { lr?: number }[], warn: Warn): boolean {
  if (!o.tune) return false;
  if (series.every((s) => s.lr !== undefined)) {
    warn({ code: 'optionIgnored', option: '--tune', reason: 'every optimizer\'s rate is given by --lr' });
    return false;
  }
  return true;
}
