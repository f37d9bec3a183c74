import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from '../helpers/cli';

// The command runs from dist/mlvis.cjs, one file bundled from dist/cli.js and its imports (npm run build):
// it must be what bin/mlvis.js loads, and it must write what the modules write.
describe('the bundled command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlvis-bundle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs `entry`'s main() in a fresh process with these arguments; reports which of the two files loaded. */
  function runEntry(entry: string, args: string[]) {
    const script = `
      process.on('exit', () => process.stderr.write('\\nloaded:' + Object.keys(require.cache).filter((k) => k.endsWith('mlvis.cjs') || k.endsWith('dist/cli.js')).map((k) => k.slice(${JSON.stringify(ROOT)}.length)).join(',')));
      process.argv = [process.argv[0], 'mlvis', ...${JSON.stringify(args)}];
      require(${JSON.stringify(entry)})${entry === BIN ? '' : '.main(process.argv)'};`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    return { code: r.status, stderr: r.stderr, loaded: /loaded:(.*)$/.exec(r.stderr)?.[1] };
  }

  it('is what bin/mlvis.js runs, with the code cache the build wrote', () => {
    const r = spawnSync(process.execPath, [BIN, '--version'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, MLVIS_TRACE_LOAD: '1' } });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('mlvis: loaded dist/mlvis.cjs with its code cache\n');
  });

  it('uses a code cache only for the very bytes it was made from, and only whole', async () => {
    // bin/bundle.js in a package of its own: a one-line "bundle", and modules beside it.
    const pkg = mkdtempSync(join(tmpdir(), 'mlvis-cache-'));
    try {
      mkdirSync(join(pkg, 'bin'));
      mkdirSync(join(pkg, 'dist'));
      copyFileSync(join(ROOT, 'bin', 'bundle.js'), join(pkg, 'bin', 'bundle.js'));
      writeFileSync(join(pkg, 'dist', 'cli.js'), 'exports.main = () => "modules";');
      const bundle = join(pkg, 'dist', 'mlvis.cjs');
      const cache = `${bundle}.cache`;
      writeFileSync(bundle, 'exports.main = () => "first";');
      const loader = () => {
        const fresh = join(pkg, 'bin', 'bundle.js');
        delete require.cache[fresh];
        return require(fresh) as {
          loadCommand(o?: { modules?: boolean }): { command: { main(): string }; how: string };
          writeCodeCache(work: (c: unknown) => Promise<void>): Promise<string>;
        };
      };
      const load = (o?: { modules?: boolean }) => {
        const { command, how } = loader().loadCommand(o);
        return [command.main(), how];
      };
      expect(load()).toEqual(['first', 'dist/mlvis.cjs']);
      await loader().writeCodeCache(async (c) => {
        (c as { main(): string }).main(); // compiled, so the cache holds it
      });
      expect(load()).toEqual(['first', 'dist/mlvis.cjs with its code cache']);
      // A damaged body (V8 would crash on some): refused.
      const good = readFileSync(cache);
      const damaged = Buffer.from(good);
      damaged[damaged.length - 5] ^= 0x5a;
      writeFileSync(cache, damaged);
      expect(load()).toEqual(['first', 'dist/mlvis.cjs']);
      writeFileSync(cache, good);
      // Same length, other bytes: V8 alone would run the old code (it checks only the length).
      writeFileSync(bundle, 'exports.main = () => "other";');
      expect(load()).toEqual(['other', 'dist/mlvis.cjs']);
      // Asked for the modules (--verbose), or no bundle at all: the modules.
      expect(load({ modules: true })).toEqual(['modules', 'dist/cli.js']);
      rmSync(bundle);
      expect(load()).toEqual(['modules', 'dist/cli.js']);
    } finally {
      rmSync(pkg, { recursive: true, force: true });
    }
  });

  it('runs from the modules for --verbose, whose stack traces then name them', () => {
    const r = spawnSync(process.execPath, [BIN, 'linear', '--data', join(dir, 'missing.csv'), '--verbose'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, MLVIS_TRACE_LOAD: '1' } });
    expect(r.status).not.toBe(0);
    expect(r.stderr.split('\n')[0]).toBe('mlvis: loaded dist/cli.js');
    expect(r.stderr).toMatch(/dist[\\/]\w+\.js:\d+:\d+/);
    expect(r.stderr).not.toContain('mlvis.cjs');
  });

  it('writes the same GIF and MP4, byte for byte, as the modules do', () => {
    const args = (name: string) => ['linear', '--iters', '120', '--frames', '12', '--size', '320x200', '--quiet', '--out', join(dir, `${name}.gif`), '--out', join(dir, `${name}.mp4`)];
    const bundled = runEntry(join(ROOT, 'dist', 'mlvis.cjs'), args('bundled'));
    const modules = runEntry(join(ROOT, 'dist', 'cli.js'), args('modules'));
    expect([bundled.code, modules.code]).toEqual([0, 0]);
    expect([bundled.loaded, modules.loaded]).toEqual(['/dist/mlvis.cjs', '/dist/cli.js']);
    for (const ext of ['gif', 'mp4']) {
      expect(readFileSync(join(dir, `bundled.${ext}`)).equals(readFileSync(join(dir, `modules.${ext}`)))).toBe(true);
    }
  });

  it('names the built-in data sets and finds their files (package paths do not depend on where a module sits)', () => {
    const r = spawnSync(process.execPath, [BIN, 'linear', '--data', 'cars', '--iters', '50', '--summary', '-', '--quiet'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).data).toMatchObject({ source: 'cars', x: 'Horsepower', n: 392 });
  });
});
