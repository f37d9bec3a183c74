import { resolve } from 'node:path';
import { messages, usageError } from '../errors';
import { extensionsOf, extensionWords, formatApplies, formatEntry, formatIds, formatOfName, formatsWhere, orList, type OutputFormat, type StillFormat } from '../encode/formats';
import { isFrameSequence } from '../encode/pattern';

/** Every output format, from the encoders' registry (src/encode/registry.ts). */
export const FORMATS: readonly OutputFormat[] = formatIds();
export type Format = OutputFormat;

/** What an output is, for deciding which options reach it: an animation's format, a still, or a %d sequence. */
export type OutputKind = Exclude<OutputFormat, StillFormat> | 'still' | 'sequence';

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
  const named = formatOfName(path);
  if (!named) throw usageError(messages.badFormat(path));
  // A .json is the player's data only when --format says so (and then --format names it for this file).
  if (formatApplies(named)!.named && stdoutFormat !== named) throw usageError(messages.namedFormat(path, named));
  const format = named;
  // The encoder's own rule (%d or %0Nd), so what is accepted here is what gets written; anything else
  // that looks like a frame number is refused rather than written under a literal name.
  const token = /%\d*d/.exec(path);
  const sequence = isFrameSequence(path);
  if (token && (!sequence || token[0].length > 4)) throw usageError(messages.badFramePattern(path));
  if (sequence && formatApplies(format)!.frames !== 'still') throw usageError(messages.sequenceNotPng(path));
  return { path, format, sequence, key: resolve(path) };
}

export function kindOf(o: OutputSpec): OutputKind {
  return formatApplies(o.format)!.frames === 'still' ? (o.sequence ? 'sequence' : 'still') : (o.format as OutputKind);
}

/** The kinds of output that play as an animation in one file (gif, mp4, webm): --fps and --hold reach them. */
export const TIMED_KINDS = formatsWhere((a) => a.frames === 'animation') as OutputKind[];
/** Every kind that shows many frames: the timed ones and a %d sequence (--frames, --every, --sample). */
export const ANIMATION_KINDS: readonly OutputKind[] = [...TIMED_KINDS, 'sequence'];
/** The kinds whose format has this need (e.g. `ffmpeg`, `video`, `loops`). */
export function kindsWhere(need: 'ffmpeg' | 'video' | 'loops'): OutputKind[] {
  return formatsWhere((a) => a.frames === 'animation' && a[need]) as OutputKind[];
}

/** How messages name a kind of output: ".gif", "a .png still", "a %d .png sequence". */
export function kindWords(kind: OutputKind): string {
  const stills = extensionWords((a) => a.frames === 'still');
  if (kind === 'still') return `a ${stills} still`;
  if (kind === 'sequence') return `a %d ${stills} sequence`;
  return extensionsOf([kind])[0];
}

/** --out's help: each extension, with what a format's note adds (".png (a still; …)"). */
export function outHelpFormats(): string {
  return orList(formatIds().map((id) => {
    const note = formatEntry(id)!.note;
    return note ? `${extensionsOf([id])[0]} (${note})` : extensionsOf([id])[0];
  }));
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

/** A still's --frame past the run's last iteration is refused (the stills of a poster are the last frame). */
export function refuseStillsPast(outputs: readonly OutputSpec[], stills: readonly (number | 'last')[], iterations: number): void {
  if (!outputs.some((x) => kindOf(x) === 'still' && !x.poster)) return;
  for (const f of stills) if (typeof f === 'number' && f > iterations) throw usageError(messages.frameOutOfRange(f, iterations));
}
