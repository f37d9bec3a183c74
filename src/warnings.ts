/**
 * Warnings are data: a code and what it needs, so a library caller can act on them and a batch can count
 * them. They are turned into words in one place (`warningText`, through the messages of errors.ts); the
 * engine and the data stage never word a warning or name a command-line flag.
 */
import { messages } from './errors';
import type { Conditioning, StallCause } from './engine/verdict';

/**
 * A descent that ended short of the optimum: cycling (too large a rate) or stalled, with the cause seen and
 * what would help. Every number and every direction in it was confirmed by a run (see engine/descent.ts).
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
  /** A rate (with `suggestedIterations`, that many iterations) with which the same run converges. */
  suggestedLr?: number;
  suggestedIterations?: number;
  /** Sampling noise: plain gd at this rate (the same steps without the noise) converges. */
  quietLr?: number;
  /**
   * No number converged: the probe (twice or half the rate, or twice the iterations) that ended nearer the
   * optimum (with at most half this run's gap), with its and this run's end gap as shares of the trivial
   * model's gap; null when none did.
   */
  nearer?: { lr?: number; iterations?: number; share: number; here: number } | null;
  /** The final loss is above the trivial model's: its loss and what it predicts. */
  trivial?: { loss: number; model: string };
  /** The loss is within the converged tolerance but the weights are not (in the data's units). */
  weightsOff?: { distance: number; names: readonly string[]; final: number[]; optimum: number[] };
  /** With cause illConditioned: the condition number and whether x's offset or scale makes it. */
  conditioning?: Conditioning;
  /** With cause illConditioned: the standardized problem's condition number, and whether the same run converges there (null: not checked). */
  standardized?: { condition: number; converges: boolean | null };
}

/**
 * A descent that blew up, with the rate to try instead and what was checked about it: that the same run
 * converges with it, that a short trial of `trialIterations` does not blow up ('stable', no more), or
 * nothing (the stability rule's rate).
 */
export interface Diverged {
  code: 'diverged';
  series?: string;
  iteration: number;
  lr: number;
  stableLr: number;
  checked: 'converges' | 'stable' | 'rule';
  trialIterations?: number;
  /** On raw x in a narrow valley: the condition number and whether x's offset or scale makes it. */
  conditioning?: Conditioning;
  /** The weight decay alone made it diverge (lr·decay ≥ 2): the decay given and the rule's bound 2/lr. */
  decay?: { weightDecay: number; below: number };
}

/**
 * A landscape's descent that stepped where the function is not defined (the loss there is not a number, or
 * the gradient at the point it left is not): it did not blow up. `at` is that point; `suggestedLr` a smaller
 * rate with which the same run converges (checked), when one was found.
 */
export interface UndefinedStep {
  code: 'undefinedStep';
  series?: string;
  iteration: number;
  lr: number;
  at: number[];
  /** true: f is defined at `at` but its gradient is not (the step from it was not finite). */
  gradient: boolean;
  /** The loss at `at` when f is what is not defined there: NaN, or ±∞ (log(0)); absent: NaN. */
  loss?: number;
  suggestedLr?: number;
  /** The gradient is not finite at the start itself: no learning rate helps, only another start. */
  atStart?: boolean;
}

/**
 * A landscape's descent whose path moved less than a hundredth of the domain's diagonal and did not converge,
 * at a default rate set by the steepest curvature (gd: 1/λmax). `probe` is a larger rate and what the same run
 * did with it (checked by running it), when one went farther.
 */
export interface SlowDefault {
  code: 'slowDefault';
  series?: string;
  optimizer: string;
  lr: number;
  iterations: number;
  /** λmax: the largest curvature over the box around the start and the known minima. */
  curvature: number;
  /** How far the path got from its start, as a share of the domain's diagonal. */
  moved: number;
  probe?: { lr: number; converged: boolean; reached?: string; loss: number; moved: number };
}

/**
 * A landscape's descent that was still going down at its end, short of a minimum (a global one is known):
 * where it stood against its start and the global minimum, and what its last stretch showed.
 */
export interface ShortOfMinimum {
  code: 'shortOfMinimum';
  series?: string;
  optimizer: string;
  iterations: number;
  /** f at the start, at the end, and at the known global minimum. */
  start: number;
  final: number;
  global: number;
  gapClosed: number;
  /** How much f fell over the last stretch the verdict judged, and over how many iterations. */
  fallOver: { iterations: number; by: number };
  /** The known minimum nearest the end, when it is a local one: its name, f, and the end's distance to it. */
  nearestLocal?: { name: string; loss: number; distance: number };
}

