/**
 * What an ffmpeg binary is (its version and which of mlvis's encoders it has), asked of it once and kept in
 * the user's cache folder (XDG: $XDG_CACHE_HOME, else ~/.cache; `mlvis/ffmpeg-probe.json`), keyed by the
 * binary's real path, size and modification time. Asking costs two runs of it, ~0.2 s for Debian's ffmpeg,
 * which every video paid before its first frame. The cache is never required: one that cannot be read or
 * written, or holds anything unexpected, is ignored and the binary asked again.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { resourceError } from '../errors';

/** The encoders mlvis uses: an ffmpeg without both is not one to prefer. */
export const WANTED_ENCODERS = ['libx264', 'libvpx-vp9'] as const;

export interface FfmpegProbe {
  /** The first line of `ffmpeg -version` ('' when it printed none). */
  versionLine: string;
  /** [major, minor] of a release build, null for a git build (N-47683) or an unreadable answer. */
  version: [number, number] | null;
  /** Which of WANTED_ENCODERS it lists. */
  encoders: string[];
}

interface Entry extends FfmpegProbe {
  size: number;
  mtimeMs: number;
}

const FORMAT = 1;

/** The cache file for an environment: $XDG_CACHE_HOME (when absolute, as the spec says), else ~/.cache. */
export function probeCachePath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  const home = env.HOME || safeHomedir();
  const base = xdg && isAbsolute(xdg) ? xdg : home ? join(home, '.cache') : undefined;
  return base === undefined ? undefined : join(base, 'mlvis', 'ffmpeg-probe.json');
}

/**
 * The probe of `binary`: from the cache when its real path, size and modification time match, else by
 * running it (and then kept). Throws only when the machine is out of files or processes (the resource error).
 */
export function probeFfmpeg(binary: string, env: NodeJS.ProcessEnv = process.env): FfmpegProbe {
  let key: { path: string; size: number; mtimeMs: number } | undefined;
  try {
    const path = realpathSync(binary);
    const info = statSync(path);
    key = { path, size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    // asked below, not kept
  }
  const cacheFile = probeCachePath(env);
  const entries = cacheFile && key ? readEntries(cacheFile) : {};
  const hit = key ? entries[key.path] : undefined;
  if (hit && key && hit.size === key.size && hit.mtimeMs === key.mtimeMs && isProbe(hit)) {
    return { versionLine: hit.versionLine, version: hit.version, encoders: hit.encoders };
  }
  const probe = ask(binary);
  if (probe && key && cacheFile) writeEntries(cacheFile, { ...entries, [key.path]: { ...probe, size: key.size, mtimeMs: key.mtimeMs } });
  return probe ?? { versionLine: '', version: null, encoders: [] };
}

/** Runs the binary for its version and encoders; undefined when it could not be run (nothing to keep). */
function ask(binary: string): FfmpegProbe | undefined {
  const run = (flag: string) => {
    const r = spawnSync(binary, ['-hide_banner', flag], { encoding: 'utf8', timeout: 2000, killSignal: 'SIGKILL' });
    if (r.error) {
      const resource = resourceError(r.error);
      if (resource) throw resource;
    }
    return r;
  };
  const v = run('-version');
  if (v.error || v.status === null) return undefined;
  const versionLine = (v.stdout ?? '').split('\n')[0].trim();
  const m = /ffmpeg version (?:n)?(\d+)\.(\d+)/.exec(versionLine);
  const version: [number, number] | null = m ? [Number(m[1]), Number(m[2])] : null;
  if (!version) return { versionLine, version, encoders: [] };
  const e = run('-encoders');
  if (e.error || e.status === null) return undefined;
  const listed = e.stdout ?? '';
  return { versionLine, version, encoders: WANTED_ENCODERS.filter((name) => new RegExp(`\\b${name}\\b`).test(listed)) };
}

function readEntries(file: string): Record<string, Entry> {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; entries?: unknown };
    if (parsed?.format !== FORMAT || typeof parsed.entries !== 'object' || parsed.entries === null || Array.isArray(parsed.entries)) return {};
    return Object.assign(Object.create(null), parsed.entries) as Record<string, Entry>;
  } catch {
    return {};
  }
}

/** Written to a temporary file beside it and renamed: a reader never sees half a file. Failures are ignored. */
function writeEntries(file: string, entries: Record<string, Entry>): void {
  const temp = join(dirname(file), `.ffmpeg-probe.json.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temp, JSON.stringify({ format: FORMAT, entries }, null, 1) + '\n');
    renameSync(temp, file);
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // never written
    }
  }
}

function isProbe(e: Entry): boolean {
  const versionOk = e.version === null || (Array.isArray(e.version) && e.version.length === 2 && e.version.every(Number.isInteger));
  return typeof e.versionLine === 'string' && versionOk && Array.isArray(e.encoders) && e.encoders.every((x) => typeof x === 'string');
}

function safeHomedir(): string | undefined {
  try {
    return homedir() || undefined;
  } catch {
    return undefined;
  }
}
