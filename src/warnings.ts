/**
 * Warnings are data: a code and what it needs, so a library caller can act on them and a batch can count
 * them. They are turned into words in one place (`warningText`, through the messages of errors.ts); the
 * engine and the data stage never word a warning or name a command-line flag.
 */
import { messages } from './errors';
import type { StallCause } from './engine/verdict';

/**
 * A descent that ended short of the optimum: cycling (too large a rate) or stalled, with the cause seen and
 * what would help — a rate that a short trial confirmed, or about how many iterations.
 */
export interface NotConverged {
  code: 'notConverged';
  series?: string;
  verdict: 'stalled' | 'cycling';
  gapClosed: number;
  final: number;
  optimum: number;
  optimizer: string;
  iterations: number;
  cause?: StallCause;
  suggestedLr?: number;
  suggestedIterations?: number;
}

export type Warning =
  /** Logistic classes that one threshold separates: the loss has no finite minimum. */
  | { code: 'separable' }
  /** The descent blew up and stopped; stableLr would have been stable. */
  | { code: 'diverged'; series?: string; iteration: number; lr: number; stableLr: number }
  /** The run closed less than 99 % of the loss gap (see engine/verdict.ts). */
  | NotConverged
  /** Rows dropped for a missing or non-numeric cell. */
  | { code: 'skippedRows'; skipped: number; total: number; x: string; y: string }
  /** An option that was given but cannot change this run. */
  | { code: 'optionIgnored'; option: string; reason: string }
  /** Video needs even sizes. */
  | { code: 'roundedToEven'; width: number; height: number; toWidth: number; toHeight: number }
  /** A GIF too large for a web page or a README. */
  | { code: 'largeGif'; path: string; bytes: number }
  /** A still asked for an iteration the diverged run never reached. */
  | { code: 'frameAfterDivergence'; frame: number; last: number };

/** The sentence for a warning; `series` names the optimizer or value it concerns in a race or sweep. */
export function warningText(w: Warning): string {
  const prefix = 'series' in w && w.series ? `${w.series}: ` : '';
  switch (w.code) {
    case 'separable':
      return messages.separable();
    case 'diverged':
      return prefix + messages.diverged(w.iteration, w.lr, w.stableLr);
    case 'notConverged':
      return prefix + messages.notConverged(w);
    case 'skippedRows':
      return messages.skippedRows(w.skipped, w.total, w.x, w.y);
    case 'optionIgnored':
      return messages.flagIgnored(w.option, w.reason);
    case 'roundedToEven':
      return messages.roundedToEven(w.width, w.height, w.toWidth, w.toHeight);
    case 'largeGif':
      return messages.largeGif(w.path, w.bytes);
    case 'frameAfterDivergence':
      return messages.frameAfterDivergence(w.frame, w.last);
  }
}

export type Warn = (w: Warning) => void;

/** A descent's warning in a race or sweep, naming the series it is about (others concern the whole run). */
export function forSeries(w: Warning, label: string): Warning {
  return w.code === 'diverged' || w.code === 'notConverged' ? { ...w, series: label } : w;
}
