/**
 * The one-line picture of where an expression went wrong: the text around the position with the bad part in
 * ⟦ ⟧ brackets (`x^2 + ⟦)⟧y`), since a caret on a second line cannot be part of a one-line message. Control,
 * format and line-separator characters are shown escaped, so the message stays one line whatever was typed.
 */

/** How many characters of context to show on each side of the marked part. */
const CONTEXT = 30;
/** The longest marked part shown in full. */
const LONGEST = 30;

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

/** A character as it can be shown on one line: invisible and line-breaking ones as \u{…}. */
export function visible(c: string): string {
  return INVISIBLE.test(c) ? `\\u{${c.codePointAt(0)!.toString(16)}}` : c;
}

/** A piece of the expression in double quotes, for "unexpected …" and "unknown name …". */
export function quoted(chars: readonly string[]): string {
  const text = chars.slice(0, LONGEST).map((c) => (c === '"' || c === '\\' ? `\\${c}` : visible(c))).join('');
  return `"${text}${chars.length > LONGEST ? '…' : ''}"`;
}

/** The expression (as code points) around [start, end), that part bracketed; start = length marks the end. */
export function marked(chars: readonly string[], start: number, end: number): string {
  const from = Math.max(0, start - CONTEXT);
  const to = Math.min(chars.length, end + CONTEXT);
  const show = (a: number, b: number) => chars.slice(a, b).map(visible).join('');
  const inner = end - start > LONGEST ? `${show(start, start + LONGEST)}…` : show(start, end);
  return `${from > 0 ? '…' : ''}${show(from, start)}⟦${inner}⟧${show(end, to)}${to < chars.length ? '…' : ''}`;
}
