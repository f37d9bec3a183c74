/**
 * Jest's globalSetup, run once in the parent process (workers and the CLI's subprocesses inherit what it
 * sets): the ffmpeg the tests run (ffmpegChoice.ts), and a cache folder of their own, so that no test reads or
 * writes the user's ~/.cache (mlvis keeps its ffmpeg probe there) and every run starts with none.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chooseFfmpeg from './ffmpegChoice';

export default function globalSetup(): void {
  const cache = mkdtempSync(join(tmpdir(), 'mlvis-test-cache-'));
  process.env.XDG_CACHE_HOME = cache;
  process.env.MLVIS_TEST_CACHE = cache;
  chooseFfmpeg();
}
