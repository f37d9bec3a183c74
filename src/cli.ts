/**
 * The command line: flags -> RunOptions -> one library call. The only place that prints or exits.
 */
import { STANDARDIZED_MODELS } from './options/applies';
import { GENERATORS } from './data/generators';
import { existsSync, rmdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { CLI_OPTIONS, OPTION_TABLE, type OptionSpec, type RunOptions } from './config';
import { listDatasets, loadDataset } from './data';
import { parseSize } from './options/kinds';
import { FLAG_NAMES } from './options/spellings';
import { flagOf } from './options/table';
import { MODELS, modelOf } from './engine/models';
import { OPTIMIZERS, optimizerOf } from './engine/optimizers';
import { messages, MlvisError, runError, stoppedBy, usageError } from './errors';
import { exhaustedResource } from './limits';
import { removeHeldTempsSync, whyUnwritable, type Commit } from './encode/atomic';
import { run, summaryJson, validateRun, type Summary } from './index';
import { refuseOutside } from './pipeline/within';
import { reserveText, type PendingText } from './output';
import { listenForStop, signalReceived } from './stop';
import { writeAll } from './streams';
import { progressReporter, type ProgressMode } from './progress';
import { formatBytes, humanReport } from './report';
import type { BatchFlags } from './batchCli';
import type { ModelName } from './types';
import type { Warning } from './warnings';


/** Where the CLI writes; tests pass their own streams to run it in-process. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Where --data - and `mlvis batch -` read from (default: process.stdin). */
  stdin?: NodeJS.ReadableStream;
}

/** Raw flag values as commander gives them: strings, string lists (repeatable flags), booleans, or undefined. */
type Raw = Record<string, string | string[] | boolean | undefined>;

const defaultText = (s: OptionSpec): string | undefined =>
  s.defaultText ?? (s.default === undefined || typeof s.default === 'boolean' ? undefined : Array.isArray(s.default) ? s.default.join(',') : String(s.default));

/** Where `mlvis function --help` words an option of the table its own way. */
const FUNCTION_HELP: Record<string, { arg?: string; help?: string; dflt?: string }> = {
  init: { arg: '<x,y>', help: 'the starting point (e.g. --init -1.5,2)', dflt: "the function's usual start" },
  panels: { dflt: 'surface,loss' },
  optimizer: { help: `optimizer, or 2 to 6 of them to race from the same start: ${OPTIMIZERS.filter((n) => !samples(n)).join(', ')} (sgd and minibatch sample data; a function has none)` },
};

/** Whether an optimizer draws samples of data (sgd, minibatch): refused on a function, so not offered there. */
function samples(name: (typeof OPTIMIZERS)[number]): boolean {
  return optimizerOf(name).needs === 'samples';
}

/** An option only the sampling optimizers read (--batch-size, --reference-path): not listed by mlvis function. */
function onlyForSamples(spec: OptionSpec): boolean {
  const a = spec.applies;
  if (a?.stochastic) return true;
  const param = a?.param;
  return param !== undefined && OPTIMIZERS.filter((n) => optimizerOf(n).params.includes(param)).every(samples);
}

