import { resolve } from 'node:path';
import { withSuffix, type RunConfig } from '../config';
import { messages, usageError } from '../errors';
import { kindOf } from '../options/outputs';
import { fileId, sameFile, type FileId } from './identity';

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
      if (kindOf(o) === 'still' && !o.poster && config.stills.length > 1) return stills.map((k) => ({ name: withSuffix(name, `-${k}`), path: resolve(withSuffix(name, `-${k}`)) }));
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

/**
 * Why no file system takes this name, or undefined: a NUL byte (no path may hold one) or a part of the path
 * longer than the 255 bytes a name may have. Caught before the work, not at the rename after it.
 */
export function nameProblem(path: string): string | undefined {
  if (path.includes('\0')) return messages.nulInName(path);
  if (path.split(/[/\\]/).some((part) => Buffer.byteLength(part) > NAME_MAX)) return messages.nameTooLong(path, NAME_MAX);
  return undefined;
}

/** A file the run writes (or reads), known by its identity: what every clash check compares. */
export interface KnownFile {
  /** As the user named it, for messages. */
  name: string;
  id: FileId;
  /** For a %d sequence: every frame's path through real folders. */
  pattern?: RegExp;
}

/** A planned file with its identity (see fileId): symbolic links to folders do not hide a clash. */
export function known(file: PlannedFile): KnownFile {
  const id = fileId(file.name);
  return file.pattern ? { name: file.name, id, pattern: sequencePattern(id.at) } : { name: file.name, id };
}

/** An existing or future file named by a path (a summary, a data file, a jobs file). */
export function knownPath(path: string): KnownFile {
  return { name: path, id: fileId(path) };
}

/** Whether two files (either may be a %d sequence) would be, or share, one file. */
export function clash(a: KnownFile, b: KnownFile): boolean {
  if (a.pattern && b.pattern) return a.id.at === b.id.at;
  if (a.pattern || b.pattern) {
    const [p, f] = a.pattern ? [a.pattern, b.id] : [b.pattern!, a.id];
    return p.test(f.at) || (f.real !== undefined && p.test(f.real));
  }
  return sameFile(a.id, b.id);
}

/**
 * Refuses, before any work, a run whose files would overwrite one another, the summary, or the input data:
 * two outputs with one name (also through a still's -K or a %d pattern), an output that is the summary's
 * file, or an output or summary that is the data file. Files are compared by identity, not by spelling.
 */
export function refuseClashes(config: RunConfig, summaryPath: string | undefined): void {
  const planned = filesWritten(config);
  // A name the file system cannot hold would fail only at the final rename, after the work.
  for (const f of [...planned.map((x) => x.name), ...(summaryPath && summaryPath !== '-' ? [summaryPath] : [])]) {
    const problem = nameProblem(f);
    if (problem) throw usageError(problem);
  }
  const files = planned.map(known);
  files.forEach((a, i) => {
    for (const b of files.slice(i + 1)) if (clash(a, b)) throw usageError(messages.sameOutputTwice(b.name));
  });
  const summary = summaryPath === undefined || summaryPath === '-' ? undefined : knownPath(summaryPath);
  if (summary !== undefined && files.some((f) => clash(f, summary))) throw usageError(messages.summaryIsOutput(summaryPath!));
  if (config.data === undefined || config.data === '-') return;
  const input = knownPath(config.data);
  if (files.some((f) => clash(f, input)) || (summary !== undefined && clash(summary, input))) throw usageError(messages.outputIsInput(config.data));
}
