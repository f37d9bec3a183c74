/**
 * The option table: every option of a run declared once — its flag, value, default, help line, where it
 * applies — and everything else is derived from it: commander's flags and --help (src/cli.ts), validation
 * and the defaults (./resolve.ts), the JSON schema of a job (./jsonSchema.ts), the library's RunOptions type
 * (below), and the warnings for options that cannot change a run (./applies.ts).
 */
import { MAX_FEATURES } from '../data/limits';
import { ACTIVATIONS, type Activation } from '../engine/mlp';
import * as v from 'valibot';
import { SAMPLE_MODES } from '../engine/frames';
import { MODELS } from '../engine/models';
import { OPTIMIZERS, optimizerOf, type HyperParam, type OptimizerName } from '../engine/optimizers';
import type { PanelName, ThemeName, ViewName } from '../types';
import { between, choice, finite, int, MAX_VALUES, oneOrList, positive, label, text } from './kinds';
import { parseDecimal, parseChoices, parseNumbers, splitList } from './kinds';
import { messages, usageError } from '../errors';
import { hyperRows } from './hyperRows';
import { ANIMATION_KINDS, TIMED_KINDS, kindsWhere, outHelpFormats, type OutputKind } from './outputs';
import { formatNames, formatsWhere } from '../encode/formats';
import { parseStarts, startsSchema } from './starts';
import type { HYPER_PARAMS } from '../engine/optimizers';

export const PANELS: readonly PanelName[] = ['surface', 'fit', 'loss'];
export const THEMES: readonly ThemeName[] = ['light', 'dark'];
export const VIEWS: readonly ViewName[] = ['2d', '3d'];
export const LAYOUTS = ['files', 'overlay', 'grid', 'basins'] as const;
export type LayoutName = (typeof LAYOUTS)[number];
export type { OutputKind } from './outputs';

/** Where an option has an effect; a given option outside it draws a warning (see applies.ts). */
export interface Applies {
  /** The run must read a CSV or built-in set, use synthetic data, draw something, or write a summary. */
  needs?: 'data' | 'synthetic' | 'out' | 'file' | 'summary' | 'several' | 'stdin' | 'stdout';
  /** The model's target must be of this kind. */
  target?: 'values' | 'classes';
  /** One of the run's optimizers must read this hyper-parameter. */
  param?: HyperParam;
  /** One of the outputs must be of these kinds. */
  outputs?: readonly OutputKind[];
  /** One output of those kinds must be a file (--poster writes a PNG beside it: stdout has no beside). */
  toFile?: true;
  /** Randomness must play a part: synthetic data or a stochastic optimizer. */
  seeded?: true;
  /** The run must be laid out in one of these ways (the grid draws only loss surfaces). */
  layouts?: readonly ('single' | LayoutName)[];
  /** One of the run's optimizers must sample the data (sgd, minibatch). */
  stochastic?: true;
  /** The run must draw this panel (--panels; a grid draws only loss surfaces). */
  panel?: PanelName;
  /** The surface must be drawn in this view. */
  view?: ViewName;
  /** 'function': only `mlvis function` reads it; 'data': only a model on data does (a landscape has none). */
  objective?: 'function' | 'data';
  /** `mlvis function`: the built-in function must read this setting (the quadratic's condition and angle). */
  functionParam?: 'condition' | 'angle';
  /** Only this model reads it (`--degree`: mlvis poly; `--hidden`: mlvis mlp), or only these. */
  model?: 'poly' | 'mlp' | readonly ('poly' | 'mlp')[];
  /** The problem must have more than two weights (`--plane`: a polynomial of degree 2 or more). */
  manyWeights?: true;
  /** A model trained on x as given can read it: mlvis poly always trains on standardized powers of x. */
  rawX?: true;
}

export interface OptionSpec<S extends v.GenericSchema = v.GenericSchema> {
  /** The flag; absent for options set through another flag (width and height come from --size). */
  flag?: string;
  /** The flag's argument, e.g. "<n>"; absent for on/off switches. */
  arg?: string;
  help: string;
  group: 'Data' | 'Training' | 'Animation' | 'Text' | 'Report' | 'Messages';
  /** The library value. */
  schema: S;
  /** The command line's text to the library value; default: the text as it is. */
  parse?: (raw: string, flag: string, model?: string) => v.InferOutput<S>;
  /** The default; absent = none, or computed from the run (then `defaultText` says how). */
  default?: v.InferOutput<S>;
  defaultText?: string;
  choices?: readonly string[];
  applies?: Applies;
  /** A --no-FLAG switch as well (standardize). */
  negatable?: string;
  /** The flag may be given several times; its values are collected (--out). */
  repeatable?: true;
}

const spec = <S extends v.GenericSchema>(s: OptionSpec<S>): OptionSpec<S> => s;
const whole = (raw: string, flag: string) => parseDecimal(flag, raw, 'a whole number');
const num = (raw: string, flag: string) => parseDecimal(flag, raw);

/** Each learning rate of a race by optimizer: "gd=0.1,adam=0.05". */
const lrByOptimizer = v.pipe(
  v.record(choice(OPTIMIZERS), positive),
  v.check((r) => Object.keys(r).length > 0, 'names no optimizer'),
);

