/**
 * The names and value forms a job (a jobs file's entry) may use, derived from the option table: the
 * library's keys and values (`iterations: 300`, `panels: ["surface", "fit"]`), and the command line's long
 * names in camelCase with the text the command line takes (`iters: 300`, `size: "800x400"`,
 * `panels: "surface,fit"`, `lr: "0.02,0.2"`). Someone who has written the command can write the job.
 */
import { messages, MlvisError, usageError } from '../errors';
import { parseSize, SIZE } from './kinds';
import { editDistance } from './resolve';
import { CLI_OPTIONS, OPTION_TABLE, type OptionSpec } from './table';

const TABLE = OPTION_TABLE as Record<string, OptionSpec>;

/** A flag's long name in camelCase, as commander names its attribute: --batch-size → batchSize, --iters → iters. */
export function camelOf(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The command line's name (camelCase) → the table's key, where the two differ (iters → iterations). */
export const FLAG_NAMES: ReadonlyMap<string, string> = new Map(
  Object.entries({ ...OPTION_TABLE, ...CLI_OPTIONS } as Record<string, OptionSpec>)
    .filter(([, s]) => s.flag)
    .map(([key, s]) => [camelOf(s.flag!), key]),
);

/** --no-FLAG switches in camelCase (noStandardize) → the key they turn off. */
const NEGATIONS: ReadonlyMap<string, string> = new Map(
  Object.entries(TABLE)
    .filter(([, s]) => s.negatable && s.flag)
    .map(([key, s]) => [camelOf(`--no-${s.flag!.slice(2)}`), key]),
);

/** One entry of a job after its spelling is read: the keys it sets, or what is wrong with its value. */
interface Read {
  set: Record<string, unknown>;
  problem?: string;
}

/**
 * A job's entries with every spelling turned into the library's keys and values. Unknown names are kept as
 * they are (the caller names them); a value in the command line's text that does not parse is a problem
 * worded by `at(name)` ("jobs[0].lr") and the parser's own reason; two spellings of one option are a problem.
 * `spelled` gives the name each key was written as, for messages about its value.
 */
export function libraryOptions(job: Record<string, unknown>, at: (name: string) => string): { options: Record<string, unknown>; problems: string[]; spelled: Record<string, string> } {
  const options: Record<string, unknown> = {};
  const spelledAs = new Map<string, string>();
  const problems: string[] = [];
  // The model decides how some texts read (a polynomial's --init has one number per weight).
  const model = typeof job.model === 'string' ? job.model : undefined;
  for (const [name, value] of Object.entries(job)) {
    const read = readEntry(name, value, at, model);
    if (read.problem) problems.push(read.problem);
    for (const [key, v] of Object.entries(read.set)) {
      const before = spelledAs.get(key);
      if (before !== undefined) problems.push(`${at('')}: ${before} and ${name} both set ${key}; give it once`);
      else spelledAs.set(key, name);
      options[key] = v;
    }
  }
  return { options, problems, spelled: Object.fromEntries(spelledAs) };
}

function readEntry(name: string, value: unknown, at: (name: string) => string, model?: string): Read {
  try {
    if (name === 'size') {
      if (typeof value !== 'string' || !SIZE.test(value)) throw usageError(messages.badJobSize(JSON.stringify(value)));
      const { width, height } = parseSize(value);
      return { set: { width, height } };
    }
    const negated = NEGATIONS.get(name);
    if (negated !== undefined && !Object.hasOwn(TABLE, name)) return { set: { [negated]: typeof value === 'boolean' ? !value : value } };
    const key = Object.hasOwn(TABLE, name) ? name : (FLAG_NAMES.get(name) ?? name);
    const spec = Object.hasOwn(TABLE, key) ? TABLE[key] : undefined;
    // The command line's text, through the flag's own parser: the same words, the same checks.
    if (typeof value === 'string' && spec?.parse && spec.flag) return { set: { [key]: spec.parse(value, spec.flag, model) } };
    return { set: { [key]: value } };
  } catch (e) {
    if (!(e instanceof MlvisError)) throw e;
    return { set: {}, problem: `${at(name)}: ${e.message.replace(/^--[a-z0-9-]+:\s*/, '')}` };
  }
}

/**
 * The spelling a job probably meant by an unknown name: one within two edits of a library key or of a
 * command-line name (iter → iters, optimiser → optimizer, batchsize → batchSize), when only one option is that near.
 */
export function meantBy(name: string): string | undefined {
  const spellings = [...Object.keys(TABLE), ...[...FLAG_NAMES].filter(([, key]) => Object.hasOwn(TABLE, key)).map(([n]) => n)];
  const near = spellings.filter((s) => editDistance(s.toLowerCase(), name.toLowerCase()) <= 2);
  const options = new Set(near.map((s) => (Object.hasOwn(TABLE, s) ? s : FLAG_NAMES.get(s))));
  if (options.size !== 1) return undefined;
  return near.sort((a, b) => editDistance(a.toLowerCase(), name.toLowerCase()) - editDistance(b.toLowerCase(), name.toLowerCase()))[0];
}
