/**
 * The error type and every user-facing message. Messages are one line: what is wrong, then how to fix it.
 * Tests assert against these functions rather than copied text.
 */
import type { Diverged, NotConverged, ShortOfMinimum, SlowDefault, UndefinedStep } from './warnings';
import type { Conditioning } from './engine/verdict';
import type { LandscapeVerdict } from './engine/landscapeVerdict';
import { extensionsOf, extensionWords, formatsWhere, orList } from './encode/formats';

/**
 * Exit code 1: the run failed (data, files, encoder). 2: the command line was wrong. 128 + the signal's
 * number when a signal stopped the run (130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP), as shells expect.
 */
export type ExitCode = 1 | 2 | 129 | 130 | 143;

export class MlvisError extends Error {
  readonly exitCode: ExitCode;
  /**
   * Lines the command line shows under the one-line message, where a picture says more than words: --expr's
   * expression with a caret under the bad character. The message alone stays complete (a batch table, a JSON
   * progress line and the library show only it).
   */
  readonly excerpt?: readonly string[];
  constructor(message: string, exitCode: ExitCode = 1, options?: { cause?: unknown; excerpt?: readonly string[] }) {
    super(message, options);
    this.name = 'MlvisError';
    this.exitCode = exitCode;
    if (options?.excerpt) this.excerpt = options.excerpt;
  }
}

/** A failure of the run (exit code 1). */
export function runError(message: string, cause?: unknown): MlvisError {
  return new MlvisError(message, 1, cause === undefined ? undefined : { cause });
}

