/**
 * Manifests: `OUT.json` beside each output, saying what made it (mlvis version, options, a hash of the input
 * data) and what it is (sha256 and bytes of every file). A batch skips a job whose outputs and manifests
 * exist and still match; a docs build can tell what is stale without rendering anything.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { unlink, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { hashTextFileSync } from '../data/hashFile';
import { resolveSource } from '../data';
import { frameFileName, isFrameSequence } from '../encode/pattern';
import { formatApplies } from '../encode/formats';
import { createTemp, removeQuietly, type Commit } from '../encode/atomic';
import type { RunConfig, RunOptions } from '../config';
import type { Summary, WrittenFile } from '../summary';

export const VERSION: string = require('../../package.json').version;

export interface Manifest {
  mlvis: string;
  /** The options as given (own properties, after validation), keys sorted: what "the same job" means. */
  options: Record<string, unknown>;
  /** sha256 of the input data file, or null for synthetic data (made from the options alone). */
  data_sha256: string | null;
  seed: string;
  format: string;
  frames: number;
  width: number;
  height: number;
  /** Seconds the animation plays, the final hold included (0 for a still). */
  duration: number;
  final: Summary['final'] | null;
  series: { label: string; final: Summary['final'] }[] | null;
  optimum: Summary['optimum'];
  /** Every file of the output (one, or each frame of a %d sequence), with its sha256 and size. */
  files: { path: string; sha256: string; bytes: number }[];
  /**
   * The run's whole summary, its paths (files written, a data file) relative to the manifest's folder: what an
   * up-to-date job reports, the same as when it rendered (see summaryOfManifest).
   */
  summary: Summary;
}

