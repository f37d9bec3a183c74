/**
 * A pool of worker processes for a batch: at most `size` jobs render at once, each worker takes the next
 * job when it is done, and a worker that dies fails only the job it had; a new worker takes over the rest.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { compiledScript, PACKAGE_ROOT } from '../compiled';
import { newTempToken } from '../encode/atomic';
import { messages, resourceError, runError } from '../errors';
import type { JobMessage, WorkerMessage } from './protocol';
import type { Job } from './jobs';

/** The compiled worker (see compiledScript); when dist/ is not built, the fork's own error says what is missing. */
function workerPath(): string {
  return compiledScript('batch/worker.js') ?? join(PACKAGE_ROOT, 'dist', 'batch', 'worker.js');
}

export interface PoolHooks {
  onMessage(m: WorkerMessage): void;
  /** A worker exited while rendering this job (a crash, a kill); `token` names its temporary files. */
  onCrash(index: number, how: string, token: string): void;
  signal?: AbortSignal;
  frames: boolean;
}

/**
 * Runs the jobs on at most `size` workers. Rejects (after the running workers are stopped) when a worker
 * cannot be started at all: out of open files or processes, a limit no job can get around.
 */
export async function runPool(jobs: readonly Job[], size: number, hooks: PoolHooks): Promise<void> {
  const queue = [...jobs];
  const n = Math.max(1, Math.min(size, queue.length));
  // A job's passes over a large data set and its GIF encoding run on threads: the cores are shared among the workers, so that
  // two workers on two cores do not run four threads.
  const threads = Math.max(1, Math.floor(availableParallelism() / n));
  const workers = new Set<ChildProcess>();
  let stopping = false;
  const stop = () => {
    stopping = true;
    queue.length = 0;
    for (const w of workers) w.kill('SIGTERM');
  };
  hooks.signal?.addEventListener('abort', stop, { once: true });

  let cannotStart: Error | undefined;
  let starting = 0; // forks that failed and have yet to say why
  await new Promise<void>((done) => {
    const settle = () => {
      if (workers.size === 0 && starting === 0) done();
    };
    /**
     * A worker that could not be started: the running ones take the rest of the queue; with none running,
     * the batch stops and fails with the reason.
     */
    const unstartable = (error: Error) => {
      if (workers.size > 0 || starting > 0) return;
      cannotStart ??= error;
      stop();
      done();
    };
    const start = () => {
      // The worker's temporary files carry a token chosen here, so that a worker that dies can be cleaned up after.
      const token = newTempToken();
      let worker: ChildProcess;
      try {
        worker = fork(workerPath(), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'advanced', env: { ...process.env, MLVIS_TEMP_TOKEN: token } });
      } catch (error) {
        return unstartable(error as Error);
      }
      // A fork that fails (EMFILE, EAGAIN) returns a process with no channel and says why on the next tick.
      if (typeof worker.send !== 'function' || worker.pid === undefined) {
        starting++;
        worker.once('error', (error) => {
          starting--;
          unstartable(error);
        });
        return;
      }
      worker.on('error', () => undefined); // a send to a worker that just died: its exit says what happened
      workers.add(worker);
      let current: number | undefined;
      const next = () => {
        const job = queue.shift();
        if (!job) {
          current = undefined;
          worker.disconnect();
          return;
        }
        current = job.index;
        const m: JobMessage = { type: 'job', index: job.index, options: job.options, frames: hooks.frames, threads };
        worker.send(m);
      };
      worker.on('message', (m: WorkerMessage) => {
        hooks.onMessage(m);
        if (m.type === 'done' || m.type === 'failed') next();
      });
      worker.on('exit', (code, signal) => {
        workers.delete(worker);
        if (current !== undefined) hooks.onCrash(current, signal ? `signal ${signal}` : `exit code ${code}`, token);
        current = undefined;
        if (!stopping && queue.length > 0) start();
        settle();
      });
      next();
    };
    if (queue.length === 0) return done();
    for (let i = 0; i < n && !cannotStart; i++) start();
  });
  hooks.signal?.removeEventListener('abort', stop);
  if (cannotStart) throw resourceError(cannotStart) ?? runError(messages.workerNotStarted(cannotStart.message), cannotStart);
}
