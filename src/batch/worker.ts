/**
 * A batch worker: a child process that renders the jobs its parent sends, one at a time, through the
 * library's run(). A job that fails reports its message; one that crashes the process takes only this
 * worker with it, and the parent starts another.
 */
import { MlvisError } from '../errors';
import { exhaustedResource } from '../limits';
import { run } from '../index';
import type { JobMessage, WorkerMessage } from './protocol';

/** The job in hand's stop: a new one for each job, so a stray signal fails that job and no later one. */
let controller = new AbortController();
// After the parent is gone (killed, or stopped the batch) there is nobody to tell: say nothing, never throw.
const send = (m: WorkerMessage) => {
  if (!process.connected) return;
  try {
    process.send?.(m, undefined, {}, () => undefined);
  } catch {
    // the channel closed between the check and the send
  }
};

// Ctrl-C reaches the whole process group; the run in hand stops between frames and removes its files.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => controller.abort());
process.on('disconnect', () => {
  controller.abort();
  setTimeout(() => process.exit(1), 2000).unref();
});

process.on('message', (m: JobMessage) => {
  if (m?.type !== 'job') return;
  void render(m);
});

async function render(m: JobMessage): Promise<void> {
  if (controller.signal.aborted) controller = new AbortController();
  const t0 = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - t0) / 1e9;
  try {
    const { summary } = await run(m.options, {
      warn: (message, warning) => send({ type: 'warn', index: m.index, code: warning.code, message }),
      progress: m.frames ? (done, total) => send({ type: 'frame', index: m.index, done, total }) : undefined,
      signal: controller.signal,
      threads: m.threads,
    });
    send({ type: 'done', index: m.index, summary, seconds: seconds() });
  } catch (e) {
    // Out of files or memory in a worker reads as it does on the command line: the resource and the fix.
    const message = e instanceof MlvisError ? e.message : (exhaustedResource(e)?.message ?? (e as Error)?.message ?? String(e));
    send({ type: 'failed', index: m.index, message, seconds: seconds() });
  }
}