/** Adds every option of the table to a command: flag, help line with its default, group heading. */
function addRunOptions(cmd: Command, model: ModelName): Command {
  cmd.description(modelOf(model).summary);
  const all = { ...OPTION_TABLE, ...CLI_OPTIONS } as Record<string, OptionSpec>;
  for (const [key, spec] of Object.entries(all)) {
    if (!spec.flag) continue;
    // mlvis function names its weights x and y, starts where the function's usual start is, and draws no fit.
    const own = model === 'function' ? FUNCTION_HELP[key] : undefined;
    const dflt = own?.dflt ?? defaultText(spec);
    const choices = spec.choices && !spec.help.includes(spec.choices[0]) ? `: ${spec.choices.join(', ')}` : '';
    const help = (own?.help ?? spec.help) + choices + (dflt !== undefined ? ` (default ${dflt})` : '');
    const arg = own?.arg ?? spec.arg;
    const option = new Option(arg ? `${spec.flag} ${arg}` : spec.flag, help).helpGroup(`${spec.group} options:`);
    // Single choices (theme, sample, progress) are checked by commander: its message names the choices.
    if (spec.choices && !spec.parse) option.choices(spec.choices);
    if (spec.repeatable) option.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
    // An option of the other model (--positive, --labels for logistic) is still taken, to warn that it has no
    // effect, but not listed: the help shows what this command can use.
    if (spec.applies?.target && spec.applies.target !== modelOf(model).target) option.hideHelp();
    // Likewise data options on mlvis function, and a function's options on the models of data.
    if (spec.applies?.objective && (spec.applies.objective === 'function') !== (model === 'function')) option.hideHelp();
    if (model === 'function' && onlyForSamples(spec)) option.hideHelp();
    const only = spec.applies?.model;
    // Models trained on standardized inputs always have no raw-x switches; a network and softmax pick their own start.
    const standardizedOnly = STANDARDIZED_MODELS.includes(model);
    if ((only !== undefined && !(typeof only === 'string' ? [only] : only).includes(model as 'poly')) || (spec.applies?.rawX && standardizedOnly)) option.hideHelp();
    if (spec.flag === '--init' && (model === 'mlp' || model === 'softmax')) option.hideHelp();
    cmd.addOption(option);
    if (spec.negatable) {
      const no = new Option(`--no-${spec.flag.slice(2)}`, spec.negatable).helpGroup(`${spec.group} options:`);
      if (spec.applies?.objective && (spec.applies.objective === 'function') !== (model === 'function')) no.hideHelp();
      if (spec.applies?.rawX && standardizedOnly) no.hideHelp();
      cmd.addOption(no);
    }
  }
  return cmd;
}

/** Turns commander's raw values into library options through each option's parser; errors are usage errors. */
export function toRunOptions(model: ModelName, raw: Raw): RunOptions {
  const o: Record<string, unknown> = { model };
  for (const [attr, value] of Object.entries(raw)) {
    const key = FLAG_NAMES.get(attr);
    const spec = key ? (OPTION_TABLE as Record<string, OptionSpec>)[key] : undefined;
    if (!key || !spec || value === undefined) continue;
    if (typeof value === 'boolean') o[key] = value;
    else if (Array.isArray(value)) o[key] = value.length === 1 ? value[0] : value;
    else o[key] = spec.parse ? spec.parse(value, spec.flag!, model) : value;
  }
  const size = typeof raw.size === 'string' ? raw.size : undefined;
  if (size !== undefined) Object.assign(o, parseSize(size));
  return o as RunOptions;
}

/**
 * MLVIS_THREADS: the threads a run may use, itself included (1: none started; the GIF is then encoded and the
 * rows are passed over on the calling thread, as in a batch worker sharing the cores). Unset: the cores.
 */
function threadsFrom(env: NodeJS.ProcessEnv): number | undefined {
  const text = env.MLVIS_THREADS;
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  if (!(Number.isInteger(n) && n >= 1 && n <= 256)) throw usageError(messages.badThreadsEnv(text));
  return n;
}

