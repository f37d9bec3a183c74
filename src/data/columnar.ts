import { messages, runError } from '../errors';
import { modelOf } from '../engine/models';
import type { Dataset, ModelName } from '../types';
import { parseNumber, isMissing } from './cells';
import { classesRule, labelRule } from './labels';
import type { ColumnChoice } from './columns';

/** A typed array that grows by doubling: a column of unknown length without a JavaScript number per row. */
class Growing<T extends Float64Array | Int32Array> {
  private data: T;
  length = 0;
  constructor(private readonly make: (size: number) => T) {
    this.data = make(1024);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  at(i: number): number {
    return this.data[i];
  }
  /** The values, in an array of their own length. */
  take(): T {
    return this.data.slice(0, this.length) as T;
  }
}

const floats = () => new Growing((n) => new Float64Array(n));

/**
 * The chosen x and y columns of a CSV, row by row, straight into typed arrays: each chosen cell is read as a
 * number once, and no other cell is converted. A linear y is a number; a logistic y is kept as a small code
 * into a dictionary of its distinct values, since its 0/1 rule (labelRule) depends on all of them.
 * Rows whose x or y is missing or not usable are skipped and counted.
 */
export class ColumnAccumulator {
  private readonly xs = floats();
  /** --x a,b,…: the feature columns after the first, one growing array each. */
  private readonly mores: Growing<Float64Array>[];
  private readonly ys = floats();
  private readonly codes = new Growing((n) => new Int32Array(n));
  private readonly dictionary = new Map<string, number>();
  private readonly values: string[] = [];
  private readonly labels: boolean;
  /** Softmax: every distinct label is a class (classesRule), not 1 against the rest. */
  private readonly multi: boolean;
  /** Data rows given, usable or not. */
  rows = 0;

  constructor(private readonly header: readonly string[], private readonly choice: ColumnChoice, model: ModelName) {
    // A network reads classes with two features (a boundary) and values with one (a curve).
    // One x and --positive: a network of classes along x (a probability curve).
    this.labels = model === 'mlp' ? choice.more !== undefined || choice.positive !== undefined : modelOf(model).target === 'classes';
    this.multi = model === 'softmax';
    this.network = model === 'mlp';
    this.mores = (choice.more ?? []).map(() => floats());
    this.numbers = new Uint8Array(header.length);
    this.scratch = new Float64Array(this.mores.length);
  }

  /** A row's further feature cells, parsed into `scratch`: false when one is not a number (the row is skipped). */
  private readonly scratch: Float64Array;
  private readMore(cells: readonly (string | undefined)[]): boolean {
    const more = this.choice.more;
    if (!more) return true;
    let ok = true;
    for (let j = 0; j < more.length; j++) {
      const v = parseNumber(cells[more[j]]);
      this.see(more[j], v, cells[more[j]]);
      ok &&= v === v;
      this.scratch[j] = v;
    }
    if (!ok) return false;
    for (let j = 0; j < more.length; j++) this.mores[j].push(this.scratch[j]);
    return true;
  }

  /**
   * Per column of the header: whether a cell of it was a number (a flag set per cell: this is the reading's hot
   * path), and its first cell that was text (looked at only for cells that were not numbers).
   */
  private readonly numbers: Uint8Array;
  private readonly texts = new Map<number, string>();
  private see(column: number, value: number, cell: string | undefined): void {
    if (value === value) this.numbers[column] = 1;
    else if (!this.texts.has(column) && !isMissing(cell)) this.texts.set(column, cell!.trim());
  }

  /** A chosen numeric column with no number in it, only text: named, with a cell of it. */
  private refuseText(columns: number[]): void {
    for (const c of columns) {
      const text = this.texts.get(c);
      if (text !== undefined && !this.numbers[c]) throw runError(messages.textColumn(this.header[c], text));
    }
  }

  /** mlvis mlp with one x: rows whose x is a number and y a text (a label where numbers were expected). */
  private textY = 0;
  private readonly network: boolean;

  add(cells: readonly (string | undefined)[]): void {
    this.rows++;
    const x = parseNumber(cells[this.choice.x]);
    this.see(this.choice.x, x, cells[this.choice.x]);
    if (!this.labels) {
      const y = parseNumber(cells[this.choice.y]);
      this.see(this.choice.y, y, cells[this.choice.y]);
      if (y !== y && x === x && !isMissing(cells[this.choice.y])) this.textY++;
      if (x !== x || y !== y) return; // NaN: skipped
      if (!this.readMore(cells)) return;
      this.xs.push(x);
      this.ys.push(y);
      return;
    }
    // Every row's label counts towards the rule (as when the whole column was read), even when x is unusable.
    const code = this.code(cells[this.choice.y]);
    if (x !== x) return;
    if (!this.readMore(cells)) return;
    this.xs.push(x);
    this.codes.push(code);
  }

