/**
 * Build step (the last of npm run build): writes dist/mlvis.cjs.cache, V8's code cache for the bundled
 * command (see bin/bundle.js). It runs the bundle once on a small animation, a GIF and an MP4, so that the
 * cache holds the code such a run compiles, not only the bundle's top level. Should the small run fail (no
 * ffmpeg, say), the cache still holds what did compile; a cache is never required, only faster.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

type Command = { runCli(argv: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): Promise<number> };
const { writeCodeCache } = require('../../bin/bundle.js') as { writeCodeCache(work: (command: Command) => Promise<void>): Promise<string> };

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mlvis-code-cache-'));
  let said = '';
  const io = { stdout: new Writable({ write: (_c, _e, done) => done() }), stderr: new Writable({ write: (c, _e, done) => ((said += String(c)), done()) }) };
  try {
    const path = await writeCodeCache(async (command) => {
      const args = ['linear', '--iters', '60', '--frames', '6', '--size', '320x200', '--out', join(dir, 'small.gif'), '--out', join(dir, 'small.mp4')];
      const code = await command.runCli(['node', 'mlvis', ...args, '--quiet'], io);
      if (code !== 0) process.stderr.write(`code cache: the small run failed (${said.trim() || `exit ${code}`}); the cache holds less\n`);
    });
    process.stdout.write(`code cache: ${path}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  // The command works without a cache: say so, but do not fail the build.
  process.stderr.write(`code cache not written: ${error instanceof Error ? error.message : String(error)}\n`);
});
