/**
 * Files a batch would overwrite by mistake: two jobs writing one file, a job writing over another job's data,
 * over the jobs file, or over the --summary. Files are compared by identity (see fileId), so a symbolic link
 * to a folder does not hide a clash.
 */
import { findDataset } from '../data';
import { messages, usageError } from '../errors';
import { clash, filesWritten, known, knownPath, type KnownFile } from '../pipeline/clashes';
import type { RunConfig } from '../config';
import { outside, withinRoot } from '../pipeline/within';
import type { Job } from './jobs';

/**
 * Two jobs that would write the same file (directly, through a sweep suffix, a still list, a %d pattern or a
 * manifest), and a job that would write over another job's data.
 */
export function clashesBetween(jobs: Job[]): string[] {
  const problems: string[] = [];
  const planned = jobs.map((j) => filesWritten(j.config).map(known));
  const data = jobs.map((j) => dataFileOf(j.config));
  jobs.forEach((a, i) => {
    for (let j = 0; j < jobs.length; j++) {
      if (j > i) {
        for (const fa of planned[i]) {
          const other = planned[j].find((fb) => clash(fa, fb));
          if (other) problems.push(`jobs[${a.index}] and jobs[${jobs[j].index}] both write ${other.name}`);
        }
      }
      const input = data[j];
      if (j !== i && input && planned[i].some((f) => clash(f, input))) problems.push(`jobs[${a.index}] writes over the data of jobs[${jobs[j].index}] (${jobs[j].config.data})`);
    }
  });
  return problems;
}

/** The file a job reads its data from (none for synthetic data, stdin or a built-in set). */
export function dataFile(config: RunConfig): string | undefined {
  if (config.data === undefined || config.data === '-' || (/^[^/\\.]+$/.test(config.data) && findDataset(config.data))) return undefined;
  return config.data;
}

function dataFileOf(config: RunConfig): KnownFile | undefined {
  const path = dataFile(config);
  return path === undefined ? undefined : knownPath(path);
}

/**
 * Refuses a batch (exit 2, before anything renders) whose jobs would write over the jobs file, or whose
 * summary would overwrite the jobs file, a job's data, or any file a job writes.
 */
export function refuseBatchClashes(jobs: Job[], files: { jobsFile?: string; summary?: string }): void {
  const jobsFile = files.jobsFile === undefined || files.jobsFile === '-' ? undefined : knownPath(files.jobsFile);
  const written = jobs.map((j) => filesWritten(j.config).map(known));
  if (jobsFile) {
    const i = written.findIndex((fs) => fs.some((f) => clash(f, jobsFile)));
    if (i >= 0) throw usageError(messages.badJobs(files.jobsFile!, [`jobs[${jobs[i].index}] writes over the jobs file itself; give its output another name`]));
  }
  if (files.summary === undefined || files.summary === '-') return;
  const summary = knownPath(files.summary);
  if (jobsFile && clash(jobsFile, summary)) throw usageError(messages.summaryIsJobsFile(files.summary));
  for (const [i, job] of jobs.entries()) {
    if (written[i].some((f) => clash(f, summary))) throw usageError(messages.summaryIsOutput(files.summary));
    const input = dataFileOf(job.config);
    if (input && clash(input, summary)) throw usageError(messages.outputIsInput(files.summary));
  }
}


/**
 * Refuses (exit 2, before anything renders or any folder is made) a batch that would write outside `dir`:
 * any job's output or manifest, or the summary (see pipeline/within).
 */
export function refuseBatchOutside(jobs: Job[], dir: string, summary?: string): void {
  const root = withinRoot(dir);
  for (const job of jobs) {
    for (const f of filesWritten(job.config)) {
      const lands = outside(root, f.name);
      if (lands !== undefined) throw usageError(messages.outsideWithin(f.name, lands, dir, `jobs[${job.index}]`));
    }
  }
  const lands = summary === undefined || summary === '-' ? undefined : outside(root, summary);
  if (lands !== undefined) throw usageError(messages.outsideWithin(summary!, lands, dir, '--summary'));
}
