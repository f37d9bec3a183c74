import { messages, runError } from '../errors';
import type { Dataset, ModelName } from '../types';
import type { SuggestedColumns } from './builtin';
import { chooseColumns, type ColumnFlags } from './columns';
import { ColumnAccumulator } from './columnar';
import { CsvRowTooLong, CsvRows, CsvSyntaxError } from './csvRows';
import { MAX_DATA_ROWS, MAX_ROW_CHARS } from './limits';

/** What to read from a CSV, and the name its errors give it. */
export interface CsvSpec {
  /** The file as messages name it (the --data value, or "stdin"). */
  name: string;
  /** Dataset.source: the built-in set's name, else `name`. */
  source: string;
  model: ModelName;
  flags: ColumnFlags;
  suggested?: SuggestedColumns;
  maxRows?: number;
  maxRowChars?: number;
}

/** Rows read before the columns are chosen: numeric detection needs a sample, not the whole file. */
export const SAMPLE_ROWS = 1000;

/**
 * CSV text in, a Dataset out, one chunk at a time: the header, then the first SAMPLE_ROWS rows kept as
 * strings to choose the columns (chooseColumns: named, suggested, or the first numeric ones in the
 * sample), then every row straight into the chosen columns' typed arrays (ColumnAccumulator).
 * Errors: csvMalformed, rowTooLong, tooManyRows while reading; noHeader and the column and label errors
 * at the end (or once the sample is full).
 */
export class CsvDataset {
  private header?: string[];
  private sample: string[][] = [];
  private columns?: ColumnAccumulator;
  private rows = 0;
  private readonly reader: CsvRows;
  private readonly maxRows: number;

  constructor(private readonly spec: CsvSpec) {
    this.maxRows = spec.maxRows ?? MAX_DATA_ROWS;
    this.reader = new CsvRows((cells) => this.row(cells), spec.maxRowChars ?? MAX_ROW_CHARS);
  }

  push(text: string): void {
    this.guard(() => this.reader.push(text));
  }

  /** The end of the text: the Dataset, and how many data rows the file had (usable or not). */
  end(): { dataset: Dataset; rows: number } {
    this.guard(() => this.reader.end());
    if (!this.header) throw runError(messages.noHeader(this.spec.name));
    const columns = this.columns ?? this.choose();
    return { dataset: columns.finish(this.spec.source), rows: this.rows };
  }

  private row(cells: string[]): void {
    if (!this.header) {
      this.header = cells.map((name) => name.trim());
      return;
    }
    if (++this.rows > this.maxRows) throw runError(messages.tooManyRows(this.spec.name, this.maxRows));
    if (this.columns) return this.columns.add(cells);
    this.sample.push(cells.slice());
    if (this.sample.length >= SAMPLE_ROWS) this.choose();
  }

  private choose(): ColumnAccumulator {
    const { spec } = this;
    const choice = chooseColumns({ header: this.header!, rows: this.sample }, spec.name, spec.model, spec.flags, spec.suggested);
    const columns = new ColumnAccumulator(this.header!, choice, spec.model);
    for (const cells of this.sample) columns.add(cells);
    this.sample = [];
    this.columns = columns;
    return columns;
  }

  /** The reader's own errors, worded for the user. */
  private guard(work: () => void): void {
    try {
      work();
    } catch (err) {
      if (err instanceof CsvSyntaxError) throw runError(messages.csvMalformed(this.spec.name, err.message.replace(/\s+/g, ' ')), err);
      if (err instanceof CsvRowTooLong) throw runError(messages.rowTooLong(this.spec.name, this.spec.maxRowChars ?? MAX_ROW_CHARS), err);
      throw err;
    }
  }
}
