/** --within DIR: nothing is written outside DIR, symbolic links followed, and the refusal comes first. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBatch } from '../../src/batch';
import { messages, MlvisError } from '../../src/errors';
import { mlvisInProcess } from '../helpers/cli';

const top = mkdtempSync(join(tmpdir(), 'mlvis-within-'));
const docs = join(top, 'docs');
const away = join(top, 'away');
mkdirSync(docs);
mkdirSync(away);
symlinkSync(away, join(docs, 'esc'));
symlinkSync(join(away, 'fifo-like.gif'), join(docs, 'points-out.gif'));
writeFileSync(join(away, 'fifo-like.gif'), 'not to be written into');
afterAll(() => rmSync(top, { recursive: true, force: true }));
const SMALL = { iterations: 5, frames: 2, width: 320, height: 200 };

/** Runs `mlvis batch` on these jobs (a file in docs/) with --within docs, from the top folder. */
async function batch(name: string, jobs: object[], ...args: string[]) {
  writeFileSync(join(docs, name), JSON.stringify(jobs));
  return mlvisInProcess(['batch', join('docs', name), '--within', 'docs', ...args], { cwd: top });
}

describe('mlvis batch --within', () => {
  it.each([
    ['../a.gif', join(top, 'a.gif')],
    ['/elsewhere/a.gif', '/elsewhere/a.gif'],
    ['esc/a.gif', join(away, 'a.gif')],
    ['esc/deeper/%03d.png', join(away, 'deeper', '%03d.png')],
  ])('refuses an output at %s, before anything renders', async (out, lands) => {
    const r = await batch('j.json', [{ model: 'linear', ...SMALL, out: 'in.gif' }, { model: 'linear', ...SMALL, out }]);
    const named = out.startsWith('/') ? out : join(docs, out);
    expect(r.stderr).toBe(`mlvis: ${messages.outsideWithin(named, lands, 'docs', 'jobs[1]')}\n`);
    expect(r.code).toBe(2);
    expect(existsSync(join(docs, 'in.gif'))).toBe(false);
  });

  it('refuses a manifest, an existing file that links out, and a summary outside', async () => {
    let r = await batch('m.json', [{ model: 'linear', ...SMALL, out: 'points-out.gif' }]);
    expect(r.stderr).toBe(`mlvis: ${messages.outsideWithin(join(docs, 'points-out.gif'), join(away, 'fifo-like.gif'), 'docs', 'jobs[0]')}\n`);
    symlinkSync(join(away, 'fifo-like.gif'), join(docs, 'man.gif.json'));
    r = await batch('man.json', [{ model: 'linear', ...SMALL, out: 'man.gif', manifest: true }]);
    expect(r.stderr).toBe(`mlvis: ${messages.outsideWithin(join(docs, 'man.gif.json'), join(away, 'fifo-like.gif'), 'docs', 'jobs[0]')}\n`);
    r = await batch('s.json', [{ model: 'linear', ...SMALL, out: 'ok.gif' }], '--summary', 'away/s.json');
    expect(r.stderr).toBe(`mlvis: ${messages.outsideWithin('away/s.json', join(away, 's.json'), 'docs', '--summary')}\n`);
    expect(r.code).toBe(2);
    expect(readdirSync(away)).toEqual(['fifo-like.gif']);
  });

  it('lets a batch inside the folder through', async () => {
    const r = await batch('in.json', [{ model: 'linear', ...SMALL, out: 'sub/ok.png', manifest: true }], '--summary', 'docs/summary.json', '--quiet');
    expect(r.code).toBe(0);
    expect(readdirSync(join(docs, 'sub')).sort()).toEqual(['ok.png', 'ok.png.json']);
  });

  it('runBatch takes it as an option', async () => {
    await expect(runBatch([{ model: 'linear', ...SMALL, out: join(top, 'x.png') }], { within: docs })).rejects.toThrow(MlvisError);
    expect(existsSync(join(top, 'x.png'))).toBe(false);
  });
});

describe('mlvis linear --within', () => {
  it('refuses an output or a summary outside, through a linked folder too', async () => {
    const cases: [string[], string, string][] = [
      [['--out', 'esc/x.gif'], 'esc/x.gif', join(away, 'x.gif')],
      [['--out', 'x.gif', '--manifest', '--summary', '../s.json'], '../s.json', join(top, 's.json')],
    ];
    for (const [args, name, lands] of cases) {
      const r = await mlvisInProcess(['linear', '--iters', '5', '--frames', '2', ...args, '--within', '.'], { cwd: docs });
      expect(r.stderr).toBe(`mlvis: ${messages.outsideWithin(name, lands, '.')}\n`);
      expect(r.code).toBe(2);
    }
    expect(existsSync(join(docs, 'x.gif'))).toBe(false);
  });
});
