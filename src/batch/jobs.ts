/**
 * A jobs file: `{"defaults": {…}, "jobs": [{…}, …]}` or a bare array of jobs, each with the library's
 * options by name (the command line's long names in camelCase). The whole file is checked before anything
 * renders; every problem is reported at once, by job index and JSON key.
 */
import * as v from 'valibot';
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { OPTION_TABLE, outputOf, resolveConfig, type Format, type RunConfig, type RunOptions } from '../config';
import { libraryOptions, meantBy } from '../options/spellings';
import { findDataset } from '../data';
import { messages, MlvisError, usageError } from '../errors';
import { issueWords, librarySchema } from '../options/schema';
import { flagOf } from '../options/table';
import { clashesBetween } from './clashes';
import { checkJson, type JsonPath } from './jsonCheck';
import { filesWritten, nameProblem } from '../pipeline/clashes';

export interface Job {
  /** Position in the file's job list, from 0: how the job is named in messages, tables and summaries. */
  index: number;
  options: RunOptions;
  config: RunConfig;
}

/**
 * Reads and checks a whole jobs file; `base` is the folder relative paths in it resolve against. `forced`
 * options are set on every job over what the file says (the batch's --manifest).
 */
export function readJobs(text: string, base: string, source: string, forced: Partial<RunOptions> = {}): Job[] {
  const { defaults, jobs } = shapeOf(parseJobs(text, source), source);
  // A bad key in the defaults is one problem, said once, not once per job.
  const given = libraryOptions(defaults, (name) => `defaults${name ? `.${name}` : ''}`);
  const problems: string[] = [...given.problems];
  problems.push(
    ...Object.keys(given.options)
      .filter((k) => !Object.hasOwn(OPTION_TABLE, k))
      .map((k) => `defaults.${messages.unknownOption(k, JSON.stringify(given.options[k]), meantBy(k))}`),
  );
  const known = Object.fromEntries(Object.entries(given.options).filter(([k]) => Object.hasOwn(OPTION_TABLE, k)));
  const out: Job[] = [];
  jobs.forEach((job, index) => {
    if (job === null || typeof job !== 'object' || Array.isArray(job)) {
      problems.push(`jobs[${index}]: is not an object of options`);
      return;
    }
    const own = libraryOptions(job as Record<string, unknown>, (name) => `jobs[${index}]${name ? `.${name}` : ''}`);
    const options = withPaths({ ...known, ...own.options, ...forced }, base);
    if (options.out === '-' || (Array.isArray(options.out) && options.out.includes('-'))) return void problems.push(...own.problems, `jobs[${index}].out: "-" (stdout) is for a single run; a batch job writes files`);
    const found = [...own.problems.map(keyWorded), ...problemsOf(options, index, { ...given.spelled, ...own.spelled })];
    if (found.length > 0) return void problems.push(...found);
    const config = resolveConfig(options as RunOptions);
    // As on the command line: a name no file system takes is refused now, not when the job renders.
    const names = filesWritten(config).map((f) => nameProblem(f.name)).filter((p) => p !== undefined);
    if (names.length > 0) return void problems.push(...names.map((p) => `jobs[${index}].out: ${p}`));
    out.push({ index, options: options as RunOptions, config });
  });
  if (problems.length === 0) problems.push(...clashesBetween(out));
  if (problems.length > 0) throw usageError(messages.badJobs(source, problems));
  return out;
}

/**
 * The jobs file's JSON, with a leading byte-order mark dropped (an editor's "UTF-8 with BOM"). A syntax error
 * is said in one line with its place; a key given twice in one object is refused, not silently the last.
 */
function parseJobs(text: string, source: string): unknown {
  const json = text.replace(/^\uFEFF/, '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    const found = checkJson(json);
    const reason = found && 'syntax' in found ? `line ${found.line}, column ${found.column}: ${found.syntax}` : (e as Error).message.replace(/\s*\n\s*/g, ' ');
    throw usageError(messages.jobsNotJson(source, reason));
  }
  const found = checkJson(json);
  if (found && 'duplicate' in found) throw usageError(messages.badJobs(source, [messages.keyTwice(placeOf(found.at, Array.isArray(parsed)), found.duplicate)]));
  // JSON.parse keeps a "__proto__" key as an own property, but merging a job's options (Object.assign, a
  // spread into an object literal's setter) would turn it into the object's prototype and lose it silently.
  const proto = protoKey(parsed, []);
  if (proto) throw usageError(messages.badJobs(source, [`${placeOf(proto.path, Array.isArray(parsed))}.${messages.unknownOption('__proto__', JSON.stringify(proto.value), undefined)}`]));
  return parsed;
}

/** The place of the first object holding a "__proto__" key, and that key's value; null when there is none. */
function protoKey(value: unknown, path: JsonPath): { path: JsonPath; value: unknown } | null {
  if (value === null || typeof value !== 'object') return null;
  if (!Array.isArray(value) && Object.hasOwn(value, '__proto__')) return { path, value: Object.getOwnPropertyDescriptor(value, '__proto__')!.value };
  for (const [k, child] of Object.entries(value)) {
    const at = protoKey(child, [...path, Array.isArray(value) ? Number(k) : k]);
    if (at) return at;
  }
  return null;
}

/** A place in the jobs file as messages name it: jobs[2], defaults; a bare array's items are jobs too. */
function placeOf(path: JsonPath, bare: boolean): string {
  const parts = bare ? ['jobs', ...path] : path;
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || 'the top level';
}

