import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runCli } from '../../src/cli';
import { messages } from '../../src/errors';
import { cliArgv } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'mlvis-late-stop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a stop that arrives after the files are in place', () => {
  it('finishes the commit (the summary is renamed with the outputs) and says what was written', async () => {
    const out = join(dir, 'a.gif');
    const summary = join(dir, 's.json');
    writeFileSync(out, 'OLD');
    // Ctrl-C right after the GIF is renamed onto its target, before the summary is written.
    const fs = require('node:fs/promises') as typeof import('node:fs/promises');
    const rename = fs.rename;
    let sent = false;
    (fs as { rename: unknown }).rename = async (from: string, to: string) => {
      await rename(from, to);
      if (to === out && !sent) {
        sent = true;
        process.emit('SIGINT', 'SIGINT');
      }
    };
    let stderr = '';
    const err = new Writable({
      write(chunk: Buffer, _encoding, done) {
        stderr += chunk.toString();
        done();
      },
    });
    const quiet = new Writable({ write: (_c, _e, done) => done() });
    try {
      const code = await runCli(cliArgv(['linear', '--iters', '50', '--frames', '12', '--size', '320x160', '--out', out, '--summary', summary, '--progress', 'json']), { stdout: quiet, stderr: err });
      expect([sent, code]).toEqual([true, 130]);
    } finally {
      (fs as { rename: unknown }).rename = rename;
    }
    const lines = stderr.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[lines.length - 1]).toMatchObject({ event: 'job', status: 'failed', error: messages.interruptedAfterWriting([out, summary], true) });
    // The GIF and the summary that describes it are both in place: all of the run's files, not half of them.
    expect(readFileSync(out).subarray(0, 6).toString()).toBe('GIF89a');
    expect(JSON.parse(readFileSync(summary, 'utf8')).outputs[0].path).toBe(out);
  });
});
