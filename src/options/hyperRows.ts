/**
 * The option-table rows of the optimizers' hyper-parameters, generated from their declarations
 * (engine/optimizers/hyperParams.ts) and the registry: the flag, default and range come from the
 * declaration; the help line names the optimizers that read each one (grouped by what it means to them) and
 * the default each of them takes. A new optimizer or hyper-parameter adds no line here.
 */
import * as v from 'valibot';
import { HYPER_PARAMS, HYPER_PARAM_NAMES, OPTIMIZERS, optimizerOf, type HyperParam, type HyperParamSpec, type Range } from '../engine/optimizers';
import { finite, int, oneOrList, parseDecimal, parseNumbers } from './kinds';
import type { OptionSpec } from './table';

type Declared<K extends HyperParam> = (typeof HYPER_PARAMS)[K];
type RowSchema<K extends HyperParam> = Declared<K> extends { sweep: true } ? v.GenericSchema<number | number[]> : v.GenericSchema<number>;
export type HyperRows = { [K in HyperParam]: OptionSpec<RowSchema<K>> };

/** The valibot schema of a range, with the same words as the table's other numbers ("must be less than 1"). */
export function rangeSchema(r: Range): v.GenericSchema<number> {
  if (r.integer) return int(r.min, r.max);
  let s: v.GenericSchema<number> = finite;
  if (r.min > -Infinity) s = v.pipe(s, r.minOpen ? v.gtValue(r.min, `must be greater than ${r.min}`) : v.minValue(r.min, `must be at least ${r.min}`));
  if (r.max < Infinity) s = v.pipe(s, r.maxOpen ? v.ltValue(r.max, `must be less than ${r.max}`) : v.maxValue(r.max, `must be at most ${r.max}`));
  return s;
}

/** "adam, nadam: first-moment decay; lion: …": the readers of `key`, grouped by what it means to each. */
function helpOf(key: HyperParam): string {
  // The declared meaning first, then each optimizer's own.
  const groups = new Map<string, string[]>([[HYPER_PARAMS[key].help, []]]);
  for (const name of OPTIMIZERS) {
    const o = optimizerOf(name);
    if (!o.params.includes(key)) continue;
    const help = o.paramHelp?.[key] ?? HYPER_PARAMS[key].help;
    groups.set(help, [...(groups.get(help) ?? []), name]);
  }
  return [...groups]
    .filter(([, names]) => names.length > 0)
    .map(([help, names]) => `${names.join(', ')}: ${help}`)
    .join('; ');
}

/** The readers whose own default differs from the declared one: "0.999; rmsprop 0.9; lion 0.99"; null when none does. */
function ownDefaults(key: HyperParam): string | null {
  const own = OPTIMIZERS.map((name) => [name, optimizerOf(name)] as const).filter(([, o]) => o.params.includes(key) && o.defaults?.[key] !== undefined);
  if (own.length === 0) return null;
  return [String(HYPER_PARAMS[key].default), ...own.map(([name, o]) => `${name} ${o.defaults![key]}`)].join('; ');
}

function rowOf(key: HyperParam): OptionSpec {
  const p: HyperParamSpec = HYPER_PARAMS[key];
  const sweep = p.sweep === true;
  const what = p.range.integer ? 'a whole number' : 'a number';
  const item = rangeSchema(p.range);
  const own = ownDefaults(key);
  return {
    flag: p.flag,
    arg: p.arg,
    group: 'Training',
    schema: sweep ? oneOrList(item) : item,
    parse: sweep ? (raw, flag) => parseNumbers(flag, raw, what) : (raw, flag) => parseDecimal(flag, raw, what),
    // With optimizers of their own default, none is filled in here: the descent takes each one's.
    ...(own === null ? { default: p.default } : { defaultText: own }),
    applies: { param: key },
    help: helpOf(key),
  };
}

/** Every hyper-parameter's row, in declaration order. */
export function hyperRows(): HyperRows {
  return Object.fromEntries(HYPER_PARAM_NAMES.map((k) => [k, rowOf(k)])) as HyperRows;
}
