/**
 * The ffmpeg found on PATH is asked its version and encoders once, and the answer kept in the user's cache
 * folder (XDG_CACHE_HOME here, a temporary folder): a second run does not ask again, a changed binary is asked
 * again, and a corrupt cache is ignored. Real runs of the CLI, with a stand-in ffmpeg on PATH that logs how it
 * was called and hands the encoding to the real one.
 */
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveFfmpeg } from '../../src/encode/ffmpeg';
import { probeCachePath } from '../../src/encode/ffmpegProbe';
import { mlvis } from '../helpers/cli';
import { tempFolder } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempFolder()));
afterAll(() => cleanup());

test('the probe of a system ffmpeg is asked once, kept by path, size and time, and a corrupt cache is ignored', async () => {
  const real = await resolveFfmpeg();
  const bin = join(dir, 'bin');
  const cache = join(dir, 'cache');
  const log = join(dir, 'calls.log');
  await mkdir(bin);
  const standIn = join(bin, 'ffmpeg');
  await writeFile(
    standIn,
    `#!/bin/sh\necho "$2" >> '${log}'\n` +
      `case "$2" in -version) echo "ffmpeg version 9.9 Copyright"; exit 0;; -encoders) printf ' V....D libx264  H.264\\n V....D libvpx-vp9  VP9\\n'; exit 0;; esac\n` +
      `exec '${real}' "$@"\n`,
  );
  await chmod(standIn, 0o755);
  const env = { PATH: `${bin}:${process.env.PATH}`, XDG_CACHE_HOME: cache };
  const calls = () => readFileSync(log, 'utf8').trim().split('\n');
  const render = () => {
    writeFileSync(log, '');
    const r = mlvis(['linear', '--iters', '10', '--frames', '2', '--size', '320x200', '--out', join(dir, 'k.mp4'), '--quiet'], { env });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    return calls();
  };

  // The first run asks (and renders with the stand-in: it was chosen); the second only renders.
  expect(render()).toEqual(['-version', '-encoders', '-loglevel']);
  expect(probeCachePath(env)).toBe(join(cache, 'mlvis', 'ffmpeg-probe.json'));
  const kept = JSON.parse(readFileSync(join(cache, 'mlvis', 'ffmpeg-probe.json'), 'utf8'));
  expect(kept.entries[standIn]).toMatchObject({ version: [9, 9], encoders: ['libx264', 'libvpx-vp9'] });
  expect(render()).toEqual(['-loglevel']);

  // A binary with a new modification time (an upgrade in place) is asked again.
  const later = new Date(Date.now() + 5000);
  utimesSync(standIn, later, later);
  expect(render()).toEqual(['-version', '-encoders', '-loglevel']);
  expect(render()).toEqual(['-loglevel']);

  // A cache that is not what mlvis wrote is ignored (and replaced), never an error.
  for (const junk of ['{"format": 1, "entries": {', 'null', `{"format": 1, "entries": {"${standIn}": {"size": "x"}}}`]) {
    writeFileSync(join(cache, 'mlvis', 'ffmpeg-probe.json'), junk);
    expect(render()).toEqual(['-version', '-encoders', '-loglevel']);
  }
  expect(render()).toEqual(['-loglevel']);
}, 30_000);

test('XDG_CACHE_HOME when absolute, else ~/.cache', () => {
  expect(probeCachePath({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' })).toBe('/x/cache/mlvis/ffmpeg-probe.json');
  expect(probeCachePath({ XDG_CACHE_HOME: 'relative', HOME: '/home/u' })).toBe('/home/u/.cache/mlvis/ffmpeg-probe.json');
  expect(probeCachePath({ HOME: '/home/u' })).toBe('/home/u/.cache/mlvis/ffmpeg-probe.json');
});
