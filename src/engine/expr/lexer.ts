/** Splits an expression into tokens. Positions are code-point indices, so a column is what a person counts. */

export type TokenKind = 'number' | 'name' | 'op' | 'other' | 'end';

export interface Token {
  kind: TokenKind;
  /** The token's text: the operator ("−" is read as "-"), the name, the number as written, or the character. */
  text: string;
  /** The code-point range [start, end) in the expression. */
  start: number;
  end: number;
}

const DIGIT = /[0-9]/;
const NAME_START = /[A-Za-z_]/;
const NAME = /[A-Za-z0-9_]/;
const SPACE = /\s/u;
const OPS = '+-*/^()';

/** The tokens of `chars` (one string per code point), ending with an 'end' token. Never throws. */
export function tokenize(chars: readonly string[]): Token[] {
  const tokens: Token[] = [];
  const n = chars.length;
  let i = 0;
  while (i < n) {
    const c = chars[i];
    const start = i;
    if (SPACE.test(c)) {
      i++;
      continue;
    }
    if (DIGIT.test(c) || (c === '.' && i + 1 < n && DIGIT.test(chars[i + 1]))) {
      while (i < n && DIGIT.test(chars[i])) i++;
      if (chars[i] === '.') {
        i++;
        while (i < n && DIGIT.test(chars[i])) i++;
      }
      // An exponent only when digits follow: "2e" is 2 then the constant e (a missing operator).
      if ((chars[i] === 'e' || chars[i] === 'E') && i + 1 < n) {
        const j = chars[i + 1] === '+' || chars[i + 1] === '-' ? i + 2 : i + 1;
        if (j < n && DIGIT.test(chars[j])) {
          i = j;
          while (i < n && DIGIT.test(chars[i])) i++;
        }
      }
      tokens.push({ kind: 'number', text: chars.slice(start, i).join(''), start, end: i });
      continue;
    }
    if (NAME_START.test(c)) {
      while (i < n && NAME.test(chars[i])) i++;
      tokens.push({ kind: 'name', text: chars.slice(start, i).join(''), start, end: i });
      continue;
    }
    i++;
    if (OPS.includes(c)) tokens.push({ kind: 'op', text: c, start, end: i });
    else if (c === '\u2212') tokens.push({ kind: 'op', text: '-', start, end: i });
    else tokens.push({ kind: 'other', text: c, start, end: i });
  }
  tokens.push({ kind: 'end', text: '', start: n, end: n });
  return tokens;
}
