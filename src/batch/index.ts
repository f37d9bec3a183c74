/**
 * Batch rendering: many jobs checked together, then rendered by a pool of worker processes. A job whose
 * outputs and manifests are up to date is skipped; `shard` renders only every N-th job, so a scheduler can
 * spread one batch over machines with no coordinator.
 */
import { availableParallelism } from 'node:os';
import type { RunOptions } from '../config';
import { dirname, resolve } from 'node:path';
import { messages, usageError } from '../errors';
import { removeTempsOf } from '../encode/atomic';
import { plannedFiles } from '../pipeline/clashes';
import { summaryOfManifest, upToDate } from '../pipeline/manifest';
import type { Summary, WrittenFile } from '../summary';
import { keyWorded, readJobs, type Job } from './jobs';
import { runPool } from './pool';
import { refuseBatchOutside } from './clashes';

export { readJobs, keyWorded, type Job } from './jobs';
export { refuseBatchClashes, refuseBatchOutside } from './clashes';

export type JobStatus = 'ok' | 'failed' | 'up to date' | 'interrupted' | 'would render';

export interface JobResult {
  job: number;
  status: JobStatus;
  seconds: number;
  /** The files written, or (up to date) the files as their manifests describe them. */
  outputs: WrittenFile[];
  /** Every file the job writes, as named (whatever became of it). */
  planned: string[];
  /** The run's summary (ok jobs; up-to-date jobs: the one stored in the manifest when the job rendered). */
  summary?: Summary;
  error?: string;
}

/** What happens during a batch, for progress reports: a frame of a job, a finished job, a warning. */
export type BatchEvent =
  | { event: 'frame'; job: number; done: number; total: number }
  /** `outputs`: the files written (or, up to date, as the manifests describe them); `planned`: every file the job writes. */
  | { event: 'job'; job: number; status: JobStatus; seconds: number; outputs: WrittenFile[]; planned: string[]; error?: string }
  /** `code`: the warning's code (see Warning), for a script to act on without reading the words. */
  | { event: 'warning'; job: number; code: string; message: string };

export interface BatchOptions {
  /** Worker processes (default: the number of cores). */
  jobs?: number;
  /** [I, N], 1-based: render only the jobs whose index is I−1 modulo N. */
  shard?: [number, number];
  /** Render even the jobs that are up to date. */
  force?: boolean;
  /** Check and list, render nothing. */
  dryRun?: boolean;
  /** Refuse (before anything renders) a batch that would write any file outside this folder, symbolic links followed. */
  within?: string;
  onProgress?: (e: BatchEvent) => void;
  /** Report every frame to onProgress (else only jobs and warnings). */
  frameEvents?: boolean;
  signal?: AbortSignal;
}

/** Checks a list of jobs (library options, paths relative to `base`) as a jobs file is checked. */
export function checkJobs(jobs: RunOptions[], base = process.cwd()): Job[] {
  return readJobs(JSON.stringify(jobs), base, 'the job list');
}

/**
 * Renders the jobs (their options as given to run()) and resolves to one result per job of the shard, in
 * job order. Jobs fail on their own: the batch goes on, and a job's status says what became of it.
 */
