/**
 * Finding the ffmpeg binary and turning its stderr into a one-line reason for messages.ffmpegFailed.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { messages, runError } from '../errors';

/**
 * The ffmpeg binary to run: `override` when given (the caller resolves MLVIS_FFMPEG and --ffmpeg), else the
 * one @ffmpeg-installer/ffmpeg installed, so `npm install` is enough. Checks that it is an executable file
 * before anything is written, and throws messages.ffmpegNotFound otherwise.
 */
export async function resolveFfmpeg(override?: string): Promise<string> {
  let path = override;
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
