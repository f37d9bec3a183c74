/** The data stage: CSV files, built-in data sets and seeded synthetic data, all loaded into a Dataset. */
export { loadDataset, tableToDataset } from './load';
export type { DataRequest } from './load';
export { listDatasets, findDataset, datasetsDir, datasetPath } from './builtin';
export type { BuiltinDataset, SuggestedColumns } from './builtin';
export { parseCsvText } from './csv';
export type { CsvTable } from './csv';
export { readTextFile, decodeText } from './text';
export { resolveSource } from './source';
export type { DataSource } from './source';
export { chooseColumns, numericColumns } from './columns';
export type { ColumnChoice, ColumnFlags } from './columns';
export { readLabels } from './labels';
export type { Labels } from './labels';
export { syntheticDataset } from './synthetic';
export { isMissing, parseNumber } from './cells';
export { readDataFile, MAX_DATA_BYTES } from './readAsync';