async function runCommand(model: ModelName, raw: Raw, io: Io, env: NodeJS.ProcessEnv, extra: Partial<RunOptions> = {}): Promise<void> {
  const quiet = raw.quiet === true;
  // With --progress json, stderr carries only JSON lines: warnings become events, "wrote" lines are left out.
  const json = raw.progress === 'json';
  const warn = (m: string, w?: Warning) => {
    if (json) io.stderr.write(JSON.stringify({ event: 'warning', job: 0, ...(w ? { code: w.code } : {}), message: m }) + '\n');
    else if (!quiet) io.stderr.write(`mlvis: warning: ${m}\n`);
  };
  const options = { ...toRunOptions(model, raw), ...extra };
  const threads = threadsFrom(env);
  const summaryTo = typeof raw.summary === 'string' ? raw.summary : undefined;
  if (summaryTo === '-' && [options.out ?? []].flat().includes('-')) throw usageError(messages.stdoutTwice());
  // Data "-" is streamed from stdin by the run itself (never read whole), with the run's limits and stop.
  const stdin = options.data === '-' ? (io.stdin ?? process.stdin) : undefined;
  const progress = progressReporter(raw.progress as ProgressMode | undefined, io.stderr, quiet);
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  // The options are checked before the summary's file is reserved (which creates its folders), and the
  // summary is reserved before the run: an unwritable destination fails before anything is drawn.
  const config = validateRun(options, summaryTo !== undefined && summaryTo !== '-' ? summaryTo : undefined, stdin !== undefined);
  if (typeof raw.within === 'string') refuseOutside(config, summaryTo, raw.within);
  // The signal listeners come before anything is created on disk (the summary's temporary file), and stay
  // until the summary is written: a second Ctrl-C during the clean-up changes nothing.
  const stop = listenForStop();
  // The folders the run will create for its files: a run that ends without committing removes those left empty.
  const made = missingFolders([...config.outputs.map((x) => x.path), ...(summaryTo !== undefined ? [summaryTo] : [])]);
  let summaryFile: PendingText | undefined;
  try {
    summaryFile = summaryTo !== undefined && summaryTo !== '-' ? await reserveText(summaryTo) : undefined;
  } catch (error) {
    stop.dispose();
    removeEmptyFolders(made);
    throw stop.reason(error);
  }
  // A summary file is staged in the run's commit: renamed with the outputs, all or none (a full disk leaves
  // them all as they were). A FIFO or a device cannot be renamed over: it is written after them.
  const staged = summaryFile?.atomic ? summaryFile : undefined;
  let summary: Summary;
  try {
    const log = raw.verbose === true ? (m: string) => io.stderr.write(`mlvis: ${m}\n`) : undefined;
    const beforeCommit = staged ? (s: Summary, commit: Commit) => staged.stage(summaryJson(s), commit) : undefined;
    const result = await run(options, { warn, log, env, threads, progress: progress.frame, signal: stop.signal, stdin, summary: summaryTo !== undefined, summaryPath: summaryFile ? summaryTo : undefined, beforeCommit });
    summary = result.summary;
    const written = (summary.outputs ?? []).map((f) => f.path).filter((p) => p !== '-');
    // A stop that arrived while the summary was being made still counts: nothing more is written. The run's
    // files are already in place by then, and the message says so.
    if (stop.signal.aborted) {
      // A staged summary was renamed with the outputs: the commit, once begun, is finished.
      const all = staged ? [...written, summaryTo!] : written;
      throw runError(all.length > 0 ? messages.interruptedAfterWriting(all, staged !== undefined) : messages.interrupted());
    }
    if (result.stdout) await toStdout(io, result.stdout);
    if (summaryTo === '-') await toStdout(io, summaryJson(summary));
    else if (summaryFile && !staged) await summaryAfter(summaryFile, summaryJson(summary), summaryTo!, written, stop.signal);
  } catch (error) {
    await summaryFile?.discard();
    removeEmptyFolders(made);
    const final = stop.reason(error);
    progress.end(seconds(), [], (final as Error)?.message ?? String(final));
    // With --progress json the failed run's JSON line is its error: stderr stays JSON only.
    if (json && final instanceof MlvisError) throw new Reported(final.exitCode);
    throw final;
  } finally {
    stop.dispose();
  }
  const files = summary.outputs ?? [];
  progress.end(seconds(), files);
  if (files.length === 0 && summaryTo === undefined) await toStdout(io, humanReport(summary));
  if (!quiet && !json) {
    for (const file of files.filter((f) => f.path !== '-')) io.stderr.write(`mlvis: wrote ${file.path} (${file.frames} frame${file.frames === 1 ? '' : 's'}, ${formatBytes(file.bytes)})\n`);
  }
}


/** The folders above `paths` (files; "-" is stdout) that do not exist yet, deepest first: those a run creates. */
function missingFolders(paths: readonly string[]): string[] {
  const missing = new Set<string>();
  for (const path of paths) {
    if (path === '-') continue;
    for (let at = dirname(resolve(path)); !existsSync(at) && dirname(at) !== at; at = dirname(at)) missing.add(at);
  }
  return [...missing].sort((a, b) => b.length - a.length);
}

/**
 * Removes the folders a run created when it ended without committing into them (a stop, a failure): rmdir
 * removes only an empty folder, so one that holds anything (a file committed, another program's) stays.
 */
function removeEmptyFolders(folders: readonly string[]): void {
  for (const folder of folders) {
    try {
      rmdirSync(folder);
    } catch {
      // not empty, or gone already: left as it is
    }
  }
}

/**
 * Writes the summary into a FIFO or a device once the outputs are in place; if that fails (its reader went
 * away), the message says that the files were written and the summary was not.
 */
