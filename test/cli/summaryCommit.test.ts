/**
 * The --summary file is committed with the run's outputs, all or none: a summary that cannot be written (a full
 * disk) leaves every existing output as it was; one that goes to a pipe whose reader closes early says that the
 * files were written and the summary was not. A real small file system (tmpfs) stands for the full disk.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messages } from '../../src/errors';
import { mlvis, mlvisInProcess } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'mlvis-summary-commit-'));
const disk = join(dir, 'disk');
mkdirSync(disk);
// Only root can mount; elsewhere the full-disk cases cannot run.
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', disk]).status === 0;
afterAll(() => {
  if (mounted) spawnSync('umount', [disk]);
  rmSync(dir, { recursive: true, force: true });
});

const RUN = ['linear', '--iters', '1500', '--trajectory', '--frames', '3', '--size', '320x200'];
const PAGE = 4096;
const pages = (bytes: number) => Math.ceil(bytes / PAGE) * PAGE;

/** What a run writes, measured on an ordinary disk: the GIF's and the summary's sizes. */
async function sizes(): Promise<{ gif: number; summary: number }> {
  const gif = join(dir, 'measure.gif');
  const summary = join(dir, 'measure.json');
  expect((await mlvisInProcess([...RUN, '--out', gif, '--summary', summary])).code).toBe(0);
  return { gif: readFileSync(gif).length, summary: readFileSync(summary).length };
}

/** Fills the tmpfs until exactly `room` bytes (whole pages) are free. */
function leaveRoom(room: number): void {
  rmSync(join(disk, 'filler'), { force: true });
  const s = statfsSync(disk);
  writeFileSync(join(disk, 'filler'), Buffer.alloc(s.bavail * s.bsize - room));
  const after = statfsSync(disk);
  expect(after.bavail * after.bsize).toBe(room);
}

const temps = (folder: string) => readdirSync(folder).filter((n) => n.endsWith('.tmp'));

(mounted ? describe : describe.skip)('--summary on a full disk', () => {
  it('a summary that does not fit leaves the existing output untouched, with one line naming the disk', async () => {
    const { gif, summary } = await sizes();
    expect(summary).toBeGreaterThan(2 * PAGE); // more than the old output's page that a rename frees
    const out = join(disk, 'k.gif');
    writeFileSync(out, 'old');
    // Room for the new GIF beside the old one, not for the summary as well.
    leaveRoom(pages(gif));
    const r = await mlvisInProcess([...RUN, '--out', out, '--summary', join(disk, 'k.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`mlvis: ${messages.outputUnwritable(join(disk, 'k.json'), 'no space left on the device', 'free some space, or write elsewhere')}\n`);
    expect(readFileSync(out, 'utf8')).toBe('old');
    expect(readdirSync(disk).sort()).toEqual(['filler', 'k.gif']);
  });

  it('with room for both, the output and the summary are both written', async () => {
    const { gif, summary } = await sizes();
    const out = join(disk, 'k.gif');
    writeFileSync(out, 'old');
    leaveRoom(pages(gif) + pages(summary));
    const r = await mlvisInProcess([...RUN, '--out', out, '--summary', join(disk, 'k.json'), '--quiet']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(out).length).toBe(gif);
    expect(JSON.parse(readFileSync(join(disk, 'k.json'), 'utf8')).outputs[0].path).toBe(out);
    rmSync(join(disk, 'k.json'));
    expect(temps(disk)).toEqual([]);
  });

  it('a batch whose summary does not fit says its jobs were written and its summary was not, and exits 1', async () => {
    const { gif } = await sizes();
    const jobs = join(dir, 'jobs.json');
    writeFileSync(jobs, JSON.stringify([{ model: 'linear', iterations: 1500, trajectory: true, frames: 3, width: 320, height: 200, out: join(disk, 'a.gif') }]));
    rmSync(join(disk, 'a.gif'), { force: true });
    leaveRoom(pages(gif));
    const summaryPath = join(disk, 'batch.json');
    const r = mlvis(['batch', jobs, '--jobs', '1', '--summary', summaryPath]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    // The table says what the jobs did; the last line says what became of the summary.
    expect(lines[lines.length - 1]).toBe(`mlvis: ${messages.summaryNotWritten(messages.jobsWritten(1, 1, true), summaryPath, 'no space left on the device', 'free some space, or write elsewhere')}`);
    expect(r.stderr).not.toMatch(/unexpected error|ENOSPC|\n\s+at /);
    expect(readFileSync(join(disk, 'a.gif')).length).toBe(gif);
    expect(temps(disk)).toEqual([]);
  });
});

describe('--summary into a pipe whose reader goes away', () => {
  it('says plainly that the files were written and the summary was not', async () => {
    const fifo = join(dir, 'summary.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const out = join(dir, 'piped.gif');
    writeFileSync(out, 'old');
    // Reads 100 bytes of a summary of ~130 KB (more than a pipe holds), then closes.
    const reader = spawn('sh', ['-c', `head -c 100 '${fifo}' > /dev/null`]);
    const readerGone = new Promise((resolve) => reader.on('exit', resolve));
    const r = await mlvisInProcess([...RUN, '--out', out, '--summary', fifo]);
    await readerGone;
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`mlvis: ${messages.summaryNotWritten(messages.filesWritten([out]), fifo, 'the reader closed it', 'whatever reads it stopped reading')}\n`);
    expect(readFileSync(out).subarray(0, 6).toString()).toBe('GIF89a');
    expect(temps(dir)).toEqual([]);
  });
});

(mounted ? describe : describe.skip)('a video on a full disk (hostile review)', () => {
  // Debian's ffmpeg 5.1 exits 0 when it cannot write a WebM's end: its words are read, never the exit code alone.
  const ffmpegs = [['bundled', require('@ffmpeg-installer/ffmpeg').path as string], ...(spawnSync('ffmpeg', ['-version']).status === 0 ? [['system', spawnSync('sh', ['-c', 'command -v ffmpeg'], { encoding: 'utf8' }).stdout.trim()]] : [])];
  it.each(ffmpegs.flatMap(([name, bin]) => ['webm', 'mp4'].map((ext) => [`${ext}, ${name} ffmpeg`, ext, bin])))('%s: one line naming the disk, the existing file untouched', async (_label, ext, bin) => {
    for (const room of [4 * PAGE, 8 * PAGE, 16 * PAGE]) {
      const out = join(disk, `k.${ext}`);
      rmSync(join(disk, 'filler'), { force: true });
      writeFileSync(out, 'OLD');
      leaveRoom(room);
      const r = await mlvisInProcess(['linear', '--iters', '100', '--frames', '100', '--out', out, '--ffmpeg', bin]);
      expect([room, r.code, r.stderr]).toEqual([room, 1, `mlvis: ${messages.outOfSpace()}\n`]);
      expect(readFileSync(out, 'utf8')).toBe('OLD');
      expect(temps(disk)).toEqual([]);
    }
  }, 60_000);
});
