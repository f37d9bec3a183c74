/**
 * What JSON.parse does not say in one line: where a jobs file's syntax breaks (its own message quotes the
 * text, line breaks and all), and which key an object gives twice (it silently keeps the last). A small
 * scanner of the JSON grammar, run over text JSON.parse has judged.
 */

/** A place in the document: object keys and array indexes from the top. */
export type JsonPath = (string | number)[];

export type JsonFinding = { syntax: string; line: number; column: number } | { duplicate: string; at: JsonPath };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const LITERAL = /true|false|null/y;
const SPACE = /[ \t\n\r]*/y;

class Broken extends Error {}

/** The first syntax error or repeated key of a JSON text, or undefined when it has neither. */
export function checkJson(text: string): JsonFinding | undefined {
  let at = 0;
  let found: JsonFinding | undefined;
  const fail = (): never => {
    const before = text.slice(0, at).split('\n');
    const rest = text.slice(at);
    const what = rest === '' ? 'the text ends too early' : /^\/[/*]/.test(rest) ? 'a comment; JSON has none, remove it' : `unexpected ${JSON.stringify([...rest][0])}`;
    found = { syntax: what, line: before.length, column: before[before.length - 1].length + 1 };
    throw new Broken();
  };
  const match = (re: RegExp): string | undefined => {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) return undefined;
    at += m[0].length;
    return m[0];
  };
  const space = () => void match(SPACE);
  const expect = (c: string) => {
    space();
    if (text[at] !== c) fail();
    at++;
  };
  const value = (path: JsonPath): void => {
    space();
    const c = text[at];
    if (c === '{') return object(path);
    if (c === '[') return array(path);
    if ((c === '"' ? match(STRING) : (match(NUMBER) ?? match(LITERAL))) === undefined) fail();
  };
  const object = (path: JsonPath): void => {
    at++;
    const keys = new Set<string>();
    space();
    if (text[at] === '}') return void at++;
    for (;;) {
      space();
      const raw = match(STRING) ?? fail();
      const key = JSON.parse(raw) as string;
      if (keys.has(key) && !found) found = { duplicate: key, at: path };
      keys.add(key);
      expect(':');
      value([...path, key]);
      space();
      if (text[at] === '}') return void at++;
      expect(',');
    }
  };
  const array = (path: JsonPath): void => {
    at++;
    space();
    if (text[at] === ']') return void at++;
    for (let i = 0; ; i++) {
      value([...path, i]);
      space();
      if (text[at] === ']') return void at++;
      expect(',');
    }
  };
  try {
    value([]);
    space();
    if (at < text.length) fail();
  } catch (e) {
    // Nesting deeper than the stack: JSON.parse is the judge of such a text, and repeated keys go unseen.
    if (!(e instanceof Broken) && !(e instanceof RangeError)) throw e;
  }
  return found;
}