function parseLr(raw: string, flag: string): number | number[] | Partial<Record<OptimizerName, number>> {
  if (!raw.includes('=')) return parseNumbers(flag, raw);
  const out: Partial<Record<OptimizerName, number>> = {};
  for (const item of splitList(raw, flag)) {
    const [name, value, extra] = item.split('=').map((s) => s.trim());
    if (value === undefined || extra !== undefined) throw usageError(messages.badLrItem(item));
    if (!OPTIMIZERS.includes(name as OptimizerName)) throw usageError(messages.badChoice(flag, name, OPTIMIZERS));
    if (Object.hasOwn(out, name)) throw usageError(messages.lrTwice(name));
    out[name as OptimizerName] = parseDecimal(flag, value);
  }
  return out;
}

function parseFrame(raw: string, flag: string): number | 'last' | (number | 'last')[] {
  const items = splitList(raw, flag).map((s) => (s === 'last' ? 'last' : parseDecimal(flag, s, 'a whole number or "last"')));
  if (items.length === 0) throw usageError(messages.badNumber(flag, raw, 'a whole number or "last"'));
  return items.length === 1 ? items[0] : items;
}

function parsePanels(raw: string, flag: string): PanelName[] {
  const list = splitList(raw, flag);
  if (list.length === 0) throw usageError(messages.noPanels());
  for (const p of list) if (!PANELS.includes(p as PanelName)) throw usageError(messages.badChoice(flag, p, PANELS));
  return list as PanelName[];
}

/** "female,male": the two class names, index 0 for y = 0; commas separate, so a name cannot hold one. */
function parseLabels(raw: string, flag: string): [string, string] {
  const names = splitList(raw, flag);
  if (names.length !== 2) throw usageError(messages.badLabels(raw));
  return [names[0], names[1]];
}

/** "X0:X1,Y0:Y1": the window a landscape is drawn over. */
function parseDomain(raw: string, flag: string): [[number, number], [number, number]] {
  const axes = raw.split(',');
  const pairs = axes.map((a) => a.split(':'));
  if (axes.length !== 2 || pairs.some((p) => p.length !== 2)) throw usageError(messages.badDomain(raw));
  const [[a, b], [c, d]] = pairs.map((p) => p.map((t) => parseDecimal(flag, t, 'a number')));
  return [[a, b], [c, d]];
}

/** --init's two numbers: the weights W0,W1 of a model, the point X,Y of `mlvis function` (named so in the error). */
function parseInit(raw: string, _flag: string, model?: string): number[] {
  const parts = raw.split(',');
  const values = parts.map((p) => parseDecimal('--init', p, 'a number'));
  // A polynomial takes one number per weight, and a regression on k features k + 1: checked against the
  // degree and the columns once the run is resolved.
  if (model === 'poly' || ((model === 'linear' || model === 'logistic') && parts.length >= 2 && parts.length <= MAX_FEATURES + 1)) return values;
  if (parts.length !== 2) {
    const said = model === 'function' ? messages.badInit(raw, 'X,Y', '-1.5,2') : messages.badInit(raw);
    // A regression on k features (--x a,b,…) takes k + 1: said too, since the columns are not known yet.
    throw usageError(model === 'linear' || model === 'logistic' ? `${said}; with --x a,b, three: W0,W1,W2 (one more than the columns)` : said);
  }
  return [values[0], values[1]];
}

/** The optimizers whose step follows a running mean of past gradients: --arrows draws their last step too. */
const VELOCITY = OPTIMIZERS.filter((n) => optimizerOf(n).velocity);

const frameValue = v.union([v.literal('last'), int(0, 10_000_000)], 'is not a whole number of iterations or "last"');
const animation = ANIMATION_KINDS;
/** The formats --out - can write, from the encoders' registry. */
const STDOUT_FORMATS = formatsWhere((a) => a.stdout);

