/**
 * The command line: flags -> RunOptions -> one library call. The only place that prints or exits.
 */
import { Command, CommanderError, Option } from 'commander';
import type { SingleBar } from 'cli-progress';
import { DEFAULTS, PANELS, THEMES, type RunOptions } from './config';
import { listDatasets } from './data';
import { SAMPLE_MODES } from './engine/frames';
import { messages, MlvisError, usageError } from './errors';
import { run, summaryJson, type Summary } from './index';
import { reserveText } from './output';
import { OPTIMIZERS, type ModelName, type PanelName, type ThemeName } from './types';


interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Raw flag values as commander gives them: strings, booleans, or undefined. */
type Raw = Record<string, string | boolean | undefined>;

function addRunOptions(cmd: Command, model: ModelName): Command {
  return cmd
    .description(
      model === 'linear'
        ? 'animate gradient descent on linear regression (y = w1*x + w0, mean squared error)'
        : 'animate gradient descent on logistic regression (p = sigmoid(w1*x + w0), cross-entropy)',
    )
    .option('--data <name|path>', 'a built-in data set (see "mlvis datasets") or a CSV file; default: synthetic data')
    .option('--x <column>', 'x column of the CSV (default: the suggested or first numeric column)')
    .option('--y <column>', 'y column of the CSV (default: the suggested or second numeric column)')
    .option('--positive <value>', 'logistic: the label that counts as 1 (all others are 0)')
    .option('--points <n>', `synthetic data: number of points (default ${DEFAULTS.points})`)
    .option('--noise <s>', 'synthetic data: noise standard deviation (default 1)')
    .option('--seed <s>', `seed for synthetic data and sample order (default "${DEFAULTS.seed}")`)
    .addOption(new Option('--optimizer <name>', 'optimizer (default gd)').choices(OPTIMIZERS))
    .option('--lr <a>', 'learning rate (default: chosen from the data, see README)')
    .option('--iters <n>', `iterations, i.e. updates (default ${DEFAULTS.iterations})`)
    .option('--batch-size <b>', `minibatch: samples per step (default ${DEFAULTS.batchSize})`)
    .option('--momentum <b>', `momentum, nesterov: momentum coefficient (default ${DEFAULTS.momentum})`)
    .option('--beta1 <b>', `adam: first-moment decay (default ${DEFAULTS.beta1})`)
    .option('--beta2 <b>', 'adam: second-moment decay (default 0.999); rmsprop: decay of its running mean (default 0.9)')
    .option('--eps <e>', `adagrad, rmsprop, adam: epsilon (default ${DEFAULTS.eps})`)
    .option('--init <w0,w1>', 'starting weights (default 0,0; e.g. --init -2,5)')
    .option('--standardize', 'train on standardized x; report everything in the data units (default for built-in data sets)')
    .option('--no-standardize', 'train on x as it is (the default for CSV files and synthetic data)')
    .option('--out <file>', 'write the animation: .gif, .mp4, .webm, or .png (a still; frames/%04d.png for every frame)')
    .option('--size <WxH>', `frame size in pixels (default ${DEFAULTS.width}x${DEFAULTS.height})`)
    .option('--panels <list>', 'panels, comma-separated from surface, fit, loss (default surface,fit)')
    .addOption(new Option('--theme <name>', 'colour theme (default light)').choices(THEMES as string[]))
    .option('--frames <n>', `number of frames (default ${DEFAULTS.frames})`)
    .option('--every <k>', 'take every k-th iteration as a frame instead of --frames')
    .addOption(new Option('--sample <mode>', 'how frames are spread over the iterations (default adaptive)').choices(SAMPLE_MODES))
    .option('--fps <n>', `frames per second (default ${DEFAULTS.fps})`)
    .option('--hold <s>', `seconds to hold the final frame (default ${DEFAULTS.hold})`)
    .option('--loop <n>', 'GIF: play n times (default 0 = forever)')
    .option('--frame <k|last>', 'PNG still: the iteration to draw (default last)')
    .option('--ffmpeg <path>', 'ffmpeg binary for MP4/WebM (default: bundled; or set MLVIS_FFMPEG)')
    .option('--summary <path|->', 'write the run summary as JSON to a file, or - for stdout')
    .option('--trajectory', 'include every iteration in the summary')
    .option('--quiet', 'no warnings or progress on stderr')
    .option('--verbose', 'show stack traces on errors');
}

