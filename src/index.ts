/**
 * mlvis, the library. One run is five stages, each a function of the one before:
 *
 *   loadData ──► setUpProblem ──► descendOn × series ──► chooseFrames ──► render ──► encode × outputs
 *   (Dataset)    (models, exact    (one trajectory per     (iterations     (RGBA       (GIF / MP4 /
 *                 optimum: once)    optimizer or value)      to draw)        frames)     WebM / PNG)
 *
 * `run` chains them; each stage is also exported on its own. A race or a sweep is several descents on one
 * problem; several outputs share one training and one drawing of each frame. Nothing here prints or exits:
 * warnings and progress go to the hooks the caller passes, errors are thrown as MlvisError with the fix.
 */
import { resolveConfig, standardizeFor, type RunConfig, type RunOptions, type SeriesSpec } from './config';
import { loadDataset, readDataFile, resolveSource } from './data';
import { descendOn, descendOnAsync, optimizerOf, referenceSettings, setUpProblem, type Descent, type Problem } from './engine';
import { createCommit } from './encode/atomic';
import { messages, runError, usageError } from './errors';
import { animate, shownIterations, type AnimateHooks } from './pipeline/animate';
import { surfaceArrows } from './pipeline/arrows';
import { refuseClashes } from './pipeline/clashes';
import { dropStaleManifests, stageManifests, textHash } from './pipeline/manifest';
import { buildScene } from './pipeline/scene';
import { buildCompareScene } from './pipeline/compareScene';
import { addOutputs, buildSummary, type Summary } from './summary';
import type { Dataset, Scene } from './types';
import { forSeries, warningText, type Warn, type Warning } from './warnings';

export { resolveConfig, DEFAULTS, FORMATS, PANELS, THEMES, LAYOUTS, OPTION_TABLE, CLI_OPTIONS, jobJsonSchema } from './config';
export type { RunOptions, RunConfig, Format, OutputSpec, SeriesSpec } from './config';
export { MlvisError, messages } from './errors';
export { listDatasets } from './data';
export { chooseFrames, lossGrid, descend, descendOn, setUpProblem, MODEL_REGISTRY, OPTIMIZER_REGISTRY } from './engine';
export type { Descent, Problem, ModelDescriptor, OptimizerDescriptor } from './engine';
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

export interface RunHooks extends AnimateHooks {
  /** A warning that does not stop the run: its words, and the warning as data (a code and its values). */
  warn?: (message: string, warning: Warning) => void;
  /** Whether the caller writes the summary anywhere (for the "--trajectory has no effect" warning); default true. */
  summary?: boolean;
  /** Where the caller writes the summary: refused when an output or the data file is the same file. */
  summaryPath?: string;
}

export interface RunResult {
  summary: Summary;
  config: RunConfig;
  /** The bytes of `out: '-'` (with `format`): the file, whole, for the caller to send on (the CLI: stdout). */
  stdout?: Buffer;
}

/** Stage 1: the data of the run. */
export function loadData(config: RunConfig, warn: Warn): Dataset {
  return loadDataset(config, warn);
}

/**
 * Stage 1 as the pipeline runs it: a data file is read first without blocking (interruptible, size-capped:
 * see readDataFile), then parsed. Built-in sets and synthetic data need no reading.
 */
async function loadDataAsync(config: RunConfig, warn: Warn, signal?: AbortSignal): Promise<{ data: Dataset; sha256: string | null }> {
  if (config.data === undefined) return { data: loadDataset(config, warn), sha256: null };
  const text = config.csv ?? (await readDataFile(resolveSource(config.data).path, signal));
  // The manifest's hash is of the text that was used, not of the file read again after the render.
  return { data: loadDataset({ ...config, csv: text }, warn), sha256: textHash(text) };
}

/**
 * Stage 2: the problem, set up once (models, scaling, the exact optimum), then one descent per series.
 * `problems` holds each series' problem: the same one for all, except that --compare-standardize sets up
 * x as it is and standardized x; `problem` is the first (the raw one there).
 */
export function train(config: RunConfig, data: Dataset): Trained {
  const problems = problemsOf(config, data);
  const descents: Descent[] = [];
  config.series.forEach((spec, i) => {
    const s = settingsOf(config, spec, descents);
    const d = descendOn(problems[i], s);
    const ref = config.referencePath ? referenceSettings(problems[i], d, s) : null;
    descents.push(ref ? { ...d, reference: descendOn(problems[i], ref).trajectory } : d);
  });
  return { problem: problems[0], problems, descents };
}

export interface Trained {
  problem: Problem;
  problems: Problem[];
  descents: Descent[];
}

