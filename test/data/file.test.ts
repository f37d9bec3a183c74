import { chmodSync } from 'fs';
import { join } from 'path';
import { messages } from '../../src/errors';
import { readTextFile } from '../../src/data/text';
import { expectError, tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('readTextFile', () => {
  test('reads UTF-8 and drops a BOM', () => {
    const path = tmp.file('bom.csv', Buffer.from('\ufeffcafé,y\n1,2\n', 'utf8'));
    expect(readTextFile(path)).toBe('café,y\n1,2\n');
  });

  test('a Latin-1 export (invalid UTF-8, no control bytes) is decoded as Latin-1', () => {
    const path = tmp.file('latin1.csv', Buffer.from('caf\xe9,y\n1,2\n', 'latin1'));
    expect(readTextFile(path)).toBe('café,y\n1,2\n');
  });

  test('a missing file', () => {
    const path = join(tmp.dir, 'nope.csv');
    expectError(() => readTextFile(path), messages.fileNotFound(path));
  });

  test('a directory is unreadable', () => {
    expectError(() => readTextFile(tmp.dir), messages.fileUnreadable(tmp.dir, 'it is a directory'));
  });

  test('a file without read permission is unreadable', () => {
    const path = tmp.file('locked.csv', 'x,y\n1,2\n');
    chmodSync(path, 0o000);
    // root reads anything: the check only means something for other users.
    if (process.getuid?.() === 0) return expect(readTextFile(path)).toBe('x,y\n1,2\n');
    expectError(() => readTextFile(path), messages.fileUnreadable(path, 'permission denied'));
  });

  test('NUL bytes mean binary', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const path = tmp.file('image.png', png);
    expectError(() => readTextFile(path), messages.notText(path));
    const utf16 = tmp.file('utf16.csv', Buffer.from('\ufeffx,y\n1,2\n', 'utf16le'));
    // UTF-16 (a spreadsheet's "Unicode text") is named, since the fix is to save as UTF-8.
    expectError(() => readTextFile(utf16), messages.utf16Text(utf16));
  });

  test('invalid UTF-8 with control bytes means binary', () => {
    const path = tmp.file('blob.bin', Buffer.from([0xff, 0xfe, 0x01, 0x02, 0x41, 0x9c]));
    expectError(() => readTextFile(path), messages.notText(path));
  });
});
