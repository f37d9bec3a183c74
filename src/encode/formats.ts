/**
 * Questions about the output formats, answered from the registry (registry.ts): which format a file name
 * is, what a format needs, and the lists and words that options, help and messages show. Nothing here loads
 * an encoder.
 */
import { ENCODERS, type FormatApplies, type FormatEntry } from './registry';

/** A format's id: 'gif', 'mp4', 'webm', 'png'. */
export type OutputFormat = (typeof ENCODERS)[number]['id'];
/** The formats that hold one frame per file (PNG): their outputs are stills, or %d sequences. */
export type StillFormat = Extract<(typeof ENCODERS)[number], { applies: { frames: 'still' } }>['id'];

const entries = (): readonly FormatEntry[] => ENCODERS;

/** Every format, in the registry's order (the order messages list them). */
export function formatIds(): OutputFormat[] {
  return entries().map((e) => e.id as OutputFormat);
}

/** The formats whose needs pass `test`, in the registry's order. */
export function formatsWhere(test: (a: FormatApplies) => boolean | undefined): OutputFormat[] {
  return entries().filter((e) => test(e.applies)).map((e) => e.id as OutputFormat);
}

/** A format's registry entry; undefined for a name that is none of ours (a manifest from another version). */
export function formatEntry(id: string): FormatEntry | undefined {
  return entries().find((e) => e.id === id);
}

/** What a format needs and honours; undefined for a name that is none of ours. */
export function formatApplies(id: string): FormatApplies | undefined {
  return formatEntry(id)?.applies;
}

/** The format a file name chooses by its extension (case-insensitive), or null when it is none of ours. */
export function formatOfName(path: string): OutputFormat | null {
  const match = /\.([A-Za-z0-9]+)$/.exec(path);
  const ext = match ? match[1].toLowerCase() : '';
  return (entries().find((e) => e.extensions.includes(ext))?.id as OutputFormat | undefined) ?? null;
}

/** ".gif", ".mp4", …: each format's own extension, for the formats given (default: all). */
export function extensionsOf(ids: readonly string[] = formatIds()): string[] {
  return ids.map((id) => `.${formatEntry(id)!.extensions[0]}`);
}

/** ".mp4 or .webm": the own extensions of the formats whose needs pass `test` (default: every format). */
export function extensionWords(test: (a: FormatApplies) => boolean | undefined = () => true): string {
  return orList(extensionsOf(formatsWhere(test)));
}

/** "MP4/WebM": the names of the formats whose needs pass `test`, as help text writes them. */
export function formatNames(test: (a: FormatApplies) => boolean | undefined): string {
  return entries().filter((e) => test(e.applies)).map((e) => e.name).join('/');
}

/** "a, b or c". */
export function orList(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
