/**
 * Finding the ffmpeg binary and turning its stderr into a one-line reason for messages.ffmpegFailed.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { access, stat } from 'node:fs/promises';
import { messages, resourceError, runError } from '../errors';
import { probeFfmpeg, WANTED_ENCODERS } from './ffmpegProbe';

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
      throw resourceError(error) ?? runError(messages.ffmpegNotFound(`@ffmpeg-installer/ffmpeg (${String(error)})`));
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
 * mlvis uses. The first ffmpeg on PATH is asked (ffmpegProbe.ts: its answer is kept in the user's cache
 * folder, so a run asks only when the binary changed) and looked up once per process; none found means the
 * bundled one.
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
    const probe = probeFfmpeg(candidate, env);
    const newer = probe.version !== null && probe.version[0] * 100 + probe.version[1] > BUNDLED_VERSION[0] * 100 + BUNDLED_VERSION[1];
    if (newer && WANTED_ENCODERS.every((e) => probe.encoders.includes(e))) found = candidate;
    break;
  }
  systemChoice = { path: found, key };
  return found;
}

/** The first line ffmpeg prints of its version, for --verbose. */
export function ffmpegVersion(path: string, env: NodeJS.ProcessEnv = process.env): string {
  return probeFfmpeg(path, env).versionLine || 'version unknown';
}
