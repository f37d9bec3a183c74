import { createHash } from 'node:crypto';
import { messages, runError, usageError } from '../errors';
import type { Warn } from '../warnings';
import { Dataset, ModelName } from '../types';
import { ColumnAccumulator } from './columnar';
import { ColumnChoice } from './columns';
import { CsvTable } from './csv';
import { CsvDataset, type CsvSpec } from './csvDataset';
import { fileChunks, isRegularFile, streamChunks, DATA_WORDS } from './chunks';
import { ChunkDecoder, ReadAgainAsLatin1 } from './decode';
import { MAX_DATA_BYTES } from './limits';
import { resolveSource, type DataSource } from './source';
import { syntheticDataset, syntheticDatasetAsync } from './synthetic';
import { generatedDataset, isGenerator, type GeneratorName } from './generators';
import { MLP_MAX_ROWS, SOFTMAX_MAX_ROWS } from '../engine/problem';
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

/** Where a load reads from, and how far it may go (tests lower the limits). */
export interface LoadInput {
  /** Stops the read between chunks (and while waiting for a FIFO's writer): messages.interrupted. */
  signal?: AbortSignal;
  /** Where data "-" is read from when `csv` is absent (the command line: its stdin). */
  stdin?: NodeJS.ReadableStream;
  maxBytes?: number;
  maxRows?: number;
  maxRowChars?: number;
}

/**
 * Loads the data of a run: synthetic when `data` is absent, else a built-in data set or a CSV file.
 * Rows whose x or y cell is missing or not usable are dropped, and for a CSV file reported once through
 * `warn` (messages.skippedRows; a built-in set's are listed by "mlvis datasets"); `Dataset.skipped` holds the count. Throws a run error (exit code 1) with the fix
 * for every data problem: file not found / unreadable / not text / malformed, unknown column, fewer than
 * 2 usable rows, a constant x, logistic labels that are not two classes. Synchronous: one read, one parse
 * (for small files and tests; a run streams with loadDatasetAsync).
 */
export function loadDataset(req: DataRequest, warn: Warn): Dataset {
  if (req.data === undefined && req.model === 'mlp') return generated({ ...req, data: 'moons' });
  if (req.data === undefined && req.model === 'softmax') return generated({ ...req, data: 'blobs' });
  if (req.data === undefined) return syntheticDataset(req.model, req.points, req.noise ?? 1, req.seed);
  if (isGenerator(req.data)) return generated(req);
  const source = sourceOf(req);
  const csv = new CsvDataset(specOf(req, source));
  csv.push(req.csv ?? (req.data === '-' ? '' : readTextFile(source.path)));
  return finished(csv, source, warn);
}

/**
 * loadDataset as a run does it: a file (or stdin) is streamed in chunks, decoded and parsed as they come
 * (never one string of the whole file), with the limits of src/data/limits.ts, and stopped by `signal`
 * between chunks; synthetic data is drawn in blocks, also stopped by `signal`. Also returns the sha256
 * of the decoded text for the manifest (null for synthetic data).
 */
export async function loadDatasetAsync(req: DataRequest, warn: Warn, input: LoadInput = {}): Promise<{ data: Dataset; sha256: string | null }> {
  if (req.data === undefined && req.model === 'mlp') return { data: generated({ ...req, data: 'moons' }), sha256: null };
  if (req.data === undefined && req.model === 'softmax') return { data: generated({ ...req, data: 'blobs' }), sha256: null };
  if (req.data === undefined) return { data: await syntheticDatasetAsync(req.model, req.points, req.noise ?? 1, req.seed, input.signal), sha256: null };
  if (isGenerator(req.data)) return { data: generated(req), sha256: null };
  if (req.csv !== undefined) return { data: loadDataset(req, warn), sha256: createHash('sha256').update(req.csv).digest('hex') };
  const source = sourceOf(req);
  const restartable = req.data !== '-' && (await isRegularFile(source.path));
  try {
    return await streamed(req, source, warn, input, new ChunkDecoder(nameOf(req), 'utf8', restartable));
  } catch (err) {
    // Invalid UTF-8 late in a file: read it again as Latin-1, as a whole-file decode would have.
    if (!(err instanceof ReadAgainAsLatin1)) throw err;
    return streamed(req, source, warn, input, new ChunkDecoder(nameOf(req), 'latin1'));
  }
}

