import type { RunOptions } from '../config';
import type { Summary } from '../summary';

/** Parent → worker: render one job. */
export interface JobMessage {
  type: 'job';
  index: number;
  options: RunOptions;
  /** Send a message per finished frame (for --progress json). */
  frames: boolean;
  /** Threads the job's passes over its rows may use (RunHooks.threads): the cores shared among the workers. */
  threads?: number;
}

/** Worker → parent. */
export type WorkerMessage =
  | { type: 'frame'; index: number; done: number; total: number }
  | { type: 'warn'; index: number; code: string; message: string }
  | { type: 'done'; index: number; summary: Summary; seconds: number }
  | { type: 'failed'; index: number; message: string; seconds: number };
