/**
 * `mlvis batch JOBS.json`: the command line of a batch. Reads the jobs file (or stdin), hands it to the
 * library's runBatch, and prints the table, the JSON progress lines and the summary.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { keyWorded, readJobs, refuseBatchClashes, refuseBatchOutside, runBatch, type BatchEvent, type JobResult } from './batch';
import { messages, MlvisError, resourceError, runError, usageError } from './errors';
import { reserveText } from './output';
import { whyUnwritable } from './encode/atomic';
import type { Io } from './cli';
import { readAll } from './streams';
import { readDataFile } from './data';
import type { ReadWords } from './data/readAsync';
import { formatBytes } from './report';
import { listenForStop } from './stop';

export interface BatchFlags {
  jobs?: string;
  shard?: string;
  dryRun?: boolean;
  force?: boolean;
  manifest?: boolean;
  summary?: string;
  progress?: string;
  quiet?: boolean;
  within?: string;
}

export async function batchCommand(file: string, flags: BatchFlags, io: Io): Promise<number> {
  const workers = flags.jobs === undefined ? undefined : wholeNumber('--jobs', flags.jobs, 1, 64);
  const shard = flags.shard === undefined ? undefined : shardOf(flags.shard);
  const text = await readJobsText(file, io);
  // --manifest is every job's "manifest": true, set before the jobs are checked (a manifest can clash too).
  const jobs = readJobs(text, file === '-' ? process.cwd() : dirname(resolve(file)), file === '-' ? 'stdin' : file, flags.manifest ? { manifest: true } : {});
  const summaryTo = flags.summary;
  if (summaryTo === '') throw usageError(messages.badNumber('--summary', '', 'a file name or -'));
  refuseBatchClashes(jobs, { jobsFile: file, summary: summaryTo });
  if (flags.within !== undefined) refuseBatchOutside(jobs, flags.within, summaryTo);
  const summaryFile = summaryTo !== undefined && summaryTo !== '-' ? await reserveText(summaryTo) : undefined;
  const json = flags.progress === 'json';
  const table = !flags.quiet && !json;
  const warnings = new OnceWarnings(io.stderr);
  // The signal listeners stay until the very end: a second Ctrl-C during the clean-up changes nothing.
  const stop = listenForStop();
  try {
    const results = await runBatch(jobs, {
      jobs: workers,
      shard,
      force: flags.force,
      dryRun: flags.dryRun,
      within: flags.within,
      frameEvents: json,
      signal: stop.signal,
      onProgress: (e: BatchEvent) => {
        if (json) io.stderr.write(JSON.stringify(e) + '\n');
        else if (e.event === 'warning' && !flags.quiet) warnings.add(e.job, e.message);
      },
    });
    const summary = JSON.stringify(results.map(summaryOf), null, 2) + '\n';
    // The jobs' files are in place by now (each job commits its own): a summary that cannot be written (a
    // full disk, a reader gone) is said after the table, with what was written.
    // A stopped batch writes no summary (an existing one is left as it was); a stop while the summary waits
    // for a FIFO's reader ends that wait, and the message below says which jobs were written.
    let summaryFailed: MlvisError | undefined;
    try {
      if (stop.signal.aborted) await summaryFile?.discard();
      else if (summaryTo === '-') io.stdout.write(summary);
      else if (summaryFile) await summaryFile.commit(summary, stop.signal);
    } catch (error) {
      if (!stop.signal.aborted && !(error instanceof MlvisError)) throw error;
      if (!stop.signal.aborted) summaryFailed = error as MlvisError;
    }
    if (table) {
      warnings.repeats();
      io.stderr.write(tableOf(results));
    }
    const finished = results.filter((r) => r.status === 'ok' || r.status === 'up to date').length;
    if (stop.signal.aborted) throw runError(messages.batchInterrupted(finished, results.length));
    const failed = results.filter((r) => r.status === 'failed').length;
    // With --quiet there is no table to see why: each failed job's reason on its own line (json has them in its events).
    if (!table && !json) for (const r of results) if (r.status === 'failed') io.stderr.write(`mlvis: job ${r.job}: ${r.error ?? 'failed'}\n`);
    if (failed > 0) io.stderr.write(`mlvis: ${messages.someJobsFailed(failed, results.length, table)}\n`);
    if (summaryFailed) {
      const { reason, hint } = whyUnwritable(summaryFailed.cause ?? summaryFailed);
      throw runError(messages.summaryNotWritten(messages.jobsWritten(finished, results.length, table), summaryTo!, reason, hint), summaryFailed);
    }
    return failed === 0 ? 0 : 1;
  } catch (error) {
    await summaryFile?.discard();
    throw stop.reason(error);
  } finally {
    stop.dispose();
  }
}

/** One job in the --summary array: its number, status and time, then its run's summary (or its files). */
function summaryOf(r: JobResult) {
  return { job: r.job, status: r.status, seconds: r.seconds, ...(r.error ? { error: r.error } : {}), ...(r.summary ?? { outputs: r.outputs }) };
}

