/**
 * mlvis, the library. One run is five stages, each a function of the one before:
 *
 *   loadData ──► setUpProblem ──► descendOn × series ──► chooseFrames ──► render ──► encode × outputs
 *   (Dataset)    (models, exact    (one trajectory per     (iterations     (RGBA       (GIF / MP4 /
 *                 optimum: once)    optimizer or value)      to draw)        frames)     WebM / PNG:
 *                                                                                        encode/registry)
 *
 * `run` chains them; each stage is also exported on its own. A race or a sweep is several descents on one
 * problem; several outputs share one training and one drawing of each frame. With --tune, each series' rate
 * is chosen first, by trial descents on the same problem (pipeline/tune.ts). Nothing here prints or exits:
 * warnings and progress go to the hooks the caller passes, errors are thrown as MlvisError with the fix.
 * A feature's policy lives in its own module, which the stages ask (--compare-standardize's shared rate and
 * self-chosen length: pipeline/compareStandardize.ts).
 */
import type { Activation } from './engine/mlp';
import { refuseColumnsSeenLate } from './options/applies';
import { resolveConfig, standardizeFor, type Format, type RunConfig, type RunOptions, type SeriesSpec } from './config';
import { loadDataset, loadDatasetAsync } from './data';
import { splitHoldout } from './data/holdout';
import { descendOn, descendOnAsync, hyperValuesOf, optimizerOf, referenceSettings, setUpProblem, setUpProblemAsync, type BlockReducer, type Descent, type Problem } from './engine';
import { landscapeData, landscapeOf, type Landscape } from './engine/landscape';
import { createCommit, type Commit } from './encode/atomic';
import { messages, runError, usageError } from './errors';
import { animate, shownIterations, type AnimateHooks } from './pipeline/animate';
import { surfaceArrows } from './pipeline/arrows';
import { refuseClashes } from './pipeline/clashes';
import { dropStaleManifests, stageManifests } from './pipeline/manifest';
import { buildScene } from './pipeline/scene';
import { buildCompareScene } from './pipeline/compareScene';
import { afterProbe, probeConfig, sideSettings, sideStandardizations } from './pipeline/compareStandardize';
import { tuneSeries, tuneSeriesAsync, tunedSeries, tuneSummary, tuneWarnings, type Tuning } from './pipeline/tune';
import { descendStarts, descendStartsAsync } from './pipeline/starts';
import { startsScene } from './pipeline/startsScene';
import { startsSummary } from './pipeline/startsSummary';
import { threadedReducer } from './parallel/threads';
import { allowWebAssembly } from './engine/wasm/logisticKernel';
import { addressSpaceLimited } from './limits';
import { addOutputs, buildSummary, type Summary } from './summary';
import type { Dataset, Scene } from './types';
import { forSeries, warningText, type Warn, type Warning } from './warnings';

export { resolveConfig, DEFAULTS, FORMATS, PANELS, THEMES, LAYOUTS, OPTION_TABLE, CLI_OPTIONS, jobJsonSchema } from './config';
export type { RunOptions, RunConfig, Format, OutputSpec, SeriesSpec } from './config';
export { MlvisError, messages } from './errors';
export { listDatasets } from './data';
export { chooseFrames, lossGrid, planeGrid, descend, descendOn, setUpProblem, setUpObjective, MODEL_REGISTRY, OPTIMIZER_REGISTRY } from './engine';
export type { Descent, Problem, ModelDescriptor, OptimizerDescriptor, Objective, ObjectiveSpec, SampledObjective, KnownMinima, KnownPoint } from './engine';
export { buildScene } from './pipeline/scene';
export { plannedFiles, type PlannedFile } from './pipeline/clashes';
export { upToDate, manifestPath, readManifest, VERSION, type Manifest } from './pipeline/manifest';
export { animate, animationFrames, createRenderer, createEncoder } from './pipeline/animate';
export { buildSummary, summaryJson } from './summary';
export type { Summary, SeriesSummary, WrittenFile } from './summary';
export { warningText, type Warning } from './warnings';
export type { BatchOptions, BatchEvent, JobResult, JobStatus, Job } from './batch';