export function manifestPath(output: string): string {
  return `${output}.json`;
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * Options in a canonical form: own keys, sorted, so key order in a jobs file does not matter. CSV text
 * given inline (data "-") is left out: data_sha256 stands for it.
 */
export function canonicalOptions(options: RunOptions, folder: string): Record<string, unknown> {
  const own = options as unknown as Record<string, unknown>;
  const local = (p: unknown) => (typeof p === 'string' && p !== '-' && /[/\\.]/.test(p) ? here(folder, p) : p);
  return Object.fromEntries(
    Object.keys(own)
      .filter((k) => own[k] !== undefined && k !== 'csv')
      .sort()
      .map((k) => [k, k === 'out' ? [own.out].flat().map(local) : k === 'data' ? local(own.data) : own[k]]),
  );
}

/**
 * A path as the manifest in `folder` records it: relative to that folder, so a project moved or checked out
 * elsewhere keeps its manifests valid.
 */
function here(folder: string, path: string): string {
  return relative(folder, resolve(path)) || '.';
}

/** sha256 of a data set's text (as decoded for parsing): what a streamed load hashes too (ChunkDecoder). */
export function textHash(text: string): string {
  return sha256(text);
}

/**
 * The hash a run of these options would record for its data now: null for synthetic data, the text's hash for
 * a file or a built-in set. Data that cannot be read again unchanged (stdin, a FIFO, a missing file) has no
 * hash that could match, so such a job is never up to date.
 */
function currentDataHash(config: Pick<RunConfig, 'data' | 'csv'>): string | null | undefined {
  if (config.data === undefined) return null;
  if (config.data === '-') return config.csv === undefined ? undefined : sha256(config.csv);
  try {
    const path = resolveSource(config.data).path;
    return statSync(path).isFile() ? hashTextFileSync(path) : undefined;
  } catch {
    return undefined;
  }
}

/** The files an output consists of: itself, or the frames of a %d pattern from 0 up. */
function filesOf(written: WrittenFile): string[] {
  if (!isFrameSequence(written.path) || formatApplies(written.format)?.frames !== 'still') return [written.path];
  return Array.from({ length: written.frames }, (_, k) => frameFileName(written.path, k));
}

/** Writes each output's manifest into the run's commit, so it appears together with the outputs. */
export async function stageManifests(
  options: RunOptions,
  config: RunConfig,
  summary: Summary,
  written: WrittenFile[],
  commit: Commit,
  dataSha256: string | null,
): Promise<void> {
  const data = dataSha256;
  for (const file of written) {
    const animation = file.frames > 1 && !(formatApplies(file.format)?.frames === 'still' && isFrameSequence(file.path));
    const manifest: Manifest = {
      mlvis: VERSION,
      options: canonicalOptions(options, dirname(resolve(file.path))),
      data_sha256: data,
      seed: config.seed,
      format: file.format,
      frames: file.frames,
      width: config.width,
      height: config.height,
      duration: animation ? file.frames / config.fps + (formatApplies(file.format)?.hold === 'delay' ? Math.max(0, config.hold - 1 / config.fps) : config.hold) : 0,
      final: summary.final ?? null,
      series: summary.series ? summary.series.map((s) => ({ label: s.label, final: s.final })) : null,
      optimum: summary.optimum,
      files: filesOf(file).map((path) => {
        const bytes = readFileSync(commit.tempFor(path) ?? path);
        return { path: here(dirname(resolve(file.path)), path), sha256: sha256(bytes), bytes: bytes.length };
      }),
      summary: withPaths(summary, config, (p) => here(dirname(resolve(file.path)), p)),
    };
    const target = manifestPath(file.path);
    const temp = await createTemp(target);
    try {
      await writeFile(temp, JSON.stringify(manifest, null, 2) + '\n');
      await commit.stage(temp, target);
    } catch (error) {
      await removeQuietly(temp);
      throw error;
    }
  }
}

/**
 * The manifests of every output when all still hold: each exists, is from this mlvis version, for the same
 * options and the same input data, and every file still has the bytes it names. Else null.
 */
export function upToDate(options: RunOptions, config: RunConfig, outputs: string[]): Manifest[] | null {
  if (outputs.length === 0) return null;
  const data = currentDataHash(config);
  if (data === undefined) return null;
  const found: Manifest[] = [];
  for (const out of outputs) {
    const folder = dirname(resolve(out));
    const m = readManifest(manifestPath(out));
    if (!m || m.mlvis !== VERSION || m.data_sha256 !== data || !Array.isArray(m.files)) return null;
    // Without the summary the job could not report what a rendered job reports: render it again.
    if (m.summary === null || typeof m.summary !== 'object') return null;
    if (JSON.stringify(m.options) !== JSON.stringify(canonicalOptions(options, folder))) return null;
    if (!listsEvery(m, out, folder)) return null;
    const intact = m.files.every((f) => {
      const path = resolve(folder, f.path);
      if (!existsSync(path)) return false;
      const bytes = readFileSync(path);
      return bytes.length === f.bytes && sha256(bytes) === f.sha256;
    });
    if (!intact) return null;
    found.push(m);
  }
  return found;
}

/**
 * The summary an up-to-date job reports: the one its manifest (in `folder`) stored when the job rendered, with
 * its paths made absolute again, so a cached build reports what a cold one does (a moved folder included).
 */
export function summaryOfManifest(m: Manifest, config: RunConfig, folder: string): Summary {
  return withPaths(m.summary, config, (p) => resolve(folder, p));
}

/** A summary with each path in it (the files written; the data, when it is a file) passed through `to`. */
function withPaths(s: Summary, config: Pick<RunConfig, 'data'>, to: (path: string) => string): Summary {
  const files = (list: WrittenFile[] | undefined) => list?.map((f) => (f.path === '-' ? f : { ...f, path: to(f.path) }));
  const dataIsFile = config.data !== undefined && config.data !== '-' && /[/\\.]/.test(config.data);
  const out: Summary = { ...s, data: dataIsFile ? { ...s.data, source: to(s.data.source) } : s.data };
  if (s.out !== undefined && s.out !== '-') out.out = to(s.out);
  if (s.outputs) out.outputs = files(s.outputs);
  if (s.series) out.series = s.series.map((x) => (x.outputs ? { ...x, outputs: files(x.outputs) } : x));
  return out;
}

/**
 * Whether a manifest names exactly the files its output consists of (itself, or each frame of a %d sequence),
 * each once: a manifest edited to list fewer files (or none) would vouch for files it never hashed.
 */
function listsEvery(m: Manifest, out: string, folder: string): boolean {
  const sequence = isFrameSequence(out) && formatApplies(m.format)?.frames === 'still';
  if (!Number.isInteger(m.frames) || m.frames < 1 || m.files.length !== (sequence ? m.frames : 1)) return false;
  const expected = sequence ? Array.from({ length: m.frames }, (_, k) => resolve(frameFileName(out, k))) : [resolve(out)];
  const listed = new Set(m.files.map((f) => (f && typeof f.path === 'string' ? resolve(folder, f.path) : '')));
  return listed.size === expected.length && expected.every((p) => listed.has(p));
}

/** A manifest mlvis wrote, or null (missing, unreadable, or not one of ours). */
export function readManifest(path: string): Manifest | null {
  if (!existsSync(path)) return null;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    return m && typeof m === 'object' && typeof m.mlvis === 'string' ? m : null;
  } catch {
    return null;
  }
}

/**
 * An output rewritten without --manifest would leave an old manifest describing other bytes: it is removed
 * once the new file is in place.
 */
export function dropStaleManifests(written: WrittenFile[], commit: Commit): void {
  for (const file of written) {
    const path = manifestPath(file.path);
    if (file.path !== '-' && readManifest(path)) commit.after(() => unlink(path).catch(() => undefined));
  }
}
