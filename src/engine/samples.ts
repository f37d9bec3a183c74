import type { SampleLog } from '../types';

/**
 * The most sample indices one descent records (40 MB as Int32): every sgd run fits (one sample per update,
 * at most 10,000,000 updates); a minibatch run fits while iterations × batch size does. A larger one keeps
 * no log: the indices cannot be recovered from less, since every epoch draws a new permutation.
 */
export const MAX_SAMPLE_LOG = 10_000_000;

/**
 * The log for a descent whose updates draw `batch` samples each from `n`, or null: none when the optimizer
 * does not sample, when each update takes every sample (there is nothing to single out), or when it would
 * exceed MAX_SAMPLE_LOG.
 */
export function sampleLogFor(batch: number | undefined, n: number, iterations: number): SampleLog | null {
  if (batch === undefined || batch >= n || iterations * batch > MAX_SAMPLE_LOG) return null;
  return { batch, indices: new Int32Array(iterations * batch) };
}

/** The samples update t (from 1) used, or an empty array when the log does not reach it. */
export function samplesOfUpdate(log: SampleLog, t: number): Int32Array {
  const end = t * log.batch;
  if (t < 1 || end > log.indices.length) return log.indices.subarray(0, 0);
  return log.indices.subarray(end - log.batch, end);
}
