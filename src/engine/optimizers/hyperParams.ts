/**
 * The optimizers' hyper-parameters, each declared once: its option name (the library's and the jobs file's
 * key), flag, default, range and help. A descriptor lists the ones it reads (several share one: beta1 is
 * Adam's, AdamW's, Nadam's, AMSGrad's and Lion's); the option table's rows, their validation, --help and the
 * job schema are generated from these declarations (src/options/hyperRows.ts), and the values travel to an
 * optimizer as one bag (OptimizerParams). A new hyper-parameter is one entry here.
 */

/** The values a hyper-parameter may take: [min, max], either end open, whole numbers only if `integer`. */
export interface Range {
  min: number;
  max: number;
  minOpen?: boolean;
  maxOpen?: boolean;
  integer?: boolean;
}

export interface HyperParamSpec {
  readonly flag: string;
  /** The flag's argument in --help ("<b>", "<b|list>"). */
  readonly arg: string;
  /** The default, unless the optimizer's descriptor has its own (rmsprop's and lion's beta2). */
  readonly default: number;
  readonly range: Range;
  /** What it is, for --help after the names of the optimizers that read it ("first-moment decay"). */
  readonly help: string;
  /** A list of values sweeps it (one series each), like --lr's. */
  readonly sweep?: boolean;
}

/** [0, 1): a decay or a momentum coefficient. */
const FRACTION: Range = { min: 0, max: 1, maxOpen: true };

/**
 * Every hyper-parameter an optimizer may read besides the learning rate, by its option name. The TSDoc of
 * each entry is what an editor shows for that field of the library's RunOptions.
 */
export const HYPER_PARAMS = {
  /** `minibatch`: samples per step, at least 1; an array sweeps it. Default 32. Flag `--batch-size`. */
  batchSize: { flag: '--batch-size', arg: '<b|list>', default: 32, range: { min: 1, max: 10_000_000, integer: true }, help: 'samples per step; a list sweeps it', sweep: true },
  /** `momentum` and `nesterov`: the momentum coefficient β in [0, 1); an array sweeps it. Default 0.9. Flag `--momentum`. */
  momentum: { flag: '--momentum', arg: '<b|list>', default: 0.9, range: FRACTION, help: 'momentum coefficient; a list sweeps it', sweep: true },
  /** `adam`, `adamw`, `nadam`, `amsgrad`: decay of the first-moment (mean) estimate; `lion`: the weight of its momentum in the update's sign; in [0, 1). Default 0.9. Flag `--beta1`. */
  beta1: { flag: '--beta1', arg: '<b>', default: 0.9, range: FRACTION, help: 'first-moment decay' },
  /** `adam`, `adamw`, `nadam`, `amsgrad`: decay of the second-moment estimate; `rmsprop`: decay of its running mean of squared gradients; `lion`: decay of its momentum; in [0, 1). Default 0.999; rmsprop 0.9, lion 0.99. Flag `--beta2`. */
  beta2: { flag: '--beta2', arg: '<b>', default: 0.999, range: FRACTION, help: 'second-moment decay' },
  /** `adagrad`, `rmsprop`, `adam`, `adamw`, `nadam`, `amsgrad`: the ε added to the denominator, > 0. Default 1e-8. Flag `--eps`. */
  eps: { flag: '--eps', arg: '<e>', default: 1e-8, range: { min: 0, max: Infinity, minOpen: true }, help: 'epsilon' },
  /** `adamw`: the decoupled weight decay λ (w ← w − α·λ·w besides the Adam step), at least 0. Default 0.01. Flag `--weight-decay`. */
  weightDecay: { flag: '--weight-decay', arg: '<d>', default: 0.01, range: { min: 0, max: Infinity }, help: 'decoupled weight decay' },
} as const satisfies Record<string, HyperParamSpec>;

/** The hyper-parameters an optimizer may declare (the learning rate is everyone's). */
export type HyperParam = keyof typeof HYPER_PARAMS;
export const HYPER_PARAM_NAMES = Object.keys(HYPER_PARAMS) as HyperParam[];

/** Hyper-parameter values as given: any may be absent (then the optimizer's or the declared default). */
export type HyperValues = { [K in HyperParam]?: number };