/**
 * Batches (src/batch): loaded on first use, like the renderer and the encoders, so that every other command
 * does not pay for the worker pool at start-up.
 */
const batch = () => require('./batch') as typeof import('./batch');
export const runBatch: typeof import('./batch').runBatch = (jobs, options) => batch().runBatch(jobs, options);
export const checkJobs: typeof import('./batch').checkJobs = (jobs, base) => batch().checkJobs(jobs, base);
export const readJobs: typeof import('./batch').readJobs = (text, base, source) => batch().readJobs(text, base, source);
export * from './types';
export type { Renderer } from './render';
export type { Encoder, EncoderOptions, EncodeResult, OutputFormat, Commit } from './encode';
export { ENCODERS } from './encode/registry';
export type { FormatApplies, FormatEntry } from './encode/registry';

export interface RunHooks extends AnimateHooks {
  /** A warning that does not stop the run: its words, and the warning as data (a code and its values). */
  warn?: (message: string, warning: Warning) => void;
  /** Whether the caller writes the summary anywhere (for the "--trajectory has no effect" warning); default true. */
  summary?: boolean;
  /** Where the caller writes the summary: refused when an output or the data file is the same file. */
  summaryPath?: string;
  /** Where data "-" is streamed from when the options carry no `csv` text (the command line: its stdin). */
  stdin?: NodeJS.ReadableStream;
  /**
   * Called when every output is finished and none is in place yet: a file staged in `commit` here (the
   * command line's --summary) is renamed with the outputs, all or none, and a failure here leaves them all
   * as they were. `summary` lists the outputs.
   */
  beforeCommit?: (summary: Summary, commit: Commit) => Promise<void>;
}

export interface RunResult {
  summary: Summary;
  config: RunConfig;
  /** The bytes of `out: '-'` (with `format`): the file, whole, for the caller to send on (the CLI: stdout). */
  stdout?: Buffer;
}

/** Stage 1: the data of the run. */
export function loadData(config: RunConfig, warn: Warn): Dataset {
  return config.landscape ? landscapeData(landscapeFor(config)) : withHoldout(config, loadDataset(config, warn));
}

/** --holdout: the test rows taken out of the data (see data/holdout.ts). */
function withHoldout(config: RunConfig, data: Dataset): Dataset {
  return config.holdout === undefined ? data : splitHoldout(data, config.holdout, config.seed);
}

/**
 * Stage 1 as the pipeline runs it: a data file (or stdin) is streamed in chunks, decoded and parsed as it
 * comes, interruptible and limited (see loadDatasetAsync); the manifest's hash is of the text that was used,
 * not of the file read again after the render. Built-in sets and synthetic data are loaded the same way.
 */
function loadDataAsync(config: RunConfig, warn: Warn, signal?: AbortSignal, stdin?: NodeJS.ReadableStream): Promise<{ data: Dataset; sha256: string | null }> {
  // A landscape reads no data: its stand-in set is empty and named after it.
  if (config.landscape) return Promise.resolve({ data: landscapeData(landscapeFor(config)), sha256: null });
  return loadDatasetAsync(config, warn, { signal, stdin }).then(({ data, sha256 }) => ({ data: withHoldout(config, data), sha256 }));
}

/** How many x columns the data gave. */
function columnsOf(data: Dataset): number {
  return data.features ? data.features.names.length : 1;
}

/** The run's landscape (`mlvis function`), built once per config. */
const landscapes = new WeakMap<RunConfig, Landscape>();
function landscapeFor(config: RunConfig): Landscape {
  let l = landscapes.get(config);
  if (!l) landscapes.set(config, (l = landscapeOf(config.landscape!)));
  return l;
}

/**
 * Stage 2: the problem, set up once (models, scaling, the exact optimum), then one descent per series.
 * `problems` holds each series' problem: the same one for all, except that --compare-standardize sets up
 * x as it is and standardized x; `problem` is the first (the raw one there).
 */
