/**
 * What a single CSV cell means: missing, a number, or text. Shared by column detection, the x/y
 * conversion and the label rules, so that every stage agrees on what "missing" and "numeric" are.
 */

/** Common missing-value markers, compared after trimming and lower-casing. */
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', '.', '?']);

/**
 * Plain decimal numbers only: "12", "-3.5", ".5", "5.", "1e-3". Hex, binary, "Infinity", thousands
 * separators and decimal commas are text, so a column of IDs like "0x1F" is never read as numbers.
 */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** True when the cell is absent (short row), blank, or a missing-value marker (NA, N/A, NaN, null, ".", "?"). */
export function isMissing(cell: string | undefined): boolean {
  return cell === undefined || MISSING.has(cell.trim().toLowerCase());
}

/** The cell as a finite number, or NaN when it is missing, text, or overflows (e.g. "1e400"). */
export function parseNumber(cell: string | undefined): number {
  if (cell === undefined) return NaN;
  const t = cell.trim();
  if (!NUMBER.test(t)) return NaN;
  const v = Number(t);
  return Number.isFinite(v) ? v : NaN;
}
