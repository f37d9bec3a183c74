import { weightCount, type Activation } from '../engine/mlp';
import { isGenerator } from '../data/generators';
import { MAX_CLASSES } from '../data/labels';
import { alwaysStandardized, featureCount, featureCountKnown, twoFeatures } from './applies';
/**
 * Checks a whole run before any work starts and fills in the defaults, all from the option table. The
 * result says which descents to run (one, a race, or a sweep), how to lay them out, and which files to write.
 */
import type { PlaneMode } from '../pipeline/problemView';
import * as v from 'valibot';
import { messages, usageError } from '../errors';
import type { SampleMode } from '../engine/frames';
import { HYPER_PARAM_NAMES, OPTIMIZERS, optimizerOf, type HyperValues, type OptimizerName } from '../engine/optimizers';
import type { Schedule } from '../engine/schedule';
import { parseSchedule, scheduleOutlasts } from './schedule';
import type { DataRequest } from '../data';
import type { PanelName, ThemeName, ViewName } from '../types';
import type { Warn } from '../warnings';
import { landscapeOf, type LandscapeSpec } from '../engine/landscape';
import { formatApplies } from '../encode/formats';
import { kindOf, outputOf, posterOf, refuseStillsPast, type OutputSpec } from './outputs';
import { ignoredOptions } from './applies';
import { COMPARE_SIDES, refuseCompareConflicts } from './compare';
import { refuseTuneConflicts, tuneOf } from './tune';
import { refuseStartsConflicts, startsInit, startsSpecOf } from './starts';
import { MAX_PAGE_MB } from '../page/limits';
import type { StartsSpec } from '../engine/starts';
import { OPTION_TABLE, flagOf, type LayoutName, type OptionSpec, type RunOptions } from './table';
import { issueWords, librarySchema } from './schema';

/** One descent of the run: its optimizer and the settings that may differ between series. */
export interface SeriesSpec {
  /** Legend text ("Adam", "lr = 0.1"); the file-name suffix in a file sweep ("-lr0.1"). */
  label: string;
  suffix: string;
  optimizer: OptimizerName;
  lr?: number;
  batchSize: number;
  momentum: number;
  /** --compare-standardize: whether this side trains on standardized x (absent: the run's choice). */
  standardize?: boolean;
}

/** How a run's descents are laid out (see RunConfig.layout). */
export type RunLayout = 'single' | LayoutName | 'compare';

/**
 * A whole run, validated, with every default filled in: the data request, the descents and the outputs. The
 * optimizers' hyper-parameters that are not swept (beta1, beta2, eps, weightDecay) are fields of their own
 * names; one whose optimizers have defaults of their own (beta2) stays absent unless given.
 */