async function summaryAfter(file: PendingText, text: string, target: string, written: string[], signal: AbortSignal): Promise<void> {
  try {
    await file.commit(text, signal);
  } catch (error) {
    // A stop while the summary waited for its reader: the files are in place already, and the message says so.
    if (signal.aborted && written.length > 0) throw runError(messages.interruptedAfterWriting(written));
    if (signal.aborted || written.length === 0 || !(error instanceof MlvisError)) throw error;
    const { reason, hint } = whyUnwritable(error.cause ?? error);
    throw runError(messages.summaryNotWritten(messages.filesWritten(written), target, reason, hint), error);
  }
}

/** Errors of writes to stdout that a run has reported itself: main's 'error' listener leaves them to it. */
const reportedWrites = new WeakSet<object>();

/**
 * The one line for a failed write to stdout (a full device, an I/O error): Node's own words for the errno
 * ("no space left on device") and its code, never the stack of the write.
 */
export function stdoutError(error: unknown): MlvisError {
  const e = error as NodeJS.ErrnoException | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const text = error instanceof Error ? error.message : String(error);
  return runError(messages.stdoutUnwritable(/^E[A-Z]+: ([^,]+)/.exec(text)?.[1] ?? text, code), error);
}

/**
 * Writes to stdout and waits until it took the bytes. A reader that went away (EPIPE: `| head`) has all it
 * wanted: the command ends quietly with the exit code it had; any other failure is stdoutError's one line.
 */
async function toStdout(io: Io, bytes: Uint8Array | string): Promise<void> {
  try {
    await writeAll(io.stdout, bytes);
  } catch (error) {
    if (error !== null && typeof error === 'object') reportedWrites.add(error);
    if ((error as NodeJS.ErrnoException)?.code === 'EPIPE') throw new Reported(0);
    throw stdoutError(error);
  }
}

/** `mlvis functions`: each built-in function, its formula, domain, default start and known minima. */
async function functionsCommand(io: Io): Promise<void> {
  const { FUNCTIONS, functionOf } = require('./engine/functions') as typeof import('./engine/functions');
  const { knownPoints, pointName } = require('./engine/landscape') as typeof import('./engine/landscape');
  const out: string[] = [];
  const range = (r: readonly [number, number]) => `${r[0]}:${r[1]}`;
  for (const name of FUNCTIONS) {
    const f = functionOf(name);
    out.push(`${name}  ${f.formula}\n  ${f.summary}\n`);
    out.push(`  domain ${range(f.domain.x)},${range(f.domain.y)}  start ${f.init.join(',')}\n`);
    const pts = knownPoints(f.minima);
    const fmt = (v: number) => Number(v.toPrecision(6)).toString();
    if (pts.length > 0) out.push(`  minima: ${pts.map((p) => `${p.kind} ${pointName(p)} f=${fmt(p.loss)}`).join('; ')}\n`);
    else if (f.minima.kind === 'none') out.push(`  no minimum: ${f.minima.why}\n`);
    for (const p of f.stationary ?? []) out.push(`  ${p.kind} at ${pointName(p)} f=${fmt(p.loss)}\n`);
  }
  await toStdout(io, out.join(''));
}

async function datasetsCommand(io: Io): Promise<void> {
  const out: string[] = [];
  // The rows each suggestion leaves out (a missing cell): said here once, not as a warning on every run.
  const gaps = (name: string, model: ModelName) => {
    const skipped = loadDataset({ model, data: name, points: 0, seed: '' }, () => {}).skipped;
    return skipped > 0 ? `  (${messages.builtinSkipped(skipped)})` : '';
  };
  for (const d of listDatasets()) {
    out.push(`${d.name}  (${d.rows} rows)  ${d.description}\n`);
    out.push(`  linear:   --x ${JSON.stringify(d.suggested.linear.x)} --y ${JSON.stringify(d.suggested.linear.y)}${gaps(d.name, 'linear')}\n`);
    const lg = d.suggested.logistic;
    out.push(`  logistic: --x ${JSON.stringify(lg.x)} --y ${JSON.stringify(lg.y)}${lg.positive ? ` --positive ${JSON.stringify(lg.positive)}` : ''}${gaps(d.name, 'logistic')}\n`);
    const sm = d.suggested.softmax;
    if (sm) out.push(`  softmax:  --x ${JSON.stringify(sm.x)} --y ${JSON.stringify(sm.y)}${gaps(d.name, 'softmax')}\n`);
    if (d.suggested.standardize) out.push('  trained on standardized x by default (--no-standardize to turn off)\n');
    out.push(`  source:   ${d.source} (${d.licence})\n`);
  }
  // The generated sets: two features x1, x2 and their classes, drawn from --seed with --points and --noise.
  out.push('\ngenerated (two features x1, x2; --points, --noise, --seed):\n');
  for (const [name, g] of Object.entries(GENERATORS)) out.push(`  ${name.padEnd(8)} ${g.what}, noise ${g.noise} by default (${name === 'blobs' ? 'three classes: softmax' : 'two classes: logistic, mlp, softmax'})\n`);
  await toStdout(io, out.join(''));
}

