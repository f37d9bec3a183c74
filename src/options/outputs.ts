import { resolve } from 'node:path';
import { messages, usageError } from '../errors';
import { isFrameSequence } from '../encode/pattern';
import type { OutputKind } from './table';

export const FORMATS = ['gif', 'mp4', 'webm', 'png'] as const;
export type Format = (typeof FORMATS)[number];

/** One file (or PNG sequence) to write. */
export interface OutputSpec {
  path: string;
  format: Format;
  /** A PNG name with a %d frame-number pattern: one file per frame. */
  sequence: boolean;
  /** The absolute path, to tell two names for the same file apart. */
  key: string;
  /** A video's poster (--poster): a PNG of the last frame, whatever --frame says. */
  poster?: true;
}

/** The output format from the file name; a %d pattern is only for PNG sequences; "-" is stdout in `format`. */
export function outputOf(path: string, stdoutFormat?: Format): OutputSpec {
  if (path === '-') {
    if (!stdoutFormat) throw usageError(messages.stdoutNeedsFormat());
    return { path, format: stdoutFormat, sequence: false, key: '-' };
  }
  const m = /\.([A-Za-z0-9]+)$/.exec(path);
  const ext = m ? m[1].toLowerCase() : '';
  if (!(FORMATS as readonly string[]).includes(ext)) throw usageError(messages.badFormat(path));
  const format = ext as Format;
  // The encoder's own rule (%d or %0Nd), so what is accepted here is what gets written; anything else
  // that looks like a frame number is refused rather than written under a literal name.
  const token = /%\d*d/.exec(path);
  const sequence = isFrameSequence(path);
  if (token && (!sequence || token[0].length > 4)) throw usageError(messages.badFramePattern(path));
  if (sequence && format !== 'png') throw usageError(messages.sequenceNotPng(path));
  return { path, format, sequence, key: resolve(path) };
}

export function kindOf(o: OutputSpec): OutputKind {
  return o.format === 'png' ? (o.sequence ? 'sequence' : 'still') : o.format;
}

/** NAME.ext → NAME<suffix>.ext: one file per value of a sweep, or per still. */
export function withSuffix(path: string, suffix: string): string {
  if (!suffix) return path;
  const m = /^(.*?)(\.[A-Za-z0-9]+)$/.exec(path);
  return m ? `${m[1]}${suffix}${m[2]}` : path + suffix;
}

/** The poster beside a video: fit.mp4 → fit.png. */
export function posterOf(video: OutputSpec): OutputSpec {
  const path = video.path.replace(/\.[A-Za-z0-9]+$/, '.png');
  return { path, format: 'png', sequence: false, key: resolve(path), poster: true };
}
