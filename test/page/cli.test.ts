/**
 * The page's outputs on the command line: what is refused is refused in one line with exit 2 and leaves an
 * existing file as it was; what is written is one file (a page, or the player's JSON), also to stdout,
 * from a run, a race, a sweep and a batch job, byte for byte the same for the same arguments.
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { mlvisInProcess } from '../helpers/cli';
import { largeGifs } from '../../src/pipeline/animate';
import { warningText } from '../../src/warnings';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlvis-page-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The player's data inside a page. */
function dataOf(html: string): { format: string; frames: number[]; fps: number; hold: number; loop: number; scene: { value: { series: { label: string }[] } } } {
  const b64 = /<script id="mlvis-data" type="application\/octet-stream">([^<]*)<\/script>/.exec(html)![1];
  return JSON.parse(gunzipSync(Buffer.from(b64, 'base64')).toString('utf8'));
}

describe('refusals', () => {
  it('a descriptor a page cannot make again would be refused in one line (none of mlvis\'s: every model has a page)', async () => {
    const r = await mlvisInProcess(['linear', '--data', 'cars', '--compare-standardize', '--iters', '300', '--out', join(dir, 'compare.html')]);
    expect(r.code).toBe(0);
    expect((await readFile(join(dir, 'compare.html'), 'utf8')).startsWith('<!doctype html>')).toBe(true);
  });

  it('every model is written, the recipes\' script only where needed', async () => {
    const cases = [
      [['linear'], 'page.js.gz'],
      [['function', 'rosenbrock', '--optimizer', 'gd,adam'], 'page.js.gz'],
      [['mlp'], 'page-all.js.gz'],
      [['poly', '--degree', '3'], 'page-all.js.gz'],
      [['softmax'], 'page-all.js.gz'],
      [['linear', '--view', '3d'], 'page-all.js.gz'],
      [['function', 'himmelblau', '--starts', '5'], 'page-all.js.gz'],
    ] as const;
    for (const [i, [args, script]] of cases.entries()) {
      const path = join(dir, `model-${i}.html`);
      expect((await mlvisInProcess([...args, '--iters', '20', '--out', path])).code).toBe(0);
      const html = await readFile(path, 'utf8');
      const code = /<script id="mlvis-code" type="application\/octet-stream">([^<]*)<\/script>/.exec(html)![1];
      expect(Buffer.from(code, 'base64').equals(await readFile(join(__dirname, '..', '..', 'dist', 'page', script)))).toBe(true);
    }
  });

  it('a .json name needs --format player', async () => {
    const r = await mlvisInProcess(['linear', '--out', join(dir, 'run.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`mlvis: --out: ${JSON.stringify(join(dir, 'run.json'))} is a .json name, which could hold anything; write the player's data with --out ${JSON.stringify(join(dir, 'run.json'))} --format player\n`);
  });
});

describe('size', () => {
  it('a page no browser could load is refused before the training, in one line', async () => {
    const r = await mlvisInProcess(['mlp', '--hidden', '64,64,64', '--iters', '15000', '--out', join(dir, 'huge.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('mlvis: --out .html and --format player: the page would hold 982 MB of trajectories, more than the 256 MB a browser can load; use fewer --iters, a smaller --hidden, fewer series or starts, or write a .gif, .mp4 or .webm\n');
  });
});

describe('what is written', () => {
  it('a page holds the frames, the timing and every series of a race; the same arguments give the same bytes', async () => {
    const args = ['function', 'booth', '--optimizer', 'gd,adam', '--iters', '200', '--frames', '40', '--fps', '12', '--hold', '2', '--loop', '3'];
    expect((await mlvisInProcess([...args, '--out', join(dir, 'a.html')])).code).toBe(0);
    expect((await mlvisInProcess([...args, '--out', join(dir, 'b.html')])).code).toBe(0);
    const [a, b] = [await readFile(join(dir, 'a.html')), await readFile(join(dir, 'b.html'))];
    expect(a.equals(b)).toBe(true);
    const d = dataOf(a.toString('utf8'));
    expect(d.format).toBe('mlvis-player');
    expect(d.frames).toHaveLength(40);
    expect(d.frames[0]).toBe(0);
    expect(d.frames[39]).toBe(200);
    expect([d.fps, d.hold, d.loop]).toEqual([12, 2, 3]);
    expect(d.scene.value.series.map((s) => s.label.split(' ·')[0])).toEqual(['GD', 'Adam']);
    // No address outside the page: no http(s), no src= or href= but a data: URL (the empty icon, which
    // keeps a served page from asking for /favicon.ico).
    expect(a.toString('utf8')).not.toMatch(/https?:\/\/|\s(src|href)="(?!data:)/);
    expect(a.toString('utf8')).toContain('<link rel="icon" href="data:,">');
  });

  it('a sweep writes a page per value, and --format player writes the JSON a player reads', async () => {
    expect((await mlvisInProcess(['linear', '--lr', '0.1,0.3', '--iters', '50', '--out', join(dir, 'sweep.html')])).code).toBe(0);
    expect((await readdir(dir)).filter((f) => f.startsWith('sweep'))).toEqual(['sweep-lr0.1.html', 'sweep-lr0.3.html']);
    expect((await mlvisInProcess(['logistic', '--iters', '50', '--out', join(dir, 'run.json'), '--format', 'player'])).code).toBe(0);
    const d = JSON.parse(await readFile(join(dir, 'run.json'), 'utf8'));
    expect([d.format, d.version, typeof d.arrays]).toEqual(['mlvis-player', 1, 'string']);
  });

  it('--out - --format html writes the page to stdout', async () => {
    const r = await mlvisInProcess(['linear', '--iters', '30', '--out', '-', '--format', 'html']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(dataOf(r.stdout).format).toBe('mlvis-player');
  });
});

describe('a large page', () => {
  it('over 10 MB draws a warning of its own, as a large GIF does', async () => {
    const w = largeGifs([{ path: 'big.html', format: 'html', frames: 100, bytes: 12 * 1024 * 1024 }, { path: 'small.html', format: 'html', frames: 100, bytes: 1e6 }, { path: 'run.json', format: 'player', frames: 100, bytes: 11 * 1024 * 1024 }]);
    expect(w.map((x) => x.code)).toEqual(['largePage', 'largePage']);
    expect(warningText(w[0])).toBe('big.html is 12.0 MB: a page holds every iteration of every path, and a reader\'s browser loads it whole before it plays; fewer --iters or starts make it smaller, or write a .gif, .mp4 or .webm');
  });
});