export function train(config: RunConfig, data: Dataset): Trained {
  const problems = problemsOf(config, data);
  // --tune: each open series' rate is chosen first, by full trial descents (see pipeline/tune.ts).
  const tuning = config.tune ? tuneSeries(config, problems, (i) => settingsOf(config, config.series[i], problems)) : null;
  const descents: Descent[] = [];
  tunedSeries(config, tuning).forEach((spec, i) => {
    const s = settingsOf(config, spec, problems);
    const d = descendOn(problems[i], s);
    const ref = config.referencePath ? referenceSettings(problems[i], d, s) : null;
    descents.push(ref ? { ...d, reference: descendOn(problems[i], ref).trajectory } : d);
  });
  return { problem: problems[0], problems, descents, tuning };
}

export interface Trained {
  problem: Problem;
  problems: Problem[];
  descents: Descent[];
  /** --tune: the grid and every trial (null without it). */
  tuning: Tuning | null;
}

/**
 * Stage 2 as the pipeline runs it: the same descents, heard by a stop signal while they run, with the passes
 * over the rows run by `sums` (shared with worker threads by run(); the same bits as on one thread).
 */
async function trainInterruptibly(config: RunConfig, data: Dataset, signal: AbortSignal | undefined, sums: BlockReducer, warn?: Warn): Promise<Trained> {
  const stopped = () => runError(messages.interrupted());
  const problems = await problemsOfAsync(config, data, signal, stopped, sums);
  // A pair of weights past the model's own (softmax's are known once its classes are), drawn or not.
  const mode = config.planeMode;
  const dim = problems[0].objective.dim;
  if (mode.kind === 'pair' && dim > 2 && (mode.i >= dim || mode.j >= dim)) throw usageError(messages.planePairPast(Math.max(mode.i, mode.j), dim));
  const tuning = config.tune ? await tuneSeriesAsync(config, problems, (i) => settingsOf(config, config.series[i], problems), signal, stopped, warn) : null;
  const series = tunedSeries(config, tuning);
  const descents: Descent[] = [];
  for (let i = 0; i < series.length; i++) {
    const s = settingsOf(config, series[i], problems);
    const d = await descendOnAsync(problems[i], s, signal, stopped);
    // --reference-path: the full-batch descent to compare with; its own warnings are not the run's.
    const ref = config.referencePath ? referenceSettings(problems[i], d, s) : null;
    descents.push(ref ? { ...d, reference: (await descendOnAsync(problems[i], ref, signal, stopped)).trajectory } : d);
  }
  return { problem: problems[0], problems, descents, tuning };
}

/**
 * The problems a run needs, as their standardize settings: --compare-standardize's two (x as it is and
 * standardized, one per series), else one that every series shares.
 */
function problemKinds(config: RunConfig, data: Dataset): boolean[] {
  if (config.landscape) return [false];
  return sideStandardizations(config) ?? [standardizeFor(config, data)];
}

/** Each series' problem, from the problems set up (one shared, or one each). */
function perSeries(config: RunConfig, problems: Problem[]): Problem[] {
  return config.series.map((_, i) => problems[Math.min(i, problems.length - 1)]);
}

function landscapeOption(config: RunConfig): { landscape?: Landscape; degree?: number; mlp?: { hidden: readonly number[]; activation: Activation; seed: string } } {
  if (config.landscape) return { landscape: landscapeFor(config) };
  if (config.model === 'mlp') return { mlp: { hidden: config.hidden, activation: config.activation, seed: config.seed } };
  return config.model === 'poly' ? { degree: config.degree } : {};
}

function problemsOf(config: RunConfig, data: Dataset): Problem[] {
  return perSeries(config, problemKinds(config, data).map((standardize) => setUpProblem(data, { model: config.model, standardize, init: config.init, ...landscapeOption(config) })));
}

