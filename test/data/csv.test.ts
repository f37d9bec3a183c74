import { messages } from '../../src/errors';
import { parseCsvText } from '../../src/data/csv';
import { isMissing, parseNumber } from '../../src/data/cells';
import { expectError } from './helpers';

describe('parseCsvText', () => {
  test('reads a header and rows', () => {
    expect(parseCsvText('a,b\n1,2\n3,4\n', 'f.csv')).toEqual({ header: ['a', 'b'], rows: [['1', '2'], ['3', '4']] });
  });

  test('quoted fields keep commas, newlines and doubled quotes', () => {
    const t = parseCsvText('name,"x, in m",y\n"Smith, J.",1,"two\nlines"\n"say ""hi""",2,3\n', 'f.csv');
    expect(t.header).toEqual(['name', 'x, in m', 'y']);
    expect(t.rows).toEqual([['Smith, J.', '1', 'two\nlines'], ['say "hi"', '2', '3']]);
  });

  test('CRLF line endings, a UTF-8 BOM and blank lines', () => {
    const t = parseCsvText('\ufeffx,y\r\n1,2\r\n\r\n3,4\r\n\r\n', 'f.csv');
    expect(t.header).toEqual(['x', 'y']);
    expect(t.rows).toEqual([['1', '2'], ['3', '4']]);
  });

  test('header names are trimmed; short and long rows are kept', () => {
    const t = parseCsvText(' x , y\n1\n1,2,3\n', 'f.csv');
    expect(t.header).toEqual(['x', 'y']);
    expect(t.rows).toEqual([['1'], ['1', '2', '3']]);
  });

  test('a stray quote inside an unquoted field is a character', () => {
    expect(parseCsvText('h,w\n5" tall,2\n', 'f.csv').rows).toEqual([['5" tall', '2']]);
  });

  test('empty text has no header', () => {
    expectError(() => parseCsvText('', 'e.csv'), messages.noHeader('e.csv'));
    expectError(() => parseCsvText('\ufeff\n\n', 'e.csv'), messages.noHeader('e.csv'));
  });

  test('an unclosed quote is malformed', () => {
    let message = '';
    try {
      parseCsvText('a,b\n1,"2\n', 'bad.csv');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message.startsWith(messages.csvMalformed('bad.csv', ''))).toBe(true);
    expect(message).toMatch(/Quote Not Closed/);
    expect(message).not.toMatch(/\n/);
  });
});

describe('cells', () => {
  test.each(['', '  ', 'NA', 'na', 'N/A', 'n/a', 'NaN', 'nan', 'null', 'NULL', '.', '?', ' ? ', undefined])(
    '%p is missing',
    (cell) => {
      expect(isMissing(cell)).toBe(true);
      expect(parseNumber(cell)).toBeNaN();
    },
  );

  test.each([
    ['12', 12],
    [' -3.5 ', -3.5],
    ['.5', 0.5],
    ['5.', 5],
    ['+1e-3', 0.001],
    ['2E3', 2000],
  ])('%p is the number %p', (cell, value) => {
    expect(isMissing(cell)).toBe(false);
    expect(parseNumber(cell)).toBe(value);
  });

  test.each(['abc', '0x1F', 'Infinity', '1,5', '1 000', '1e400', '--1', '1e'])('%p is not a number', (cell) => {
    expect(isMissing(cell)).toBe(false);
    expect(parseNumber(cell)).toBeNaN();
  });
});
