/**
 * The value kinds of the option table: for each, the valibot schema of the library value and the parser
 * of the command line's text. Every conversion or validation failure is one usage error naming the flag.
 */
import * as v from 'valibot';
import { messages, usageError } from '../errors';

/** Plain decimal numbers only: Number() would also take "0x10", "Infinity" and "" (as 0). */
export const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function parseDecimal(flag: string, text: string, what = 'a number'): number {
  const t = text.trim();
  const n = DECIMAL.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(n)) throw usageError(messages.badNumber(flag, text, what));
  return n;
}

/** "a,b,c" → trimmed items; an empty item ("a,,b", "a,") is a usage error, never silently dropped. */
export function splitList(text: string, flag = ''): string[] {
  const items = text.split(',').map((s) => s.trim());
  if (items.length > 1 && items.some((s) => s === '')) throw usageError(messages.emptyListItem(flag, text));
  return items.filter((s) => s !== '');
}

export const int = (min: number, max: number) =>
  v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );
export const finite = v.pipe(v.number('must be a number'), v.finite('must be finite'));
export const positive = v.pipe(finite, v.gtValue(0, 'must be greater than 0'));
export const fraction = v.pipe(finite, v.minValue(0, 'must be at least 0'), v.ltValue(1, 'must be less than 1'));
export const text = v.pipe(v.string('must be text'), v.minLength(1, 'must not be empty'));
/** Text that is drawn (a title, an axis label): spaces alone would draw nothing where something was asked for. */
export const label = v.pipe(text, v.check((t) => t.replace(/[\u200b-\u200d\u2060\u180e]/g, '').trim() !== '', 'must not be blank (only spaces)'));
export const choice = <T extends string>(options: readonly T[]) => v.picklist(options, `is not one of ${options.join(', ')}`);
export const between = (min: number, max: number, why = '') =>
  v.pipe(finite, v.minValue(min, `must be at least ${min}`), v.maxValue(max, `must be at most ${max}${why}`));

/** Sweeps and races: at most this many values in one run. */
export const MAX_VALUES = 12;

/** One value, or a sweep: a list of 2 to MAX_VALUES distinct values. */
export const oneOrList = <S extends v.GenericSchema<number, number>>(item: S) =>
  v.union(
    [
      item,
      v.pipe(
        v.array(item),
        v.minLength(2, 'needs at least 2 values to sweep'),
        v.maxLength(MAX_VALUES, `takes at most ${MAX_VALUES} values`),
        v.check((a) => new Set(a).size === a.length, 'lists a value twice'),
      ),
    ],
    'is not a number or a list of numbers',
  );

/** A number, or a comma-separated list of numbers (a sweep). */
export function parseNumbers(flag: string, raw: string, what = 'a number'): number | number[] {
  const items = splitList(raw, flag);
  if (items.length === 0) throw usageError(messages.badNumber(flag, raw, what));
  const values = items.map((s) => parseDecimal(flag, s, what));
  return values.length === 1 ? values[0] : values;
}

/** A choice, or a comma-separated list of choices. */
export function parseChoices<T extends string>(flag: string, raw: string, options: readonly T[]): T | T[] {
  const items = splitList(raw, flag);
  if (items.length === 0) throw usageError(messages.badChoice(flag, raw, options));
  for (const s of items) if (!options.includes(s as T)) throw usageError(messages.badChoice(flag, s, options));
  return items.length === 1 ? (items[0] as T) : (items as T[]);
}

/** The text of --size: WIDTHxHEIGHT. */
export const SIZE = /^\s*(\d+)\s*[xX×]\s*(\d+)\s*$/;

/** "960x480" (also 960X480, 960×480, spaces around): the frame size in pixels, as --size writes it. */
export function parseSize(raw: string): { width: number; height: number } {
  const m = SIZE.exec(raw);
  if (!m) throw usageError(messages.badSize(raw));
  return { width: Number(m[1]), height: Number(m[2]) };
}