export const OPTION_TABLE = {
  /** The model to train: `'linear'` (least squares) or `'logistic'` (cross-entropy). The command line's command; the only required field. */
  model: spec({ help: 'the model (the command)', group: 'Training', schema: choice(MODELS) }),
  /** `model: 'function'`: the built-in test function to descend (`'rosenbrock'`, `'himmelblau'`, …; `mlvis functions` lists them), or absent with {@link RunOptions.expr}. The command line's argument: `mlvis function rosenbrock`. */
  function: spec({ group: 'Training', schema: v.string('must be text'), applies: { objective: 'function' }, help: 'the built-in function (the argument of mlvis function; see mlvis functions)' }),
  /** `model: 'function'`: an expression in x and y to descend instead of a built-in function: numbers, + − * / ^, parentheses, sin cos tan exp log sqrt abs tanh sigmoid, pi, e. Its gradient is exact (automatic differentiation). Flag `--expr`. */
  expr: spec({ flag: '--expr', arg: '<EXPR>', group: 'Training', schema: v.string('must be text'), applies: { objective: 'function' }, help: 'an expression in x and y to descend instead of a built-in function, e.g. "x^2 + 3*y^2 + sin(x*y)"' }),
  /** `model: 'function'`: the window drawn, `[[x0, x1], [y0, y1]]`. Default: the function's usual domain (an expression's: −3 to 3). Flag `--domain X0:X1,Y0:Y1`. */
  domain: spec({
    flag: '--domain', arg: '<X0:X1,Y0:Y1>', group: 'Training', applies: { objective: 'function' }, parse: parseDomain,
    schema: v.pipe(v.tuple([v.tuple([finite, finite]), v.tuple([finite, finite])], 'must be [[x0, x1], [y0, y1]]'), v.check((d) => d[0][0] < d[0][1] && d[1][0] < d[1][1], 'must run from a smaller number to a larger one on each axis')),
    defaultText: "the function's usual domain", help: 'function: the window drawn (e.g. -2:2,-1:3)',
  }),
  /** `function: 'quadratic'`: the condition number K (the ratio of its largest to its smallest curvature), 1 to 1e6. Default 10. Flag `--condition`. */
  condition: spec({ flag: '--condition', arg: '<K>', group: 'Training', schema: between(1, 1e6), parse: num, defaultText: '10', applies: { objective: 'function', functionParam: 'condition' }, help: 'quadratic: condition number K (largest / smallest curvature)' }),
  /** `function: 'quadratic'`: the angle of its principal axes in degrees, −360 to 360. Default 30. Flag `--angle`. */
  angle: spec({ flag: '--angle', arg: '<deg>', group: 'Training', schema: between(-360, 360), parse: num, defaultText: '30', applies: { objective: 'function', functionParam: 'angle' }, help: 'quadratic: angle of its principal axes in degrees' }),
  // ---- data ----
  /** The data: a built-in data set's name (see `mlvis datasets`), a CSV file's path, or `'-'` for CSV text given in {@link RunOptions.csv} (the command line reads stdin). Absent: synthetic data ({@link RunOptions.points}, {@link RunOptions.noise}, {@link RunOptions.seed}). Flag `--data`. */
  data: spec({ applies: { objective: 'data' }, flag: '--data', arg: '<name|path|->', group: 'Data', schema: text, help: 'a built-in data set (see "mlvis datasets"), a generated one (moons, circles, xor, spirals; blobs for softmax), a CSV file, or - for CSV on stdin; default: synthetic data (mlp: moons; softmax: blobs)' }),
  /** With `data: '-'`: the CSV text itself (a header row, then one row per sample). Library only; the command line fills it from stdin. */
  csv: spec({ group: 'Data', schema: v.string('must be text'), applies: { objective: 'data', needs: 'stdin' }, help: 'with data "-": the CSV text (the command line reads it from stdin)' }),
  /** The CSV column used as x, by its header name. Default: the data set's suggested column, else the first numeric one. Flag `--x`. */
  x: spec({ flag: '--x', arg: '<column>', group: 'Data', schema: v.union([v.string(), v.pipe(v.array(v.string()), v.minLength(2), v.maxLength(MAX_FEATURES), v.transform((names) => names.join(',')))], `must be a column name, or a list of 2 to ${MAX_FEATURES} of them`), applies: { objective: 'data', needs: 'data' }, help: 'x column of the CSV (default: the suggested or first numeric column); several, a,b[,c…]: linear and logistic on 2 to 16 columns, mlp and softmax on two (which they need for classes)' }),
  /** The CSV column used as y (the target), by its header name. Default: the suggested column, else the second numeric one. Flag `--y`. */
  y: spec({ flag: '--y', arg: '<column>', group: 'Data', schema: v.string('must be text'), applies: { objective: 'data', needs: 'data' }, help: 'y column of the CSV (default: the suggested or second numeric column)' }),
  /** Logistic regression: the label of the y column that counts as 1; every other label is 0. Default: a built-in set's suggestion; else the column must hold 0/1 or true/false words. Flag `--positive`. */
  positive: spec({ flag: '--positive', arg: '<value>', group: 'Data', schema: v.string('must be text'), applies: { objective: 'data', needs: 'data', target: 'classes' }, help: 'logistic: the label that counts as 1 (all others are 0)' }),
  /** Synthetic data: the number of points, 2 to 10,000,000. Default 100. Flag `--points`. */
  points: spec({ flag: '--points', arg: '<n>', group: 'Data', schema: int(2, 10_000_000), parse: whole, default: 100, defaultText: '100 (mlp: 200, softmax: 300)', applies: { objective: 'data', needs: 'synthetic' }, help: 'synthetic data: number of points' }),
  /** Synthetic data: the standard deviation of the noise added to y (linear), or of x around ±1 in each class (logistic; 0 gives separable data); at least 0. Default 1. Flag `--noise`. */
  noise: spec({ flag: '--noise', arg: '<s>', group: 'Data', schema: v.pipe(finite, v.minValue(0, 'must be at least 0')), parse: num, defaultText: '1 (moons 0.1, circles 0.05, xor 0.05, spirals 0.03, blobs 0.4)', applies: { objective: 'data', needs: 'synthetic' }, help: 'synthetic or generated data: noise standard deviation' }),
  /** Seed for synthetic data and for the sample order of `sgd` and `minibatch`; the same seed gives byte-identical output. Default `'mlvis'`. Flag `--seed`. */
  seed: spec({ flag: '--seed', arg: '<s>', group: 'Data', schema: v.string('must be text'), default: 'mlvis', applies: { seeded: true }, help: 'seed for synthetic data and the sgd/minibatch sample order' }),
  // ---- training ----
  /** The optimizer (`'gd'`, `'sgd'`, `'minibatch'`, `'momentum'`, `'nesterov'`, `'adagrad'`, `'rmsprop'`, `'adam'`), or an array of 2 to 6 of them to race from the same start. Default `'gd'`. Flag `--optimizer`. */
  optimizer: spec({
    flag: '--optimizer', arg: '<name[,name…]>', group: 'Training', choices: OPTIMIZERS, default: 'gd' as OptimizerName,
    schema: v.union([choice(OPTIMIZERS), v.pipe(v.array(choice(OPTIMIZERS)), v.minLength(2, 'needs at least 2 optimizers to race'), v.maxLength(6, 'races at most 6 optimizers'), v.check((a) => new Set(a).size === a.length, 'names an optimizer twice'))], `is not one of ${OPTIMIZERS.join(', ')} (or a list of 2 to 6 of them)`),
    parse: (raw, flag) => parseChoices(flag, raw, OPTIMIZERS),
    help: `optimizer, or 2 to 6 of them to race from the same start: ${OPTIMIZERS.join(', ')}`,
  }),
  /** The learning rate α (> 0); an array of rates sweeps it (one series each); in a race, a record of rates by optimizer (`{ gd: 0.1, adam: 0.05 }`). Default: chosen from the data (a stable rate for gd; see the README). Flag `--lr`. */
  lr: spec({
    flag: '--lr', arg: '<a|list|name=a,…>', group: 'Training', defaultText: 'chosen from the data, see README',
    schema: v.union([oneOrList(positive), lrByOptimizer], 'is not a rate, a list of rates, or NAME=RATE pairs'),
    parse: parseLr,
    help: `learning rate; a list sweeps it (0.01,0.1,0.5); in a race, per optimizer (gd=0.1,adam=0.05)`,
  }),
  /** Before the run, choose each series' learning rate from a log grid (rates 10^(k/4), three decades either side of the defaults): the rate whose run, over the same iterations from the same start, ends with the lowest gap to the best known minimum (the lowest loss where none is known); a diverged trial is never chosen, and of equal gaps the trial that got there first wins (then the smaller rate). A fair race: every optimizer at its best rate, not its default. Not with a single rate or a list for {@link RunOptions.lr}; a record of rates pins those optimizers and tunes the rest. Default false. Flag `--tune`. */
  tune: spec({ flag: '--tune', group: 'Training', schema: v.boolean('must be true or false'), default: false, help: 'choose each optimizer\'s rate from a log grid by the lowest final gap over the same iterations (a fair race); --lr NAME=RATE pins one' }),
  /** The number of iterations (updates of the weights), 0 to 10,000,000. Default 1000. Flag `--iters`. */
  iterations: spec({ flag: '--iters', arg: '<n>', group: 'Training', schema: int(0, 10_000_000), parse: whole, default: 1000, help: 'iterations, i.e. updates' }),
  // The optimizers' hyper-parameters (--batch-size, --momentum, --beta1, --beta2, --eps, --weight-decay):
  // generated from their declarations in engine/optimizers/hyperParams.ts and the registry.
  ...hyperRows(),
  /** How the learning rate changes over the run, the same for every optimizer: `'constant'`; `'step:EVERY:FACTOR'`, the rate times FACTOR (in (0, 1]) after every EVERY updates; `'cosine'`, from the rate down towards 0 along a half cosine over the run; `'warmup:N'`, rising linearly to the rate over the first N updates. It never exceeds the rate, so the rate advice and `stable_lr` are about the rate itself. Default `'constant'`. Flag `--schedule`. */
  schedule: spec({ flag: '--schedule', arg: '<schedule>', group: 'Training', schema: text, default: 'constant', help: 'learning-rate schedule: constant, step:EVERY:FACTOR (times FACTOR after every EVERY updates, e.g. step:100:0.5), cosine (down to 0 over the run), or warmup:N (up to the rate over N updates)' }),
  /**
   * A model of more than two weights (`model: 'poly'`): the plane of weight space the surface panel draws.
   * `'pca'` (default): through the final point, spanned by the paths' two leading principal directions (the
   * share of their variance it explains is printed on the panel); `'pair:I,J'`: the standardized weights I and J that the
   * optimizers move (numbers from 0, or names such as v1), the others held at the final point; `'random'`: two seeded random directions. The
   * surface is the true loss on the plane; the paths are projected onto it. Flag `--plane`.
   */
  plane: spec({ flag: '--plane', arg: '<pca|pair:I,J|random>', group: 'Animation', schema: v.pipe(v.string('must be text'), v.regex(/^(pca|random|pair:[A-Za-z0-9_]+,[A-Za-z0-9_]+)$/, 'must be pca, random or pair:I,J (for example pair:v1,v2)')), default: 'pca', applies: { objective: 'data', manyWeights: true }, help: 'more than two weights (poly, --x a,b, mlp, softmax): the plane drawn: pca (the path\'s own plane), pair:I,J (two weights by number from 0 in the summary\'s order, or poly\'s v1,v2), or random (filter-normalized for mlp)' }),
  /** `model: 'poly'` or `'mlp'`: keep a seeded share of the rows (above 0, at most 0.9) out of training as a test set: drawn hollow in the fit panel, its loss dashed beside the training loss in the loss panel, so over-fitting shows. The run's seed chooses the rows. Flag `--holdout`. */
  holdout: spec({ flag: '--holdout', arg: '<P>', group: 'Data', schema: v.pipe(finite, v.gtValue(0, 'must be above 0'), v.maxValue(0.9, 'must be at most 0.9')), parse: num, applies: { model: ['poly', 'mlp'] }, help: 'poly, mlp: keep a seeded share P of the rows (e.g. 0.3) as a test set, hollow in the fit panel, its loss dashed in the loss panel' }),
  /** `model: 'poly'`: the polynomial's degree K, y = a0 + a1·(x − x̄) + … + aK·(x − x̄)^K with x̄ the mean of x (1 to 12). Default 3. Flag `--degree`. */
  degree: spec({ flag: '--degree', arg: '<K>', group: 'Training', schema: int(1, 12), parse: whole, default: 3, applies: { model: 'poly' }, help: 'poly: the degree K of y = a0 + a1*(x - mean) + ... + aK*(x - mean)^K (1 to 12)' }),
  /** `model: 'mlp'`: the units of each hidden layer, one to three layers of 1 to 64 units (`8`, `[8]`, `[8, 8]`). Default `[8]`. Flag `--hidden`. */
  hidden: spec({ flag: '--hidden', arg: '<units[,units…]>', group: 'Training', schema: v.union([int(1, 64), v.pipe(v.array(int(1, 64), 'must be whole numbers'), v.minLength(1, 'must name at least one layer'), v.maxLength(3, 'must be at most three layers'))], 'must be 1 to 64 units, or a list of one to three such layers'), parse: (raw, flag) => [parseNumbers(flag, raw, 'a whole number')].flat(), default: [8] as number | number[], applies: { model: 'mlp' }, help: 'mlp: units of each hidden layer, 1 to 64, up to three layers (e.g. 8 or 8,8)' }),
  /** `model: 'mlp'`: the hidden units' activation. Default `'tanh'`. Flag `--activation`. */
  activation: spec({ flag: '--activation', arg: '<tanh|relu|sigmoid>', group: 'Training', choices: ACTIVATIONS, schema: choice(ACTIVATIONS), default: 'tanh' as Activation, applies: { model: 'mlp' }, help: 'mlp: the hidden units\' activation' }),
  /** The starting weights `[w0, w1]` (intercept, slope) in the data's units (mlvis poly: c0, c1, the others 0). Default `[0, 0]`. Flag `--init`. */
  init: spec({ flag: '--init', arg: '<w0,w1>', group: 'Training', schema: v.pipe(v.array(finite, 'must be numbers'), v.minLength(2, 'must be two numbers (mlvis poly: one per weight, a0 to aK)'), v.maxLength(MAX_FEATURES + 1, `must be at most ${MAX_FEATURES + 1} numbers`)), parse: parseInit, default: [0, 0] as number[], help: 'starting weights in the data units (e.g. --init -2,5; --x a,b: w0,w1,w2, one more than the columns; mlvis poly: a0,a1,...,aK)' }),
  /** `model: 'function'`: many starts of one optimizer at once, with one rate: a number of seeded random starts over the domain (2 to 10,000; {@link RunOptions.seed} decides them), or `'grid:K'`, a K×K grid over the domain, corners included (K from 2 to 100). Each start is judged by the landscape's verdict, and the summary's `starts` lists the minimum each reached. Drawn with every path coloured by the minimum it reached, or with `layout: 'basins'` each start as a dot in that colour. Not with a race, a sweep or {@link RunOptions.init}. Flag `--starts`. */
  starts: spec({ flag: '--starts', arg: '<N|grid:K>', group: 'Training', schema: startsSchema, parse: (raw) => parseStarts(raw), applies: { objective: 'function' }, help: 'function: many starts of one optimizer: N seeded random starts over the domain, or grid:K (a KxK grid); each coloured by the minimum it reaches (see --layout basins)' }),
  /** Train on standardized x (zero mean, unit deviation) and report weights, losses and optima in the data's units. The surface panel is then drawn in the standardized weights. Default: on for built-in data sets and CSV files, off for synthetic data. Flags `--standardize` / `--no-standardize`. */
  standardize: spec({ applies: { objective: 'data', rawX: true }, flag: '--standardize', negatable: 'train on x as it is, to see the raw valley (the default for synthetic data)', group: 'Training', schema: v.boolean('must be true or false'), defaultText: 'on for built-in data sets and CSV files', help: 'train on standardized x (the surface is drawn in those weights); report everything in the data units' }),
  /** Train twice from the same start with the same optimizer and the same rate — once on x as it is, once on standardized x — and draw the two loss surfaces side by side: the raw valley in the data-unit weights on the left, the round bowl in the standardized weights on the right, each headed with its loss and the iterations it needed to close 99 % of the loss gap. The shared rate is {@link RunOptions.lr} when given, else 0.9 of the smaller of the two sides' stability limits (the raw valley's), so a rate that fails on one side is shown failing there. Without {@link RunOptions.iterations} each side runs as long as it needs (a probe run chooses the length). Only the two surfaces are drawn (no fit or loss panel). Cannot be combined with a race, a sweep, `standardize` or `layout`. Default false. Flag `--compare-standardize`. */
  compareStandardize: spec({ applies: { objective: 'data', rawX: true }, flag: '--compare-standardize', group: 'Training', schema: v.boolean('must be true or false'), default: false, help: 'train on raw and on standardized x with the same optimizer and rate (--lr, else 0.9 of the raw valley\'s stability limit) and draw the two loss surfaces side by side, each with the iterations it needed for 99 % of the gap (without --iters, as long as the slower side needs); surfaces only' }),
  // ---- animation ----
  /** The file(s) to write, by extension: `.gif`, `.mp4`, `.webm`, `.png` (a still; a name with `%04d` writes every frame), or `'-'` for stdout with {@link RunOptions.format}. Several names render once and write each. Absent: no drawing. Flag `--out` (repeatable). */
  out: spec({
    flag: '--out', arg: '<file>', group: 'Animation', repeatable: true,
    schema: v.union([text, v.pipe(v.array(text), v.minLength(1, 'names no file'), v.maxLength(MAX_VALUES, `names more than ${MAX_VALUES} files`))], 'is not a file name or a list of them'),
    help: `write ${outHelpFormats()}; give it again for more files from the same training`,
  }),
  /** With `out: '-'`: the format written to stdout (`'gif'`, `'mp4'`, `'webm'`, `'png'`, `'html'`, `'player'`); the library returns the bytes as `RunResult.stdout`. With `out: 'NAME.json'`: `'player'`, the data `<mlvis-player>` plays. Flag `--format`. */
  format: spec({ flag: '--format', arg: `<${STDOUT_FORMATS.join('|')}>`, group: 'Animation', choices: STDOUT_FORMATS, schema: choice(STDOUT_FORMATS), applies: { needs: 'stdout' }, help: 'the format of --out - (stdout); player with --out NAME.json writes the data <mlvis-player> plays' }),
  /** Beside each MP4 or WebM, also write a PNG of its last frame for `<video poster>` (`fit.mp4` → `fit.png`). Default false. Flag `--poster`. */
  poster: spec({ flag: '--poster', group: 'Animation', schema: v.boolean('must be true or false'), default: false, applies: { outputs: kindsWhere('video'), toFile: true }, help: 'beside each video, a PNG of its last frame for <video poster> (fit.mp4 → fit.png)' }),
  /** How a sweep or race is drawn: `'files'` (one file per value, suffixed), `'overlay'` (every path on one surface) or `'grid'` (small multiples); with {@link RunOptions.starts}, `'overlay'` (every path, coloured by the minimum it reached) or `'basins'` (each start a dot in the colour of the minimum it reached, the paths thin). Default: `'files'` for a sweep, `'overlay'` for a race or starts. Flag `--layout`. */
  layout: spec({ flag: '--layout', arg: '<name>', group: 'Animation', choices: LAYOUTS, schema: choice(LAYOUTS), parse: (r, f) => parseChoices(f, r, LAYOUTS) as LayoutName, defaultText: 'files for a sweep, overlay for a race', applies: { needs: 'several' }, help: 'a sweep or race: one file per value (files), every path on one surface (overlay), or small multiples (grid); --starts: every path (overlay) or each start coloured by the minimum it reaches (basins)' }),
  /** Frame width in pixels, 160 to 8192 (rounded down to even for MP4/WebM, with a warning). Default 960. The command line sets it with `--size WxH`. */
  width: spec({ group: 'Animation', schema: int(160, 8192), default: 960, applies: { needs: 'out' }, help: 'frame width in pixels' }),
  /** Frame height in pixels, 120 to 8192 (rounded down to even for MP4/WebM, with a warning). Default 480. The command line sets it with `--size WxH`. */
  height: spec({ group: 'Animation', schema: int(120, 8192), default: 480, applies: { needs: 'out' }, help: 'frame height in pixels' }),
  /** The panels side by side, in order, from `'surface'` (loss surface and path), `'fit'` (data and model) and `'loss'` (loss by iteration). Default `['surface', 'fit']`. Flag `--panels`. */
  panels: spec({ flag: '--panels', arg: '<list>', group: 'Animation', schema: v.pipe(v.array(choice(PANELS), 'is not a list of panels from surface, fit, loss'), v.minLength(1, 'needs at least one panel')), parse: parsePanels, default: ['surface', 'fit'] as PanelName[], applies: { needs: 'out', layouts: ['single', 'files', 'overlay'] }, help: 'panels, comma-separated from surface, fit, loss' }),
  /** On the surface panel, under the path of each `sgd` or `minibatch` series: the path of full-batch gradient descent from the same start for the same iterations, dashed and faint, with a ring where it is at the frame's iteration. Its rate is the one the stochastic step averages to: minibatch's own, sgd's divided by the loss's gradient scale (2 for linear, whose sgd rule leaves out the 2 of d/dr r²). Default false. Flag `--reference-path`. */
  referencePath: spec({ flag: '--reference-path', group: 'Animation', schema: v.boolean('must be true or false'), default: false, applies: { needs: 'out', stochastic: true, panel: 'surface' }, help: 'sgd, minibatch: under the path, full-batch gradient descent from the same start, dashed, with a ring at the same iteration' }),
  /** On the surface panel, at each series' current point: an arrow of the gradient step −∇g/L (L the loss's largest curvature, in the surface's units; on a round bowl it lands on the minimum, so its length is the distance a safe full step would go), and for the optimizers that carry a velocity (`momentum`, `nesterov`, and the Adam family and `lion`) a second arrow of the last step taken, w_k − w_(k−1), the velocity they carry. Default false. Flag `--arrows`. */
  arrows: spec({ flag: '--arrows', group: 'Animation', schema: v.boolean('must be true or false'), default: false, applies: { needs: 'out', panel: 'surface', view: '2d' }, help: `at the current point, the gradient step −∇g/L (L the largest curvature: on a round bowl it lands on the minimum); for ${VELOCITY.join(', ')} also the last step taken (the velocity)` }),
  /** How the loss surface panel is drawn: `'2d'` (contour bands seen from above) or `'3d'` (a shaded mesh in perspective, the loss vertical on a log-like scale, the paths riding on it). Not with `layout: 'grid'`. Default `'2d'`. Flag `--view`. */
  view: spec({ flag: '--view', arg: '<2d|3d>', group: 'Animation', choices: VIEWS, schema: choice(VIEWS), default: '2d' as ViewName, applies: { needs: 'out', panel: 'surface' }, help: 'the loss surface as contour bands seen from above (2d), or as a shaded mesh in perspective with the loss vertical (3d)' }),
  /** With `view: '3d'`: the degrees the camera turns about the vertical axis from the first frame of an animation to the last, −720 to 720 (negative turns clockwise). Default 0: the camera stands still. Flag `--orbit`. */
  orbit: spec({ flag: '--orbit', arg: '<deg>', group: 'Animation', schema: between(-720, 720), parse: num, default: 0, applies: { view: '3d', outputs: animation }, help: '--view 3d: degrees the camera turns over the animation (e.g. 360; negative turns clockwise)' }),
  /** Colour theme, `'light'` or `'dark'`. Default `'light'`. Flag `--theme`. */
  theme: spec({ flag: '--theme', arg: '<name>', group: 'Animation', choices: THEMES, schema: choice(THEMES), default: 'light' as ThemeName, applies: { needs: 'out' }, help: 'colour theme' }),
  /** The number of frames of an animation, 2 to 100,000. Default 100. Flag `--frames`. */
  frames: spec({ flag: '--frames', arg: '<n>', group: 'Animation', schema: int(2, 100_000), parse: whole, default: 100, applies: { outputs: animation }, help: 'number of frames' }),
  /** Draw every k-th iteration as a frame instead of spreading {@link RunOptions.frames} frames. Flag `--every`. */
  every: spec({ flag: '--every', arg: '<k>', group: 'Animation', schema: int(1, 10_000_000), parse: whole, applies: { outputs: animation }, help: 'take every k-th iteration as a frame instead of --frames' }),
  /** How frames are spread over the iterations: `'adaptive'` (denser where the weights move most), `'uniform'` or `'log'`. Default `'adaptive'`. Flag `--sample`. */
  sample: spec({ flag: '--sample', arg: '<mode>', group: 'Animation', choices: SAMPLE_MODES, schema: choice(SAMPLE_MODES), default: 'adaptive' as (typeof SAMPLE_MODES)[number], applies: { outputs: animation }, help: 'how frames are spread over the iterations' }),
  /** Frames per second of a GIF, MP4 or WebM, 0.1 to 100. Default 20. Flag `--fps`. */
  fps: spec({ flag: '--fps', arg: '<n>', group: 'Animation', schema: between(0.1, 100, ' (GIF delays are in 1/100 s)'), parse: num, default: 20, applies: { outputs: TIMED_KINDS }, help: 'frames per second' }),
  /** Seconds to hold the final frame at the end of an animation, 0 to 3600. Default 1.5. Flag `--hold`. */
  hold: spec({ flag: '--hold', arg: '<s>', group: 'Animation', schema: between(0, 3600), parse: num, default: 1.5, applies: { outputs: TIMED_KINDS }, help: 'seconds to hold the final frame' }),
  /** GIF: how many times to play, 0 = forever, up to 65535. Default 0. Flag `--loop`. */
  loop: spec({ flag: '--loop', arg: '<n>', group: 'Animation', schema: int(0, 65535), parse: whole, default: 0, applies: { outputs: kindsWhere('loops') }, help: `${formatNames((a) => a.loops)}: play n times (0 = forever)` }),
  /** PNG still: the iteration to draw, or `'last'`; an array writes one still per iteration (`NAME-K.png`). Default `'last'`. Flag `--frame`. */
  frame: spec({
    flag: '--frame', arg: '<k|last[,…]>', group: 'Animation', defaultText: 'last', applies: { outputs: ['still'] },
    schema: v.union([frameValue, v.pipe(v.array(frameValue), v.minLength(1, 'names no iteration'), v.maxLength(100, 'names more than 100 stills'))], 'is not a whole number of iterations or "last"'),
    parse: parseFrame,
    help: 'PNG still: the iteration to draw; a list writes one still per iteration (NAME-K.png)',
  }),
  /** The ffmpeg binary for MP4 and WebM. Default: the `MLVIS_FFMPEG` environment variable (of `process.env`, or the `env` hook), else a newer ffmpeg on PATH with libx264 and libvpx-vp9, else the bundled one. Flag `--ffmpeg`. */
  ffmpeg: spec({ flag: '--ffmpeg', arg: '<path>', group: 'Animation', schema: text, defaultText: 'MLVIS_FFMPEG, else a newer ffmpeg on PATH, else the bundled one', applies: { outputs: kindsWhere('ffmpeg') }, help: `ffmpeg binary for ${formatNames((a) => a.ffmpeg)}` }),
  // ---- text ----
  /** The heading of the title line, in place of the model and optimizer ("Linear regression · gradient descent"); the iteration and the values stay beside it. Default: the model and optimizer. Flag `--title`. */
  title: spec({ flag: '--title', arg: '<text>', group: 'Text', schema: label, defaultText: 'the model and optimizer', applies: { needs: 'out' }, help: 'the heading of the title line; the iteration and values stay beside it' }),
  /** The fit panel's x-axis label. Default: the x column's name ("x" for synthetic data). Flag `--xlabel`. */
  xlabel: spec({ flag: '--xlabel', arg: '<text>', group: 'Text', schema: label, defaultText: 'the x column', applies: { objective: 'data', needs: 'out', panel: 'fit' }, help: "the fit panel's x-axis label (two features: the first column's)" }),
  /** The fit panel's y-axis label. Default: the y column's name; logistic: `P(COLUMN = POSITIVE)`. Flag `--ylabel`. */
  ylabel: spec({ flag: '--ylabel', arg: '<text>', group: 'Text', schema: label, defaultText: 'the y column; two features: the second column', applies: { objective: 'data', needs: 'out', panel: 'fit' }, help: "the fit panel's y-axis label (two features: the second column's, the plot's vertical axis)" }),
  /** Logistic regression: the names of the two classes in the fit panel's legend, `[class 0, class 1]` (y = 0 first), e.g. `['female', 'male']`. Default: the label values (with `positive`, the one other value or "not POSITIVE"). Flag `--labels`. */
  labels: spec({
    flag: '--labels', arg: '<name0,name1>', group: 'Text', defaultText: 'the label values', applies: { objective: 'data', needs: 'out', target: 'classes', panel: 'fit' },
    schema: v.pipe(v.tuple([text, text], 'must be two names'), v.check(([a, b]) => a !== b, 'names the same class twice')),
    parse: parseLabels,
    help: 'logistic: the names of class 0 and class 1 in the legend (e.g. "female,male")',
  }),
  /** Scales every text of the frame (tick labels, axis labels, titles, legends), 0.5 to 3. Default 1. Flag `--font-scale`. */
  fontScale: spec({ flag: '--font-scale', arg: '<f>', group: 'Text', schema: between(0.5, 3), parse: num, default: 1, applies: { needs: 'out' }, help: 'scale all text by f (0.5 to 3), e.g. 1.4 for a slide' }),
  // ---- report ----
  /** Write `OUT.json` beside each output: the mlvis version, the resolved options, sha256 of the data and of the output; a batch skips jobs whose manifests are up to date. Default false. Flag `--manifest`. */
  manifest: spec({ flag: '--manifest', group: 'Report', schema: v.boolean('must be true or false'), default: false, applies: { needs: 'file' }, help: 'write OUT.json beside each output: mlvis version, options, sha256 of the data and of the output' }),
  /** Include every iteration's weights and loss in the summary. Default false. Flag `--trajectory`. */
  trajectory: spec({ flag: '--trajectory', group: 'Report', schema: v.boolean('must be true or false'), default: false, applies: { needs: 'summary' }, help: 'include every iteration in the summary' }),
};

