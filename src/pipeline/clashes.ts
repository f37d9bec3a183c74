import { realpathSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { withSuffix, type RunConfig } from '../config';
import { messages, usageError } from '../errors';

/** A file the run will write: one path, or every name a %d frame pattern expands to. */
export interface PlannedFile {
  /** As the user named it (with a sweep's or a still's suffix), for messages. */
  name: string;
  path: string;
  pattern?: RegExp;
}

/** Every file the run will write, as absolute paths or patterns: sweep suffixes, stills' -K, %d sequences. */
export function plannedFiles(config: RunConfig): PlannedFile[] {
  const suffixes = config.layout === 'files' ? config.series.map((s) => s.suffix) : [''];
  const stills = [...new Set(config.stills.map((f) => (f === 'last' ? config.iterations : f)))];
  return suffixes.flatMap((suffix) =>
    config.outputs.flatMap((o): PlannedFile[] => {
      if (o.path === '-') return [];
      const name = withSuffix(o.path, suffix);
      if (o.sequence) return [{ name, path: resolve(name), pattern: sequencePattern(resolve(name)) }];
      if (o.format === 'png' && !o.poster && config.stills.length > 1) return stills.map((k) => ({ name: withSuffix(name, `-${k}`), path: resolve(withSuffix(name, `-${k}`)) }));
      return [{ name, path: resolve(name) }];
    }),
  );
}

/** Every file the run writes: its outputs and, with --manifest, each output's OUT.json. */
export function filesWritten(config: RunConfig): PlannedFile[] {
  const outputs = plannedFiles(config);
  if (!config.manifest) return outputs;
  return [...outputs, ...outputs.map((f) => ({ name: `${f.name}.json`, path: resolve(`${f.name}.json`) }))];
}

/** The names frames/%04d.png expands to: frames/0000.png, frames/0001.png, … (frame numbers widen past N digits). */
function sequencePattern(path: string): RegExp {
  const m = /%(0([1-9]))?d/.exec(path)!;
  const quote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const digits = m[2] ? `\\d{${m[2]},}` : '\\d+';
  return new RegExp(`^${quote(path.slice(0, m.index))}${digits}${quote(path.slice(m.index + m[0].length))}$`);
}

/** Longest file name (bytes) most file systems take. */
const NAME_MAX = 255;

/** The real path of an existing file, or the path as it is. */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Whether a planned file (or pattern) names this absolute path. */
export const hits = (file: PlannedFile, path: string) => (file.pattern ? file.pattern.test(path) : file.path === path);

/**
 * Refuses, before any work, a run whose files would overwrite one another, the summary, or the input data:
 * two outputs with one name (also through a still's -K or a %d pattern), an output that is the summary's
 * file, or an output or summary that is the data file.
 */
export function refuseClashes(config: RunConfig, summaryPath: string | undefined): void {
  const files = filesWritten(config);
  // A name the file system cannot hold would fail only at the final rename, after the work.
  for (const f of [...files.map((x) => x.name), ...(summaryPath && summaryPath !== '-' ? [summaryPath] : [])]) {
    if (Buffer.byteLength(basename(f)) > NAME_MAX) throw usageError(messages.nameTooLong(f, NAME_MAX));
  }
  files.forEach((a, i) => {
    for (const b of files.slice(i + 1)) if (hits(a, b.path) || hits(b, a.path)) throw usageError(messages.sameOutputTwice(b.name));
  });
  const summary = summaryPath === undefined ? undefined : resolve(summaryPath);
  if (summary !== undefined && files.some((f) => hits(f, summary))) throw usageError(messages.summaryIsOutput(summaryPath!));
  if (config.data === undefined || config.data === '-') return;
  // Through symbolic links too: the data's real file is compared with each output's real folder.
  const input = real(resolve(config.data));
  if (files.some((f) => hits(f, input) || real(f.path) === input) || (summary !== undefined && real(summary) === input)) {
    throw usageError(messages.outputIsInput(config.data));
  }
}
