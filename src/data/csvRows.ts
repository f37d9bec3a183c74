/**
 * An incremental RFC 4180 CSV reader: text goes in chunk by chunk, rows come out as arrays of cells.
 *
 * It reads CSV exactly as mlvis read it with csv-parse (bom, skip_empty_lines, relax_column_count,
 * relax_quotes), checked against csv-parse on random text in test/data/csvRows.test.ts:
 * - the row delimiter is the first of CRLF, LF or CR met outside quotes; only it ends rows afterwards;
 * - quoted fields keep commas, line breaks and doubled quotes; a stray quote in an unquoted field is a
 *   character; a closing quote followed by anything but a comma or the row delimiter makes the field raw
 *   text (its quotes kept), as csv-parse's relax_quotes does;
 * - empty lines are skipped (a line holding only "" is a row); a leading BOM is dropped;
 * - a quote still open at the end throws "Quote Not Closed ..." (the caller words it as csvMalformed).
 * Hand-written rather than csv-parse's stream because it is 5-10x faster on numeric files and makes no
 * record objects (measured in bench/csvParsers.js).
 */

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Thrown for text that is not CSV; `message` is the reason, worded like csv-parse's. */
export class CsvSyntaxError extends Error {}

/** Thrown when one row grows past `maxRowChars` without ending (a file with no line breaks, /dev/zero-like input). */
export class CsvRowTooLong extends Error {}

const INCOMPLETE = -1;

export class CsvRows {
  private carry = '';
  /** 0 until detected; then LF, CR, or CR + LF as -1. */
  private delimiter = 0;
  private started = false;
  /** Line breaks before `carry` (for the line number of an unclosed quote). */
  private lines = 0;
  private fields: string[] = [];

  /** `onRow` receives each row's cells; the array is the reader's own and is reused for the next row. */
  constructor(private readonly onRow: (cells: string[]) => void, private readonly maxRowChars = 16 * 1024 * 1024) {}

  push(text: string): void {
    if (!this.started) {
      if (text.length === 0) return;
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.scan(this.carry.length > 0 ? this.carry + text : text, false);
  }

  /** The end of the text: the last row may lack its line break; an open quote throws CsvSyntaxError. */
  end(): void {
    this.started = true;
    this.scan(this.carry, true);
    this.carry = '';
  }

  private scan(s: string, final: boolean): void {
    let pos = 0;
    const n = s.length;
    while (pos < n) {
      const next = this.row(s, pos, final);
      if (next === INCOMPLETE) break;
      pos = next;
    }
    this.lines += countBreaks(s, 0, pos, this.delimiter === CR ? CR : LF);
    this.carry = pos < n ? s.slice(pos) : '';
    if (this.carry.length > this.maxRowChars) throw new CsvRowTooLong(`a row longer than ${this.maxRowChars} characters`);
  }

  /** Reads one row from `start`; returns where the next row starts, or INCOMPLETE when the row needs more text. */
  private row(s: string, start: number, final: boolean): number {
    const n = s.length;
    const fields = this.fields;
    fields.length = 0;
    let i = start;
    // A line holding only the row delimiter is skipped.
    const blank = this.lineEnd(s, i, final);
    if (blank === INCOMPLETE) return INCOMPLETE;
    if (blank > i) return blank;
    for (;;) {
      let value: string;
      if (i < n && s.charCodeAt(i) === QUOTE) {
        const q = this.quoted(s, i, final);
        if (q === null) return INCOMPLETE;
        value = q.value;
        i = q.end;
      } else {
        value = '';
      }
      // Unquoted text (or what follows a closing quote that did not end the field): up to a comma or a row end.
      let j = i;
      let end = -2;
      for (; j < n; j++) {
        const c = s.charCodeAt(j);
        if (c === COMMA) break;
        if (c === LF || c === CR) {
          end = this.lineEnd(s, j, final);
          if (end === INCOMPLETE) return INCOMPLETE;
          if (end > j) break;
        }
      }
      if (j >= n && !final) return INCOMPLETE;
      fields.push(j > i ? value + s.slice(i, j) : value);
      if (j < n && s.charCodeAt(j) === COMMA) {
        i = j + 1;
        continue;
      }
      this.onRow(fields);
      return j >= n ? n : end;
    }
  }

  /**
   * A quoted field at `i`: its value and where it stops. A closing quote not followed by a comma or a row
   * end leaves the field raw: the value becomes `"value"` and the caller reads on as unquoted text.
   */
  private quoted(s: string, i: number, final: boolean): { value: string; end: number } | null {
    const n = s.length;
    let value = '';
    let j = i + 1;
    for (;;) {
      const k = s.indexOf('"', j);
      if (k < 0 || (k + 1 >= n && !final)) {
        if (!final) return null;
        throw new CsvSyntaxError(`Quote Not Closed: the parsing is finished with an opening quote at line ${this.lines + countBreaks(s, 0, i, this.delimiter === CR ? CR : LF) + 1}`);
      }
      if (k + 1 < n && s.charCodeAt(k + 1) === QUOTE) {
        value += s.slice(j, k + 1);
        j = k + 2;
        continue;
      }
      value += s.slice(j, k);
      const after = k + 1;
      if (after >= n || s.charCodeAt(after) === COMMA) return { value, end: after };
      const end = this.lineEnd(s, after, final);
      if (end === INCOMPLETE) return null;
      return end > after ? { value, end: after } : { value: `"${value}"`, end: after };
    }
  }

  /**
   * Where the row delimiter at `i` ends, `i` when there is none there, or INCOMPLETE when a CR ends the text
   * and the next chunk decides. The first line break met decides the delimiter for the whole file.
   */
  private lineEnd(s: string, i: number, final: boolean): number {
    if (i >= s.length) return i;
    const c = s.charCodeAt(i);
    if (c !== LF && c !== CR) return i;
    if (this.delimiter === 0) {
      if (c === LF) this.delimiter = LF;
      else if (i + 1 < s.length) this.delimiter = s.charCodeAt(i + 1) === LF ? -1 : CR;
      else if (final) this.delimiter = CR;
      else return INCOMPLETE;
    }
    if (this.delimiter === -1) {
      if (c !== CR) return i;
      if (i + 1 >= s.length) return final ? i : INCOMPLETE;
      return s.charCodeAt(i + 1) === LF ? i + 2 : i;
    }
    return c === this.delimiter ? i + 1 : i;
  }
}

function countBreaks(s: string, from: number, to: number, code: number): number {
  const ch = String.fromCharCode(code);
  let count = 0;
  for (let k = s.indexOf(ch, from); k >= 0 && k < to; k = s.indexOf(ch, k + 1)) count++;
  return count;
}