export interface RunConfig extends DataRequest, Omit<HyperValues, SweptParam> {
  iterations: number;
  /** mlvis poly: the polynomial's degree. */
  degree: number;
  /** mlvis mlp: the hidden layers' units and activation. */
  hidden: number[];
  activation: Activation;
  /** --holdout: the share of rows kept out of training as a test set. */
  holdout?: number;
  /** --plane as given ("pca", "pair:c1,c2", "random"). */
  plane: string;
  /** --plane, parsed: how a problem of more than two weights is cut for the surface panel. */
  planeMode: PlaneMode;
  /** --schedule as given ("constant", "step:100:0.5", "cosine", "warmup:50"): the summary reports it so. */
  schedule: string;
  /** The same, parsed: how the rate changes over the run (see engine/schedule.ts). */
  rateSchedule: Schedule;
  /** The start as reported: two weights, or mlvis poly's one per coefficient (all 0 unless given). */
  init: number[];
  /** Absent: the data set's suggestion (built-in sets: on), else off. */
  standardize?: boolean;
  /** --compare-standardize: one series on raw x, one on standardized x (the layout is then `compare`). */
  compareStandardize: boolean;
  /** The descents: one, several optimizers (a race), or several values of one setting (a sweep). */
  series: SeriesSpec[];
  /** --tune: each series' rate not given by --lr is chosen from a log grid before the run (see engine/tune.ts). */
  tune: boolean;
  sweep: { key: 'lr' | 'momentum' | 'batchSize'; values: number[] } | null;
  /**
   * single: one series; files: one set of outputs per series; overlay, grid: every series in one animation;
   * compare: --compare-standardize, the raw and the standardized descent each on its own surface.
   */
  layout: RunLayout;
  outputs: OutputSpec[];
  /** The iterations drawn into each still (.png without %d). */
  stills: (number | 'last')[];
  width: number;
  height: number;
  panels: PanelName[];
  theme: ThemeName;
  /** Draw full-batch gd under each stochastic path; the arrows at the current points. */
  referencePath: boolean;
  arrows: boolean;
  view: ViewName;
  /** Degrees the 3-D camera turns over an animation. */
  orbit: number;
  frames: number;
  every?: number;
  sample: SampleMode;
  fps: number;
  hold: number;
  loop: number;
  ffmpeg?: string;
  /** Words chosen for the frame; absent: the defaults (see the option table). */
  title?: string;
  xlabel?: string;
  ylabel?: string;
  labels?: [string, string];
  fontScale: number;
  trajectory: boolean;
  manifest: boolean;
  /** `mlvis function`: the test function or expression descended instead of a model on data. */
  landscape?: LandscapeSpec;
  /** --starts: many starts of the one series' optimizer, drawn as basins (--layout basins) or every path. */
  starts?: { spec: StartsSpec; basins: boolean };
}

/** The most numbers --trajectory may put in a summary (about 200 MB of JSON). */
export const MAX_TRAJECTORY_VALUES = 10_000_000;

/** The most frames one animation may have, whether by --frames or by --every. */
export const MAX_FRAMES = 100_000;

/** The most pixels one run may encode into one animation (about 50 000 frames of 1080p). */
export const MAX_PIXELS = 1e11;

/** Refuses a run whose animations alone would be more pixels than MAX_PIXELS, before any work. */
function refuseUnboundedWork(o: RunOptions, outputs: OutputSpec[], iterations: number, width: number, height: number, fps: number, hold: number, frames: number): void {
  const animated = outputs.filter((x) => kindOf(x) !== 'still');
  if (animated.length === 0) return;
  const shown = o.every !== undefined ? Math.ceil(iterations / o.every) + 1 : Math.min(frames, iterations + 1);
  // --every is held to the same ceiling as --frames, so it is no way around the frame cap.
  if (o.every !== undefined && shown > MAX_FRAMES) throw usageError(messages.everyTooMany(o.every, iterations, shown, MAX_FRAMES));
  const held = animated.some((x) => formatApplies(x.format)?.hold === 'repeat') ? Math.round(hold * fps) : 0;
  const pixels = (shown + held) * width * height;
  if (pixels > MAX_PIXELS) throw usageError(messages.tooMuchWork(shown + held, width, height, MAX_PIXELS));
}

/** Below this many pixels per panel, tick labels collide and titles are cut to a letter. */
const MIN_PANEL_WIDTH = 160;
const list = <T>(x: T | T[] | undefined): T[] | undefined => (x === undefined ? undefined : Array.isArray(x) ? x : [x]);

