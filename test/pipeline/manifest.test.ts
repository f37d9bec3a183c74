/** A manifest vouches for an output only when it names every file of it, with the bytes they hold. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestPath, resolveConfig, run, upToDate, type Manifest, type RunOptions } from '../../src/index';

const dir = mkdtempSync(join(tmpdir(), 'mlvis-manifest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SMALL = { iterations: 20, frames: 3, width: 320, height: 200, manifest: true };

async function rendered(out: string): Promise<{ options: RunOptions; fresh: () => boolean; edit: (f: (m: Manifest) => void) => void }> {
  const options: RunOptions = { model: 'linear', ...SMALL, out: join(dir, out) };
  await run(options);
  const path = manifestPath(join(dir, out));
  const original = readFileSync(path, 'utf8');
  return {
    options,
    fresh: () => upToDate(options, resolveConfig(options), [join(dir, out)]) !== null,
    edit: (f) => {
      const m = JSON.parse(original) as Manifest;
      f(m);
      writeFileSync(path, JSON.stringify(m));
    },
  };
}

describe('a tampered manifest does not make an output up to date', () => {
  it('an emptied or shortened file list, with garbage in the output', async () => {
    const a = await rendered('a.gif');
    expect(a.fresh()).toBe(true);
    writeFileSync(join(dir, 'a.gif'), 'GARBAGE');
    a.edit((m) => void (m.files = []));
    expect(a.fresh()).toBe(false);
  });

  it('a list that names another file, or names one file twice', async () => {
    const b = await rendered('b.png');
    const c = await rendered('c.png');
    expect(b.fresh() && c.fresh()).toBe(true);
    const other = JSON.parse(readFileSync(manifestPath(join(dir, 'c.png')), 'utf8')) as Manifest;
    b.edit((m) => void (m.files = other.files));
    expect(b.fresh()).toBe(false);
    b.edit((m) => void (m.files = [m.files[0], m.files[0]]));
    expect(b.fresh()).toBe(false);
  });

  it('a frame sequence whose manifest leaves out a frame, or a size that does not match', async () => {
    const s = await rendered('f/%02d.png');
    expect(s.fresh()).toBe(true);
    s.edit((m) => void m.files.pop());
    expect(s.fresh()).toBe(false);
    s.edit((m) => void (m.files[0].bytes += 1));
    expect(s.fresh()).toBe(false);
    s.edit(() => undefined);
    expect(s.fresh()).toBe(true);
  });
});
