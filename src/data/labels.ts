import { messages, runError } from '../errors';
import { isMissing, parseNumber } from './cells';

/** Logistic labels read from one column: 0, 1, or NaN where the cell is missing. */
export interface Labels {
  y: Float64Array;
  /** Names of class 0 and class 1, for legends. */
  classNames: [string, string];
  /** The --positive value, when the labels came from one-against-the-rest. */
  positive?: string;
}

const TRUE_WORDS = new Set(['true', 'yes']);
const FALSE_WORDS = new Set(['false', 'no']);

/**
 * Turns a y column into 0/1 labels. The rules, in order:
 * - with `positive`: a cell equal to it (after trimming; numbers also match numerically, so 3 matches
 *   "3.0") is 1 and every other non-missing cell is 0, one against the rest, on any column, numeric or
 *   not. positiveNotFound when no cell matches. Class 0 is named after the one other value when there is
 *   exactly one, else "not POSITIVE".
 * - numbers: must be 0 and 1 (labelsNotZeroOne for two other numbers, notTwoClasses otherwise).
 * - true/false and yes/no, in any case: true and yes are 1, false and no are 0.
 * - any other text: labelsNeedPositive, listing the values found.
 * Whether both classes occur among the usable rows is checked later, once rows with a bad x are dropped.
 */
export function readLabels(cells: readonly (string | undefined)[], column: string, positive?: string): Labels {
  const rule = labelRule(distinctValues(cells), column, positive);
  const y = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    y[i] = isMissing(c) ? NaN : rule.valueOf(c!.trim());
  }
  return { y, classNames: rule.classNames, ...(rule.positive !== undefined ? { positive: rule.positive } : {}) };
}

/** How each label value maps to 0 or 1, decided from the column's distinct values; see readLabels. */
export interface LabelRule {
  /** The class (0 or 1) of a non-missing, trimmed cell; NaN for a numeric label that is not a number. */
  valueOf(value: string): number;
  classNames: [string, string];
  positive?: string;
}

/**
 * The rules of readLabels from the distinct non-missing values alone (trimmed, in order of first
 * appearance), so that a streamed column needs a dictionary of its values, not a string per row.
 */
export function labelRule(values: readonly string[], column: string, positive?: string): LabelRule {
  if (positive !== undefined) return oneAgainstRest(column, positive.trim(), values);
  if (values.every((v) => !Number.isNaN(parseNumber(v)))) {
    checkZeroOne(column, values);
    return { valueOf: parseNumber, classNames: ['0', '1'] };
  }
  const lower = values.map((v) => v.toLowerCase());
  if (lower.every((v) => TRUE_WORDS.has(v) || FALSE_WORDS.has(v))) {
    const falseName = values.find((v) => FALSE_WORDS.has(v.toLowerCase())) ?? 'false';
    const trueName = values.find((v) => TRUE_WORDS.has(v.toLowerCase())) ?? 'true';
    return { valueOf: (v) => (TRUE_WORDS.has(v.toLowerCase()) ? 1 : 0), classNames: [falseName, trueName] };
  }
  throw runError(messages.labelsNeedPositive(column, [...values]));
}

/**
 * Softmax's classes: every distinct label, in order (numerically when they are all numbers, else by their
 * characters), y the index of its class; 2 to 8 of them (the palette's colours).
 */
export function classesRule(values: readonly string[], column: string): { valueOf(v: string): number; classNames: readonly string[]; positive?: undefined } {
  const numeric = values.every((v) => !Number.isNaN(parseNumber(v)));
  const sorted = [...new Set(values)].sort((a, b) => (numeric ? parseNumber(a) - parseNumber(b) : a < b ? -1 : a > b ? 1 : 0));
  if (sorted.length > MAX_CLASSES) throw runError(messages.tooManyClasses(column, sorted.length, MAX_CLASSES));
  const index = new Map(sorted.map((v, k) => [v, k]));
  return { valueOf: (v) => index.get(v) ?? NaN, classNames: sorted };
}

/** The most classes softmax regression draws (one colour each). */
export const MAX_CLASSES = 8;

function oneAgainstRest(column: string, positive: string, values: readonly string[]): LabelRule {
  const target = parseNumber(positive);
  const matches = (v: string) => v === positive || (!Number.isNaN(target) && parseNumber(v) === target);
  if (!values.some(matches)) throw runError(messages.positiveNotFound(positive, column, [...values]));
  // Two values in all (FEMALE and MALE): class 0 is the other one, which says more than "not MALE".
  const others = values.filter((v) => !matches(v));
  return { valueOf: (v) => (matches(v) ? 1 : 0), classNames: [others.length === 1 ? others[0] : `not ${positive}`, positive], positive };
}

/** Numeric labels must be exactly the classes 0 and 1 (either may be absent here; see oneClassOnly later). */
function checkZeroOne(column: string, values: readonly string[]): void {
  const byNumber = new Map<number, string>();
  for (const v of values) if (!byNumber.has(parseNumber(v))) byNumber.set(parseNumber(v), v);
  const numbers = [...byNumber.keys()];
  if (numbers.every((n) => n === 0 || n === 1)) return;
  const names = [...byNumber.values()];
  if (names.length === 2) {
    const [a, b] = numbers[0] < numbers[1] ? [names[0], names[1]] : [names[1], names[0]];
    throw runError(messages.labelsNotZeroOne(column, [a, b]));
  }
  throw runError(messages.notTwoClasses(column, names));
}

/** Distinct non-missing cells (trimmed), in order of first appearance. */
function distinctValues(cells: readonly (string | undefined)[]): string[] {
  const seen = new Set<string>();
  for (const c of cells) if (!isMissing(c)) seen.add(c!.trim());
  return [...seen];
}