/** Throws a usage error (exit code 2) naming the flag, the value and what it should be. */
export function resolveConfig(options: RunOptions, warn: Warn = () => {}, context: { summary?: boolean; stdin?: boolean } = {}): RunConfig {
  const o = validate(options);
  if (o.frames !== undefined && o.every !== undefined) throw usageError(messages.framesAndEvery());
  if (o.panels && new Set(o.panels).size !== o.panels.length) throw usageError(messages.duplicatePanels(o.panels));
  const d = <K extends keyof typeof OPTION_TABLE>(k: K) => (o[k] ?? (OPTION_TABLE[k] as OptionSpec).default) as NonNullable<RunOptions[K]>;
  const iterations = d('iterations');
  const outputs = (list(o.out) ?? []).map((path) => outputOf(path, o.format));
  if (o.data === '-' && o.csv === undefined && !context.stdin) throw usageError(messages.stdinNeedsCsv());
  if (o.poster) {
    const posters = outputs.filter((x) => formatApplies(x.format)?.video && x.path !== '-').map(posterOf);
    outputs.push(...posters.filter((p, i) => posters.findIndex((q) => q.key === p.key) === i));
  }
  const paths = new Set<string>();
  for (const out of outputs) {
    if (paths.has(out.key)) throw usageError(messages.sameOutputTwice(out.path));
    paths.add(out.key);
  }
  // A landscape has no data to fit: its default frame is the surface and the loss.
  if (o.model === 'function' && o.panels?.includes('fit')) throw usageError(messages.noFitPanel());
  const panels = o.model === 'function' && o.panels === undefined ? (['surface', 'loss'] as PanelName[]) : d('panels');
  let width = d('width');
  let height = d('height');
  if (width < MIN_PANEL_WIDTH * panels.length) throw usageError(messages.tooNarrow(width, height, panels.length, MIN_PANEL_WIDTH * panels.length));
  if (outputs.some((x) => formatApplies(x.format)?.evenSize) && (width % 2 || height % 2)) {
    const w = width - (width % 2);
    const h = height - (height % 2);
    warn({ code: 'roundedToEven', width, height, toWidth: w, toHeight: h });
    [width, height] = [w, h];
  }
  refuseCompareConflicts(o);
  refuseFeatureList(o);
  refuseTuneConflicts(o);
  refuseStartsConflicts(o, iterations);
  const landscape = o.model === 'function' ? landscapeSpecOf(o) : undefined;
  const { series, sweep } = seriesOf(o, d);
  // A landscape has no samples: refused by what each optimizer declares it needs (needs: 'samples'), before the run.
  if (landscape) for (const x of series) if (optimizerOf(x.optimizer).needs === 'samples') throw usageError(messages.noSamples(x.optimizer, OPTIMIZERS.filter((n) => optimizerOf(n).needs !== 'samples')));
  // A network has no exact Hessian: newton is refused before anything is read or trained (a jobs file's check too).
  if (o.model === 'mlp') for (const x of series) if (optimizerOf(x.optimizer).needs === 'hessian') throw usageError(messages.needsHessian(x.optimizer));
  const several = series.length > 1;
  const layout: RunLayout = o.compareStandardize && !landscape && !alwaysStandardized(o) ? 'compare' : !several ? 'single' : (o.layout ?? (sweep ? 'files' : 'overlay'));
  if (layout === 'files' && outputs.some((x) => x.path === '-')) throw usageError(messages.sweepToStdout());
  if (several && layout === 'overlay' && series.length > 6) throw usageError(messages.tooManyToOverlay(series.length));
  if (several && layout === 'grid' && series.length > 9) throw usageError(messages.tooManyForGrid(series.length));
  // Both were asked for: a 2-D grid with a warning would hide the 3-D view that was explicitly wanted.
  if (layout === 'grid' && o.view === '3d') throw usageError(messages.view3dInGrid());
  if (o.trajectory && (context.summary ?? true)) {
    // JSON text of a few hundred MB is all one string can hold: refused before the work, not after it.
    const values = (iterations + 1) * series.length * 4;
    if (values > MAX_TRAJECTORY_VALUES) throw usageError(messages.trajectoryTooLarge(values, MAX_TRAJECTORY_VALUES));
  }
  refuseUnboundedWork(o, outputs, iterations, width, height, d('fps'), d('hold'), d('frames'));
  // An interactive page holds every iterate: one no browser could load is refused before the training.
  if (outputs.some((x) => formatApplies(x.format)?.scene)) {
    const mb = pageMegabytes(o, iterations, series.length, layersOf(d('hidden')), d('degree'));
    if (mb > MAX_PAGE_MB) throw usageError(messages.pageTooLarge(mb, MAX_PAGE_MB));
  }
  const stills = list(o.frame) ?? ['last'];
  if (outputs.some((x) => x.path === '-') && stills.length > 1) throw usageError(messages.oneStillToStdout());
  // --compare-standardize without --iters chooses its own length after a probe: checked then (index.ts).
  const ownLength = o.compareStandardize === true && o.iterations === undefined;
  if (!ownLength) refuseStillsPast(outputs, stills, iterations);
  for (const w of ignoredOptions(o, { outputs, series, summary: context.summary ?? true, layout, panels })) warn(w);
  const rateSchedule = parseSchedule(d('schedule'));
  const outlasts = scheduleOutlasts(rateSchedule, iterations);
  if (outlasts) warn(outlasts);
  return {
    model: o.model,
    data: o.data,
    csv: o.csv,
    x: o.x,
    y: o.y,
    positive: o.positive,
    // A network's default data is 200 points of moons (the issue's benchmark), softmax's 300 of three blobs.
    points: o.points ?? (o.model === 'mlp' ? 200 : o.model === 'softmax' ? 300 : d('points')),
    degree: d('degree'),
    hidden: layersOf(d('hidden')),
    activation: d('activation'),
    ...(o.holdout !== undefined && (o.model === 'poly' || o.model === 'mlp') ? { holdout: o.holdout } : {}),
    plane: d('plane'),
    planeMode: o.model === 'mlp'
      ? planeModeOf(d('plane'), networkWeights(o, layersOf(d('hidden'))) - 1, d('seed'), 'w', `one of the network's ${networkWeights(o, layersOf(d('hidden')))} weights (numbered in the summary's order from 0)`)
      : o.model === 'softmax'
      ? planeModeOf(d('plane'), 3 * MAX_CLASSES - 1, d('seed'), 'w', "one of softmax's weights (three per class, numbered in the summary's order from 0)")
      : twoFeatures(o)
      ? planeModeOf(d('plane'), featureCount(o), d('seed'), 'w', `one of the ${featureCount(o) + 1} weights w0 to w${featureCount(o)}`)
      : planeModeOf(d('plane'), d('degree'), d('seed'), 'a'),
    noise: o.noise,
    seed: d('seed'),
    iterations,
    ...unsweptParams(o),
    schedule: d('schedule'),
    rateSchedule,
    init: initOf(o, landscape ? (o.starts !== undefined ? startsInit(landscapeOf(landscape), startsSpecOf(o.starts), d('seed')) : landscapeOf(landscape).init) : d('init'), d('degree')),
    ...(landscape ? { landscape } : {}),
    ...(o.starts !== undefined ? { starts: { spec: startsSpecOf(o.starts), basins: o.layout === 'basins' } } : {}),
    standardize: o.standardize,
    compareStandardize: layout === 'compare',
    series,
    tune: tuneOf(o, series, warn),
    sweep,
    layout,
    outputs,
    stills,
    width,
    height,
    panels,
    theme: d('theme'),
    // The comparison draws neither (a warning says so): each side would need its own model to compute them.
    referencePath: d('referencePath') && layout !== 'compare',
    arrows: d('arrows') && layout !== 'compare',
    view: d('view'),
    orbit: d('orbit'),
    frames: d('frames'),
    every: o.every,
    sample: d('sample'),
    fps: d('fps'),
    hold: d('hold'),
    loop: d('loop'),
    ffmpeg: o.ffmpeg,
    title: o.title,
    xlabel: o.xlabel,
    ylabel: o.ylabel,
    labels: o.labels ? [o.labels[0], o.labels[1]] : undefined,
    fontScale: d('fontScale'),
    trajectory: d('trajectory'),
    manifest: d('manifest'),
  };
}

