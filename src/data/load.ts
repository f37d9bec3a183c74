import { messages, runError } from '../errors';
import { modelOf } from '../engine/models';
import type { Warn } from '../warnings';
import { Dataset, ModelName } from '../types';
import { chooseColumns, ColumnChoice } from './columns';
import { CsvTable, parseCsvText } from './csv';
import { parseNumber } from './cells';
import { readLabels } from './labels';
import { resolveSource, type DataSource } from './source';
import { syntheticDataset } from './synthetic';
import { readTextFile } from './text';

/** The data flags of a run, already parsed by the caller. */
export interface DataRequest {
  model: ModelName;
  /** --data NAME|PATH; absent means synthetic data. */
  data?: string;
  /** --x / --y column names. */
  x?: string;
  y?: string;
  /** --positive VALUE: the label that counts as 1 (logistic only; ignored for linear). */
  positive?: string;
  /** --points, synthetic only. */
  points: number;
  /** --noise, synthetic only: the noise's standard deviation; 1 when absent. */
  noise?: number;
  /** --seed, synthetic only. */
  seed: string;
  /** The CSV text itself: with data "-" (the command line reads stdin), or a file's text read beforehand. */
  csv?: string;
}

/**
 * Loads the data of a run: synthetic when `data` is absent, else a built-in data set or a CSV file.
 * Rows whose x or y cell is missing or not usable are dropped and reported once through `warn`
 * (messages.skippedRows); `Dataset.skipped` holds the count. Throws a run error (exit code 1) with the fix
 * for every data problem: file not found / unreadable / not text / malformed, unknown column, fewer than
 * 2 usable rows, a constant x, logistic labels that are not two classes. Synchronous: one read, one parse.
 */
export function loadDataset(req: DataRequest, warn: Warn): Dataset {
  if (req.data === undefined) return syntheticDataset(req.model, req.points, req.noise ?? 1, req.seed);
  const source: DataSource = req.data === '-' ? { path: '-' } : resolveSource(req.data);
  const name = req.data === '-' ? 'stdin' : req.data;
  const table = parseCsvText(req.csv ?? (req.data === '-' ? '' : readTextFile(source.path)), name);
  const choice = chooseColumns(table, name, req.model, req, source.builtin?.suggested);
  const dataset = tableToDataset(table, choice, req.model, source.builtin?.name ?? name);
  if (source.builtin?.suggested.standardize) dataset.suggestStandardize = true;
  if (dataset.skipped > 0) {
    warn({ code: 'skippedRows', skipped: dataset.skipped, total: table.rows.length, x: dataset.xName, y: dataset.yName });
  }
  return dataset;
}

/**
 * Converts the chosen columns of a parsed table into a Dataset: keeps the rows where x is a number and y is
 * a number (linear) or a label (logistic), then checks there are at least 2, that x varies, and (logistic)
 * that both classes occur.
 */
export function tableToDataset(table: CsvTable, choice: ColumnChoice, model: ModelName, source: string): Dataset {
  const xName = table.header[choice.x];
  const yName = table.header[choice.y];
  const rows = table.rows;
  const n = rows.length;
  const labels = modelOf(model).target === 'classes' ? readLabels(column(rows, choice.y), yName, choice.positive) : undefined;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const xv = parseNumber(rows[i][choice.x]);
    const yv = labels ? labels.y[i] : parseNumber(rows[i][choice.y]);
    if (Number.isNaN(xv) || Number.isNaN(yv)) continue;
    xs[kept] = xv;
    ys[kept] = yv;
    kept++;
  }
  const skipped = n - kept;
  if (kept < 2) throw runError(messages.tooFewRows(kept, skipped));
  const x = xs.slice(0, kept);
  const y = ys.slice(0, kept);
  if (x.every((v) => v === x[0])) throw runError(messages.constantX(xName, x[0]));
  const dataset: Dataset = { x, y, xName, yName, source, skipped };
  if (!labels) return dataset;
  const ones = y.reduce((sum, v) => sum + v, 0);
  if (ones === 0 || ones === kept) throw runError(messages.oneClassOnly(yName, labels.classNames[ones === 0 ? 0 : 1]));
  dataset.classNames = labels.classNames;
  if (labels.positive !== undefined) dataset.positive = labels.positive;
  return dataset;
}

function column(rows: readonly string[][], j: number): (string | undefined)[] {
  return rows.map((row) => row[j]);
}
