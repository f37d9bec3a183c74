/**
 * Finding the ffmpeg binary and turning its stderr into a one-line reason for messages.ffmpegFailed.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { access, stat } from 'node:fs/promises';
import { messages, runError } from '../errors';

/**
 * The ffmpeg binary to run: `override` when given (--ffmpeg), else MLVIS_FFMPEG; else an
 * ffmpeg on PATH that is newer than the bundled one and has libx264 and libvpx-vp9; else the one
 * @ffmpeg-installer/ffmpeg installed (a 2018 build), so `npm install` is all that is needed. Checks that it
 * is an executable file before anything is written, and throws messages.ffmpegNotFound otherwise.
 */
export async function resolveFfmpeg(override?: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  let path = override ?? (env.MLVIS_FFMPEG || undefined) ?? systemFfmpeg(env);
  if (path === undefined) {
    try {
      // Required lazily: the package throws a plain string when its platform binary is missing.
      path = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
    } catch (error) {
      throw runError(messages.ffmpegNotFound(`@ffmpeg-installer/ffmpeg (${String(error)})`));
    }
  }
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw runError(messages.ffmpegNotFound(path));
  try {
    await access(path, constants.X_OK);
  } catch (error) {
    throw runError(messages.ffmpegNotExecutable(path), error);
  }
  return path;
}

/**
 * Whether mlvis chose the ffmpeg itself (no --ffmpeg, no MLVIS_FFMPEG): then it is the bundled build or a
 * newer one from PATH, and has every filter of FFmpeg 4.1 (tpad among them). One named by the user may be
 * older.
 */
export function chosenFfmpeg(override?: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return override === undefined && !env.MLVIS_FFMPEG;
}

/** Lines of ffmpeg's banner and progress output that never explain a failure. */
const NOISE = /^(ffmpeg version|built with|configuration:|lib[a-z]+ +\d|Input #|Output #|Stream mapping|Press \[q\]|Conversion failed!|frame=|video:|Metadata:|Duration:)/;
const ERRORISH = /error|invalid|unknown|unrecognized|not found|no such|cannot|could not|couldn't|failed|not divisible|unable|too (large|small)|permission|denied|unsupported/i;

/**
 * One line saying why ffmpeg failed: the first line of its stderr that reads like an error (after the banner,
 * without the "[libx264 @ 0x...]" address), else the last meaningful line, else `fallback`.
 */
export function ffmpegReason(stderr: string | null | undefined, fallback: string): string {
  const lines = (stderr ?? '')
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim() !== '' && !/^\s/.test(line) && !NOISE.test(line))
    .map((line) => line.replace(/ @ 0x[0-9a-f]+\]/i, ']').trim());
  const line = lines.find((l) => ERRORISH.test(l)) ?? lines[lines.length - 1] ?? fallback;
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/** The bundled build's version: git N-47683, from December 2018, between FFmpeg 4.1 and 4.2. */
const BUNDLED_VERSION = [4, 1];
let systemChoice: { path: string | undefined; key: string } | undefined;

/**
 * An ffmpeg on PATH worth preferring: version 4.2 or newer (newer than the bundled build) with both encoders
 * mlvis uses. Looked up once per process (two quick runs of it); none found means the bundled one.
 */
export function systemFfmpeg(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const key = env.PATH ?? '';
  if (systemChoice?.key === key) return systemChoice.path;
  let found: string | undefined;
  for (const dir of key.split(delimiter)) {
    const candidate = join(dir || '.', 'ffmpeg');
    try {
      accessSync(candidate, constants.X_OK);
      if (!statSync(candidate).isFile()) continue;
    } catch {
      continue;
    }
    const version = spawnSync(candidate, ['-hide_banner', '-version'], { encoding: 'utf8', timeout: 2000, killSignal: 'SIGKILL' });
    const m = /ffmpeg version (?:n)?(\d+)\.(\d+)/.exec(version.stdout ?? '');
    if (!m || Number(m[1]) * 100 + Number(m[2]) <= BUNDLED_VERSION[0] * 100 + BUNDLED_VERSION[1]) break;
    const encoders = spawnSync(candidate, ['-hide_banner', '-encoders'], { encoding: 'utf8', timeout: 2000, killSignal: 'SIGKILL' }).stdout ?? '';
    if (/\blibx264\b/.test(encoders) && /\blibvpx-vp9\b/.test(encoders)) found = candidate;
    break;
  }
  systemChoice = { path: found, key };
  return found;
}

/** The first line ffmpeg prints of its version, for --verbose. */
export function ffmpegVersion(path: string): string {
  const r = spawnSync(path, ['-hide_banner', '-version'], { encoding: 'utf8', timeout: 5000 });
  return (r.stdout ?? '').split('\n')[0].trim() || 'version unknown';
}