/**
 * A landscape run's function: a built-in one by name, or --expr; checked here (an unknown name, a malformed
 * expression) so that the run fails before any work.
 */
function landscapeSpecOf(o: RunOptions): LandscapeSpec {
  if (o.function === undefined && o.expr === undefined) throw usageError(messages.functionNeedsName());
  if (o.function !== undefined && o.expr !== undefined) throw usageError(messages.functionAndExpr(o.function));
  const params = { ...(o.condition !== undefined ? { condition: o.condition } : {}), ...(o.angle !== undefined ? { angle: o.angle } : {}) };
  const spec: LandscapeSpec = {
    ...(o.function !== undefined ? { name: o.function } : { expr: o.expr }),
    params,
    ...(o.domain ? { domain: { x: [o.domain[0][0], o.domain[0][1]] as [number, number], y: [o.domain[1][0], o.domain[1][1]] as [number, number] } } : {}),
  };
  landscapeOf(spec);
  return spec;
}

/** The hyper-parameters swept like --lr: they are settings of each series (SeriesSpec), not of the run. */
type SweptParam = 'batchSize' | 'momentum';

/** The other hyper-parameters: as given, else the table's default (none for one whose optimizers have their own). */
function unsweptParams(o: RunOptions): Omit<HyperValues, SweptParam> {
  const out: HyperValues = {};
  for (const k of HYPER_PARAM_NAMES) {
    if (k === 'batchSize' || k === 'momentum') continue;
    const value = (o[k] ?? (OPTION_TABLE[k] as OptionSpec).default) as number | undefined;
    if (value !== undefined) out[k] = value;
  }
  return out;
}

