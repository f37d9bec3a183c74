import { parse } from 'csv-parse/sync';
import { messages, runError } from '../errors';

/** A parsed CSV file: the header (names trimmed) and the data rows as raw cell strings. */
export interface CsvTable {
  header: string[];
  /** Rows may be shorter or longer than the header; a missing cell reads as undefined (missing). */
  rows: string[][];
}

/**
 * Parses CSV text with a header row, using csv-parse (RFC 4180: quoted fields, commas and newlines inside
 * quotes, doubled quotes, CRLF or LF). A UTF-8 BOM and blank lines are ignored; rows of a different length
 * than the header are kept (short ones read as missing cells) so one bad row costs one row, not the file.
 * A stray quote inside an unquoted field is kept as a character. `source` names the file in errors:
 * noHeader when there is no header row, csvMalformed for what the parser cannot read (an unclosed quote).
 */
export function parseCsvText(text: string, source: string): CsvTable {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
    }) as string[][];
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw runError(messages.csvMalformed(source, reason.replace(/\s+/g, ' ')), err);
  }
  if (records.length === 0) throw runError(messages.noHeader(source));
  const header = records[0].map((name) => name.trim());
  return { header, rows: records.slice(1) };
}
