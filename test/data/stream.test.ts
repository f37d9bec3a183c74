import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { chooseColumns, ChunkDecoder, decodeText, listDatasets, loadDataset, loadDatasetAsync, readTextFile, resolveSource, tableToDataset, type DataRequest } from '../../src/data';
import { messages } from '../../src/errors';
import { textHash } from '../../src/pipeline/manifest';
import { syntheticDataset, syntheticDatasetAsync } from '../../src/data/synthetic';
import { tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const request = (data: string, more: Partial<DataRequest> = {}): DataRequest => ({ model: 'linear', data, points: 50, seed: 's', ...more });
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Text of the chunks through a ChunkDecoder, and its hash. */
function decodeChunks(chunks: Buffer[]): { text: string; hash: string } {
  const d = new ChunkDecoder('f.csv');
  const text = chunks.map((c) => d.decode(c)).join('') + d.end();
  return { text, hash: d.digest() };
}

describe('ChunkDecoder', () => {
  test('a multi-byte character or a BOM split between chunks decodes as the whole file does', () => {
    const bytes = Buffer.from('\ufeffname,y\nZoë 🙂,1\nµ,2\n', 'utf8');
    for (let i = 0; i <= bytes.length; i++) {
      for (const j of [i, Math.min(bytes.length, i + 1), Math.min(bytes.length, i + 2)]) {
        const out = decodeChunks([bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)]);
        expect(out.text).toBe(decodeText(bytes, 'f.csv'));
        expect(out.hash).toBe(textHash(decodeText(bytes, 'f.csv')));
      }
    }
  });

  test('Latin-1 and binary are told apart as before', () => {
    const latin = Buffer.from('name,y\nJos\xe9,1\n', 'latin1');
    expect(decodeChunks([latin.subarray(0, 10), latin.subarray(10)]).text).toBe(decodeText(latin, 'f.csv'));
    expect(() => decodeChunks([Buffer.from('x,y\n'), Buffer.from([1, 0, 2])])).toThrow(messages.notText('f.csv'));
    expect(() => decodeChunks([Buffer.from([0xff, 0x01, 0x41])])).toThrow(messages.notText('f.csv'));
    // UTF-16, with its byte-order mark or without (zero bytes beside ASCII), is named as such.
    expect(() => decodeChunks([Buffer.from('\ufeffx,y\n1,2\n', 'utf16le')])).toThrow(messages.utf16Text('f.csv'));
    expect(() => decodeChunks([Buffer.from('x,y\n1,2\n3,4\n', 'utf16le')])).toThrow(messages.utf16Text('f.csv'));
  });
});

