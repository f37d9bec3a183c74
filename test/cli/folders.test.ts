/**
 * The folders an output needs are created by the run; a run that ends without committing anything into them
 * (a stop, a failure) removes the ones it created and left empty, and never a folder that was there before
 * (subprocess: a real SIGINT mid-run).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, mlvis } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'mlvis-folders-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts a long PNG-sequence run into `pattern`, stops it with SIGINT once `folder` exists; its exit code. */
async function stopOnce(pattern: string, folder: string): Promise<number | null> {
  const child = spawn(process.execPath, [BIN, 'linear', '--iters', '5000', '--frames', '2000', '--out', pattern], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  for (let i = 0; i < 500 && !existsSync(join(dir, folder)); i++) await new Promise((r) => setTimeout(r, 10));
  // A little later: the run is drawing into the folder (temporary frames), nothing committed.
  await new Promise((r) => setTimeout(r, 300));
  child.kill('SIGINT');
  return exit;
}

describe('a stop before anything is committed', () => {
  it('removes the folders mlvis created for a PNG sequence (fr/sub/%04d.png)', async () => {
    expect(await stopOnce('fr/sub/%04d.png', 'fr/sub')).toBe(130);
    expect(existsSync(join(dir, 'fr'))).toBe(false);
  }, 30_000);

  it('keeps a folder that was there before, empty as it was', async () => {
    mkdirSync(join(dir, 'kept'));
    expect(await stopOnce('kept/new/%04d.png', 'kept/new')).toBe(130);
    expect(existsSync(join(dir, 'kept', 'new'))).toBe(false);
    expect(readdirSync(join(dir, 'kept'))).toEqual([]);
  }, 30_000);
});

it('a run that finishes keeps the folders it made, with its files', () => {
  const r = mlvis(['linear', '--iters', '20', '--frames', '3', '--size', '320x200', '--out', join(dir, 'made', 'deep', '%02d.png'), '--quiet']);
  expect(r.code).toBe(0);
  expect(readdirSync(join(dir, 'made', 'deep')).sort()).toEqual(['00.png', '01.png', '02.png']);
});
