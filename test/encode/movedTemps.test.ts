/** A folder moved during a run: the run fails cleanly and leaves no temporary file in the moved folder. */
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createTemp, removeQuietly } from '../../src/encode/atomic';
import { MlvisError, run } from '../../src/index';

const dir = mkdtempSync(join(tmpdir(), 'mlvis-moved-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('a temporary file is removed from where its folder went', async () => {
  mkdirSync(join(dir, 'a'));
  const temp = await createTemp(join(dir, 'a', 'k.gif'));
  writeFileSync(temp, 'half a picture');
  renameSync(join(dir, 'a'), join(dir, 'a-moved'));
  await removeQuietly(temp);
  expect(readdirSync(join(dir, 'a-moved'))).toEqual([]);
});

it('only that file: one of the same name put in its old place is left alone', async () => {
  mkdirSync(join(dir, 'b'));
  const temp = await createTemp(join(dir, 'b', 'k.gif'));
  renameSync(join(dir, 'b'), join(dir, 'b-moved'));
  mkdirSync(join(dir, 'b'));
  writeFileSync(temp, 'someone else’s');
  await removeQuietly(temp);
  expect(readdirSync(join(dir, 'b-moved'))).toEqual([]);
  expect(readdirSync(join(dir, 'b'))).toEqual([basename(temp)]);
});

it.each([['g', 'k.gif'], ['s', 'f%02d.png'], ['m', 'k.gif', true]])('a run into %s/%s whose folder moves mid-run', async (folder, name, manifest = false) => {
  mkdirSync(join(dir, folder));
  const moved = join(dir, `${folder}-moved`);
  const error = await run(
    { model: 'linear', iterations: 30, frames: 10, width: 320, height: 200, out: join(dir, folder, name), manifest },
    { progress: (done) => void (done === 3 && renameSync(join(dir, folder), moved)) },
  ).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MlvisError);
  expect(readdirSync(moved)).toEqual([]);
});
