import { warningText } from '../../src/warnings';
import { join } from 'path';
import { messages } from '../../src/errors';
import { loadDataset, DataRequest } from '../../src/data';
import { expectError, tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** Loads CSV text from a temp file; returns the dataset and the warnings. */
function load(text: string, extra: Partial<DataRequest> = {}, name = 'd.csv') {
  const path = tmp.file(name, text);
  const warnings: string[] = [];
  const data = loadDataset({ model: 'linear', data: path, points: 100, seed: 's', ...extra }, (w) => warnings.push(warningText(w)));
  return { data, warnings, path };
}

describe('loadDataset from a CSV file', () => {
  test('quoted commas and newlines, CRLF, BOM and blank lines all load', () => {
    const text = '\ufeffname,"w, kg",h\r\n"Smith, J.",70,"1.8"\r\n\r\n"two\r\nlines",80.5,1.9\r\n\r\n';
    const { data, warnings, path } = load(text, { x: 'w, kg', y: 'h' });
    expect(Array.from(data.x)).toEqual([70, 80.5]);
    expect(Array.from(data.y)).toEqual([1.8, 1.9]);
    expect(data).toMatchObject({ xName: 'w, kg', yName: 'h', source: path, skipped: 0 });
    expect(data.x).toBeInstanceOf(Float64Array);
    expect(warnings).toEqual([]);
  });

  test('rows with missing markers or text in a selected cell are skipped, with one warning', () => {
    const rows = ['1,2', 'NA,3', '2,N/A', 'nan,1', '3,null', '.,5', '?,6', ',7', '4,abc', 'x8,8', '5,10', '6'];
    const { data, warnings } = load(['a,b', ...rows].join('\n') + '\n', { x: 'a', y: 'b' });
    expect(Array.from(data.x)).toEqual([1, 5]);
    expect(Array.from(data.y)).toEqual([2, 10]);
    expect(data.skipped).toBe(10);
    expect(warnings).toEqual([messages.skippedRows(10, 12, 'a', 'b')]);
  });

  test('missing cells in columns not selected do not skip a row', () => {
    const { data } = load('a,b,c\n1,,2\n2,NA,4\n3,?,5\n', { x: 'a', y: 'c' });
    expect(Array.from(data.y)).toEqual([2, 4, 5]);
    expect(data.skipped).toBe(0);
  });

  test('default columns: the first two numeric ones (missing cells allowed, text not)', () => {
    const { data } = load('id,label,size,weight,price\nA,x,1,NA,10\nB,y,2,4,20\nC,z,3,9,x\n');
    expect(data).toMatchObject({ xName: 'size', yName: 'weight', skipped: 1 });
    const onlyX = load('a,b,c\n1,2,3\n4,5,7\n', { x: 'b' }).data;
    expect([onlyX.xName, onlyX.yName]).toEqual(['b', 'a']);
    const onlyY = load('a,b,c\n1,2,3\n4,5,7\n', { y: 'a' }).data;
    expect([onlyY.xName, onlyY.yName]).toEqual(['b', 'a']);
  });

  test('a column of only missing cells is not numeric', () => {
    const path = tmp.file('empty-col.csv', 'a,b,c\n1,,3\n2,NA,4\n');
    const data = loadDataset({ model: 'linear', data: path, points: 100, seed: 's' }, () => {});
    expect([data.xName, data.yName]).toEqual(['a', 'c']);
  });
});

describe('loadDataset errors', () => {
  const req = (data: string, extra: Partial<DataRequest> = {}): DataRequest => ({
    model: 'linear', data, points: 100, seed: 's', ...extra,
  });
  const noWarn = () => {};

  test('file not found', () => {
    const path = join(tmp.dir, 'missing.csv');
    expectError(() => loadDataset(req(path), noWarn), messages.fileNotFound(path));
  });

  test('a bare word that is neither a built-in name nor a file', () => {
    expectError(() => loadDataset(req('pengiuns'), noWarn), messages.unknownDataset('pengiuns', ['penguins', 'cars']));
  });

  test('a directory', () => {
    expectError(() => loadDataset(req(tmp.dir), noWarn), messages.fileUnreadable(tmp.dir, 'it is a directory'));
  });

  test('not text', () => {
    const path = tmp.file('bin.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]));
    expectError(() => loadDataset(req(path), noWarn), messages.notText(path));
  });

  test('an empty file', () => {
    const path = tmp.file('empty.csv', '');
    expectError(() => loadDataset(req(path), noWarn), messages.noHeader(path));
  });

  test('unknown column, for --x and for --y', () => {
    const path = tmp.file('cols.csv', 'a,b c\n1,2\n3,4\n');
    expectError(() => loadDataset(req(path, { x: 'z' }), noWarn), messages.unknownColumn('--x', 'z', ['a', 'b c']));
    expectError(() => loadDataset(req(path, { x: 'a', y: 'b' }), noWarn), messages.unknownColumn('--y', 'b', ['a', 'b c']));
  });

  test('no two numeric columns to default to', () => {
    const path = tmp.file('text.csv', 'name,v\nA,1\nB,2\n');
    expectError(() => loadDataset(req(path), noWarn), messages.noNumericColumns(path, ['name', 'v']));
  });

  test('fewer than 2 usable rows', () => {
    const one = tmp.file('one.csv', 'a,b\n1,2\nNA,3\n,\n');
    expectError(() => loadDataset(req(one), noWarn), messages.tooFewRows(1, 2));
    const none = tmp.file('header-only.csv', 'a,b\n');
    expectError(() => loadDataset(req(none), noWarn), messages.tooFewRows(0, 0));
    expectError(() => loadDataset(req(none, { x: 'a', y: 'b' }), noWarn), messages.tooFewRows(0, 0));
  });

  test('a constant x', () => {
    const path = tmp.file('const.csv', 'a,b\n2.5,1\n2.5,2\n2.5,3\nNA,4\n');
    expectError(() => loadDataset(req(path), noWarn), messages.constantX('a', 2.5));
  });
});

describe('default numeric columns with a stray bad cell', () => {
  it('keep a mostly numeric column and skip only the bad row', () => {
    const { parseCsvText, chooseColumns, tableToDataset } = require('../../src/data');
    const rows = Array.from({ length: 20 }, (_, i) => `${i},${2 * i + 1}`);
    rows[7] = 'Inf,15';
    const table = parseCsvText('a,b\n' + rows.join('\n') + '\n', 'mem.csv');
    const choice = chooseColumns(table, 'mem.csv', 'linear', {});
    expect([table.header[choice.x], table.header[choice.y]]).toEqual(['a', 'b']);
    const data = tableToDataset(table, choice, 'linear', 'mem.csv');
    expect(data.x.length).toBe(19);
    expect(data.skipped).toBe(1);
  });
});