/** problemsOf, with each exact optimum found a step at a time so that a stop is heard (see setUpProblemAsync). */
async function problemsOfAsync(config: RunConfig, data: Dataset, signal: AbortSignal | undefined, stopped: () => Error, sums: BlockReducer): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const standardize of problemKinds(config, data)) {
    problems.push(await setUpProblemAsync(data, { model: config.model, standardize, init: config.init, sums, ...landscapeOption(config) }, signal, stopped));
  }
  return perSeries(config, problems);
}

/** A series' descent settings; the comparison's sides share one rate and give no advice (see compareStandardize.ts). */
function settingsOf(config: RunConfig, s: SeriesSpec, problems: readonly Problem[]) {
  const { lr, advise } = config.layout === 'compare' ? sideSettings(config, s, problems) : { lr: s.lr, advise: true };
  return { ...hyperValuesOf(config), ...s, lr, iterations: config.iterations, schedule: config.rateSchedule, seed: config.seed, advise };
}

/**
 * Checks a run without doing it: the options, and that no file would overwrite another, the summary's
 * (`summaryPath`) or the data. Throws the usage error run() would throw; warns nothing. `stdin`: data "-"
 * will be streamed from the caller's stdin (run's hooks.stdin), so no `csv` text is needed.
 */
export function validateRun(options: RunOptions, summaryPath?: string, stdin = false): RunConfig {
  const config = resolveConfig(options, undefined, { stdin });
  refuseClashes(config, summaryPath);
  return config;
}

/** The scene of the run's first output (tests and tools that draw frames themselves). */
export function sceneFromOptions(options: RunOptions): Scene {
  const given = resolveConfig(options);
  const data = loadData(given, () => {});
  refuseColumnsSeenLate(options, given, columnsOf(data));
  const probe = probeConfig(options, given, data);
  const config = probe ? afterProbe(given, train(probe, data)) : given;
  const { problem, problems, descents } = train(config, data);
  // --starts: the one series' descent from the function's start set the rate; the starts are the scene.
  if (config.starts) return startsScene(config, problem, descendStarts(config, problem, descents[0]));
  const groups = sceneGroups(config, descents);
  return sceneOf(config, problem, groups[0].descents, groups[0].labels, problems);
}

/** Stage 3's scene, with --arrows computed at the iterations it will draw. */
function sceneOf(config: RunConfig, problem: Problem, descents: Descent[], labels: string[], problems: Problem[]): Scene {
  const scene = config.layout === 'compare' ? buildCompareScene(config, problems, descents, labels) : buildScene(config, problem, descents, labels);
  return config.arrows ? { ...scene, arrows: surfaceArrows(problem, scene, shownIterations(config, scene)) } : scene;
}

/** A run that writes to stdout: `out: '-'` with the `format` to write. */
export type StdoutRunOptions = RunOptions & { out: '-'; format: Format };

/** The result of a run to stdout: the bytes are always there. */
export interface StdoutRunResult extends RunResult {
  stdout: Buffer;
}

/**
 * The whole pipeline: validate, load, train, and (with outputs) draw and encode. With `out: '-'` the result's
 * `stdout` is typed as the Buffer it always is, so strict callers need no check.
 */
export function run(options: StdoutRunOptions, hooks?: RunHooks): Promise<StdoutRunResult>;
export function run(options: RunOptions, hooks?: RunHooks): Promise<RunResult>;
export async function run(options: RunOptions, hooks: RunHooks = {}): Promise<RunResult> {
  const warn: Warn = (w) => hooks.warn?.(warningText(w), w);
  const given = resolveConfig(options, warn, { summary: hooks.summary ?? true, stdin: hooks.stdin !== undefined });
  refuseClashes(given, hooks.summaryPath);
  // Under an address-space limit the row kernels keep to JavaScript (see addressSpaceLimited): same numbers.
  allowWebAssembly(!addressSpaceLimited());
  const { data, sha256: dataSha256 } = await loadDataAsync(given, warn, hooks.signal, hooks.stdin);
  refuseColumnsSeenLate(options, given, columnsOf(data), warn);
  // Passes over a large data set's rows are shared with worker threads, started on first need and stopped
  // when the run ends, however it ends.
  const sums = threadedReducer({ threads: hooks.threads });
  try {
    return await runOn(options, given, data, dataSha256, sums, warn, hooks);
  } finally {
    await sums.close();
  }
}