export type Warning =
  /**
   * Logistic classes that one threshold separates: the loss has no finite minimum. `why`: on two features,
   * what was found (a line separates them, or Newton's method did not settle).
   */
  | { code: 'separable'; why?: string }
  /** The descent blew up and stopped. */
  | Diverged
  /** The run closed less than 99 % of the loss gap (see engine/verdict.ts). */
  | NotConverged
  /** Rows dropped for a missing or non-numeric cell. */
  | { code: 'skippedRows'; skipped: number; total: number; x: string; y: string; x2?: string; more?: string[] }
  /** No minimum known (a network): the loss still fell over the run's last tenth, from `from` to `to`. */
  | { code: 'stillDescending'; series?: string; iterations: number; from: number; to: number; optimizer: string }
  /** An option that was given but cannot change this run. */
  | { code: 'optionIgnored'; option: string; reason: string }
  /** Video needs even sizes. */
  | { code: 'roundedToEven'; width: number; height: number; toWidth: number; toHeight: number }
  /** A GIF too large for a web page or a README. */
  | { code: 'largeGif'; path: string; bytes: number }
  /** An interactive page (or player data) over LARGE_GIF bytes: it holds every iteration of every path. */
  | { code: 'largePage'; path: string; bytes: number }
  /** A landscape unbounded below (a saddle): the descent left for ever, as every descent off its stable line does; no rate helps. */
  | { code: 'unbounded'; series?: string; iteration: number; why: string; rose?: { lr: number } }
  /** --tune: every trial of the grid diverged; the series runs at its default rate `lr`. */
  | { code: 'tuneDiverged'; series?: string; lr: number }
  /** --tune: the search of `trials` full descents will take about `seconds` (projected from its first trial). */
  | { code: 'tuneSlow'; trials: number; seconds: number }
  /** A landscape with no known minima whose loss fell without bound (to f = loss; lowest: the domain's lowest). */
  | { code: 'fellWithoutBound'; series?: string; iteration: number; loss: number; lowest: number }
  | UndefinedStep
  | SlowDefault
  | ShortOfMinimum
  /**
   * --schedule outlasts --iters: a step schedule whose first step (after update `every`) never comes, or a
   * warm-up still rising at the end (at `share` of the base rate). `example`: a schedule that fits the run.
   */
  | { code: 'scheduleOutlasts'; schedule: string; iterations: number; every?: number; share?: number; example: string }
  /** A still asked for an iteration the diverged run never reached. */
  | { code: 'frameAfterDivergence'; frame: number; last: number };

/** The sentence for a warning; `series` names the optimizer or value it concerns in a race or sweep. */
export function warningText(w: Warning): string {
  const prefix = 'series' in w && w.series ? `${w.series}: ` : '';
  switch (w.code) {
    case 'separable':
      return w.why ? messages.noOptimum(w.why) : messages.separable();
    case 'stillDescending':
      return prefix + messages.stillDescending(w.iterations, w.from, w.to);
    case 'diverged':
      return prefix + messages.diverged(w);
    case 'unbounded':
      return prefix + (w.rose ? messages.unboundedRose(w.iteration, w.rose.lr, w.why) : messages.unbounded(w.iteration, w.why));
    case 'fellWithoutBound':
      return prefix + messages.fellWithoutBound(w.iteration, w.loss, w.lowest);
    case 'undefinedStep':
      return prefix + messages.undefinedStep(w);
    case 'slowDefault':
      return prefix + messages.slowDefault(w);
    case 'shortOfMinimum':
      return prefix + messages.shortOfMinimum(w);
    case 'notConverged':
      return prefix + messages.notConverged(w);
    case 'skippedRows':
      return messages.skippedRows(w.skipped, w.total, w.x, w.y, w.more ?? (w.x2 !== undefined ? [w.x2] : []));
    case 'optionIgnored':
      return messages.flagIgnored(w.option, w.reason);
    case 'roundedToEven':
      return messages.roundedToEven(w.width, w.height, w.toWidth, w.toHeight);
    case 'largeGif':
      return messages.largeGif(w.path, w.bytes);
    case 'largePage':
      return messages.largePage(w.path, w.bytes);
    case 'tuneDiverged':
      return prefix + messages.tuneAllDiverged(w.lr);
    case 'tuneSlow':
      return messages.tuneSlow(w.trials, w.seconds);
    case 'scheduleOutlasts':
      return w.every !== undefined ? messages.scheduleNeverSteps(w.schedule, w.iterations, w.every, w.example) : messages.scheduleStillWarming(w.schedule, w.iterations, w.share!, w.example);
    case 'frameAfterDivergence':
      return messages.frameAfterDivergence(w.frame, w.last);
  }
}

export type Warn = (w: Warning) => void;

/** A descent's warning in a race or sweep, naming the series it is about (others concern the whole run). */
export function forSeries(w: Warning, label: string): Warning {
  const own = ['diverged', 'notConverged', 'unbounded', 'fellWithoutBound', 'undefinedStep', 'slowDefault', 'shortOfMinimum'];
  return own.includes(w.code) ? ({ ...w, series: label } as Warning) : w;
}
