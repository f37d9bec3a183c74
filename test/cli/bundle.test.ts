import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

  it('is what bin/mlvis.js runs', () => {
    const r = runEntry(BIN, ['--version']);
    expect(r.code).toBe(0);
    expect(r.loaded).toBe('/dist/mlvis.cjs');
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