/** run() from its data on, with the passes over the rows run by `sums`. */
async function runOn(options: RunOptions, given: RunConfig, data: Dataset, dataSha256: string | null, sums: BlockReducer, warn: Warn, hooks: RunHooks): Promise<RunResult> {
  // --compare-standardize without --iters runs each side as long as it needs: a probe run finds how long.
  const probe = probeConfig(options, given, data);
  const config = probe ? afterProbe(given, await trainInterruptibly(probe, data, hooks.signal, sums)) : given;
  warnWholeBatches(options, config, data, warn);
  const { problem, problems, descents, tuning } = await trainInterruptibly(config, data, hooks.signal, sums, warn);
  // --starts: the descent from the function's own start sets the one rate (--lr, or its default); its
  // warnings are about that start, which is not drawn.
  const starts = config.starts ? await descendStartsAsync(config, problem, descents[0], hooks.signal, () => runError(messages.interrupted())) : null;
  for (const w of problem.warnings) warn(w);
  const rates = descents.map((d) => d.lr);
  for (const w of tuneWarnings(config, tuning, rates)) warn(w);
  if (!starts) {
    descents.forEach((d, i) => {
      for (const w of d.warnings) warn(descents.length > 1 ? forSeries(w, config.series[i].label) : w);
    });
  }
  const summary = starts ? startsSummary(config, problem, starts) : buildSummary(config, problem, descents);
  if (tuning) summary.tune = tuneSummary(config, tuning, rates);
  // Every file of the run is renamed into place together, once all have succeeded.
  const commit = createCommit();
  let stdout: Buffer | undefined;
  try {
    for (const group of config.outputs.length > 0 ? sceneGroups(config, descents) : []) {
      const scene = starts ? startsScene(config, problem, starts) : sceneOf(config, problem, group.descents, group.labels, problems);
      const animated = await animate(config, scene, group.suffix, { ...hooks, commit }, warn);
      addOutputs(summary, animated.files, group.seriesIndex);
      stdout ??= animated.stdout;
    }
    if (config.manifest) await stageManifests(options, config, summary, (summary.outputs ?? []).filter((f) => f.path !== '-'), commit, dataSha256);
    else dropStaleManifests(summary.outputs ?? [], commit);
    await hooks.beforeCommit?.(summary, commit);
    if (hooks.signal?.aborted) throw runError(messages.interrupted());
    await commit.commit(hooks.signal);
  } catch (error) {
    await commit.discard();
    throw error;
  }
  return { summary, config, ...(stdout ? { stdout } : {}) };
}

/** A file sweep renders one scene per series; a race, an overlay or a grid one scene of them all. */
function sceneGroups(config: RunConfig, descents: Descent[]) {
  if (config.layout === 'files') {
    return descents.map((d, i) => ({ descents: [d], labels: [config.series[i].label], suffix: config.series[i].suffix, seriesIndex: i as number | undefined }));
  }
  return [{ descents, labels: config.series.map((s) => s.label), suffix: '', seriesIndex: undefined }];
}

/** --batch-size at or above the number of rows makes minibatch plain gd: the option then changes nothing. */
function warnWholeBatches(options: RunOptions, config: RunConfig, data: Dataset, warn: Warn): void {
  if (!Object.hasOwn(options, 'batchSize')) return;
  const n = data.x.length;
  const sizes = new Set(config.series.filter((s) => optimizerOf(s.optimizer).params.includes('batchSize')).map((s) => s.batchSize));
  for (const b of sizes) if (b >= n) warn({ code: 'optionIgnored', option: '--batch-size', reason: messages.wholeBatch(b, n) });
}