function shapeOf(parsed: unknown, source: string): { defaults: Record<string, unknown>; jobs: unknown[] } {
  if (Array.isArray(parsed)) return { defaults: {}, jobs: parsed };
  if (parsed === null || typeof parsed !== 'object') throw usageError(messages.jobsShape(source));
  const { defaults = {}, jobs, ...rest } = parsed as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) throw usageError(messages.badJobs(source, extra.map((k) => `${k}: is not "defaults" or "jobs"`)));
  if (!Array.isArray(jobs)) throw usageError(messages.jobsShape(source));
  if (defaults === null || typeof defaults !== 'object' || Array.isArray(defaults)) throw usageError(messages.badJobs(source, ['defaults: is not an object of options']));
  return { defaults: defaults as Record<string, unknown>, jobs };
}

/** Relative paths resolve against the jobs file's folder; a built-in data set's name stays a name. */
function withPaths(o: Record<string, unknown>, base: string): Record<string, unknown> {
  const at = (p: unknown) => (typeof p === 'string' && p !== '' && p !== '-' && !isAbsolute(p) ? resolve(base, p) : p);
  const out = { ...o };
  if (typeof o.data === 'string' && !(/^[^/\\.]+$/.test(o.data) && (findDataset(o.data) || !existsSync(resolve(base, o.data))))) out.data = at(o.data);
  if (o.out !== undefined) out.out = Array.isArray(o.out) ? o.out.map(at) : at(o.out);
  if (typeof o.ffmpeg === 'string' && /[/\\]/.test(o.ffmpeg)) out.ffmpeg = at(o.ffmpeg);
  return out;
}

/** Every schema problem of one job, then (when the schema holds) the first rule it breaks, worded by key. */
function problemsOf(options: Record<string, unknown>, index: number, spelled: Record<string, string>): string[] {
  const at = (key: string) => `jobs[${index}]${key ? `.${spelled[key] ?? key}` : ''}`;
  const unknown = Object.keys(options).filter((k) => !Object.hasOwn(OPTION_TABLE, k));
  const problems = unknown.map((k) => `jobs[${index}].${messages.unknownOption(k, JSON.stringify(options[k]), meantBy(k))}`);
  if (!Object.hasOwn(options, 'model')) problems.push(`${at('model')}: is missing (say "linear" or "logistic")`);
  // Without a prototype, as in resolveConfig: valibot reads keys with for…in.
  const known = Object.assign(Object.create(null), Object.fromEntries(Object.entries(options).filter(([k]) => !unknown.includes(k))));
  const parsed = v.safeParse(librarySchema(), known);
  if (!parsed.success) {
    for (const issue of parsed.issues) {
      const key = String(issue.path?.[0]?.key ?? '');
      if (key !== 'model' || Object.hasOwn(options, 'model')) problems.push(`${at(key)}: ${JSON.stringify(options[key])} ${keyWorded(issueWords(issue))}`);
    }
  }
  // File names are checked even when another key is wrong, so one pass shows every problem.
  for (const out of [options.out ?? []].flat()) {
    if (typeof out !== 'string') continue;
    try {
      outputOf(out, typeof options.format === 'string' ? (options.format as Format) : undefined);
    } catch (e) {
      if (e instanceof MlvisError && !problems.length) continue; // the full check below words it in context
      if (e instanceof MlvisError) problems.push(`${at('out')}: ${keyWorded(e.message.replace(/^--out: /, ''))}`);
    }
  }
  if (problems.length > 0) return problems;
  try {
    resolveConfig(options as RunOptions);
    return [];
  } catch (e) {
    if (!(e instanceof MlvisError)) throw e;
    return [`${at('')}: ${keyWorded(e.message)}`];
  }
}

/** A message for the command line, reworded for JSON keys: --iters becomes iterations, --size width/height. */
export function keyWorded(message: string): string {
  // A flag with a number to give it ("Try --lr 0.39 --iters 21") is advice for a job: written as its JSON,
  // "lr": 0.39, "iterations": 21.
  // A list of numbers ("--init 0,0,0") is a JSON array there: "init": [0, 0, 0].
  let out = message.replace(/--([a-z][a-z0-9-]*) (-?\d[\d.]*(?:e[+-]?\d+)?(?:,-?\d[\d.]*(?:e[+-]?\d+)?)+)(?=[\s;)]|$)/g, (whole, f: string, list: string) => {
    const key = Object.keys(OPTION_TABLE).find((k) => flagOf(k) === `--${f}`);
    return key ? `"${key}": [${list.split(',').join(', ')}]` : whole;
  });
  out = out.replace(/--([a-z][a-z0-9-]*) (-?\d[\d.]*(?:e[+-]?\d+)?)(?=[\s,;)]|$)/g, (whole, f: string, value: string) => {
    const key = Object.keys(OPTION_TABLE).find((k) => flagOf(k) === `--${f}`);
    return key ? `"${key}": ${value}` : whole;
  });
  out = out.replace(/(\d) "([A-Za-z]+)": /g, '$1, "$2": ');
  for (const key of Object.keys(OPTION_TABLE)) {
    const flag = flagOf(key);
    if (flag !== '--size') out = out.split(flag + ' ').join(`${key} `).split(flag + ':').join(`${key}:`).split(flag + ',').join(`${key},`);
  }
  return out.replace(/--size/g, 'width/height').replace(/--([a-z][a-z0-9-]*)/g, (_, f: string) => f.replace(/-([a-z])/g, (__, c: string) => c.toUpperCase()));
}