/** Plain decimal numbers only: Number() would also take "0x10", "Infinity" and "" (as 0). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

const num = (flag: string, value: string | undefined, what = 'a number'): number | undefined => {
  if (value === undefined) return undefined;
  const t = value.trim();
  const n = DECIMAL.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(n)) throw usageError(messages.badNumber(flag, value, what));
  return n;
};

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/** Turns commander's raw values into library options; every conversion error is a usage error. */
export function toRunOptions(model: ModelName, raw: Raw, env: NodeJS.ProcessEnv = process.env): RunOptions {
  const o: RunOptions = { model };
  const s = (k: string) => str(raw[k]);
  o.data = s('data');
  o.x = s('x');
  o.y = s('y');
  o.positive = s('positive');
  o.points = num('--points', s('points'), 'a whole number');
  o.noise = num('--noise', s('noise'));
  o.seed = s('seed');
  o.optimizer = s('optimizer') as RunOptions['optimizer'];
  o.lr = num('--lr', s('lr'));
  o.iterations = num('--iters', s('iters'), 'a whole number');
  o.batchSize = num('--batch-size', s('batchSize'), 'a whole number');
  o.momentum = num('--momentum', s('momentum'));
  o.beta1 = num('--beta1', s('beta1'));
  o.beta2 = num('--beta2', s('beta2'));
  o.eps = num('--eps', s('eps'));
  const init = s('init');
  if (init !== undefined) {
    const parts = init.split(',');
    const pair = parts.map((p) => (DECIMAL.test(p.trim()) ? Number(p) : NaN));
    if (parts.length !== 2 || !pair.every(Number.isFinite)) throw usageError(messages.badInit(init));
    o.init = [pair[0], pair[1]];
  }
  o.standardize = typeof raw.standardize === 'boolean' ? raw.standardize : undefined;
  o.out = s('out');
  const size = s('size');
  if (size !== undefined) {
    const m = /^\s*(\d+)\s*[xX×]\s*(\d+)\s*$/.exec(size);
    if (!m) throw usageError(messages.badSize(size));
    o.width = Number(m[1]);
    o.height = Number(m[2]);
  }
  const panels = s('panels');
  if (panels !== undefined) {
    const list = panels.split(',').map((p) => p.trim()).filter((p) => p !== '');
    if (list.length === 0) throw usageError(messages.noPanels());
    for (const p of list) if (!PANELS.includes(p as PanelName)) throw usageError(messages.badChoice('--panels', p, PANELS));
    o.panels = list as PanelName[];
  }
  o.theme = s('theme') as ThemeName | undefined;
  o.frames = num('--frames', s('frames'), 'a whole number');
  o.every = num('--every', s('every'), 'a whole number');
  o.sample = s('sample') as RunOptions['sample'];
  o.fps = num('--fps', s('fps'));
  o.hold = num('--hold', s('hold'));
  o.loop = num('--loop', s('loop'), 'a whole number');
  const frame = s('frame');
  if (frame !== undefined) o.frame = frame.trim() === 'last' ? 'last' : num('--frame', frame, 'a whole number or "last"');
  o.ffmpeg = s('ffmpeg') ?? (env.MLVIS_FFMPEG || undefined);
  o.trajectory = raw.trajectory === true ? true : undefined;
  for (const k of Object.keys(o) as (keyof RunOptions)[]) if (o[k] === undefined) delete o[k];
  return o;
}

function humanReport(s: Summary): string {
  const f = (v: number) => Number(v.toPrecision(8)).toString();
  const lines = [
    `${s.model} regression, ${s.optimizer}, lr ${f(s.lr)}, ${s.iterations} iterations on ${s.data.source} (n = ${s.data.n})`,
    `final:   w0 = ${f(s.final.w0)}, w1 = ${f(s.final.w1)}, loss = ${f(s.final.loss)}`,
    s.optimum
      ? `optimum: w0 = ${f(s.optimum.w0)}, w1 = ${f(s.optimum.w1)}, loss = ${f(s.optimum.loss)}`
      : 'optimum: none (the loss has no finite minimum)',
  ];
  return lines.join('\n') + '\n';
}

