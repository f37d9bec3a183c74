/** MLVIS_THREADS: the threads a run may use; 1 starts none, and the files are the same bytes. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messages } from '../../src/errors';
import { mlvisInProcess } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'mlvis-threads-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SMALL = ['--iters', '60', '--frames', '12', '--size', '320x200'];

it('MLVIS_THREADS=1 gives the same GIF, byte for byte, as the default threads', async () => {
  const one = join(dir, 'one.gif');
  const many = join(dir, 'many.gif');
  expect((await mlvisInProcess(['linear', ...SMALL, '--out', one, '--quiet'], { env: { MLVIS_THREADS: '1' } })).code).toBe(0);
  expect((await mlvisInProcess(['linear', ...SMALL, '--out', many, '--quiet'], { env: { MLVIS_THREADS: '' } })).code).toBe(0);
  expect(readFileSync(one).equals(readFileSync(many))).toBe(true);
});

it.each(['0', '-1', '1.5', 'two', '1e9'])('MLVIS_THREADS=%s is refused with one line', async (value) => {
  const r = await mlvisInProcess(['linear', ...SMALL, '--out', join(dir, 'x.gif')], { env: { MLVIS_THREADS: value } });
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(`mlvis: ${messages.badThreadsEnv(value)}\n`);
});