/** The command line's own options (printing, the summary's destination, --size for width and height). */
export const CLI_OPTIONS = {
  size: spec({ flag: '--size', arg: '<WxH>', group: 'Animation', schema: v.string('must be text'), defaultText: '960x480', applies: { needs: 'out' }, help: 'frame size in pixels' }),
  summary: spec({ flag: '--summary', arg: '<path|->', group: 'Report', schema: text, help: 'write the run summary as JSON to a file, or - for stdout' }),
  within: spec({ flag: '--within', arg: '<dir>', group: 'Report', schema: text, help: 'refuse (before any work) an output, manifest or summary that resolves outside DIR, symbolic links followed' }),
  progress: spec({ flag: '--progress', arg: '<mode>', group: 'Messages', choices: ['bar', 'json', 'none'], schema: v.picklist(['bar', 'json', 'none']), defaultText: 'bar on a terminal, else none', help: 'progress on stderr: a bar, one JSON line per frame and per finished run (json), or none' }),
  quiet: spec({ flag: '--quiet', group: 'Messages', schema: v.boolean('must be true or false'), help: 'no warnings or progress on stderr' }),
  verbose: spec({ flag: '--verbose', group: 'Messages', schema: v.boolean('must be true or false'), help: 'show stack traces on errors' }),
};