async function runCommand(model: ModelName, raw: Raw, io: Io): Promise<void> {
  const quiet = raw.quiet === true;
  const warn = (m: string) => {
    if (!quiet) io.stderr.write(`mlvis: warning: ${m}\n`);
  };
  const options = toRunOptions(model, raw);
  const summaryTo = str(raw.summary);
  let bar: SingleBar | undefined;
  const progress =
    !quiet && io.stderr.isTTY
      ? (done: number, total: number) => {
          if (!bar) {
            const { Presets, SingleBar } = require('cli-progress') as typeof import('cli-progress');
            bar = new SingleBar(
              { stream: io.stderr as NodeJS.WritableStream, format: 'mlvis [{bar}] {value}/{total} frames', hideCursor: true },
              Presets.shades_classic,
            );
            bar.start(total, 0);
          }
          bar.update(done);
        }
      : undefined;
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  // The summary file is reserved first: an unwritable destination fails before anything is drawn.
  const summaryFile = summaryTo !== undefined && summaryTo !== '-' ? await reserveText(summaryTo) : undefined;
  let result;
  try {
    result = await run(options, { warn, progress, signal: controller.signal });
  } catch (error) {
    await summaryFile?.discard();
    throw error;
  } finally {
    bar?.stop();
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
  const { summary } = result;
  if (summaryTo === '-') io.stdout.write(summaryJson(summary));
  else if (summaryFile) await summaryFile.commit(summaryJson(summary));
  else if (summary.out === undefined) io.stdout.write(humanReport(summary));
  if (summary.out !== undefined && !quiet) {
    io.stderr.write(`mlvis: wrote ${summary.out} (${summary.frames} frame${summary.frames === 1 ? '' : 's'}, ${formatBytes(summary.bytes ?? 0)})\n`);
  }
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(2)} MB`;
}

function datasetsCommand(io: Io): void {
  for (const d of listDatasets()) {
    io.stdout.write(`${d.name}  (${d.rows} rows)  ${d.description}\n`);
    io.stdout.write(`  linear:   --x ${JSON.stringify(d.suggested.linear.x)} --y ${JSON.stringify(d.suggested.linear.y)}\n`);
    const lg = d.suggested.logistic;
    io.stdout.write(`  logistic: --x ${JSON.stringify(lg.x)} --y ${JSON.stringify(lg.y)}${lg.positive ? ` --positive ${JSON.stringify(lg.positive)}` : ''}\n`);
    if (d.suggested.standardize) io.stdout.write('  trained on standardized x by default (--no-standardize to turn off)\n');
    io.stdout.write(`  source:   ${d.source} (${d.licence})\n`);
  }
}

/** Builds the program; exported so tests can run it in-process. */
export function program(io: Io, onAction: (p: Promise<void>) => void): Command {
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
  for (const model of ['linear', 'logistic'] as const) {
    addRunOptions(cmd.command(model), model)
      .exitOverride()
      .action((raw: Raw) => onAction(runCommand(model, raw, io)));
  }
  cmd
    .command('datasets')
    .description('list the built-in data sets with their suggested columns')
    .action(() => onAction(Promise.resolve(datasetsCommand(io))));
  return cmd;
}

/** Runs the CLI; resolves to the exit code. Errors become one line on stderr (a stack only with --verbose). */
export async function runCli(argv: string[], io: Io = process): Promise<number> {
  const verbose = argv.includes('--verbose');
  let pending: Promise<void> | undefined;
  try {
    program(io, (p) => {
      pending = p;
    }).parse(argv);
    if (pending) await pending;
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      if (err.code === 'commander.help') return 2; // no command given: the help went to stderr
      const text = err.message.replace(/^error:\s*/, '').split('\n')[0];
      io.stderr.write(`mlvis: ${text} (see "mlvis --help")\n`);
      return 2;
    }
    if (err instanceof MlvisError) {
      io.stderr.write(`mlvis: ${err.message}\n`);
      if (verbose && err.stack) io.stderr.write(err.stack + '\n');
      return err.exitCode;
    }
    const e = err as Error;
    io.stderr.write(`mlvis: unexpected error: ${e?.message ?? String(err)} (rerun with --verbose for details)\n`);
    if (verbose && e?.stack) io.stderr.write(e.stack + '\n');
    return 1;
  }
}

/** Entry point for bin/mlvis.js. */
export function main(argv: string[]): void {
  runCli(argv).then((code) => {
    process.exitCode = code;
  });
}