describe('loadDatasetAsync', () => {
  test.each(listDatasets().flatMap((d) => (['linear', 'logistic'] as const).map((model) => [d.name, model] as const)))(
    'built-in %s (%s): the same data as csv-parse read, and the hash of its text',
    async (name, model) => {
      const source = resolveSource(name);
      const text = readTextFile(source.path);
      const rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true }) as string[][];
      const table = { header: rows[0].map((h) => h.trim()), rows: rows.slice(1) };
      const old = tableToDataset(table, chooseColumns(table, name, model, {}, source.builtin!.suggested), model, name);
      const { data, sha256 } = await loadDatasetAsync(request(name, { model }), () => {});
      expect({ ...data, suggestStandardize: undefined }).toEqual({ ...old, suggestStandardize: undefined });
      expect(sha256).toBe(textHash(text));
    },
  );

  test('random CSV files read the same streamed and whole, x, y, skipped rows and warning alike', async () => {
    const cell = fc.oneof(fc.integer({ min: -50, max: 50 }).map(String), fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(String), fc.constantFrom('', 'NA', 'x', ' 3 ', '"4"'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell, fc.constantFrom('0', '1', 'true', '')), { minLength: 3, maxLength: 1500 }), async (rows) => {
        const text = 'a,b,c\n' + rows.map((r) => r.join(',')).join('\n');
        const file = tmp.file('random.csv', text);
        const settle = (f: () => unknown) => Promise.resolve().then(f).then((v) => ({ v }), (e: Error) => ({ e: e.message }));
        const warnsA: unknown[] = [];
        const warnsB: unknown[] = [];
        const whole = await settle(() => loadDataset(request(file, { csv: text }), (w) => warnsA.push(w)));
        const streamed = await settle(async () => (await loadDatasetAsync(request(file), (w) => warnsB.push(w))).data);
        expect(streamed).toEqual(whole);
        expect(warnsB).toEqual(warnsA);
      }),
      { numRuns: 40, seed: 3 },
    );
  });

  test('a Latin-1 file whose first non-UTF-8 byte comes after the first chunk is read again as Latin-1', async () => {
    // "\xc3\xa9" is valid UTF-8 (é) but two Latin-1 characters (Ã©): only a read from the start gives the latter.
    const text = 'x,label\n' + '1,\xc3\xa9\n2,b\n'.repeat(150_000) + '3,Jos\xe9\n';
    const file = tmp.file('late-latin1.csv', Buffer.from(text, 'latin1'));
    const { data, sha256 } = await loadDatasetAsync(request(file, { model: 'logistic', x: 'x', y: 'label', positive: '\xc3\xa9' }), () => {});
    expect(data.classNames).toEqual(['not \xc3\xa9', '\xc3\xa9']);
    expect(data.x.length).toBe(300_001);
    expect(sha256).toBe(sha(decodeText(Buffer.from(text, 'latin1'), file)));
  });

  test('stops past the row and byte limits with the fix', async () => {
    const file = tmp.file('rows.csv', 'x,y\n' + '1,2\n3,4\n'.repeat(600));
    await expect(loadDatasetAsync(request(file), () => {}, { maxRows: 1000 })).rejects.toThrow(messages.tooManyRows(file, 1000));
    await expect(loadDatasetAsync(request(file), () => {}, { maxBytes: 100 })).rejects.toThrow(messages.dataTooLarge(file, 100));
    await expect(loadDatasetAsync(request('-'), () => {}, { stdin: Readable.from([Buffer.from('x,y\n1,2\n'.repeat(100))]), maxBytes: 100 })).rejects.toThrow(messages.dataTooLarge('stdin', 100));
  });

  test('an endless FIFO stops at the limit, in bounded memory', async () => {
    const fifo = `${tmp.dir}/endless.fifo`;
    spawnSync('mkfifo', [fifo]);
    const writer = spawnAsync('sh', ['-c', `yes 1,2 > "${fifo}"`]);
    try {
      await expect(loadDatasetAsync(request(fifo), () => {}, { maxRows: 200_000 })).rejects.toThrow(messages.tooManyRows(fifo, 200_000));
    } finally {
      writer.kill();
    }
  });

  test('reads stdin as a stream, in chunks cut anywhere', async () => {
    const text = 'x,y\n1,2\n2,"4"\n3,5\r\n';
    const bytes = Buffer.from(text);
    const stdin = Readable.from([bytes.subarray(0, 7), bytes.subarray(7, 11), bytes.subarray(11)]);
    const { data, sha256 } = await loadDatasetAsync(request('-'), () => {}, { stdin });
    expect([...data.x]).toEqual([1, 2, 3]);
    expect([...data.y]).toEqual([2, 4, 5]);
    expect(sha256).toBe(sha(text));
  });

  test('a stop while a slow FIFO writer is mid-file rejects at once with the interrupted message', async () => {
    const fifo = `${tmp.dir}/slow.fifo`;
    spawnSync('mkfifo', [fifo]);
    const writing = (async () => {
      const handle = await open(fifo, 'w');
      try {
        await handle.write('x,y\n');
        for (let i = 0; i < 100; i++) {
          await handle.write('1,2\n3,4\n');
          await new Promise((r) => setTimeout(r, 50));
        }
      } catch {
        // the reader went away
      } finally {
        await handle.close().catch(() => undefined);
      }
    })();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const t0 = Date.now();
    await expect(loadDatasetAsync(request(fifo), () => {}, { signal: controller.signal })).rejects.toThrow(messages.interrupted());
    expect(Date.now() - t0).toBeLessThan(10_000); // liveness on a loaded machine, not speed
    await writing;
  });
});

function spawnAsync(cmd: string, args: string[]) {
  return require('node:child_process').spawn(cmd, args, { stdio: 'ignore' }) as import('node:child_process').ChildProcess;
}

describe('synthetic data for a run', () => {
  test('is the same drawn in blocks, and a stop is heard while 10 million points are drawn', async () => {
    for (const model of ['linear', 'logistic'] as const) {
      expect(await syntheticDatasetAsync(model, 600_001, 1, 's')).toEqual(syntheticDataset(model, 600_001, 1, 's'));
    }
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const t0 = Date.now();
    await expect(syntheticDatasetAsync('linear', 10_000_000, 1, 's', controller.signal)).rejects.toThrow(messages.interrupted());
    expect(Date.now() - t0).toBeLessThan(10_000); // liveness on a loaded machine, not speed
  });
});
