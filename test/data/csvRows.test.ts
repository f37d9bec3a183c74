import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { parseNumber } from '../../src/data/cells';
import { CsvRows, CsvRowTooLong, CsvSyntaxError } from '../../src/data/csvRows';

/** Rows of `text` fed in the given pieces, or the reader's error message. */
function rowsOf(pieces: string[]): string[][] | string {
  const rows: string[][] = [];
  const reader = new CsvRows((cells) => void rows.push(cells.slice()));
  try {
    for (const p of pieces) reader.push(p);
    reader.end();
  } catch (err) {
    if (err instanceof CsvSyntaxError) return 'malformed';
    throw err;
  }
  return rows;
}

/** What mlvis read with csv-parse before streaming (same options), or 'malformed'. */
function before(text: string): string[][] | string {
  try {
    return parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true }) as string[][];
  } catch {
    return 'malformed';
  }
}

/** `text` cut at every position in `cuts`. */
const split = (text: string, cuts: number[]) => {
  const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  return [...at, text.length].map((end, i) => text.slice(i === 0 ? 0 : at[i - 1], end));
};

describe('CsvRows across chunk boundaries', () => {
  const cases: [string, string][] = [
    ['a quoted field with a line break', 'x,y\n"one\ntwo",2\n3,4\n'],
    ['CRLF line ends', 'x,y\r\n1,2\r\n3,4\r\n'],
    ['doubled quotes', 'x,y\n"say ""hi""",2\n'],
    ['a lone CR as the delimiter', 'x,y\r1,2\r3,4'],
    ['a BOM', '\ufeffx,y\n1,2\n'],
  ];
  test.each(cases)('%s reads the same cut at every position', (_, text) => {
    const whole = rowsOf([text]);
    expect(whole).toEqual(before(text));
    for (let i = 0; i <= text.length; i++) expect(rowsOf([text.slice(0, i), text.slice(i)])).toEqual(whole);
    expect(rowsOf(text.split(''))).toEqual(whole);
  });

  test('an unclosed quote says so, with the line it opened on', () => {
    const reader = new CsvRows(() => {});
    reader.push('a,b\n1,2\n3,"4\n5');
    expect(() => reader.end()).toThrow(/^Quote Not Closed: .* at line 3$/);
  });

  test('a row that never ends stops at the limit instead of growing', () => {
    const reader = new CsvRows(() => {}, 1000);
    reader.push('x,y\n');
    expect(() => {
      for (let i = 0; i < 100; i++) reader.push('a'.repeat(100));
    }).toThrow(CsvRowTooLong);
  });
});

describe('CsvRows reads what csv-parse read', () => {
  // Text made of the characters that matter to CSV, so quotes, delimiters and line ends meet in every order.
  const csvText = fc.array(fc.constantFrom('a', '1', '.', ' ', ',', '"', '""', '\n', '\r', '\r\n', 'é', '\ufeff'), { maxLength: 40 }).map((a) => a.join(''));

  test('on random text, whole and cut into random chunks', () => {
    fc.assert(
      fc.property(csvText, fc.array(fc.nat(60), { maxLength: 4 }), (text, cuts) => {
        const expected = before(text);
        expect(rowsOf([text])).toEqual(expected);
        expect(rowsOf(split(text, cuts))).toEqual(expected);
      }),
      { numRuns: 3000, seed: 42 },
    );
  });

  test('on random tables of quoted and plain cells', () => {
    const cell = fc.oneof(fc.string({ maxLength: 6 }), fc.double({ noNaN: true }).map(String), fc.constantFrom('', 'NA', '"', ',', '\n'));
    const quote = (c: string) => (/[",\r\n]/.test(c) || c.startsWith(' ') ? `"${c.replace(/"/g, '""')}"` : c);
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }), fc.boolean(), fc.nat(200), (table, crlf, cut) => {
        const text = table.map((r) => r.map(quote).join(',')).join(crlf ? '\r\n' : '\n');
        const expected = before(text);
        expect(rowsOf([text])).toEqual(expected);
        expect(rowsOf(split(text, [cut]))).toEqual(expected);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});

describe('parseNumber', () => {
  // The rule before the fast path: a plain decimal by regular expression, then Number().
  const reference = (cell: string) => {
    const t = cell.trim();
    const v = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(t) ? Number(t) : NaN;
    return Number.isFinite(v) ? v : NaN;
  };
  test('reads every number exactly as Number() did, through the fast path or not', () => {
    const digits = fc.array(fc.constantFrom(...'0123456789'), { maxLength: 18 }).map((a) => a.join(''));
    const numberLike = fc
      .tuple(fc.constantFrom('', '-', '+', ' '), digits, fc.constantFrom('', '.'), digits, fc.constantFrom('', 'e', 'E-', 'e+', 'x'), fc.nat(400), fc.constantFrom('', ' ', 'a'))
      .map(([sign, a, dot, b, e, exp, tail]) => `${sign}${a}${dot}${b}${e}${e && e !== 'x' ? exp : ''}${tail}`);
    fc.assert(fc.property(fc.oneof(numberLike, fc.double().map(String), fc.string({ maxLength: 8 })), (s) => Object.is(parseNumber(s), reference(s))), { numRuns: 20000, seed: 1 });
  });
});
