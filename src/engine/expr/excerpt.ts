/**
 * The picture of where an expression went wrong, for the lines under the one-line message: the expression
 * (a window of it around the position when it is long), and a caret line with ^ under the bad part. Control,
 * format, combining and line-separator characters are shown escaped, so the expression stays one line and
 * the caret stays under the right character whatever was typed; wide characters (CJK, emoji) count two
 * columns, as a terminal draws them.
 */

/** How many characters of context to show on each side of the marked part. */
const CONTEXT = 30;
/** The longest marked part shown in full. */
const LONGEST = 30;
/** The indent of both lines under the message. */
const INDENT = '  ';

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{M}]/u;

/** East Asian wide and fullwidth characters and the emoji blocks: two columns in a terminal. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f680}-\u{1f6ff}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;

/** A character as it can be shown on one line: invisible, combining and line-breaking ones as \u{…}. */
export function visible(c: string): string {
  return INVISIBLE.test(c) ? `\\u{${c.codePointAt(0)!.toString(16)}}` : c;
}

/** The terminal columns of text made of visible() characters. */
function columns(text: string): number {
  let n = 0;
  for (const c of text) n += WIDE.test(c) ? 2 : 1;
  return n;
}

/** A piece of the expression in double quotes, for "unexpected …" and "unknown name …". */
export function quoted(chars: readonly string[]): string {
  const text = chars.slice(0, LONGEST).map((c) => (c === '"' || c === '\\' ? `\\${c}` : visible(c))).join('');
  return `"${text}${chars.length > LONGEST ? '…' : ''}"`;
}

/**
 * The two lines under the message: the expression (as code points) around [start, end), and ^ under that
 * part (one ^ for an empty part: start = length marks the end). Both indented by two spaces.
 */
export function caretLines(chars: readonly string[], start: number, end: number): [string, string] {
  const from = Math.max(0, start - CONTEXT);
  const to = Math.min(chars.length, end + CONTEXT);
  const show = (a: number, b: number) => chars.slice(a, b).map(visible).join('');
  const before = `${from > 0 ? '…' : ''}${show(from, start)}`;
  const inner = end - start > LONGEST ? `${show(start, start + LONGEST)}…` : show(start, end);
  const line = `${before}${inner}${show(end, to)}${to < chars.length ? '…' : ''}`;
  return [`${INDENT}${line}`, `${INDENT}${' '.repeat(columns(before))}${'^'.repeat(Math.max(1, columns(inner)))}`];
}
