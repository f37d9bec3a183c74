/**
 * Part of jest's globalSetup (globalSetup.ts): which ffmpeg every test's mlvis finds, chosen by MLVIS_TEST_FFMPEG so that one suite runs
 * against the bundled build and a system one alike (.ci/run runs the video suites both ways):
 * - unset: whatever mlvis's own discovery finds (a newer ffmpeg on PATH, else the bundled one);
 * - `bundled`: the bundled build, even when a system ffmpeg is on PATH;
 * - `system`: the ffmpeg on PATH, which must be one mlvis prefers (4.2 or newer with libx264 and libvpx-vp9);
 * - a path: that binary, found on PATH as a system one is (it must qualify too).
 * It works through PATH, not MLVIS_FFMPEG, so the ffmpeg stays one mlvis chose (tpad pads held frames), and it
 * is set here, in the parent process, so batch workers and CLI subprocesses inherit it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { systemFfmpeg } from '../../src/encode/ffmpeg';

export default function chooseFfmpeg(): void {
  const choice = process.env.MLVIS_TEST_FFMPEG;
  if (!choice) return;
  if (choice === 'system') {
    if (!systemFfmpeg(process.env)) throw new Error('MLVIS_TEST_FFMPEG=system: no ffmpeg 4.2 or newer with libx264 and libvpx-vp9 on PATH (install one, e.g. apt-get install ffmpeg)');
    return;
  }
  const target: string = choice === 'bundled' ? require('@ffmpeg-installer/ffmpeg').path : choice;
  // A folder put first on PATH holding `ffmpeg` -> target; discovery stops at the first ffmpeg on PATH.
  const folder = join(tmpdir(), `mlvis-test-ffmpeg-${process.getuid?.() ?? 0}-${createHash('sha1').update(target).digest('hex').slice(0, 12)}`);
  mkdirSync(folder, { recursive: true });
  const link = join(folder, `ffmpeg.${process.pid}.tmp`);
  symlinkSync(target, link);
  renameSync(link, join(folder, 'ffmpeg'));
  process.env.PATH = `${folder}${delimiter}${process.env.PATH ?? ''}`;
  const found = systemFfmpeg(process.env);
  if (choice === 'bundled' ? found !== undefined : found !== join(folder, 'ffmpeg')) {
    throw new Error(`MLVIS_TEST_FFMPEG=${choice}: mlvis would run ${found ?? 'the bundled ffmpeg'} instead`);
  }
}