/**
 * Words after the options that no flag took: name the first, and its likely cause, a space after a comma
 * in a list (--lr 0.1, 0.2 leaves --lr with "0.1," and 0.2 on its own).
 */
function strayArgument(model: ModelName, args: string[], raw: Raw): MlvisError {
  const split = Object.entries(raw).find(([, v]) => typeof v === 'string' && v.trimEnd().endsWith(','));
  const key = split ? FLAG_NAMES.get(split[0]) : undefined;
  const after = key && split ? { flag: flagOf(key), value: split[1] as string } : undefined;
  return usageError(messages.strayArgument(args[0], model, after));
}

/** A batch that ran but had failed jobs: its table already said which; only the exit code is left. */
class BatchFailed extends Error {
  constructor(readonly code: number) {
    super('some jobs failed');
  }
}

/** An error already reported (as a JSON line): only its exit code is left. */
class Reported extends BatchFailed {}

/** Builds the program; exported so tests can run it in-process. */
export function program(io: Io, onAction: (p: Promise<void>) => void, env: NodeJS.ProcessEnv = process.env): Command {
  const cmd = new Command('mlvis')
    .description('turn gradient descent into animations: the loss surface with the descent path beside the fit')
    .version(require('../package.json').version)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: () => {},
    })
    .showSuggestionAfterError(true);
  cmd.addHelpText('after', messages.rootHelp());
  for (const model of MODELS) {
    const sub = addRunOptions(cmd.command(model), model)
      .exitOverride()
      // A stray word is ours to explain (most often a space after a comma in a list), not commander's count.
      .allowExcessArguments(true);
    // mlvis function NAME: the one command with an argument, the function to descend.
    const named = model === 'function';
    if (named) sub.argument('[name]', 'a built-in function (mlvis functions lists them); or give --expr "EXPR"');
    sub.action((...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      const raw = args[args.length - 2] as Raw;
      const stray = command.args.slice(named ? 1 : 0);
      const extra: Partial<RunOptions> = named && typeof args[0] === 'string' ? { function: args[0] } : {};
      onAction(stray.length > 0 ? Promise.reject(strayArgument(model, stray, raw)) : runCommand(model, raw, io, env, extra));
    });
  }
  cmd
    .command('batch')
    .description('render the jobs of a JSON file (or - for stdin) with a pool of worker processes')
    .argument('<jobs.json>', 'a jobs file: {"defaults": {…}, "jobs": [{…}, …]} or an array of jobs')
    .option('--jobs <n>', 'worker processes (default: the number of cores)')
    .option('--shard <I/N>', 'render only every N-th job, starting with the I-th (1-based)')
    .option('--dry-run', 'check the jobs and list what would be rendered')
    .option('--force', 'render jobs whose outputs are up to date too')
    .option('--manifest', 'write OUT.json beside every output of every job, as the "manifest" key does')
    .option('--summary <path|->', "write every job's summary as one JSON array, to a file or - for stdout")
    .option('--within <dir>', 'refuse (before anything renders) any output, manifest or summary that resolves outside DIR, symbolic links followed')
    .addOption(new Option('--progress <mode>', 'json: one JSON line per frame and per job on stderr').choices(['bar', 'json', 'none']))
    .option('--quiet', 'no warnings or table on stderr')
    .option('--verbose', 'show stack traces on errors')
    .addHelpText('after', messages.batchHelp())
    .exitOverride()
    .action((file: string, flags: BatchFlags) =>
      onAction(
        (require('./batchCli') as typeof import('./batchCli')).batchCommand(file, flags, io).then((code) => {
          if (code !== 0) throw new BatchFailed(code);
        }),
      ),
    );
  cmd
    .command('functions')
    .description('list the built-in test functions of mlvis function, with their minima')
    .action(() => onAction(functionsCommand(io)));
  cmd
    .command('datasets')
    .description('list the built-in data sets with their suggested columns')
    .action(() => onAction(datasetsCommand(io)));
  return cmd;
}

