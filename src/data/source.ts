import { existsSync } from 'fs';
import { messages, runError } from '../errors';
import { BuiltinDataset, datasetPath, findDataset, listDatasets } from './builtin';

/** Where --data points: a file path, and the built-in data set it is, if any. */
export interface DataSource {
  path: string;
  builtin?: BuiltinDataset;
}

/**
 * Interprets --data NAME|PATH. A bare word (no '/', '\\' or '.') that names a built-in data set is that
 * set, even if a file of that name exists; anything else is a path. A bare word that is neither a built-in
 * name nor an existing file throws unknownDataset (listing the built-ins), since it was most likely a
 * misspelt name; a missing path with a slash or a dot is left to the file reader (fileNotFound).
 */
export function resolveSource(data: string): DataSource {
  const bare = !/[/\\.]/.test(data);
  if (!bare) return { path: data };
  const builtin = findDataset(data);
  if (builtin) return { path: datasetPath(builtin), builtin };
  if (!existsSync(data)) {
    throw runError(messages.unknownDataset(data, listDatasets().map((d) => d.name)));
  }
  return { path: data };
}
