import { formatApplies } from '../encode/formats';
import { featureListOf } from '../data/columns';
import { isGenerator } from '../data/generators';
import { headerNow } from '../data/headerNow';
import { modelOf } from '../engine/models';
import { OPTIMIZERS, optimizerOf, type OptimizerName } from '../engine/optimizers';
import type { PanelName } from '../types';
import type { Warn, Warning } from '../warnings';
import { messages, usageError } from '../errors';
import { kindOf, kindWords, type OutputSpec } from './outputs';
import { randomStarts } from './starts';
import type { RunLayout } from './resolve';
import { OPTION_TABLE, flagOf, type Applies, type LayoutName, type OptionSpec, type RunOptions } from './table';

/** What decides whether a given option can change the run. */
export interface RunShape {
  outputs: readonly OutputSpec[];
  series: readonly { optimizer: OptimizerName }[];
  /** Whether the summary (where --trajectory goes) is written anywhere. */
  summary: boolean;
  layout: RunLayout;
  panels: readonly PanelName[];
}

const or = (items: readonly string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`);

/** Whether the run's built-in function reads this setting (an expression reads none). */
function functionReads(o: RunOptions, param: 'condition' | 'angle'): boolean {
  if (o.expr !== undefined || o.function === undefined) return false;
  const { FUNCTION_REGISTRY, isFunctionName } = require('../engine/functions') as typeof import('../engine/functions');
  if (!isFunctionName(o.function)) return false;
  return (FUNCTION_REGISTRY[o.function].params ?? []).includes(param);
}

/**
 * An optionIgnored warning for every option that was given but cannot change this run, read from the
 * table's `applies`: nobody should wait for a change that cannot come.
 */
export function ignoredOptions(o: RunOptions, shape: RunShape): Warning[] {
  const out: Warning[] = [];
  for (const [key, spec] of Object.entries(OPTION_TABLE) as [keyof RunOptions, OptionSpec][]) {
    if (o[key] === undefined || !spec.applies) continue;
    const reason = whyIgnored(spec.applies, o, shape);
    // A switch turned off is named as it was given.
    const option = spellingOf(key, o[key]);
    // width and height are both --size: one warning.
    if (reason && !out.some((w) => w.code === 'optionIgnored' && w.option === option)) out.push({ code: 'optionIgnored', option, reason });
  }
  return out;
}

/** The widening reason when `a` does not hold for this run, else null. */
export function whyIgnored(a: Applies, o: RunOptions, shape: RunShape): string | null {
  const kinds = shape.outputs.filter((x) => !x.poster).map(kindOf);
  const optimizers = shape.series.map((s) => optimizerOf(s.optimizer));
  if (a.objective === 'data' && o.model === 'function') return 'a function has no data';
  // A landscape is deterministic: no data to draw, and the optimizers that sample are refused.
  if (a.seeded && o.model === 'function' && !randomStarts(o)) return typeof o.starts === 'string' ? 'a function has no randomness to seed, and a grid of starts none' : 'a function has no randomness to seed';
  if (a.objective === 'function' && o.model !== 'function') return 'it applies to mlvis function';
  if (a.functionParam && o.model === 'function' && !functionReads(o, a.functionParam)) return 'it applies to mlvis function quadratic';
  if (a.needs === 'data' && o.data === undefined) return 'it applies to --data';
  if (a.needs === 'synthetic' && o.data !== undefined && !isGenerator(o.data)) return 'it applies to synthetic data (no --data, or --data moons, circles, xor or spirals)';
  if (a.needs === 'data' && (isGenerator(o.data) || (o.model === 'mlp' && o.data === undefined))) return 'the generated data sets have two features, x1 and x2, and two classes';
  if (a.needs === 'out' && kinds.length === 0) return 'nothing is drawn without --out';
  // stdout has no folder to put OUT.json in: a manifest asked for only there would silently not exist.
  if (a.needs === 'file' && !shape.outputs.some((x) => x.path !== '-')) return kinds.length === 0 ? 'nothing is drawn without --out' : 'stdout (--out -) gets no manifest; it applies to --out FILE';
  if (a.needs === 'summary' && !shape.summary) return 'it applies to --summary';
  if (a.needs === 'stdin' && o.data !== '-') return 'it applies to data "-"';
  if (a.needs === 'stdout' && !shape.outputs.some((x) => x.path === '-' || formatApplies(x.format)?.named)) return 'it applies to --out - (stdout) and to --out NAME.json (--format player); other outputs take the format from their extension';
  if (a.needs === 'several' && shape.series.length < 2 && o.starts === undefined) return 'it applies to a race (several --optimizer) or a sweep (a list for --lr, --momentum or --batch-size)';
  if (a.view && (o.view ?? '2d') !== a.view) return `it applies to --view ${a.view}`;
  const models: readonly string[] | undefined = a.model === undefined ? undefined : typeof a.model === 'string' ? [a.model] : a.model;
  if (models && !models.includes(o.model)) return `it applies to mlvis ${models.join(' or mlvis ')}`;
  if (a.manyWeights && o.model === 'poly' && (o.degree ?? 3) < 2) return 'a degree-1 polynomial has two weights: the surface is drawn in those two';
  if (a.manyWeights && o.model !== 'poly' && o.model !== 'mlp' && o.model !== 'softmax' && !twoFeatures(o)) return 'it applies to more than two weights: mlvis poly, or regression on two features (--x a,b)';
  if (a.rawX && o.model === 'poly') return 'mlvis poly always trains on standardized powers of x';
  if (a.rawX && (o.model === 'mlp' || o.model === 'softmax')) return `mlvis ${o.model} always trains on standardized inputs`;
  // From stdin or a pipe the count is known only with the data: said then, if still so (index.ts).
  if (a.rawX && twoFeatures(o) && featureCountKnown(o)) return rawXIgnored(o.model, featureCount(o));
  if (a.target && modelOf(o.model).target !== a.target) return `it applies to ${a.target === 'classes' ? 'logistic' : 'linear'} regression`;
  // Softmax takes every label as a class, named by itself.
  if (a.target === 'classes' && o.model === 'softmax') return 'mlvis softmax takes every label of y as a class, by its own name';
  if (a.param && !optimizers.some((x) => x.params.includes(a.param!))) {
    const users = OPTIMIZERS.filter((n) => optimizerOf(n).params.includes(a.param!));
    return `it applies to --optimizer ${or(users)}`;
  }
  if (a.outputs && !kinds.some((k) => a.outputs!.includes(k))) {
    if (kinds.length === 0) return 'nothing is drawn without --out';
    return `it applies to ${or(a.outputs.map(kindWords))} output`;
  }
  if (a.outputs && a.toFile && !shape.outputs.some((x) => !x.poster && x.path !== '-' && a.outputs!.includes(kindOf(x)))) {
    return `stdout (--out -) has no folder to write beside; it applies to ${or(a.outputs.map(kindWords))} output written to a file`;
  }
  // The comparison draws the two loss surfaces and nothing else on them.
  if (shape.layout === 'compare' && kinds.length > 0 && (a.layouts || a.panel)) {
    return a.panel === 'fit' || a.layouts ? '--compare-standardize draws only the two loss surfaces' : '--compare-standardize draws only the paths, starts and minima';
  }
  // Many starts are drawn on the loss surface alone.
  if (o.starts !== undefined && kinds.length > 0 && (a.layouts || (a.panel && a.panel !== 'surface'))) return '--starts draws only the loss surface';
  if (a.layouts && kinds.length > 0 && !a.layouts.includes(shape.layout as 'single' | LayoutName)) return `--layout ${shape.layout} draws one loss surface per series`;
  if (a.stochastic && !optimizers.some((x) => x.sampling)) {
    return `it applies to --optimizer ${or(OPTIMIZERS.filter((n) => optimizerOf(n).sampling))}`;
  }
  if (a.panel && kinds.length > 0) {
    // A grid draws one loss surface per series and no other panel.
    if (shape.layout === 'grid') {
      if (a.panel !== 'surface') return `--layout grid draws only loss surfaces, no ${a.panel} panel`;
    } else {
      const panels = o.panels ?? (OPTION_TABLE.panels.default as readonly string[]);
      if (!panels.includes(a.panel)) return `it applies to the ${a.panel} panel, which --panels leaves out`;
    }
  }
  // A network's start is seeded whatever its data; generated data is drawn from the seed.
  if (a.seeded && o.data !== undefined && !isGenerator(o.data) && o.model !== 'mlp' && !optimizers.some((x) => x.stochastic)) {
    return 'it applies to synthetic data and to --optimizer sgd or minibatch';
  }
  return null;
}

/** Models always trained on standardized inputs: nothing to compare raw against (poly, mlp, softmax, two features). */
export function alwaysStandardized(o: RunOptions): boolean {
  return STANDARDIZED_MODELS.includes(o.model) || twoFeatures(o);
}

/** The models that train on standardized inputs whatever the data: their help hides the raw-x switches. */
export const STANDARDIZED_MODELS: readonly string[] = ['poly', 'mlp', 'softmax'];

/** --x a,b[,c…] on linear or logistic regression (with data to read them from). */
export function twoFeatures(o: RunOptions): boolean {
  return (o.model === 'linear' || o.model === 'logistic') && o.data !== undefined && featureCount(o) > 1;
}

/** Why --standardize and its kin change nothing on a regression on several feature columns. */
export function rawXIgnored(model: string, features: number): string {
  return `${model} regression on ${features === 2 ? 'two' : 'several'} features always trains on standardized columns`;
}

/** Whether featureCount read the header (or --x holds no comma): else a column named "w, kg" may count as two. */
export function featureCountKnown(o: RunOptions): boolean {
  return !o.x?.includes(',') || headerNow(o.data) !== null;
}

/**
 * How many feature columns --x names: a comma between each, except within a column's own name ("w, kg",
 * one column), as the data stage reads them (featureNames) when the header can be read now (headerNow);
 * else every comma counts.
 */
export function featureCount(o: RunOptions): number {
  if (!o.x?.includes(',')) return 1;
  const header = headerNow(o.data);
  if (!header) return o.x.split(',').length;
  return featureListOf(o.x, header)?.length ?? 1;
}

/** The flag as given: --no-standardize for a negatable switch set to false. */
function spellingOf(key: keyof RunOptions, value: unknown): string {
  const spec = (OPTION_TABLE as Record<string, OptionSpec>)[key];
  return value === false && spec?.negatable && spec.flag ? `--no-${spec.flag.slice(2)}` : flagOf(key);
}

/**
 * The x columns the data gave, against what options judged by counting them before it came (by the header
 * where it could be read then, headerNow; from stdin or a FIFO a column named "w, kg" is only known as one
 * here). --init: a regression on k columns has k + 1 weights, and a count that does not match is refused,
 * never cut or padded (the newcomer review found "--init 5,7,9" run as 5,7).
 */
export function refuseColumnsSeenLate(options: RunOptions, config: { model: string; landscape?: unknown }, columns: number, warn: Warn = () => {}): void {
  if ((config.model !== 'linear' && config.model !== 'logistic') || config.landscape) return;
  const p = 1 + columns;
  if (options.init !== undefined && options.init.length !== p) {
    throw usageError(p === 2 ? messages.badInit(options.init.join(','), 'W0,W1 (one x column)', '-2,5') : messages.featureInit(options.init, p));
  }
  // The options judged by the column count before the data came (standardization, the plane), when that count
  // was not the data's: refused rather than run as judged (the hostile review found "--no-standardize is
  // ignored" said of a one-column run that then trained raw).
  if (featureCount(options) === columns) {
    // Counted right, but only now that the data came: what options could not say of the raw-x switches.
    if (!featureCountKnown(options) && columns > 1) {
      for (const key of ['standardize', 'compareStandardize'] as const) {
        if (options[key] !== undefined) warn({ code: 'optionIgnored', option: spellingOf(key, options[key]), reason: rawXIgnored(config.model, columns) });
      }
    }
    return;
  }
  const judged = (['standardize', 'compareStandardize', 'plane'] as const).filter((k) => options[k] !== undefined).map((k) => spellingOf(k, options[k]));
  if (judged.length > 0) throw usageError(messages.columnsKnownLate(options.x!, columns, featureCount(options), judged));
}