/** Whether the command line asks for --progress json (stderr then carries lines a program reads). */
function jsonProgress(argv: readonly string[]): boolean {
  return argv.some((a, i) => a === '--progress=json' || (a === '--progress' && argv[i + 1] === 'json'));
}

/** Runs the CLI; resolves to the exit code. Errors become one line on stderr (a stack only with --verbose). */
export async function runCli(argv: string[], io: Io = process, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const verbose = argv.includes('--verbose');
  // With --progress json, stderr carries only JSON lines, so an error found before the run started (a bad
  // flag, a bad jobs file) is one too: {"event":"error","exit":2,"message":…}.
  const json = jsonProgress(argv);
  const say = (message: string, exit: number): void => {
    io.stderr.write(json ? JSON.stringify({ event: 'error', exit, message }) + '\n' : `mlvis: ${message}\n`);
  };
  let pending: Promise<void> | undefined;
  try {
    program(
      io,
      (p) => {
        pending = p;
      },
      env,
    ).parse(argv);
    if (pending) await pending;
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      if (err.code === 'commander.help') return 2; // no command given: the help went to stderr
      // Commander's second line is its suggestion ("(Did you mean --iters?)"): one line with it.
      const [text, ...more] = err.message.replace(/^error:\s*/, '').split('\n');
      const suggestion = /^\(Did you mean (.+)\?\)$/.exec(more.join(' ').trim())?.[1];
      const command = [argv[2]].find((c) => c === 'batch' || (MODELS as readonly string[]).includes(c));
      say(messages.commanderError(text, suggestion, command), 2);
      return 2;
    }
    if (err instanceof BatchFailed) return err.code;
    if (err instanceof MlvisError) {
      say(err.message, err.exitCode);
      // --expr's picture: the expression and a caret under the bad character, on the lines after the message
      // (not where stderr is read by a program, line by line: --progress json).
      if (!json) for (const line of err.excerpt ?? []) io.stderr.write(`${line}\n`);
      if (verbose && err.stack) io.stderr.write(err.stack + '\n');
      return err.exitCode;
    }
    // Out of files, memory or space: the fix is the machine's limit, said in one line.
    const resource = exhaustedResource(err);
    if (resource) {
      say(resource.message, 1);
      if (verbose && (err as Error)?.stack) io.stderr.write((err as Error).stack + '\n');
      return 1;
    }
    const e = err as Error;
    say(`unexpected error: ${e?.message ?? String(err)} (rerun with --verbose for details)`, 1);
    if (verbose && e?.stack) io.stderr.write(e.stack + '\n');
    return 1;
  }
}

/** Entry point for bin/mlvis.js. */
export function main(argv: string[]): void {
  // A reader that closes stdout early (| head) has all it wants: stdout is written only once the run's files
  // are in place, so end quietly, not with a stack trace. Any other failure (a full device) is one line and
  // exit 1. A write the run awaited (toStdout) is the run's to report; this hears the others (help text) and
  // the error event that may come before the run hears its write fail.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (reportedWrites.has(error)) return;
    removeHeldTempsSync();
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`mlvis: ${stdoutError(error).message}\n`);
    if (argv.includes('--verbose') && error.stack) process.stderr.write(error.stack + '\n');
    process.exit(1);
  });
  // A reader that closes stderr early (2>&1 | head) only stops reading the messages: the run goes on to its own
  // end and exit code. (Exiting here, mid-run, ended it with 0, nothing written and its temporary files left.)
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
  // The last-moment guard: the event loop has run empty while the command's promise is still pending, so it
  // can never settle (a lost wake-up: an awaited thread or child that nothing keeps alive). Node would exit
  // 0 here, with nothing written, and a script would take that for success: end with an internal error,
  // the stop's exit code if a signal came, and no temporary file left.
  let settled = false;
  process.once('beforeExit', () => {
    if (settled) return;
    const signal = signalReceived();
    removeHeldTempsSync();
    process.stderr.write(`mlvis: ${messages.unsettled(signal)}\n`);
    process.exit(signal ? stoppedBy(signal).exitCode : 1);
  });
  runCli(argv).then((code) => {
    settled = true;
    process.exitCode = code;
    // A run stopped by a signal may leave a blocked read behind (a FIFO nobody writes to): do not wait for it.
    if (code >= 128) process.exit(code);
  });
}
