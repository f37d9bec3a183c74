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
  const fast = plainDecimal(cell);
  if (fast === fast) return fast; // not NaN
  return slowNumber(cell);
}

/** The rules above, by regular expression: every cell the fast path declines. */
function slowNumber(cell: string): number {
  const t = cell.trim();
  if (!NUMBER.test(t)) return NaN;
  const v = Number(t);
  return Number.isFinite(v) ? v : NaN;
}

/** 10^0 … 10^22: every one is exact in a double. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * A short plain decimal ("-12.375", "4e-3") read from its characters without a regular expression or a
 * substring, or NaN to let the slow path decide (spaces, text, long or extreme numbers). Exact: with at
 * most 15 digits the digits form an integer below 2^53 and 10^|e| ≤ 10^22 is exact, so one IEEE multiply
 * or divide rounds once, correctly, to the same double Number() gives (Clinger's fast path). This is the
 * hot loop of a million-row file.
 */
function plainDecimal(s: string): number {
  const n = s.length;
  let i = 0;
  let c = n > 0 ? s.charCodeAt(0) : 0;
  let negative = false;
  if (c === 45 || c === 43) {
    negative = c === 45;
    c = ++i < n ? s.charCodeAt(i) : 0;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    mantissa = mantissa * 10 + (c - 48);
    digits++;
  }
  if (i < n && c === 46) {
    for (i++; i < n; i++) {
      c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      scale--;
    }
  }
  if (digits === 0 || digits > 15) return NaN;
  if (i < n) {
    if (c !== 101 && c !== 69) return NaN;
    let e = 0;
    let eSign = 1;
    let eDigits = 0;
    c = ++i < n ? s.charCodeAt(i) : 0;
    if (c === 45 || c === 43) {
      eSign = c === 45 ? -1 : 1;
      i++;
    }
    for (; i < n; i++) {
      c = s.charCodeAt(i);
      if (c < 48 || c > 57 || eDigits > 3) return NaN;
      e = e * 10 + (c - 48);
      eDigits++;
    }
    if (eDigits === 0) return NaN;
    scale += eSign * e;
  }
  if (scale < -22 || scale > 22) return NaN;
  const value = scale < 0 ? mantissa / POW10[-scale] : mantissa * POW10[scale];
  return negative ? -value : value;
}