  /** The Dataset of the rows given, with the checks of tableToDataset. */
  finish(source: string): Dataset {
    const xName = this.header[this.choice.x];
    const yName = this.header[this.choice.y];
    if (!this.labels) {
      // A network on one x fits a curve to numbers: a y of labels wants --positive (or two features).
      if (this.network && this.xs.length < 2 && this.textY > 0) throw runError(messages.mlpTextY(yName));
      if (this.xs.length < 2) this.refuseText([this.choice.x, ...(this.choice.more ?? []), this.choice.y]);
      // A plane on k features needs k + 1 rows to be pinned down.
      const needed = this.mores.length + 2;
      if (this.mores.length > 0 && this.xs.length < needed) throw runError(messages.tooFewRows(this.xs.length, this.rows - this.xs.length, needed));
      const data = checked(this.xs.take(), this.ys.take(), this.rows, xName, yName, source);
      return this.withFeatures(data, this.mores.map((m) => m.take()));
    }
    if (this.xs.length < 2) this.refuseText([this.choice.x, ...(this.choice.more ?? [])]);
    const rule = this.multi ? classesRule(this.values, yName) : labelRule(this.values, yName, this.choice.positive);
    const classOf = this.values.map((v) => rule.valueOf(v));
    const xs = floats();
    const mores = this.mores.map(() => floats());
    const ys = floats();
    for (let i = 0; i < this.xs.length; i++) {
      const code = this.codes.at(i);
      const y = code < 0 ? NaN : classOf[code];
      if (y !== y) continue;
      xs.push(this.xs.at(i));
      for (let j = 0; j < mores.length; j++) mores[j].push(this.mores[j].at(i));
      ys.push(y);
    }
    // A boundary on k features has k + 1 weights: as many rows at least.
    const needed = mores.length + 2;
    if (mores.length > 0 && xs.length < needed) throw runError(messages.tooFewRows(xs.length, this.rows - xs.length, needed));
    const dataset = checked(xs.take(), ys.take(), this.rows, xName, yName, source);
    const kept = dataset.x.length;
    const ones = dataset.y.reduce((sum, v) => sum + v, 0);
    if (this.multi) {
      const seen = new Set(dataset.y);
      if (seen.size < 2) throw runError(messages.oneClassOnly(yName, rule.classNames[dataset.y[0]]));
      dataset.classList = [...rule.classNames];
    } else if (ones === 0 || ones === kept) throw runError(messages.oneClassOnly(yName, rule.classNames[ones === 0 ? 0 : 1]));
    else dataset.classNames = rule.classNames as [string, string];
    if (rule.positive !== undefined) dataset.positive = rule.positive;
    return this.withFeatures(dataset, mores.map((m) => m.take()));
  }

  /** --x a,b,…: the data set with its feature columns (x first); a constant one is refused by name. */
  private withFeatures(data: Dataset, more: Float64Array[]): Dataset {
    const indices = this.choice.more;
    if (!indices || indices.length === 0) return data;
    const names = indices.map((c) => this.header[c]);
    more.forEach((column, j) => {
      if (column.every((v) => v === column[0])) throw runError(messages.constantX(names[j], column[0]));
    });
    return { ...data, features: { names: [data.xName, ...names], columns: [data.x, ...more] } };
  }

  /** The dictionary code of a label cell (trimmed), or -1 when it is missing. */
  private code(cell: string | undefined): number {
    if (isMissing(cell)) return -1;
    const value = cell!.trim();
    let code = this.dictionary.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.dictionary.set(value, code);
      this.values.push(value);
    }
    return code;
  }
}

/** At least 2 usable rows, and an x that varies. */
function checked(x: Float64Array, y: Float64Array, rows: number, xName: string, yName: string, source: string): Dataset {
  const kept = x.length;
  const skipped = rows - kept;
  if (kept < 2) throw runError(messages.tooFewRows(kept, skipped));
  if (x.every((v) => v === x[0])) throw runError(messages.constantX(xName, x[0]));
  return { x, y, xName, yName, source, skipped };
}