/** Stage 2 as the pipeline runs it: the same descents, heard by a stop signal while they run. */
async function trainInterruptibly(config: RunConfig, data: Dataset, signal?: AbortSignal): Promise<Trained> {
  const problems = problemsOf(config, data);
  const descents: Descent[] = [];
  const stopped = () => runError(messages.interrupted());
  for (let i = 0; i < config.series.length; i++) {
    const s = settingsOf(config, config.series[i], descents);
    const d = await descendOnAsync(problems[i], s, signal, stopped);
    // --reference-path: the full-batch descent to compare with; its own warnings are not the run's.
    const ref = config.referencePath ? referenceSettings(problems[i], d, s) : null;
    descents.push(ref ? { ...d, reference: (await descendOnAsync(problems[i], ref, signal, stopped)).trajectory } : d);
  }
  return { problem: problems[0], problems, descents };
}

/** One problem for the run, or --compare-standardize's two: on x as it is and on standardized x. */
function problemsOf(config: RunConfig, data: Dataset): Problem[] {
  const setUp = (standardize: boolean) => setUpProblem(data, { model: config.model, standardize, init: config.init });
  if (config.layout === 'compare') return config.series.map((s) => setUp(s.standardize ?? false));
  const problem = setUp(standardizeFor(config, data));
  return config.series.map(() => problem);
}

/**
 * A series' descent settings. The comparison's later side takes the rate the first (raw) side used when none
 * was given: one rate for both is the point, so the bowl is not handed its own, larger default.
 */
function settingsOf(config: RunConfig, s: SeriesSpec, done: readonly Descent[]) {
  const lr = config.layout === 'compare' && s.lr === undefined && done.length > 0 ? done[0].lr : s.lr;
  return { ...s, lr, iterations: config.iterations, beta1: config.beta1, beta2: config.beta2, eps: config.eps, seed: config.seed };
}

/**
 * Checks a run without doing it: the options, and that no file would overwrite another, the summary's
 * (`summaryPath`) or the data. Throws the usage error run() would throw; warns nothing.
 */
export function validateRun(options: RunOptions, summaryPath?: string): RunConfig {
  const config = resolveConfig(options);
  refuseClashes(config, summaryPath);
  return config;
}

/** The scene of the run's first output (tests and tools that draw frames themselves). */
export function sceneFromOptions(options: RunOptions): Scene {
  const config = resolveConfig(options);
  const data = loadData(config, () => {});
  const { problem, problems, descents } = train(config, data);
  const groups = sceneGroups(config, descents);
  return sceneOf(config, problem, groups[0].descents, groups[0].labels, problems);
}

/** Stage 3's scene, with --arrows computed at the iterations it will draw. */
function sceneOf(config: RunConfig, problem: Problem, descents: Descent[], labels: string[], problems: Problem[]): Scene {
  const scene = config.layout === 'compare' ? buildCompareScene(config, problems, descents, labels) : buildScene(config, problem, descents, labels);
  return config.arrows ? { ...scene, arrows: surfaceArrows(problem, scene, shownIterations(config, scene)) } : scene;
}

/** The whole pipeline: validate, load, train, and (with outputs) draw and encode. */
export async function run(options: RunOptions, hooks: RunHooks = {}): Promise<RunResult> {
  const warn: Warn = (w) => hooks.warn?.(warningText(w), w);
  const config = resolveConfig(options, warn, { summary: hooks.summary ?? true });
  refuseClashes(config, hooks.summaryPath);
  const { data, sha256: dataSha256 } = await loadDataAsync(config, warn, hooks.signal);
  warnWholeBatches(options, config, data, warn);
  const { problem, problems, descents } = await trainInterruptibly(config, data, hooks.signal);
  for (const w of problem.warnings) warn(w);
  descents.forEach((d, i) => {
    for (const w of d.warnings) warn(descents.length > 1 ? forSeries(w, config.series[i].label) : w);
  });
  const summary = buildSummary(config, problem, descents);
  // Every file of the run is renamed into place together, once all have succeeded.
  const commit = createCommit();
  let stdout: Buffer | undefined;
  try {
    for (const group of config.outputs.length > 0 ? sceneGroups(config, descents) : []) {
      const scene = sceneOf(config, problem, group.descents, group.labels, problems);
      const animated = await animate(config, scene, group.suffix, { ...hooks, commit }, warn);
      addOutputs(summary, animated.files, group.seriesIndex);
      stdout ??= animated.stdout;
    }
    if (config.manifest) await stageManifests(options, config, summary, (summary.outputs ?? []).filter((f) => f.path !== '-'), commit, dataSha256);
    else dropStaleManifests(summary.outputs ?? [], commit);
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