/** A run stopped by a signal: exit code 128 + its number. */
export function stoppedBy(signal: NodeJS.Signals, message = messages.interrupted()): MlvisError {
  const code = ({ SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as Record<string, ExitCode>)[signal] ?? 130;
  return new MlvisError(message, code);
}

/** A usage error (exit code 2); `excerpt`: the lines the command line shows under it (see MlvisError). */
export function usageError(message: string, excerpt?: readonly string[]): MlvisError {
  return new MlvisError(message, 2, excerpt ? { excerpt } : undefined);
}

const list = (values: readonly string[], max = 12): string => {
  const shown = values.slice(0, max).map((v) => JSON.stringify(v));
  return shown.join(', ') + (values.length > max ? `, … (${values.length - max} more)` : '');
};

/** The jobs file `mlvis batch --help` shows: each job in the command line's spellings, checked by a test. */
export const BATCH_EXAMPLE = {
  defaults: { model: 'linear', iters: 300, size: '800x400', manifest: true },
  jobs: [
    { out: 'docs/fit.gif' },
    { model: 'logistic', data: 'penguins', panels: 'surface,fit,loss', out: 'docs/penguins.gif' },
    { optimizer: 'gd,momentum,adam', out: 'docs/race.mp4' },
  ],
};

/** What --starts takes (its schema's words and the command line's). */
const STARTS_IS = 'is not a number of starts from 2 to 10000 or grid:K with K from 2 to 100 (for example 200 or grid:40)';

export const messages = {
  // ---- data --------------------------------------------------------------------------------------
  fileNotFound: (path: string) =>
    `data file not found: ${path} (check the path, or run "mlvis datasets" for the built-in data sets)`,
  fileUnreadable: (path: string, reason: string) =>
    `cannot read data file ${path}: ${reason} (check that it is a readable file)`,
  dataTooLarge: (path: string, limit: number) =>
    `${path} is larger than the ${sizeText(limit)} mlvis reads; sample the rows you need (${sampleHint(path)})`,
  tooManyRows: (path: string, limit: number) =>
    `${path} has more than ${limit.toLocaleString('en-US')} data rows, the most mlvis reads; sample the rows you need (${sampleHint(path)})`,
  rowTooLong: (path: string, limit: number) =>
    `${path} has a row longer than ${sizeText(limit)} (is it a CSV file with line breaks?); give a CSV file with one row per line`,
  utf16Text: (path: string) =>
    `${path} is UTF-16 text, not UTF-8; save it as "CSV UTF-8" (or convert it: iconv -f UTF-16 -t UTF-8 ${path} > utf8.csv)`,
  notText: (path: string) =>
    `${path} is not a text CSV file (it contains binary data); give a CSV file with a header row`,
  csvMalformed: (path: string, reason: string) => `cannot parse ${path} as CSV: ${reason}`,
  noHeader: (path: string) => `${path} is empty; a CSV file needs a header row and at least 2 data rows`,
  unknownColumn: (flag: string, column: string, columns: readonly string[]) =>
    `${flag}: no column ${JSON.stringify(column)}; the columns are ${list(columns, 40)}`,
  noNumericColumns: (path: string, columns: readonly string[]) =>
    `${path} has no two numeric columns to use by default; choose them with --x and --y (columns: ${list(columns, 40)})`,
  tooFewRows: (usable: number, skipped: number, needed = 2) =>
    `only ${usable} usable row${usable === 1 ? '' : 's'} (${skipped} skipped for missing or non-numeric values); at least ${needed} are needed${needed === 3 ? ' for a plane on two features' : needed > 3 ? ` for a fit on ${needed - 1} features` : ''}`,
  constantX: (column: string, value: number) =>
    `x column ${JSON.stringify(column)} is constant (every value is ${value}); choose another column with --x`,
  labelsNeedPositive: (column: string, values: readonly string[]) =>
    `y column ${JSON.stringify(column)} holds text labels; choose the class that counts as 1 with --positive (values found: ${list(values)})`,
  positiveNotFound: (value: string, column: string, values: readonly string[]) =>
    `--positive ${JSON.stringify(value)} does not occur in column ${JSON.stringify(column)} (values found: ${list(values)})`,
  notTwoClasses: (column: string, values: readonly string[]) =>
    `a model of two classes needs two in y column ${JSON.stringify(column)}, found ${values.length}: ${list(values)}; use a 0/1 or true/false column, or --positive VALUE`,
  labelsNotZeroOne: (column: string, values: readonly [string, string]) =>
    `y column ${JSON.stringify(column)} holds the numbers ${values[0]} and ${values[1]}, not 0 and 1; choose the class that counts as 1 with --positive (for example --positive ${values[1]})`,
  oneClassOnly: (column: string, label: string) =>
    `every usable row of y column ${JSON.stringify(column)} is ${label}: a model of classes needs at least two`,
  unknownDataset: (name: string, names: readonly string[]) =>
    `no built-in data set or file named ${JSON.stringify(name)}; built-in data sets: ${list(names)}; generated: moons, circles, xor, spirals, blobs`,
  builtinSkipped: (skipped: number) => `${skipped} row${skipped === 1 ? '' : 's'} with a missing value left out`,
  skippedRows: (skipped: number, total: number, xCol: string, yCol: string, more: readonly string[] = []) =>
    `skipped ${skipped} of ${total} rows with a missing or non-numeric value in ${[xCol, ...more].map((c) => JSON.stringify(c)).join(', ')} or ${JSON.stringify(yCol)}`,

  // ---- engine ------------------------------------------------------------------------------------
  separable: () =>
    'the two classes are perfectly separable along x: the cross-entropy has no finite minimum (the weights grow without bound), so no optimum is reported',
  stillDescending: (iterations: number, from: number, to: number) =>
    `the loss was still falling at the end: from ${sig(from)} to ${sig(to)} over the last tenth of the ${iterations} iterations (no minimum is known to judge by); more --iters may take it lower`,
  noOptimum: (why: string) => `${why}: no optimum is reported`,
  diverged: (w: Diverged) => {
    const head = `the descent diverged at iteration ${w.iteration} (learning rate ${w.lr}); it stopped there.`;
    // Decoupled weight decay alone (lr·decay ≥ 2) multiplies the weights by 1 − lr·decay ≤ −1 each step.
    if (w.decay)
      return `${head} The weight decay alone makes it: each step multiplies the weights by 1 − lr·decay = ${sig(1 - w.lr * w.decay.weightDecay)}, at least 1 in size, whatever the gradient does. Try a smaller --weight-decay; the rule lr·decay < 2 gives below ${sig(w.decay.below)} at this rate (not checked by a run)`;
    const lr = formatLr(w.stableLr);
    // A raw narrow valley is the cause behind the rate: named first, with the fix that removes it.
    const valley = w.conditioning
      ? ` The loss valley is narrow (condition number ${sig(w.conditioning.condition)}): ${conditionCause(w.conditioning)}, so a rate small enough for its steep side crawls along its floor; --standardize removes the valley.`
      : '';
    // Only what a run confirmed: that it converges, that it stays bounded for a short trial, or neither.
    if (w.checked === 'converges') return `${head}${valley} Try --lr ${lr} (checked: the same run converges with it)`;
    if (w.checked === 'stable') return `${head}${valley} --lr ${lr} is stable (checked: ${w.trialIterations} iterations without blowing up; not that it converges): try it, or lower`;
    return `${head}${valley} Try a smaller --lr; the stability rule gives ${lr} (not checked by a run)`;
  },
  notConverged: (w: NotConverged) => {
    const closed = w.gapClosed < 0 ? `ended higher than it started` : `closed ${formatShare(w.gapClosed)} of the loss gap`;
    const steps = `${w.iterations} iteration${w.iterations === 1 ? '' : 's'}`;
    const worse = w.trivial ? `, worse than ${w.trivial.model} (loss ${sig(w.trivial.loss)})` : '';
    const head = `the descent did not converge in ${steps}: it ${closed}, ending ${sig(w.final - w.optimum)} above the optimum's loss ${sig(w.optimum)}${worse}`;
    const weights = w.weightsOff ? `. The loss is close, but the weights are not: ${weightsText(w.weightsOff)}` : '';
    const said = `${head}${weights}`;
    // Every number printed here was checked by running it; a direction only when a probe run showed it.
    const checked = (flags: string) => `Try ${flags} (checked: the same run converges with it)`;
    const both = w.suggestedLr !== undefined && w.suggestedIterations !== undefined;
    const advice = both
      ? checked(`--lr ${formatLr(w.suggestedLr!)} --iters ${w.suggestedIterations}`)
      : w.suggestedLr !== undefined
        ? checked(`--lr ${formatLr(w.suggestedLr)}`)
        : w.suggestedIterations !== undefined
          ? checked(`--iters ${w.suggestedIterations}`)
          : nearerText(w.nearer);
    switch (w.cause ?? 'cycling') {
      case 'cycling':
        return `${said}, and the loss keeps bouncing: the steps overshoot. ${advice}`.trimEnd();
      case 'illConditioned': {
        const c = w.conditioning!;
        const std = w.standardized;
        const fix = !std
          ? 'Add --standardize'
          : std.converges
            ? 'Add --standardize (checked: with it the same run converges at its default rate)'
            : `Add --standardize: it brings the condition number to ${sig(std.condition)}`;
        // A loss that rose overshot across the valley's steep side; one that fell crawls along its floor.
        const how = w.gapClosed < 0 ? 'so the steps overshoot across its steep side' : "so the steps crawl along the valley's floor";
        return `${said}, because the loss valley is narrow (condition number ${sig(c.condition)}): ${conditionCause(c)}, ${how}. ${fix}`;
      }
      case 'smallRate':
        return `${said}, because the learning rate is far below the stable one. ${advice}`.trimEnd();
      case 'noise': {
        const what = w.optimizer === 'sgd' ? 'single samples' : 'sampled batches';
        const quiet = w.quietLr !== undefined ? `; without the noise the same steps converge (checked: --optimizer gd --lr ${formatLr(w.quietLr)})` : '';
        return `${said}, because its ${what} keep the steps bouncing around the optimum${quiet}: a larger --lr would add noise, not progress. ${advice}`.trimEnd();
      }
      case 'fewIterations': {
        // After the weights' sentence "it" would be the weights: the loss is named again there.
        if (w.weightsOff) {
          const loss = w.iterations < 10 ? 'That was too few steps to tell more' : `The loss ${w.gapClosed < 0 ? 'was falling again' : 'was still falling'} at the end`;
          return `${said}. ${loss}. ${advice}`.trimEnd();
        }
        const falling = w.iterations < 10 ? 'after too few steps to tell more' : w.gapClosed < 0 ? 'and was falling again at the end' : 'and was still falling';
        return `${said} ${falling}. ${advice}`.trimEnd();
      }
    }
  },

  /**
   * How a descent over a landscape ended (engine/landscapeVerdict.ts), in one line: the minimum reached and
   * whether it is the global one, the saddle it stopped at and the way down from it, or what the last
   * stretch showed. Only what the verdict confirmed; no advice that no run checked.
   */
  landscapeVerdict: (v: LandscapeVerdict) => {
    const at = `${coords(v.final.w)} (f = ${sig(v.final.loss)})`;
    const from = v.passedSaddle ? `, after ${leftSaddle(v.passedSaddle)}` : '';
    const nearest = v.nearest && v.distance !== null ? `, ${sig(v.distance * v.scale)} from the nearest known minimum ${v.nearest.name}` : '';
    switch (v.verdict) {
      case 'converged': {
        const m = v.minimum;
        if (m && m.kind === 'global') return `reached the global minimum ${m.name} at iteration ${v.iterationReached}${v.global && v.global.count > 1 ? ` (one of ${v.global.count})` : ''}${from}`;
        const notGlobal = v.global ? `, not the global one (f = ${sig(v.global.loss)})` : '';
        if (m) return `reached a local minimum at ${m.name} (f = ${sig(m.loss)}) at iteration ${v.iterationReached}${notGlobal}${from}`;
        const unknown = v.notes.includes('minimaUnknown') ? '; the minima of this function are not known, so whether it is the global one is not either' : `; it is none of the known minima${v.global ? ` (the global one has f = ${sig(v.global.loss)})` : ''}`;
        return `reached a minimum at ${at} at iteration ${v.iterationReached}: the gradient vanishes and the surface curves up in every direction${unknown}${from}`;
      }
      case 'saddle': {
        const where = v.saddle!.index === null ? `at a saddle point near ${at}` : `near the saddle at ${v.saddle!.name}`;
        const down = v.curvature?.down ? `the gradient vanishes but the surface curves down along ${coords(v.curvature.down)}` : 'the gradient vanishes there, but it is no minimum';
        return `stopped ${where}: ${down}`;
      }
      case 'not run':
        return `not run (0 iterations): it starts at ${at}${nearest}`;
      case 'stalled': {
        // Only what was computed: a gradient checked before it is said to vanish.
        if (v.notes.includes('gradientUndefined')) return `stalled at ${at}, where the gradient is not defined (not finite, or not zero arbitrarily near): no minimum or saddle is claimed${from}`;
        if (v.notes.includes('didNotMove')) return `stalled: did not move from ${at}; the gradient there is ${sig(v.gradientNorm!)}, not zero, so the steps were too small to leave it${from}`;
        if (v.notes.includes('curvatureDegenerate')) return `stalled at ${at}, where the gradient vanishes but the surface is flat in some direction: neither a minimum nor a saddle is confirmed${from}`;
        if (v.notes.includes('curvatureUnavailable')) return `stalled at ${at}, where the gradient vanishes; whether it is a minimum or a saddle was not checked (no curvature there)${from}`;
        return `stalled at ${at}${nearest}: over its last ${stretchOf(v)} the loss no longer fell and the steps stayed under a thousandth of the domain${from}`;
      }
      case 'cycling':
        return `is cycling near ${at}${nearest}: over its last ${stretchOf(v)} the loss did not fall while each step still moved about ${sig(v.stretch!.medianStep)}${from}`;
      case 'still descending':
        return `still descending at iteration ${v.final.iteration} (f = ${sig(v.final.loss)}, down ${sig(-v.stretch!.lossChange)} over its last ${stretchOf(v)})${nearest}${from}`;
      case 'diverged': {
        // It left the region where f is defined: that is no blow-up, and the sentence says where.
        if (v.undefinedAt) return `left the region where f is defined at iteration ${v.divergedAt}: ${undefinedWhere(v.undefinedAt)}${from}`;
        // The first sign that decided it (divergedAt is the earliest): a non-finite value, a fall far below the
        // domain's loss, a path a thousand domains away.
        const fellFirst = v.notes.includes('fell') && !v.notes.includes('nonFinite');
        const why = v.notes.includes('nonFinite') ? 'the loss or the weights stopped being finite' : fellFirst && !v.notes.includes('blowUp') ? 'the loss fell without bound' : v.notes.includes('blowUp') ? (fellFirst ? 'the loss fell without bound and the path went a thousand times the domain\'s size away' : 'the path went a thousand times the domain\'s size away') : 'the loss blew up';
        return `diverged at iteration ${v.divergedAt}: ${why}${from}`;
      }
    }
  },

  // ---- usage -------------------------------------------------------------------------------------
  badNumber: (flag: string, value: string, what: string) => `${flag}: ${JSON.stringify(value)} is not ${what}`,
  badChoice: (flag: string, value: string, choices: readonly string[]) =>
    `${flag}: ${JSON.stringify(value)} is not one of ${choices.join(', ')}`,
  stdoutNeedsFormat: () => `--out -: say which format to write to stdout with --format ${orList(formatsWhere((a) => a.stdout))}`,
  stdinNeedsCsv: () => 'data "-" reads CSV from stdin on the command line; in the library, pass the CSV text as csv',
  oneStillToStdout: () => '--out -: stdout takes one file; give --frame one iteration, or write the stills to files',
  sweepToStdout: () => '--out -: stdout takes one file, and a sweep writes one per value; use --layout grid or overlay, or write files',
  everyTooMany: (every: number, iterations: number, frames: number, limit: number) =>
    `--every ${every} over ${iterations.toLocaleString('en')} iterations makes ${frames.toLocaleString('en')} frames, more than the ${limit.toLocaleString('en')} an animation may have; use --every ${Math.ceil(iterations / (limit - 1))} or more, or --frames`,
  tooMuchWork: (frames: number, w: number, h: number, limit: number) =>
    `this animation would be ${frames.toLocaleString('en')} frames of ${w}x${h}, more than the ${limit.toExponential(0)} pixels mlvis encodes in one run; use fewer --frames (or a larger --every), a shorter --hold, or a smaller --size`,
  initOverflows: (init: readonly number[]) =>
    `--init ${init.join(',')}: the loss at these starting weights overflows double precision, so no descent can start; choose starting weights nearer the data's scale (for example --init ${new Array(Math.max(2, init.length)).fill(0).join(',')})`,
  dataOverflows: (x: string, y: string) =>
    `the data in ${JSON.stringify(x)} and ${JSON.stringify(y)} overflows double precision (its squares pass 1e308); rescale the columns (for example to thousands or millions) and try again`,
  trajectoryTooLarge: (values: number, limit: number) =>
    `--trajectory would put ${values.toLocaleString('en')} numbers in the summary, more than the ${limit.toLocaleString('en')} it can hold; use fewer --iters, or leave out --trajectory`,
  stdoutTwice: () => '--out - and --summary - both write to stdout; send one of them to a file',
  nulInName: (path: string) => `${JSON.stringify(path)}: a file name cannot hold a NUL byte (\\u0000); remove it from the name`,
  outsideWithin: (path: string, lands: string, dir: string, place?: string) =>
    `${place ? `${place}: ` : ''}--within ${dir}: ${JSON.stringify(path)} would be written outside it (at ${lands}); name a file inside ${dir}`,
  nameTooLong: (path: string, max: number) => `${JSON.stringify(path)}: the file name is longer than the ${max} bytes a file system takes; give a shorter name`,
  dataOutOfRange: (x: string, y: string) =>
    `the data in ${JSON.stringify(x)} and ${JSON.stringify(y)} is too small for double precision (values near 1e-300 vanish when squared); rescale the columns and try again`,
  planePairPast: (k: number, dim: number) => `--plane pair: weight ${k} is past this model's ${dim} weights (numbered from 0 to ${dim - 1}, in the summary's order)`,
  featureOutOfRange: (column: string) =>
    `column ${JSON.stringify(column)} holds values too small or too large for double precision (near 1e-300 or 1e300, where squares vanish or overflow); rescale it and try again`,
  holdoutTooLarge: (share: number, n: number, test: number) =>
    `--holdout ${share}: of ${n} rows it would keep ${test} for testing and leave ${n - test} to train on; use a smaller share or more data`,
  badPlanePair: (given: string, degree: number, prefix: string, why: string) =>
    `--plane ${given}: ${why}; name two different weights from ${prefix}0 to ${prefix}${degree} (or v0 to v${degree}, or 0 to ${degree}), for example --plane pair:${prefix}1,${prefix}2`,
  featureList: (given: string, max: number) =>
    `--x ${JSON.stringify(given)}: give one column, or several separated by commas for a model on several features (linear and logistic take 2 to ${max}, mlp and softmax two; for example --x Horsepower,Weight_in_lbs)`,
  textColumn: (column: string, example: string) =>
    `column ${JSON.stringify(column)} holds text, not numbers (for example ${JSON.stringify(example.length > 40 ? `${example.slice(0, 39)}…` : example)}); choose a numeric column`,
  columnTwiceInHeader: (name: string) => `column ${JSON.stringify(name)} appears more than once in the header, so which one is meant is not clear; rename one of them`,
  featureTwice: (name: string) => `--x: ${JSON.stringify(name)} is named twice; give two different columns`,
  featureIsY: (name: string) => `--x: ${JSON.stringify(name)} is also the y column; choose another feature or another --y`,
  columnsKnownLate: (x: string, columns: number, assumed: number, flags: readonly string[]) =>
    `--x ${JSON.stringify(x)}: from stdin or a pipe the header comes only with the data, and it names ${columns} column${columns === 1 ? '' : 's'}, not the ${assumed} its commas suggested, which ${flags.join(' and ')} ${flags.length === 1 ? 'was' : 'were'} judged by; give the data as a file (--data FILE), or leave ${flags.join(' and ')} out`,
  featureIsDefaultY: (name: string) => `--x: ${JSON.stringify(name)} is the data set's default y column for this model; choose another feature, or name the label with --y`,
  featuresDependent: (names: readonly string[]) =>
    names.length === 2
      ? `--x ${names.join(',')}: the two columns move together (one is, to within rounding, a fixed multiple of the other plus a constant), so no single plane or boundary fits best; choose two columns that vary on their own`
      : `--x ${names.join(',')}: the columns move together (one is, to within rounding, a fixed combination of the others plus a constant), so no single fit is best; leave out a column that the others determine`,
  featureInit: (given: readonly number[], p: number) =>
    `--init: ${given.length} number${given.length === 1 ? '' : 's'} (${given.join(',')}), and a regression on ${p - 1} features has ${p} weights w0 to w${p - 1}; give ${p} numbers (for example --init ${new Array(p).fill(0).join(',')}) or leave --init out to start at 0`,
  featuresNearlyDependent: (names: readonly string[], condition: number) =>
    `--x ${names.join(',')}: the columns nearly move together (their condition number is ${condition.toPrecision(2)}), so the best fit cannot be pinned down in double precision; leave out a column that the others nearly determine`,
  featuresTwoOnly: (model: string, count: number) =>
    `mlvis ${model} draws its ${model === 'softmax' ? 'classes' : 'decision region'} in the plane of two features, and --x names ${count}: give two columns, --x a,b (linear and logistic regression take more)`,
  softmaxInit: () => '--init: mlvis softmax starts with every weight at 0 (the start the convention of centred weights keeps); its number of weights is 3 per class',
  modelTooManyRows: (model: string, n: number, max: number) =>
    `mlvis ${model} trains on at most ${max.toLocaleString('en-US')} rows (${n.toLocaleString('en-US')} given): every step${model === 'mlp' ? ' of a network' : ''} is a pass over all of them; take a sample of the rows (or fewer --points)`,
  mlpTextY: (column: string) =>
    `y column ${JSON.stringify(column)} holds text labels: with one x, mlvis mlp fits a curve to numbers; give --positive VALUE for classes along x, or two features --x a,b`,
  mlpInit: () => '--init: mlvis mlp starts from seeded Glorot weights (each layer uniform in ±√(6/(fan_in + fan_out)), biases 0); change --seed for another start',
  softmaxFeatures: () => 'mlvis softmax draws classes in the plane of two features: give two columns, --x a,b (for example --data penguins --x "Beak Length (mm),Beak Depth (mm)" --y Species)',
  tooManyClasses: (column: string, count: number, max: number) =>
    `y column ${JSON.stringify(column)} has ${count} distinct labels; softmax regression draws at most ${max} classes: choose a column of fewer classes`,
  generatorModel: (name: string, model: string) =>
    name === 'blobs'
      ? `--data blobs has three classes: use it with mlvis softmax, not mlvis ${model}`
      : `--data ${name} is generated two-feature classification data: use it with mlvis logistic, mlp or softmax, not mlvis ${model}`,
  featuresLinearOnly: (model: string) =>
    `--x with several columns is linear or logistic regression on several features; mlvis ${model} takes one x column`,
  polyInit: (given: readonly number[], degree: number) =>
    `--init: ${given.length} number${given.length === 1 ? '' : 's'} (${given.join(',')}), and a degree-${degree} polynomial has ${degree + 1} weights a0 to a${degree}; give ${degree + 1} numbers (for example --init ${new Array(degree + 1).fill(0).join(',')}) or leave --init out to start at 0`,
  polyOutOfRange: (degree: number, std: number) =>
    `--degree ${degree}: x spreads by ${std.toPrecision(3)}, and its ${degree}th power passes double precision; rescale the x column (for example to thousands or millionths) or use a lower degree`,
  tooFewDistinct: (degree: number, distinct: number) =>
    `--degree ${degree} needs at least ${degree + 1} different x values to have one best fit, and the data have ${distinct}; use --degree ${Math.max(1, distinct - 1)} or less, or more data`,
  sameOutputTwice: (path: string) => `--out: ${JSON.stringify(path)} is named twice; give each output a different file name`,
  summaryIsOutput: (path: string) => `--summary: ${JSON.stringify(path)} is also an --out file; give the summary its own file name`,
  outputIsInput: (path: string) => `${JSON.stringify(path)} is the input data file; write the output to another file`,
  tooManyToOverlay: (n: number) => `--layout overlay: ${n} series are too many to tell apart on one surface (at most 6); use --layout grid or files`,
  view3dInGrid: () => '--view 3d draws one surface, and --layout grid draws a 2-D surface per series; use --layout overlay (every path on one 3-D surface) or --layout files',
  tooManyForGrid: (n: number) => `--layout grid: ${n} series are too many for one frame (at most 9); use --layout files`,
  unknownOption: (key: string, value: string, meant: string | undefined) =>
    `${key}: ${value} is not an option mlvis knows${meant ? `; the option is called ${meant}` : ''}`,
  optionsNotObject: () => 'run() takes an options object, for example run({ model: "linear", out: "fit.gif" })',
  twoSweeps: (flags: string[]) => `${flags.join(' and ')} are both lists: a run sweeps one setting at a time; give a single value for all but one`,
  raceAndSweep: (flag: string) => `${flag} is a list while --optimizer names several: a run is either a race of optimizers or a sweep of one setting; give one value for ${flag}`,
  compareWith: (flag: string, why: string) =>
    `--compare-standardize cannot be combined with ${flag}: ${why}; leave out one of them`,
  lrForAbsentOptimizer: (name: string, optimizers: readonly string[]) =>
    `--lr: ${JSON.stringify(name)} is not among the optimizers of this run (${optimizers.join(', ')}); name only those in --optimizer`,
  wholeBatch: (b: number, n: number) => `${b} is at least the number of rows (${n}): every step uses all the data, as gd does`,
  tuneWithLr: (lr: string) =>
    `--tune and --lr ${lr} contradict: --tune chooses every rate; leave out --lr, or pin single optimizers with --lr NAME=RATE (for example --lr gd=0.001) and the others are tuned`,
  tuneWith: (flag: string, why: string) => `--tune cannot be combined with ${flag}: ${why}`,
  tuneTooMuchWork: (trials: number, iterations: number, rows: number, work: number, limit: number) =>
    `--tune would run ${trials.toLocaleString('en')} descents of ${iterations.toLocaleString('en')} iterations over ${rows.toLocaleString('en')} rows (${work.toExponential(1)} row-iterations, more than the ${limit.toExponential(0)} it may spend); use fewer --iters, race fewer optimizers, or tune on a sample of the data`,
  tuneSlow: (trials: number, seconds: number) =>
    `--tune runs ${trials.toLocaleString('en')} full descents, about ${seconds < 120 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 60)} min`} at the pace of the first; fewer --iters, fewer optimizers or a sample of the data would shorten it (Ctrl-C stops it)`,
  tuneAllDiverged: (lr: number) => `every rate of the --tune grid diverged, so it runs at its default rate ${lr}`,
  badLrItem: (item: string) => `--lr: ${JSON.stringify(item)} is not NAME=RATE (for example --lr gd=0.1,adam=0.05)`,
  /** A loss unbounded below that rose past every bound: the rate overshoots, and no rate would make it converge. */
  unboundedRose: (iteration: number, lr: number, why: string) =>
    `the descent diverged at iteration ${iteration}: the loss rose past every bound, so the steps overshoot at learning rate ${lr}; but no learning rate makes a descent converge here: ${why}`,
  /** An expression whose loss fell without bound: no stable rate is advice there. */
  fellWithoutBound: (iteration: number, loss: number, lowest: number) =>
    `the descent left for ever (at iteration ${iteration} its loss fell far below the domain's lowest, ${sig(lowest)}, and on to ${sig(loss)}): f looks unbounded below along this path, and no learning rate makes a descent converge on a loss that falls for ever`,
  /** A step to where the function is not defined: said as that, not as a blow-up, with the fixes that help. */
  undefinedStep: (w: UndefinedStep) => {
    // A gradient not finite at the start makes the first step not a number at every rate.
    if (w.atStart)
      return `the descent left the region where f is defined at iteration ${w.iteration} (learning rate ${w.lr}): the gradient of f is not finite at the start ${coords(w.at)}, so the first step is not a number at any learning rate and no rate helps. Start elsewhere (--init, or a --domain whose default start is elsewhere)`;
    const fix = w.suggestedLr !== undefined
      ? `Try --lr ${formatLr(w.suggestedLr)} (checked: the same run converges with it), or a start farther inside that region`
      : 'Try a smaller --lr, or a start (--init, or a --domain whose default start is) farther inside that region';
    return `the descent left the region where f is defined at iteration ${w.iteration} (learning rate ${w.lr}): ${undefinedWhere(w)}; it did not blow up, and it stopped there. ${fix}`;
  },
  /** A path that barely moved at a default rate set by the steepest curvature. */
  slowDefault: (w: SlowDefault) => {
    const head = `the path moved only ${formatShare(w.moved)} of the domain's diagonal in ${w.iterations} iteration${w.iterations === 1 ? '' : 's'}: ${w.optimizer}'s default --lr ${formatLr(w.lr)} is set by the steepest curvature over the box around the start and the minima (λmax = ${sig(w.curvature)})`;
    const p = w.probe;
    const checked = !p
      ? 'no larger rate went farther without diverging (checked up to 65536 times the rate)'
      : p.converged
        ? `with --lr ${formatLr(p.lr)} the same run ${p.reached ? `reaches ${p.reached}` : 'converges'} (checked)`
        : `with --lr ${formatLr(p.lr)} the same run moves ${formatShare(p.moved)} of the diagonal and ends at f = ${sig(p.loss)} (checked), though not converged`;
    return `${head}. ${cap(checked)}; or let --tune choose the rate`;
  },
  /** A landscape's descent still going down at its end, short of the global minimum (facts only: nothing was probed). */
  shortOfMinimum: (w: ShortOfMinimum) => {
    const head = `the descent did not reach a minimum in ${w.iterations} iteration${w.iterations === 1 ? '' : 's'}: it was still descending (f fell ${sig(w.fallOver.by)} over its last ${w.fallOver.iterations})`;
    // Above its start (an early overshoot it is coming back from): no share of the gap is "closed".
    const gap = w.gapClosed < 0
      ? `, and it ended above its start: f = ${sig(w.final)} against the start's ${sig(w.start)} (the global minimum's f = ${sig(w.global)})`
      : `, and it closed ${formatShare(w.gapClosed)} of the gap from the start's f = ${sig(w.start)} to the global minimum's f = ${sig(w.global)}, ending at f = ${sig(w.final)}`;
    const local = w.nearestLocal ? `; the known minimum nearest its end is the local one at ${w.nearestLocal.name} (f = ${sig(w.nearestLocal.loss)}), ${sig(w.nearestLocal.distance)} away` : '';
    return `${head}${gap}${local}`;
  },
  unbounded: (iteration: number, why: string) =>
    `the descent left for ever (from iteration ${iteration} it was past every bound of the domain: far below its loss or a thousand times its size away): ${why}; no learning rate changes that, only a start on the line that leads into the saddle`,
  domainTooLarge: (axis: string, a: number, b: number, max: number) =>
    `--domain: ${axis} from ${a} to ${b} is too large to draw and measure (a thousand widths, how far a path may go before it counts as gone, must be a finite number); give a range of ${axis} at most ${max.toExponential(0)} wide`,
  domainTooSmall: (axis: string, a: number, b: number, least: number) =>
    `--domain: ${axis} from ${a} to ${b} is too small to draw and measure (its points cannot be told apart); give a range of ${axis} at least ${least.toPrecision(2)} wide`,
  badDomain: (value: string) => `--domain: ${JSON.stringify(value)} is not X0:X1,Y0:Y1 (for example --domain -2:2,-1:3)`,
  functionNeedsName: () => 'mlvis function needs a function: name one (mlvis function rosenbrock; mlvis functions lists them) or give --expr "EXPR" in x and y',
  functionAndExpr: (name: string) => `give either a function (${JSON.stringify(name)}) or --expr, not both`,
  noSamples: (optimizer: string, others: readonly string[]) =>
    `--optimizer ${optimizer} draws samples of data, and a function has none; use ${others.join(', ')} (gd takes the same steps without the sampling noise)`,
  // ---- --starts (basins) ----
  startsIs: () => STARTS_IS,
  badStarts: (value: string) => `--starts: ${JSON.stringify(value)} ${STARTS_IS}`,
  startsWith: (flag: string, why: string) => `--starts cannot be combined with ${flag}: ${why}; leave out one of them`,
  startsNeedFunction: () =>
    '--starts applies to mlvis function: a regression has one minimum, which every start reaches; draw basins of a landscape (for example mlvis function himmelblau --starts grid:40)',
  basinsNeedStarts: () => '--layout basins colours many starts by the minimum each reaches: add --starts N or --starts grid:K (for example --starts grid:40)',
  noStartDefined: (formula: string) => `--starts: ${formula} is not defined (not finite) at any of the starts; give a --domain where it is`,
  startsTooLong: (count: number, iterations: number, most: number) =>
    `--starts ${count} with --iters ${iterations} records too many iterates to draw (every start's path is kept); use at most --iters ${most} with ${count} starts, or fewer starts`,
  startsLayout: (layout: string) => `--layout ${layout} cannot be combined with --starts: many starts are drawn on one surface; use --layout basins (each start coloured by the minimum it reaches) or overlay (every path)`,
  noFitPanel: () => '--panels: a function has no data to fit; draw surface and loss (for example --panels surface,loss)',
  badSchedule: (value: string) =>
    `--schedule: ${JSON.stringify(value)} is not a schedule; use constant, step:EVERY:FACTOR (for example step:100:0.5), cosine, or warmup:N (for example warmup:50)`,
  scheduleNeedsParts: (value: string) => `--schedule: ${JSON.stringify(value)} needs EVERY:FACTOR, for example step:100:0.5 (the rate times 0.5 after every 100 updates)`,
  scheduleEvery: (value: string) => `--schedule: EVERY in ${JSON.stringify(value)} must be a whole number of updates, at least 1 (for example step:100:0.5)`,
  scheduleFactor: (value: string) => `--schedule: FACTOR in ${JSON.stringify(value)} must be more than 0 and at most 1 (for example step:100:0.5)`,
  scheduleWarmup: (value: string) => `--schedule: N in ${JSON.stringify(value)} must be a whole number of updates, at least 1 (for example warmup:50)`,
  scheduleNeverSteps: (text: string, iterations: number, every: number, example: string) =>
    `--schedule ${text} never takes effect within --iters ${iterations}: its first step comes after update ${every}, so the rate is the base rate throughout; use a shorter EVERY (for example --schedule ${example}) or more --iters`,
  scheduleStillWarming: (text: string, iterations: number, share: number, example: string) =>
    `--schedule ${text} never takes effect within --iters ${iterations}: the warm-up is still rising at the end, at ${Number(share.toPrecision(3))} of the base rate; use a shorter warm-up (for example --schedule ${example}) or more --iters`,
  scheduleTakesNoValue: (value: string, name: string) => `--schedule: ${JSON.stringify(value)}: ${name} takes no value; write --schedule ${name}`,
  needsHessian: (optimizer: string) =>
    `--optimizer ${optimizer} needs the objective's exact Hessian, which this one does not give; choose another optimizer (for example adam)`,
  badInit: (value: string, names = 'W0,W1', example = '-2,5') => `--init: ${JSON.stringify(value)} is not two numbers ${names} (for example --init ${example})`,
  badSize: (value: string) => `--size: ${JSON.stringify(value)} is not WIDTHxHEIGHT in pixels (for example --size 960x480)`,
  nothingToDo: () => `nothing to do: give --out FILE (${extensionsOf().join(', ')}) or --summary PATH (or - for stdout)`,
  pageTooLarge: (mb: number, most: number) =>
    `--out .html and --format player: the page would hold ${mb.toFixed(0)} MB of trajectories, more than the ${most} MB a browser can load; use fewer --iters, a smaller --hidden, fewer series or starts, or write a .gif, .mp4 or .webm`,
  largePage: (path: string, bytes: number) =>
    `${path} is ${(bytes / 1024 / 1024).toFixed(1)} MB: a page holds every iteration of every path, and a reader's browser loads it whole before it plays; fewer --iters or starts make it smaller, or write a .gif, .mp4 or .webm`,
  largeGif: (path: string, bytes: number) =>
    `${path} is ${(bytes / 1024 / 1024).toFixed(1)} MB, more than the 10 MB a web page or a GitHub README should carry; write ${extensionWords((a) => a.video)} for the web, or use fewer --frames or a smaller --size`,
  frameAfterDivergence: (frame: number, last: number) =>
    `--frame ${frame}: the descent stopped at iteration ${last} (it diverged); drawing iteration ${last} instead`,
  interrupted: () => 'interrupted; no output was written (an existing file is left as it was)',
  badThreadsEnv: (value: string) => `MLVIS_THREADS: ${JSON.stringify(value)} is not a whole number from 1 to 256 (the threads a run may use; unset it to use every core)`,
  initOutsideLandscape: (init: readonly number[], title: string) =>
    `the start (${init.map((v) => Number(v.toPrecision(4))).join(', ')}) is where ${title} is not defined (not finite there); give --init X,Y where it is`,
  nowhereFinite: (formula: string, domain: { x: readonly number[]; y: readonly number[] }) =>
    `${formula} is not finite anywhere on the domain ${domain.x.join(':')},${domain.y.join(':')} (sampled on a 49x49 grid); check the formula, or give a --domain where it is defined`,
  tempRemoved: (target: string, temp: string) =>
    `cannot write ${target}: its temporary file ${temp} was removed by another process while this run wrote it (a run that took it for a dead run's, after this one was suspended for over 10 minutes); run again`,
  unsettled: (signal: string | undefined) =>
    `internal error: the ${signal ? `run stopped by ${signal}` : 'run'} ended without finishing; no output was written and its temporary files were removed (please report this, with the command)`,
  interruptedAfterWriting: (paths: readonly string[], withSummary = false) =>
    `interrupted after ${paths.join(', ')} ${paths.length === 1 ? 'was' : 'were'} written; nothing more was written (${withSummary ? '' : 'no summary, '}nothing on stdout)`,
  badLabels: (value: string) => `--labels: ${JSON.stringify(value)} is not two class names NAME0,NAME1 (class 0 first, for example --labels "female,male")`,
  noPanels: () => '--panels: name at least one of surface, fit, loss (for example --panels surface,fit)',
  tooNarrow: (w: number, h: number, panels: number, min: number) =>
    `--size: ${w}x${h} is too narrow for ${panels} panels; give at least ${min} pixels of width (for example --size ${min}x${h})`,
  flagIgnored: (flag: string, why: string) => `${flag} is ignored: ${why}`,
  framesAndEvery: () => '--frames and --every both choose the frames; give only one of them',
  duplicatePanels: (panels: readonly string[]) => `--panels: ${panels.join(',')} names a panel twice; list each of surface, fit, loss at most once`,
  frameOutOfRange: (frame: number, iterations: number) =>
    `--frame: ${frame} is past the last iteration (${iterations}); give a number from 0 to ${iterations} or "last"`,
  roundedToEven: (w: number, h: number, w2: number, h2: number) =>
    `H.264/VP9 need an even width and height: ${w}x${h} is rounded to ${w2}x${h2}`,
  badFramePattern: (path: string) =>
    `--out: ${JSON.stringify(path)} has a frame-number pattern mlvis cannot write; use %d, or %0Nd with N from 1 to 9 (for example frames/%04d.png)`,
  emptyListItem: (flag: string, value: string) => `${flag}: ${JSON.stringify(value)} has an empty item; separate the values with single commas`,
  lrTwice: (name: string) => `--lr: ${name} is given two rates; give each optimizer one (for example --lr gd=0.1,adam=0.05)`,
  sweepIgnored: (flag: string, optimizer: string) =>
    `${flag} is a list, but --optimizer ${optimizer} does not use it: every value would give the same descent; sweep a setting the optimizer reads`,
  modelMissing: () => 'model: missing; say which model to train, for example run({ model: "linear" })',
  sequenceNotPng: (path: string) =>
    `--out: ${JSON.stringify(path)} has a %d frame-number pattern, which only works with ${extensionWords((a) => a.frames === 'still')} (one file per frame)`,
  badFormat: (path: string) =>
    `--out: cannot tell the format of ${JSON.stringify(path)}; use a name ending in ${extensionWords((a) => !a.named)}${formatsWhere((a) => a.named).map((id) => ` (or ${extensionsOf([id])[0]} with --format ${id})`).join('')}`,
  namedFormat: (path: string, format: string) =>
    `--out: ${JSON.stringify(path)} is a .json name, which could hold anything; write the player's data with --out ${JSON.stringify(path)} --format ${format}`,
  pageUnsupported: (what: string) =>
    `--out .html and --format player: an interactive page draws one loss surface, not ${what}; write a .gif, .mp4 or .webm for it`,

  // ---- functions and expressions ----------------------------------------------------------------
  unknownFunction: (name: string, names: readonly string[], meant?: string) =>
    `no built-in function named ${JSON.stringify(name)}${meant ? `; did you mean ${meant}?` : ''} (functions: ${names.join(', ')}; or give a formula with --expr)`,
  badCondition: (k: number) =>
    `--condition: ${k} is not a condition number from 1 to 1e12 (the ratio of the largest to the smallest curvature; for example --condition 100)`,
  badAngle: (angle: number) => `--angle: ${angle} is not a finite angle in degrees (for example --angle 30)`,
  exprEmpty: () => '--expr: the expression is empty; give a formula in x and y, for example --expr "x^2 + 3*y^2"',
  exprTooLong: (length: number, max: number) =>
    `--expr: the expression is ${length.toLocaleString('en-US')} characters long, more than the ${max.toLocaleString('en-US')} mlvis reads; give a shorter formula`,
  // The command line shows the expression and a caret under the column on the two lines after these.
  exprTooDeep: (column: number, max: number) => `--expr: the expression nests more than ${max} levels deep at column ${column}; simplify it`,
  exprUnexpected: (what: string, column: number, hint: string) => `--expr: unexpected ${what} at column ${column}; ${hint}`,
  exprEndsEarly: (column: number) => `--expr: the expression ends too early at column ${column}; a number, x, y, a function or "(" is missing`,
  exprUnclosed: (column: number) => `--expr: the "(" at column ${column} is never closed; add a ")"`,
  exprUnknownName: (name: string, column: number, names: readonly string[]) =>
    `--expr: unknown name ${JSON.stringify(name)} at column ${column}; use x, y, pi, e or a function: ${names.join(', ')}`,
  exprNeedsParens: (name: string, column: number) => `--expr: ${name} at column ${column} needs its argument in parentheses; write ${name}(…)`,
  exprMissingOperator: (column: number) => `--expr: an operator is missing at column ${column}; write * between factors (2*x, not 2x)`,
  exprHugeNumber: (text: string, column: number) =>
    `--expr: the number ${text} at column ${column} is too large for double precision; use a number below 1.8e308`,

  // ---- command line ------------------------------------------------------------------------------
  rootHelp: () => '\nThe run options (data, training, animation, output) are listed by "mlvis linear --help" and "mlvis logistic --help".\n',
  commanderError: (text: string, suggestion: string | undefined, command: string | undefined) =>
    `${text}${suggestion ? `; did you mean ${suggestion}?` : ''} (see "mlvis ${command ? `${command} ` : ''}--help")`,
  strayArgument: (arg: string, model: string, after?: { flag: string; value: string }) => {
    const word = JSON.stringify(arg);
    if (after) return `unexpected argument ${word}: ${after.flag} ${after.value} ends in a comma, so a space after it split the list; write the list without spaces (${after.flag} ${after.value.trimEnd()}${arg.trim()}) or quote it`;
    if (arg.trim().startsWith(',')) return `unexpected argument ${word}: a space before a comma split a list; write the list without spaces (for example --lr 0.1,0.2) or quote it`;
    return `unexpected argument ${word}: every value belongs to a flag (quote a value with spaces, for example --title "my run"); see "mlvis ${model} --help"`;
  },

  // ---- batch -------------------------------------------------------------------------------------
  batchHelp: () =>
    [
      '',
      'A jobs file (relative paths are relative to it):',
      '  {',
      `    "defaults": ${jsonLine(BATCH_EXAMPLE.defaults)},`,
      '    "jobs": [',
      ...BATCH_EXAMPLE.jobs.map((job, i) => `      ${jsonLine(job)}${i < BATCH_EXAMPLE.jobs.length - 1 ? ',' : ''}`),
      '    ]',
      '  }',
      '',
      'Keys are the command line\'s long names in camelCase (iters, batchSize, noStandardize) or the library\'s',
      'names (iterations), and values are what the flag takes ("800x400", "0.02,0.2") or JSON numbers and lists.',
      'Run options and their defaults: "mlvis linear --help". "manifest": true (or --manifest for every job)',
      'writes OUT.json beside each output; a job whose outputs and manifests still match is skipped as up to',
      'date (--force renders it anyway).',
      '',
    ].join('\n'),
  jobsNotJson: (source: string, reason: string) => `${source} is not JSON: ${reason}`,
  badJobSize: (value: string) => `${value} is not "WIDTHxHEIGHT" in pixels; write "size": "960x480", or "width": 960 and "height": 480`,
  keyTwice: (place: string, key: string) => `${place}: the key ${JSON.stringify(key)} is given twice; keep one (JSON would silently take the last)`,
  jobsShape: (source: string) => `${source} must hold {"defaults": {…}, "jobs": [{…}, …]} or an array of jobs`,
  badJobs: (source: string, problems: readonly string[]) =>
    `${source} has ${problems.length} problem${problems.length === 1 ? '' : 's'}, nothing was rendered: ${problems.join('; ')}`,
  summaryIsJobsFile: (path: string) => `--summary: ${JSON.stringify(path)} is the jobs file; write the summary to another file`,
  batchInterrupted: (done: number, total: number) =>
    `interrupted: ${done} of ${total} job${total === 1 ? '' : 's'} had finished and are written; the others left no file (existing files are as they were)`,
  badShard: (value: string) => `--shard: ${JSON.stringify(value)} is not I/N with 1 ≤ I ≤ N (for example --shard 2/4)`,
  jobsTooLarge: (source: string, limit: number) => `${source} holds more than ${limit / 1024 / 1024} MB, too much for a jobs file; give a file of jobs`,
  jobsUnreadable: (path: string, reason: string) => `cannot read jobs file ${path}: ${reason}`,
  alsoInJobs: (jobs: readonly number[], message: string) =>
    `also in job${jobs.length === 1 ? '' : 's'} ${jobs.length === 1 ? jobs[0] : `${jobs.slice(0, -1).join(', ')} and ${jobs[jobs.length - 1]}`}: ${message}`,
  workerNotStarted: (reason: string) => `a batch worker process could not be started: ${reason}`,
  someJobsFailed: (failed: number, total: number, table = true) =>
    `${failed} of ${total} job${total === 1 ? '' : 's'} failed${table ? ' (see the table above)' : ''}`,

  // ---- output ------------------------------------------------------------------------------------
  outputUnwritable: (path: string, reason: string, hint = 'check the folder and its permissions') =>
    `cannot write ${/[\u0000-\u001f]/.test(path) ? JSON.stringify(path) : path}: ${reason} (${hint})`,
  stdoutUnwritable: (reason: string, code: string) => `cannot write to stdout: ${reason}${code ? ` (${code})` : ''}`,
  filesWritten: (paths: readonly string[]) => `${paths.join(', ')} ${paths.length === 1 ? 'was' : 'were'} written`,
  jobsWritten: (finished: number, total: number, table: boolean) =>
    `${finished} of ${total} job${total === 1 ? '' : 's'} finished and ${finished === 1 ? 'is' : 'are'} written${table ? ' (see the table above)' : ''}`,
  summaryNotWritten: (written: string, path: string, reason: string, hint: string) =>
    `${written}, but the summary was not written to ${path === '-' ? 'stdout' : path}: ${reason} (${hint})`,
  ffmpegNotFound: (path: string) =>
    `ffmpeg not found at ${path}; reinstall with "npm install", or point MLVIS_FFMPEG or --ffmpeg at an ffmpeg binary`,
  ffmpegNotExecutable: (path: string) => `${path} is not executable, so it cannot be the ffmpeg to run; give an ffmpeg binary with --ffmpeg or MLVIS_FFMPEG (or chmod +x it)`,
  ffmpegFailed: (detail: string) => `ffmpeg failed: ${detail}`,
  ffmpegStuck: (seconds: number, what: string) =>
    `ffmpeg failed: it did not ${what} within ${seconds} s and was stopped; check the binary given with --ffmpeg or MLVIS_FFMPEG`,
  // ---- the machine's limits ----------------------------------------------------------------------
  tooManyFiles: () =>
    'too many open files: mlvis could not open a file, pipe or process under the limit of open files; raise it (for example "ulimit -n 1024") and run again',
  outOfMemory: () =>
    'out of memory: mlvis could not start a thread or process or load a library; raise the memory limit ("ulimit -v unlimited") or free memory, and run again',
  outOfSpace: () => 'no space left on the device: free some space, or write elsewhere, and run again',
  encoderMisuse: (detail: string) => `internal error in the encoder: ${detail} (this is a bug in mlvis; please report it)`,

  // ---- render ------------------------------------------------------------------------------------
  fontMissing: (where: string, reason: string) =>
    `cannot load the font that labels the frames from ${where}: ${reason}; reinstall with "npm install" (the package dejavu-fonts-ttf provides it)`,
};

/** A flat JSON object on one line, spaced as people write it: { "model": "linear", "iters": 300 }. */
function jsonLine(o: object): string {
  return `{ ${Object.entries(o).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')} }`;
}

/** Formats a learning rate to a short, copyable number that is not larger than the value given. */
/**
 * A share as a percentage people read, truncated, never rounded up to 100% short of it, nor down to 0%
 * above it: 59%, 68.3%, 99.95%, 99.99998%, 0.0042%.
 */
export function formatShare(f: number): string {
  const pct = f * 100;
  if (!(pct < 100)) return `${Number(pct.toPrecision(4))}%`;
  // Under a tenth of a percent: two significant digits, not "0%" for a share that is not 0.
  if (pct > 0 && pct < 0.1) {
    const unit = 10 ** (Math.floor(Math.log10(pct)) - 1);
    return `${Number((Math.floor(pct / unit + 1e-9) * unit).toPrecision(2))}%`;
  }
  let decimals = 1;
  if (pct >= 99) while (decimals < 4 && Math.floor(pct * 10 ** decimals) / 10 ** decimals >= 100 - 10 ** -decimals) decimals++;
  const shown = Math.floor(pct * 10 ** decimals) / 10 ** decimals;
  // Closer to 100 % than four decimals show: say so rather than print a run of nines.
  return shown >= 100 - 10 ** -decimals ? `over ${100 - 10 ** -decimals}%` : `${shown}%`;
}

/** Four significant digits, in exponent form past a million or under a millionth (6.326e+12, not 6326000000000). */
function sig(v: number): string {
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e6 || a < 1e-6) ? v.toPrecision(4) : String(Number(v.toPrecision(4)));
}