/**
 * A default that does not suit every job would warn once per job: each warning is said once, with the job
 * it came from first, and the other jobs it concerned are named before the table.
 */
class OnceWarnings {
  private readonly seen = new Map<string, number[]>();
  constructor(private readonly stderr: NodeJS.WritableStream) {}
  add(job: number, message: string): void {
    const jobs = this.seen.get(message);
    if (jobs) return void jobs.push(job);
    this.seen.set(message, [job]);
    this.stderr.write(`mlvis: warning: job ${job}: ${message}\n`);
  }
  repeats(): void {
    for (const [message, jobs] of this.seen) if (jobs.length > 1) this.stderr.write(`mlvis: warning: ${messages.alsoInJobs(jobs.slice(1).sort((a, b) => a - b), message)}\n`);
  }
}

/** A jobs file is a list of options: 64 MB is far past any real one, and keeps /dev/zero from filling memory. */
const MAX_JOBS_BYTES = 64 * 1024 * 1024;

/** A FIFO of jobs is read like data, but its errors name a jobs file. */
const JOBS_WORDS: ReadWords = {
  notFound: (path, cause) => runError(messages.jobsUnreadable(path, 'no such file'), cause),
  unreadable: (path, reason, cause) => runError(messages.jobsUnreadable(path, reason), cause),
  tooLarge: (path, limit) => usageError(messages.jobsTooLarge(path, limit)),
};

/**
 * The jobs file's text (or stdin's). A stop while it waits (a FIFO whose writer is slow) ends with the
 * signal's exit code and the interrupted message, as a stop of the run would.
 */
async function readJobsText(file: string, io: Io): Promise<string> {
  if (file === '-') return (await readAll(io.stdin ?? process.stdin, MAX_JOBS_BYTES, () => usageError(messages.jobsTooLarge('stdin', MAX_JOBS_BYTES)))).toString('utf8');
  const stop = listenForStop();
  try {
    return await readText(file, stop.signal);
  } catch (error) {
    throw stop.reason(error);
  } finally {
    stop.dispose();
  }
}

async function readText(file: string, signal?: AbortSignal): Promise<string> {
  try {
    const info = statSync(file);
    if (info.isFile() && info.size > MAX_JOBS_BYTES) throw usageError(messages.jobsTooLarge(file, MAX_JOBS_BYTES));
    if (!info.isFile() && !info.isFIFO()) throw runError(messages.jobsUnreadable(file, info.isDirectory() ? 'it is a folder' : 'it is not a file'));
    // A FIFO (jobs from <(…)) is read without blocking, so Ctrl-C is heard while it waits for its writer.
    return info.isFIFO() ? await readDataFile(file, signal, MAX_JOBS_BYTES, JOBS_WORDS) : readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof MlvisError) throw e;
    const resource = resourceError(e);
    if (resource) throw resource;
    const code = (e as NodeJS.ErrnoException).code;
    throw runError(messages.jobsUnreadable(file, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message));
  }
}


function wholeNumber(flag: string, raw: string, min: number, max: number): number {
  const n = /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!(n >= min && n <= max)) throw usageError(messages.badNumber(flag, raw, `a whole number from ${min} to ${max}`));
  return n;
}

/** I/N, 1-based, as jest and playwright write it. */
function shardOf(raw: string): [number, number] {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  const [i, n] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (!(i >= 1 && n >= 1 && i <= n)) throw usageError(messages.badShard(raw));
  return [i, n];
}

/** The closing table on stderr: job, outputs, frames, seconds, bytes, status. */
function tableOf(results: JobResult[]): string {
  const rows = [['job', 'outputs', 'frames', 'seconds', 'bytes', 'status']];
  for (const r of results) {
    const frames = r.outputs.reduce((m, f) => Math.max(m, f.frames), 0);
    const bytes = r.outputs.reduce((s, f) => s + f.bytes, 0);
    const status = (r.error ? `${r.status}: ${r.error}` : r.status).replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
    rows.push([String(r.job), (r.outputs.length ? r.outputs.map((f) => f.path) : r.planned).map(shortPath).join(', ') || '-', frames ? String(frames) : '-', r.seconds ? r.seconds.toFixed(2) : '-', bytes ? formatBytes(bytes) : '-', status]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === 5 ? c : i === 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n') + '\n';
}

/**
 * A path as short as it can be said from here: relative when inside the working folder; quoted as JSON when
 * it holds a line break or another control character, which would break the table's rows.
 */
function shortPath(path: string): string {
  const rel = relative(process.cwd(), path);
  const short = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  return /[\u0000-\u001f\u007f]/.test(short) ? JSON.stringify(short) : short;
}
