/** Clash checks compare files, not spellings: a symbolic link to a folder hides nothing. */
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messages } from '../../src/errors';
import { mlvisInProcess } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'mlvis-clash-'));
symlinkSync('.', join(dir, 'self'));
mkdirSync(join(dir, 'real'));
symlinkSync('real', join(dir, 'link'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SMALL = ['--iters', '5', '--frames', '2', '--size', '320x200'];

/** Runs mlvis in the temp folder and expects a refusal: exit 2, exactly this one line, nothing written. */
async function refused(args: string[], message: string): Promise<void> {
  const r = await mlvisInProcess(args, { cwd: dir });
  expect(r.stderr).toBe(`mlvis: ${message}\n`);
  expect(r.code).toBe(2);
}

describe('single runs', () => {
  it('an output named again through a linked folder is refused as the summary', async () => {
    writeFileSync(join(dir, 'k.gif'), 'old');
    await refused(['linear', ...SMALL, '--out', 'k.gif', '--summary', 'self/k.gif'], messages.summaryIsOutput('self/k.gif'));
    await refused(['linear', ...SMALL, '--out', 'k.gif', '--manifest', '--summary', 'self/k.gif.json'], messages.summaryIsOutput('self/k.gif.json'));
    await refused(['linear', ...SMALL, '--out', 'k.gif', '--out', 'self/k.gif'], messages.sameOutputTwice('self/k.gif'));
    await refused(['linear', ...SMALL, '--out', 'f/%02d.png', '--summary', 'self/f/03.png'], messages.summaryIsOutput('self/f/03.png'));
    expect(readFileSync(join(dir, 'k.gif'), 'utf8')).toBe('old');
  });

  it('the data file through a linked folder or a hard link is refused as an output', async () => {
    writeFileSync(join(dir, 'd.csv'), 'x,y\n1,2\n2,3\n3,5\n');
    linkSync(join(dir, 'd.csv'), join(dir, 'hard.gif'));
    await refused(['linear', ...SMALL, '--data', 'd.csv', '--x', 'x', '--y', 'y', '--out', 'hard.gif'], messages.outputIsInput('d.csv'));
    await refused(['linear', ...SMALL, '--data', 'self/d.csv', '--x', 'x', '--y', 'y', '--out', 'a.gif', '--summary', 'd.csv'], messages.outputIsInput('self/d.csv'));
  });
});

describe('batches', () => {
  it('refuses a summary that is the jobs file or an output through a linked folder', async () => {
    writeFileSync(join(dir, 'jobs.json'), JSON.stringify([{ model: 'linear', iterations: 5, frames: 2, out: 'a.gif' }]));
    await refused(['batch', 'jobs.json', '--summary', 'self/jobs.json'], messages.summaryIsJobsFile('self/jobs.json'));
    await refused(['batch', 'jobs.json', '--summary', 'self/a.gif'], messages.summaryIsOutput('self/a.gif'));
    expect(existsSync(join(dir, 'a.gif'))).toBe(false);
  });

  it('refuses two jobs writing one file through a linked folder', async () => {
    writeFileSync(join(dir, 'two.json'), JSON.stringify([{ model: 'linear', out: 'real/x.gif' }, { model: 'linear', out: 'link/x.gif' }]));
    await refused(['batch', 'two.json'], messages.badJobs('two.json', [`jobs[0] and jobs[1] both write ${join(dir, 'link/x.gif')}`]));
  });

  it("refuses a job writing over another job's data, or over the jobs file itself", async () => {
    writeFileSync(join(dir, 'd.gif'), 'x,y\n1,2\n2,3\n3,5\n');
    writeFileSync(join(dir, 'data.json'), JSON.stringify([{ model: 'linear', data: 'd.gif', x: 'x', y: 'y', out: 'o.gif' }, { model: 'linear', out: 'self/d.gif' }]));
    await refused(['batch', 'data.json'], messages.badJobs('data.json', [`jobs[1] writes over the data of jobs[0] (${join(dir, 'd.gif')})`]));
    writeFileSync(join(dir, 'jobs.gif'), JSON.stringify([{ model: 'linear', out: 'jobs.gif' }]));
    await refused(['batch', 'jobs.gif'], messages.badJobs('jobs.gif', ['jobs[0] writes over the jobs file itself; give its output another name']));
    writeFileSync(join(dir, 'own.gif'), JSON.stringify([{ model: 'linear', out: 'x.png' }, { model: 'linear', out: 'self/own.gif' }]));
    await refused(['batch', 'own.gif'], messages.badJobs('own.gif', ['jobs[1] writes over the jobs file itself; give its output another name']));
    expect(readFileSync(join(dir, 'd.gif'), 'utf8')).toMatch(/^x,y/);
  });
});

describe('`..` after a symbolic link goes where the kernel goes (hostile review)', () => {
  const { mkdtempSync, mkdirSync, symlinkSync, writeFileSync, readFileSync } = require('node:fs') as typeof import('node:fs');
  const { tmpdir } = require('node:os') as typeof import('node:os');
  const { join } = require('node:path') as typeof import('node:path');
  const { mlvisInProcess } = require('../helpers/cli') as typeof import('../helpers/cli');

  it('a summary through link/.. onto an output, or onto the data, is refused; --within sees it leave', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mlvis-dotdot-'));
    mkdirSync(join(root, 'outside', 'deep'), { recursive: true });
    mkdirSync(join(root, 'w'));
    symlinkSync(join(root, 'outside', 'deep'), join(root, 'w', 'link'));
    writeFileSync(join(root, 'outside', 'k.gif'), 'OLD');
    writeFileSync(join(root, 'outside', 'd.csv'), 'x,y\n1,2\n2,4\n3,7\n');
    const cwd = join(root, 'w');
    const a = await mlvisInProcess(['linear', '--iters', '10', '--out', join(root, 'outside', 'k.gif'), '--summary', 'link/../k.gif'], { cwd });
    expect(a.code).toBe(2);
    expect(readFileSync(join(root, 'outside', 'k.gif'), 'utf8')).toBe('OLD');
    const b = await mlvisInProcess(['linear', '--data', 'link/../d.csv', '--iters', '10', '--summary', join(root, 'outside', 'd.csv')], { cwd });
    expect(b.code).toBe(2);
    expect(readFileSync(join(root, 'outside', 'd.csv'), 'utf8')).toBe('x,y\n1,2\n2,4\n3,7\n');
    const c = await mlvisInProcess(['linear', '--iters', '10', '--out', 'link/../x.png', '--within', '.'], { cwd });
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/outside/);
  });
});
