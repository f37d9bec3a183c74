/**
 * Manifests: `OUT.json` beside each output, saying what made it (mlvis version, options, a hash of the input
 * data) and what it is (sha256 and bytes of every file). A batch skips a job whose outputs and manifests
 * exist and still match; a docs build can tell what is stale without rendering anything.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolveSource } from '../data';
import { frameFileName, isFrameSequence } from '../encode/pattern';
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
}

export function manifestPath(output: string): string {
  return `${output}.json`;
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * Options in a canonical form: own keys, sorted, so key order in a jobs file does not matter. CSV text
 * given inline (data "-") is left out: data_sha256 stands for it.
 */
export function canonicalOptions(options: RunOptions): Record<string, unknown> {
  const own = options as unknown as Record<string, unknown>;
  return Object.fromEntries(Object.keys(own).filter((k) => own[k] !== undefined && k !== 'csv').sort().map((k) => [k, own[k]]));
}

/** sha256 of the data file the options read (a built-in set's CSV included), or null for synthetic data. */
export function dataHash(config: Pick<RunConfig, 'data' | 'csv'>): string | null {
  if (config.data === undefined) return null;
  if (config.data === '-') return sha256(config.csv ?? '');
  const path = resolveSource(config.data).path;
  return existsSync(path) ? sha256(readFileSync(path)) : null;
}

/** The files an output consists of: itself, or the frames of a %d pattern from 0 up. */
function filesOf(written: WrittenFile): string[] {
  if (!isFrameSequence(written.path) || written.format !== 'png') return [written.path];
  return Array.from({ length: written.frames }, (_, k) => frameFileName(written.path, k));
}

/** Writes each output's manifest into the run's commit, so it appears together with the outputs. */
export async function stageManifests(
  options: RunOptions,
  config: RunConfig,
  summary: Summary,
  written: WrittenFile[],
  commit: Commit,
): Promise<void> {
  const data = dataHash(config);
  for (const file of written) {
    const animation = file.frames > 1 && !(file.format === 'png' && isFrameSequence(file.path));
    const manifest: Manifest = {
      mlvis: VERSION,
      options: canonicalOptions(options),
      data_sha256: data,
      seed: config.seed,
      format: file.format,
      frames: file.frames,
      width: config.width,
      height: config.height,
      duration: animation ? file.frames / config.fps + (file.format === 'gif' ? Math.max(0, config.hold - 1 / config.fps) : config.hold) : 0,
      final: summary.final ?? null,
      series: summary.series ? summary.series.map((s) => ({ label: s.label, final: s.final })) : null,
      optimum: summary.optimum,
      files: filesOf(file).map((path) => {
        const bytes = readFileSync(commit.tempFor(path) ?? path);
        return { path, sha256: sha256(bytes), bytes: bytes.length };
      }),
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
 * True when every output of the run exists with a manifest from this mlvis version, for the same options
 * and the same input data, and every file still has the bytes the manifest names.
 */
export function isUpToDate(options: RunOptions, config: RunConfig, outputs: string[]): boolean {
  if (outputs.length === 0) return false;
  const data = dataHash(config);
  const wanted = JSON.stringify(canonicalOptions(options));
  return outputs.every((out) => {
    const path = manifestPath(out);
    if (!existsSync(path)) return false;
    let m: Manifest;
    try {
      m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    } catch {
      return false;
    }
    if (m.mlvis !== VERSION || m.data_sha256 !== data || JSON.stringify(m.options) !== wanted || !Array.isArray(m.files)) return false;
    return m.files.every((f) => existsSync(f.path) && sha256(readFileSync(f.path)) === f.sha256);
  });
}