async function streamed(req: DataRequest, source: DataSource, warn: Warn, input: LoadInput, decoder: ChunkDecoder): Promise<{ data: Dataset; sha256: string }> {
  const { signal } = input;
  const limit = input.maxBytes ?? MAX_DATA_BYTES;
  const chunks = req.data === '-'
    ? streamChunks(input.stdin ?? process.stdin, signal, limit, () => DATA_WORDS.tooLarge('stdin', limit))
    : fileChunks(source.path, signal, limit);
  const csv = new CsvDataset(specOf(req, source, input));
  for await (const chunk of chunks) {
    csv.push(decoder.decode(chunk));
    // Parsing a chunk takes milliseconds; let a stop signal (Ctrl-C) be heard before the next one.
    await new Promise(setImmediate);
    if (signal?.aborted) throw runError(messages.interrupted());
  }
  csv.push(decoder.end());
  return { data: finished(csv, source, warn), sha256: decoder.digest() };
}

/**
 * --data moons|circles|xor|spirals: two features and two classes, for the models that draw a boundary in the
 * features' plane (logistic on two features, mlp); a built-in name wins over a file of the same name.
 */
function generated(req: DataRequest): Dataset {
  const name = req.data as GeneratorName;
  if (req.model === 'mlp' && req.points > MLP_MAX_ROWS) throw usageError(messages.modelTooManyRows('mlp', req.points, MLP_MAX_ROWS));
  if (req.model === 'softmax' && req.points > SOFTMAX_MAX_ROWS) throw usageError(messages.modelTooManyRows('softmax', req.points, SOFTMAX_MAX_ROWS));
  if (name === 'blobs' ? req.model !== 'softmax' : req.model !== 'logistic' && req.model !== 'mlp' && req.model !== 'softmax') throw usageError(messages.generatorModel(name, req.model));
  return generatedDataset(name, req.points, req.noise, req.seed);
}

const nameOf = (req: DataRequest) => (req.data === '-' ? 'stdin' : req.data!);
const sourceOf = (req: DataRequest): DataSource => (req.data === '-' ? { path: '-' } : resolveSource(req.data!));

function specOf(req: DataRequest, source: DataSource, input: LoadInput = {}): CsvSpec {
  const name = nameOf(req);
  return { name, source: source.builtin?.name ?? name, model: req.model, flags: req, suggested: source.builtin?.suggested, maxRows: input.maxRows, maxRowChars: input.maxRowChars };
}

function finished(csv: CsvDataset, source: DataSource, warn: Warn): Dataset {
  const { dataset, rows } = csv.end();
  if (source.builtin?.suggested.standardize) dataset.suggestStandardize = true;
  // A built-in set's own gaps are the same on every run: "mlvis datasets" and the summary's data.skipped say
  // them once. Rows of a user's own file are news, and worth a warning.
  if (dataset.skipped > 0 && !source.builtin) warn({ code: 'skippedRows', skipped: dataset.skipped, total: rows, x: dataset.xName, y: dataset.yName, ...(dataset.features ? { x2: dataset.features.names[1], more: dataset.features.names.slice(1) } : {}) });
  return dataset;
}

/**
 * Converts the chosen columns of a parsed table into a Dataset: keeps the rows where x is a number and y is
 * a number (linear) or a label (logistic), then checks there are at least 2, that x varies, and (logistic)
 * that both classes occur. The same conversion a streamed file goes through (ColumnAccumulator).
 */
export function tableToDataset(table: CsvTable, choice: ColumnChoice, model: ModelName, source: string): Dataset {
  const columns = new ColumnAccumulator(table.header, choice, model);
  for (const row of table.rows) columns.add(row);
  return columns.finish(source);
}