export type OptionTable = typeof OPTION_TABLE;
export type OptionKey = keyof OptionTable;
type ValueOf<K extends OptionKey> = v.InferOutput<OptionTable[K]['schema']>;

/**
 * What a caller of the library may set: every option of the table; only the model is required. Each field
 * carries the TSDoc written on its table entry (a mapped type over `keyof OptionTable` keeps it; over an alias of it, it would not).
 */
export type RunOptions = { [K in keyof OptionTable as K extends 'model' ? K : never]-?: ValueOf<K> } & {
  [K in keyof OptionTable as K extends 'model' | HyperKey ? never : K]?: ValueOf<K>;
} & {
  // Mapped over the declarations themselves, so that each field keeps the TSDoc written there.
  [K in keyof typeof HYPER_PARAMS]?: ValueOf<K>;
};
type HyperKey = keyof typeof HYPER_PARAMS;

/** The flag an option is known by in messages (width and height come from --size). */
export function flagOf(key: string): string {
  const s = ({ ...OPTION_TABLE, ...CLI_OPTIONS } as Record<string, OptionSpec>)[key];
  if (key === 'width' || key === 'height') return '--size';
  return s?.flag ?? `--${key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`;
}

/** The options a library call may carry, in table order. */
export const LIBRARY_KEYS = Object.keys(OPTION_TABLE) as OptionKey[];