export async function runBatch(jobs: Job[] | RunOptions[], o: BatchOptions = {}): Promise<JobResult[]> {
  checkBatchOptions(o);
  const checked: Job[] = isJobList(jobs) ? jobs : checkJobs(jobs);
  if (o.within !== undefined) refuseBatchOutside(checked, o.within);
  const mine = o.shard ? checked.filter((j) => j.index % o.shard![1] === o.shard![0] - 1) : checked;
  const results = new Map<number, JobResult>();
  // A progress callback that throws must not take the batch (or its workers) down with it.
  const emit = (e: BatchEvent) => {
    try {
      o.onProgress?.(e);
    } catch {
      // the caller's problem, not the batch's
    }
  };
  const finish = (r: JobResult) => {
    results.set(r.job, r);
    emit({ event: 'job', job: r.job, status: r.status, seconds: r.seconds, outputs: r.outputs, planned: r.planned, ...(r.error ? { error: r.error } : {}) });
  };
  if (o.signal?.aborted) {
    return mine.map((j) => ({ job: j.index, status: 'interrupted' as const, seconds: 0, outputs: [], planned: plannedOutputs(j) }));
  }
  const todo: Job[] = [];
  const cleanups: Promise<void>[] = [];
  const planned = new Map(mine.map((j) => [j.index, plannedOutputs(j)]));
  for (const job of mine) {
    const outputs = planned.get(job.index)!;
    const current = o.force ? null : upToDate(job.options, job.config, outputs);
    if (current) {
      // The summary the job gave when it rendered, kept in its first output's manifest: a cached build reports
      // what a cold one does.
      const summary = summaryOfManifest(current[0], job.config, dirname(resolve(outputs[0])));
      finish({ job: job.index, status: 'up to date', seconds: 0, outputs: summary.outputs ?? [], planned: outputs, summary });
    } else if (o.dryRun) finish({ job: job.index, status: 'would render', seconds: 0, outputs: [], planned: outputs });
    else todo.push(job);
  }
  await runPool(todo, o.jobs ?? availableParallelism(), {
    frames: o.frameEvents ?? false,
    signal: o.signal,
    onMessage(m) {
      if (m.type === 'frame') emit({ event: 'frame', job: m.index, done: m.done, total: m.total });
      else if (m.type === 'warn') emit({ event: 'warning', job: m.index, code: m.code, message: keyWorded(m.message) });
      else if (m.type === 'done') finish({ job: m.index, status: 'ok', seconds: m.seconds, outputs: m.summary.outputs ?? [], planned: planned.get(m.index)!, summary: m.summary });
      else if (o.signal?.aborted) finish({ job: m.index, status: 'interrupted', seconds: m.seconds, outputs: [], planned: planned.get(m.index)! });
      else finish({ job: m.index, status: 'failed', seconds: m.seconds, outputs: [], planned: planned.get(m.index)!, error: keyWorded(m.message) });
    },
    onCrash: (index, how, token) => {
      // The dead worker could not remove its temporary files: they carry its token.
      for (const folder of new Set(planned.get(index)!.map((p) => dirname(resolve(p))))) cleanups.push(removeTempsOf(folder, token));
      finish({ job: index, status: o.signal?.aborted ? 'interrupted' : 'failed', seconds: 0, outputs: [], planned: planned.get(index)!, ...(o.signal?.aborted ? {} : { error: `its worker process died (${how})` }) });
    },
  });
  await Promise.all(cleanups);
  for (const job of todo) if (!results.has(job.index)) finish({ job: job.index, status: 'interrupted', seconds: 0, outputs: [], planned: planned.get(job.index)! });
  return mine.map((j) => results.get(j.index)!);
}

/** The options a script passes are checked as the command line checks its flags. */
function checkBatchOptions(o: BatchOptions): void {
  if (o.jobs !== undefined && !(Number.isInteger(o.jobs) && o.jobs >= 1 && o.jobs <= 64)) {
    throw usageError(messages.badNumber('jobs', String(o.jobs), 'a whole number from 1 to 64'));
  }
  const s = o.shard;
  if (s !== undefined && !(Array.isArray(s) && s.length === 2 && s.every(Number.isInteger) && s[0] >= 1 && s[1] >= 1 && s[0] <= s[1])) {
    throw usageError(messages.badShard(JSON.stringify(s)));
  }
}

function isJobList(jobs: Job[] | RunOptions[]): jobs is Job[] {
  return jobs.every((j) => typeof (j as Job).index === 'number' && typeof (j as Job).config === 'object');
}

/** The files a job writes, named as its manifests name them (a %d sequence by its pattern). */
function plannedOutputs(job: Job): string[] {
  return plannedFiles(job.config).map((f) => f.name);
}
