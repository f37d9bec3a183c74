import { messages, runError } from '../errors';
import { CsvRows, CsvSyntaxError } from './csvRows';

/** A parsed CSV file: the header (names trimmed) and the data rows as raw cell strings. */
export interface CsvTable {
  header: string[];
  /** Rows may be shorter or longer than the header; a missing cell reads as undefined (missing). */
  rows: string[][];
}

/**
 * Parses CSV text with a header row (RFC 4180: quoted fields, commas and newlines inside quotes, doubled
 * quotes, CRLF or LF) with the streaming reader, CsvRows, all at once: for small texts and tests; files are
 * streamed (CsvDataset). A UTF-8 BOM and blank lines are ignored; rows of a different length than the
 * header are kept (short ones read as missing cells) so one bad row costs one row, not the file. A stray
 * quote inside an unquoted field is kept as a character. `source` names the file in errors: noHeader when
 * there is no header row, csvMalformed for what the reader cannot read (an unclosed quote).
 */
export function parseCsvText(text: string, source: string): CsvTable {
  const records: string[][] = [];
  const reader = new CsvRows((cells) => void records.push(cells.slice()), Infinity);
  try {
    reader.push(text);
    reader.end();
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    throw runError(messages.csvMalformed(source, err.message.replace(/\s+/g, ' ')), err);
  }
  if (records.length === 0) throw runError(messages.noHeader(source));
  const header = records[0].map((name) => name.trim());
  return { header, rows: records.slice(1) };
}
