import { messages, runError, usageError } from '../errors';
import { ModelName } from '../types';
import { modelOf } from '../engine/models';
import { SuggestedColumns } from './builtin';
import { CsvTable } from './csv';
import { isMissing, parseNumber } from './cells';
import { MAX_FEATURES } from './limits';

/** The columns a run uses (indices into the header) and the logistic positive class, if any. */
export interface ColumnChoice {
  x: number;
  y: number;
  positive?: string;
  /** `--x a,b[,c…]`: the feature columns after the first (x is the first). */
  more?: number[];
}

/** What the user asked for on the command line. */
export interface ColumnFlags {
  x?: string;
  y?: string;
  positive?: string;
}

/**
 * Picks the x and y columns. Named columns must exist (unknownColumn lists the header otherwise). Unnamed
 * ones default to the built-in data set's suggested columns for the model, else to the first numeric
 * columns not already chosen (noNumericColumns when there are too few). A built-in set's suggested
 * positive class applies only to its suggested y column, and only when --positive is absent. `positive`
 * is returned for logistic runs only; linear runs ignore it.
 */
export function chooseColumns(
  table: CsvTable,
  source: string,
  model: ModelName,
  flags: ColumnFlags,
  suggested?: SuggestedColumns,
  /** Columns a default y may not be (the other features of a list): the first numeric one left is taken. */
  taken: readonly number[] = [],
): ColumnChoice {
  const named = (flag: string, name: string): number => {
    // The header's names are trimmed (parseCsvText): a name given with spaces around it is found as theirs.
    const key = table.header.includes(name) ? name : name.trim();
    const i = table.header.indexOf(key);
    if (i < 0) throw runError(messages.unknownColumn(flag, name, table.header));
    // Twice under the name it was found by: " a" and "a" in a header both read "a" (names are trimmed).
    if (table.header.indexOf(key, i + 1) >= 0) throw runError(messages.columnTwiceInHeader(key));
    return i;
  };
  // --x a,b[,c…]: feature columns; the first is x as before. A column whose own name holds a comma ("w, kg")
  // is taken whole.
  // Softmax on a built-in set: its suggested two features and label, unless named.
  const s3 = model === 'softmax' ? suggested?.softmax : undefined;
  if (s3 && flags.x === undefined) return chooseColumns(table, source, model, { ...flags, x: s3.x, y: flags.y ?? s3.y }, suggested);
  // Its features named, softmax keeps the set's suggested label (the linear suggestion's y is a measurement).
  if (s3 && flags.y === undefined) return chooseColumns(table, source, model, { ...flags, y: s3.y }, suggested);
  const list = featureListOf(flags.x, table.header);
  if (list) {
    if (list.length < 2 || list.length > MAX_FEATURES || list.some((n) => n === '')) throw runError(messages.featureList(flags.x!, MAX_FEATURES));
    // A network and softmax draw their regions in the plane of two features: said before any row is read.
    if ((model === 'mlp' || model === 'softmax') && list.length > 2) throw usageError(messages.featuresTwoOnly(model, list.length));
    const indices = list.map((n) => named('--x', n));
    const twice = list.find((n, k) => indices.indexOf(indices[k]) !== k);
    if (twice !== undefined) throw runError(messages.featureTwice(twice));
    // A network on two features of a built-in set learns two classes: its label is the logistic suggestion's
    // (with its positive class), not the linear one's measurement (penguins' body mass has 94 values).
    const label = model === 'mlp' && flags.y === undefined && suggested ? { y: suggested.logistic.y, positive: flags.positive ?? suggested.logistic.positive } : {};
    const one = chooseColumns(table, source, model, { ...flags, ...label, x: list[0] }, suggested, indices);
    const isY = indices.indexOf(one.y);
    if (isY >= 0) throw runError(flags.y === undefined ? messages.featureIsDefaultY(list[isY]) : messages.featureIsY(list[isY]));
    return { ...one, x: indices[0], more: indices.slice(1) };
  }
  if (suggested) {
    const s = suggested[model === 'logistic' ? 'logistic' : 'linear']; // a landscape reads no data
    const yName = flags.y ?? s.y;
    const x = named('--x', flags.x ?? s.x);
    const y = named('--y', yName);
    // One column against itself (--x naming the set's default y): a fit of w1 = 1 and loss 0 that says nothing.
    if (x === y) throw runError(flags.y === undefined ? messages.featureIsDefaultY(table.header[x]) : messages.featureIsY(table.header[x]));
    if (modelOf(model).target === 'values') return { x, y };
    const positive = flags.positive ?? (yName === suggested.logistic.y ? suggested.logistic.positive : undefined);
    return { x, y, positive };
  }
  const x = flags.x === undefined ? undefined : named('--x', flags.x);
  const y = flags.y === undefined ? undefined : named('--y', flags.y);
  const positive = modelOf(model).target === 'classes' ? flags.positive : undefined;
  if (x !== undefined && x === y) throw runError(messages.featureIsY(table.header[x]));
  if (x !== undefined && y !== undefined) return { x, y, positive };
  if (table.rows.length === 0) throw runError(messages.tooFewRows(0, 0));
  // A default y is none of the features (hostile review: "--x w,h" took h, a feature, for y, and refused it).
  const free = numericColumns(table).filter((i) => i !== x && i !== y && !taken.includes(i));
  const needed = (x === undefined ? 1 : 0) + (y === undefined ? 1 : 0);
  if (free.length < needed) throw runError(messages.noNumericColumns(source, table.header));
  const rx = x ?? free.shift()!;
  const ry = y ?? free.shift()!;
  return { x: rx, y: ry, positive };
}

/**
 * The feature columns --x names, or null when it names one column: no comma, or the header's own name with
 * one ("w, kg"), given with spaces around it or not. Options count them by it before the data is read too.
 */
export function featureListOf(x: string | undefined, header: readonly string[]): string[] | null {
  return x?.includes(',') && !header.includes(x) && !header.includes(x.trim()) ? featureNames(x, header) : null;
}

/**
 * --x a,b,…: the names, split at the commas, except where pieces joined again by a comma name a column of the
 * header ("w, kg" stays whole: the longest such join is taken). Each name is trimmed.
 */
export function featureNames(text: string, header: readonly string[]): string[] {
  const pieces = text.split(',');
  const names: string[] = [];
  for (let i = 0; i < pieces.length; ) {
    let end = i;
    for (let j = pieces.length - 1; j > i; j--) {
      const joined = pieces.slice(i, j + 1).join(',');
      if (header.includes(joined) || header.includes(joined.trim())) {
        end = j;
        break;
      }
    }
    const joined = pieces.slice(i, end + 1).join(',');
    names.push(header.includes(joined) ? joined : joined.trim());
    i = end + 1;
  }
  return names;
}

/**
 * Indices of the numeric columns, in header order: a column is numeric when it has a finite number and at
 * least nine in ten of its non-missing cells are finite numbers.
 */
export function numericColumns(table: CsvTable): number[] {
  const result: number[] = [];
  for (let j = 0; j < table.header.length; j++) {
    let numbers = 0;
    let text = 0;
    for (const row of table.rows) {
      const cell = row[j];
      if (!Number.isNaN(parseNumber(cell))) numbers++;
      else if (!isMissing(cell)) text++;
    }
    // Mostly numbers is numeric: a stray "Inf" or "1,5" costs its row (skipped with the warning), not the
    // whole column. Mostly text (names, labels, ids like "A12") is not.
    if (numbers > 0 && numbers >= 9 * text) result.push(j);
  }
  return result;
}