/** Validates with the table's schema; only own properties count (a polluted prototype adds nothing). */
function validate(options: RunOptions): RunOptions {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw usageError(messages.optionsNotObject());
  if (!Object.hasOwn(options, 'model')) throw usageError(messages.modelMissing());
  // Own properties only, into an object without a prototype: valibot reads each known key with input[key],
  // which would otherwise find a key planted on Object.prototype.
  const own: Record<string, unknown> = Object.assign(Object.create(null), Object.fromEntries(Object.entries(options).filter(([, x]) => x !== undefined)));
  const parsed = v.safeParse(librarySchema(), own);
  // A prototype-less copy: reading an absent option must not fall through to Object.prototype.
  if (parsed.success) return Object.assign(Object.create(null), parsed.output) as RunOptions;
  const issue = parsed.issues[0];
  const key = String(issue.path?.[0]?.key ?? '');
  const value = key ? own[key] : undefined;
  if (key && !Object.hasOwn(OPTION_TABLE, key)) throw usageError(messages.unknownOption(key, shown(value), knownAs(key)));
  throw usageError(`${key ? flagOf(key) : 'options'}: ${shown(value)} ${issueWords(issue)}`);
}

/** A value as the message shows it: JSON, but NaN, Infinity and BigInt as written (JSON has none of them). */
function shown(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * The option a library caller probably meant: a command-line spelling (iters → iterations, size → width and
 * height), else the one option within two edits of it (optimiser → optimizer, batchsize → batchSize).
 */
export function knownAs(key: string): string | undefined {
  if (key === 'size') return 'width and height';
  const flag = `--${key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`;
  const byFlag = Object.keys(OPTION_TABLE).find((k) => flagOf(k) === flag);
  if (byFlag) return byFlag;
  const near = Object.keys(OPTION_TABLE).filter((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= 2);
  return near.length === 1 ? near[0] : undefined;
}

/** Levenshtein distance (insertions, deletions, substitutions), for short option names. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length];
}

type Defaults = <K extends keyof typeof OPTION_TABLE>(k: K) => NonNullable<RunOptions[K]>;

/** The descents: a race (several optimizers), a sweep (a list for one setting), or one. */
function seriesOf(o: RunOptions, d: Defaults): { series: SeriesSpec[]; sweep: RunConfig['sweep'] } {
  const optimizers = list(d('optimizer'))!;
  const lr = o.lr;
  const lrMap = lr !== undefined && typeof lr === 'object' && !Array.isArray(lr) ? (lr as Partial<Record<OptimizerName, number>>) : undefined;
  const lists = (['lr', 'momentum', 'batchSize'] as const).filter((k) => Array.isArray(o[k]));
  if (lists.length > 1) throw usageError(messages.twoSweeps(lists.map(flagOf)));
  if (lists.length === 1 && optimizers.length > 1) throw usageError(messages.raceAndSweep(flagOf(lists[0])));
  if (lrMap) {
    for (const name of Object.keys(lrMap)) {
      if (!optimizers.includes(name as OptimizerName)) throw usageError(messages.lrForAbsentOptimizer(name, optimizers));
    }
  }
  const base = (name: OptimizerName) => ({
    optimizer: name,
    lr: lrMap ? lrMap[name] : (lr as number | undefined),
    batchSize: d('batchSize') as number,
    momentum: d('momentum') as number,
  });
  // A function has no data to standardize, and a polynomial always standardizes: the option is ignored
  // there (with its warning), so no sides.
  if (o.compareStandardize && o.model !== 'function' && !alwaysStandardized(o)) {
    return { series: COMPARE_SIDES.map((side) => ({ ...base(optimizers[0]), ...side, suffix: '' })), sweep: null };
  }
  if (optimizers.length > 1) {
    return { series: optimizers.map((name) => ({ ...base(name), label: optimizerOf(name).short, suffix: `-${name}` })), sweep: null };
  }
  if (lists.length === 0) return { series: [{ ...base(optimizers[0]), label: optimizerOf(optimizers[0]).short, suffix: '' }], sweep: null };
  const key = lists[0];
  const values = o[key] as number[];
  if (key !== 'lr' && !optimizerOf(optimizers[0]).params.includes(key)) throw usageError(messages.sweepIgnored(flagOf(key), optimizers[0]));
  const name = key === 'batchSize' ? 'batch size' : key;
  const tag = flagOf(key).slice(2);
  return {
    series: values.map((value) => ({ ...base(optimizers[0]), [key]: value, label: `${name} = ${value}`, suffix: `-${tag}${value}` })),
    sweep: { key, values },
  };
}

/**
 * The least a page of this run holds, in MB: each series' trajectory (its weights and loss) and its path
 * on the surface (u, v, loss), 8 bytes a value at every iteration; each start's path. Softmax counts two
 * classes (its classes are known only from the data), so this never refuses a page that would fit.
 */
function pageMegabytes(o: RunOptions, iterations: number, series: number, hidden: readonly number[], degree: number): number {
  const k = featureCount(o);
  const weights =
    o.model === 'mlp' ? networkWeights(o, hidden) : o.model === 'poly' ? degree + 1 : o.model === 'softmax' ? 6 : o.model === 'function' ? 2 : k + 1;
  const starts = o.starts === undefined ? 0 : (s => (s.kind === 'random' ? s.count : s.side * s.side))(startsSpecOf(o.starts));
  const values = (iterations + 1) * (starts > 0 ? starts * 3 : series * (weights + 1 + 3));
  return (values * 8) / 1024 / 1024;
}

/** --hidden as layers: one number is one layer. */
function layersOf(hidden: number | readonly number[]): number[] {
  return typeof hidden === 'number' ? [hidden] : [...hidden];
}

/** How many weights a network of these hidden layers has on the run's data: two inputs unless one x column is named (or suggested). */
function networkWeights(o: RunOptions, hidden: readonly number[]): number {
  const inputs = o.data === undefined || isGenerator(o.data) || featureCount(o) > 1 ? 2 : 1;
  return weightCount({ inputs, hidden, activation: 'tanh', task: 'classes' });
}

/** --plane as a view's cut: pair's weights by number (0..K) or by name (c0..cK), checked against the degree. */
function planeModeOf(text: string, degree: number, seed: string, prefix: 'a' | 'w', network: false | string = false): PlaneMode {
  if (text === 'random') return { kind: 'random', seed };
  if (!text.startsWith('pair:')) return { kind: 'pca' };
  const index = (name: string) => {
    // aK (a reported weight) and vK (its standardized form, a multiple of it) are the same axis.
    const m = (prefix === 'a' ? /^[av]?(\d+)$/ : /^[wv]?(\d+)$/).exec(name);
    const k = m ? Number(m[1]) : NaN;
    if (prefix === 'a' && /^c\d+$/.test(name)) throw usageError(messages.badPlanePair(text, degree, prefix, `${JSON.stringify(name)} is a coefficient of x itself (the summary's c's), not a weight the optimizers move`));
    if (!(Number.isInteger(k) && k <= degree)) throw usageError(messages.badPlanePair(text, degree, prefix, `${JSON.stringify(name)} is not ${prefix === 'a' ? `a weight of a degree-${degree} polynomial` : network ? network : 'one of the weights'}`));
    return k;
  };
  const [a, b] = text.slice(5).split(',');
  const i = index(a);
  const j = index(b);
  if (i === j) throw usageError(messages.badPlanePair(text, degree, prefix, `${JSON.stringify(a)} and ${JSON.stringify(b)} are the same weight`));
  return { kind: 'pair', i, j };
}

/**
 * The starting weights: --init as given, else the default. Two numbers, except for mlvis poly, which takes one
 * per weight (a0 … aK) or starts every coefficient at 0; any other count is refused, never cut or padded.
 */
function initOf(o: RunOptions, fallback: readonly number[], degree: number): number[] {
  // A network starts from seeded Glorot weights, drawn once its inputs are known (see mlpFit); softmax at 0.
  if (o.model === 'mlp' || o.model === 'softmax') {
    if (o.init !== undefined) throw usageError(o.model === 'mlp' ? messages.mlpInit() : messages.softmaxInit());
    return [];
  }
  if (o.model === 'poly') {
    if (o.init === undefined) return new Array<number>(degree + 1).fill(0);
    if (o.init.length !== degree + 1) throw usageError(messages.polyInit(o.init, degree));
    return [...o.init];
  }
  // Linear or logistic regression on k features (--x a,b,…) has k + 1 weights.
  if ((o.model === 'linear' || o.model === 'logistic') && featureCount(o) > 1) {
    const p = featureCount(o) + 1;
    if (o.init === undefined) return new Array<number>(p).fill(0);
    // From stdin or a FIFO the header is not read yet: the count is checked once the data is (index.ts).
    if (o.init.length !== p && featureCountKnown(o)) throw usageError(messages.featureInit(o.init, p));
    return [...o.init];
  }
  const init = o.init ?? fallback;
  if (o.init !== undefined && o.init.length !== 2) throw usageError(messages.badInit(o.init.join(','), o.model === 'function' ? 'X,Y' : 'W0,W1', o.model === 'function' ? '-1.5,2' : '-2,5'));
  return [init[0], init[1]];
}

/** --x a,b is linear or logistic regression on two features: refused on the other models, in one line. */
function refuseFeatureList(o: RunOptions): void {
  // Softmax draws its classes in the plane of two features: one column is refused before any data is read.
  if (o.model === 'softmax' && o.x !== undefined && featureCount(o) === 1 && o.data !== undefined) throw usageError(messages.softmaxFeatures());
  if (featureCount(o) > 1 && o.model !== 'linear' && o.model !== 'logistic' && o.model !== 'mlp' && o.model !== 'softmax' && o.data !== undefined) throw usageError(messages.featuresLinearOnly(o.model));
}
