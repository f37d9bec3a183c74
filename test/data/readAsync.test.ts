import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDataFile } from '../../src/data';
import { messages } from '../../src/errors';

const dir = mkdtempSync(join(tmpdir(), 'mlvis-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readDataFile', () => {
  it('stops at the size limit with the fix, for a file whose size is known and for a stream that never ends', async () => {
    const file = join(dir, 'big.csv');
    writeFileSync(file, 'x,y\n'.repeat(100));
    await expect(readDataFile(file, undefined, 100)).rejects.toThrow(messages.dataTooLarge(file, 100));
    const fifo = join(dir, 'endless.fifo');
    spawnSync('mkfifo', [fifo]);
    const writer = writeFile(fifo, 'a,b\n'.repeat(1000)).catch(() => undefined);
    await expect(readDataFile(fifo, undefined, 1000)).rejects.toThrow(messages.dataTooLarge(fifo, 1000));
    await writer;
  });

  it('waits for a FIFO’s writer without blocking, and reads what it writes', async () => {
    const fifo = join(dir, 'late.fifo');
    spawnSync('mkfifo', [fifo]);
    setTimeout(() => void writeFile(fifo, 'a,b\n1,2\n'), 100);
    await expect(readDataFile(fifo)).resolves.toBe('a,b\n1,2\n');
  });

  it('gives up at once when the run is stopped, even with no writer at all', async () => {
    const fifo = join(dir, 'nobody.fifo');
    spawnSync('mkfifo', [fifo]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const t0 = Date.now();
    await expect(readDataFile(fifo, controller.signal)).rejects.toThrow(messages.interrupted());
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('says what is wrong with a missing path and a folder', async () => {
    await expect(readDataFile(join(dir, 'nope.csv'))).rejects.toThrow(messages.fileNotFound(join(dir, 'nope.csv')));
    await expect(readDataFile(dir)).rejects.toThrow(messages.fileUnreadable(dir, 'it is a directory'));
  });
});
