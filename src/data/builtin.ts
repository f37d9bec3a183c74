import { readFileSync } from 'fs';
import { join } from 'path';
import { PACKAGE_ROOT } from '../compiled';

/** Columns a built-in data set uses by default for each model. */
export interface SuggestedColumns {
  linear: { x: string; y: string };
  logistic: { x: string; y: string; positive: string };
  /** Softmax: two feature columns ("a,b") and a label column of several classes. */
  softmax?: { x: string; y: string };
  /**
   * Train on standardized x unless the user says otherwise: measurements such as grams or horsepower sit
   * far from zero compared with their spread, where plain descent in the data's units barely moves w0.
   */
  standardize?: boolean;
}

/** One real data set shipped in datasets/, as described by datasets/index.json. */
export interface BuiltinDataset {
  name: string;
  /** File name inside the datasets folder. */
  file: string;
  /** Data rows in the file (before any row is skipped). */
  rows: number;
  description: string;
  source: string;
  licence: string;
  suggested: SuggestedColumns;
}

/** The folder holding the built-in data sets, at the package root. */
export function datasetsDir(): string {
  return join(PACKAGE_ROOT, 'datasets');
}

/** Every built-in data set, in the order of datasets/index.json. Throws if the index is damaged (a packaging bug). */
export function listDatasets(): BuiltinDataset[] {
  const indexPath = join(datasetsDir(), 'index.json');
  const index = JSON.parse(readFileSync(indexPath, 'utf8')) as { datasets?: unknown };
  if (!Array.isArray(index.datasets) || !index.datasets.every(isBuiltin)) {
    throw new Error(`${indexPath} is damaged: reinstall mlvis`);
  }
  return index.datasets;
}

/** The built-in data set with exactly this name, or undefined. */
export function findDataset(name: string): BuiltinDataset | undefined {
  return listDatasets().find((d) => d.name === name);
}

/** Absolute path of a built-in data set's CSV file. */
export function datasetPath(dataset: BuiltinDataset): string {
  return join(datasetsDir(), dataset.file);
}

function isBuiltin(value: unknown): value is BuiltinDataset {
  const d = value as BuiltinDataset;
  const str = (v: unknown) => typeof v === 'string' && v.length > 0;
  return (
    typeof d === 'object' && d !== null &&
    str(d.name) && str(d.file) && Number.isInteger(d.rows) &&
    str(d.description) && str(d.source) && str(d.licence) &&
    typeof d.suggested === 'object' && d.suggested !== null &&
    str(d.suggested.linear?.x) && str(d.suggested.linear?.y) &&
    str(d.suggested.logistic?.x) && str(d.suggested.logistic?.y) && str(d.suggested.logistic?.positive)
  );
}