/** The weights of a run whose loss is close while they are not: how far, and each against the optimum's. */
function weightsText(o: NonNullable<NotConverged['weightsOff']>): string {
  const each = o.names.map((name, k) => `${name} ${sig(o.final[k])} against ${sig(o.optimum[k])}`).join(', ');
  return `they are still ${formatShare(o.distance)} of their starting distance from the optimum (${each})`;
}

/** Where a raw x's narrow valley comes from: its mean far from 0 against its spread, its spread far from 1, or both. */
function conditionCause(c: Conditioning): string {
  const offset = `x's mean (${sig(c.mean)}) is ${sig(Math.abs(c.mean) / c.std)} times its spread (${sig(c.std)})`;
  const scale = `x's spread (${sig(c.std)}) is far from 1`;
  return c.source === 'offset' ? offset : c.source === 'scale' ? scale : `${offset}, and that spread is far from 1`;
}

/** What the probe runs showed when no number converged: the way that ended nearer, or that none did. */
function nearerText(n: NotConverged['nearer']): string {
  if (n === undefined) return '';
  // "Nearer" is at most half this run's gap (descent.ts NEARER): a run still falling ends a little nearer at twice the iterations.
  if (n === null) return "No probe (twice or half the rate, twice the iterations) ended with at most half this run's gap to the optimum";
  const how = n.lr !== undefined ? `--lr ${formatLr(n.lr)}` : `--iters ${n.iterations}`;
  return `With ${how} it ends nearer the optimum, with half its gap or less (checked: ${formatShare(n.share)} of the trivial gap left, against ${formatShare(n.here)}), though not converged`;
}

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

