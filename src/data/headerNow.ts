/**
 * A CSV's header read now, at option time, for one question: how many columns `--x a,b,…` names when a
 * column's own name holds a comma ("w, kg"). Options are resolved before the data is read (stdin cannot be
 * read twice), and until then "w, kg,h" looked like three columns: a one-column run was taken for a
 * two-feature one (its --init refused, its --no-standardize said to be ignored). A file or a built-in set's
 * first line is read here (at most 64 KB, decoded as the data stage decodes it); stdin, a FIFO, a generated
 * set, a header longer than 64 KB or anything unreadable gives null, and the caller splits at every comma as
 * before. Errors are the data stage's to report: none is thrown here.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { CsvRows } from './csvRows';
import { ChunkDecoder } from './decode';
import { isGenerator } from './generators';
import { resolveSource } from './source';

const HEAD_BYTES = 64 * 1024;
const cache = new Map<string, readonly string[] | null>();

export function headerNow(data: string | undefined): readonly string[] | null {
  if (data === undefined || data === '-' || isGenerator(data)) return null;
  if (cache.has(data)) return cache.get(data)!;
  const header = read(data);
  if (cache.size > 64) cache.clear();
  cache.set(data, header);
  return header;
}

function read(data: string): readonly string[] | null {
  let fd: number | undefined;
  try {
    const path = resolveSource(data).path;
    // A regular file only: opening a FIFO would wait for its writer (and take what it wrote from the run).
    if (!statSync(path).isFile()) return null;
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    if (!fstatSync(fd).isFile()) return null;
    const bytes = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, bytes, 0, HEAD_BYTES, 0);
    let header: string[] | null = null;
    const rows = new CsvRows((cells) => {
      if (header === null && cells.some((c) => c !== '')) header = cells.map((c) => c.trim());
    }, Infinity);
    // Decoded as the data stage decodes it: UTF-8 (its BOM dropped), else Latin-1 (an older export). Only a
    // header that ends within the bytes read counts (a record is handed over at its line's end), unless the
    // bytes read are the whole file.
    const decoder = new ChunkDecoder(path);
    rows.push(decoder.decode(bytes.subarray(0, n)));
    if (header === null && n < HEAD_BYTES) {
      rows.push(decoder.end());
      rows.end();
    }
    return header;
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