/** How to cut a data source down: a file by head into a sample; stdin by head in the pipe. */
function sampleHint(path: string): string {
  return path === 'stdin' || path === '-' ? 'for example: … | head -n 1000000 | mlvis … --data -' : `for example: head -n 1000000 ${path} > sample.csv`;
}

export function formatLr(lr: number): string {
  if (!(lr > 0) || !Number.isFinite(lr)) return String(lr);
  const digits = 2;
  const e = Math.floor(Math.log10(lr));
  const scale = 10 ** (e - digits + 1);
  const floored = Math.floor(lr / scale + 1e-9) * scale;
  return Number(floored.toPrecision(digits)).toString();
}

/** A byte or character count in MB, or GB from 1 GB up. */
function sizeText(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${bytes / 1024 ** 3} GB` : `${bytes / 1024 / 1024} MB`;
}

/** errno codes that mean the machine (or a ulimit) ran out of something, and the message for each. */
const RESOURCE_CODES: Record<string, () => string> = {
  EMFILE: messages.tooManyFiles,
  ENFILE: messages.tooManyFiles,
  EAGAIN: messages.outOfMemory,
  ENOMEM: messages.outOfMemory,
  ENOSPC: messages.outOfSpace,
  EDQUOT: messages.outOfSpace,
};

/**
 * The one-line error for an error that comes from running out of files, memory or space (its code, a cause's
 * code, or the words Node and the loader use: a Worker's "EAGAIN", dlopen's "failed to map segment"), else
 * undefined. The fix for these is the machine's limit, never the input or a reinstall.
 */
export function resourceError(error: unknown, depth = 0): MlvisError | undefined {
  if (error === null || typeof error !== 'object' || depth > 4) return undefined;
  if (Array.isArray(error)) {
    for (const e of error) {
      const found = resourceError(e, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  // An errno code is the whole answer (a path in the message may hold any word); Node's own codes
  // (ERR_WORKER_INIT_FAILED, ERR_DLOPEN_FAILED) carry the cause in their words.
  const errno = typeof code === 'string' && /^E[A-Z]+$/.test(code);
  const word = /^(?:[A-Za-z ]+: )?(EMFILE|ENFILE|EAGAIN|ENOMEM)\b/.exec(text)?.[1];
  const which = errno
    ? RESOURCE_CODES[code as string]
    : ((word ? RESOURCE_CODES[word] : undefined) ??
      (/failed to map segment|cannot allocate memory/i.test(text) ? messages.outOfMemory : undefined));
  if (which) return new MlvisError(which(), 1, { cause: error });
  return resourceError((error as { cause?: unknown }).cause, depth + 1);
}

/** A point or direction as people write it: (3, 2), (-2.805, 3.131), four significant digits, noise as 0. */
function coords(w: readonly number[]): string {
  return `(${w.map((v) => sig(Math.abs(v) < 1e-12 ? 0 : v)).join(', ')})`;
}

/** Where a descent left the region where f is defined: the point it stepped to, or the point whose gradient is not defined. */
function undefinedWhere(u: { at?: number[]; w?: number[]; gradient: boolean; loss?: number }): string {
  const w = u.at ?? u.w!;
  if (u.gradient) return `the gradient of f is not defined at ${coords(w)}, so the step from there is not a number`;
  const value = u.loss === undefined || Number.isNaN(u.loss) ? 'not a number' : `f = ${u.loss > 0 ? '' : '-'}∞`;
  return `it stepped to ${coords(w)}, where f is not defined (${value})`;
}

/** The last stretch a landscape verdict judged, as "N iterations". */
function stretchOf(v: LandscapeVerdict): string {
  const k = v.final.iteration - v.stretch!.from;
  return `${k} iteration${k === 1 ? '' : 's'}`;
}

/** A known saddle the path passed: the way it left, named as the way down where the curvature confirms it. */
function leftSaddle(p: NonNullable<LandscapeVerdict['passedSaddle']>): string {
  if (p.alongNegativeCurvature && p.down) return `leaving the saddle at ${p.saddle.name} along ${coords(p.down)}, where the surface curves down`;
  return `passing the saddle at ${p.saddle.name}`;
}
