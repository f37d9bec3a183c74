/**
 * Worker threads that compile their own hot code on their own thread.
 *
 * V8 optimizes a hot function on a background thread of Node's shared pool while the function goes on
 * running unoptimized, and every isolate of the process (the main thread's, each worker's) queues its jobs
 * there. On two cores, with our second thread busy encoding, the main thread's jobs then wait behind the
 * encoding thread's. With the workers compiling for themselves, medians of 25 alternate runs: a race of six
 * optimizers on Rosenbrock over 10,000 iterations (training and drawing preparation that run cold) 503 → 462
 * ms, the Rosenbrock GIF 355 → 330, the default linear GIF 308 → 298; the million-row logistic GIF (a block
 * worker) 5.57 → 5.54 s over 5. The same bytes.
 *
 * An isolate decides this once, when it starts: it compiles on its own thread when V8's
 * --concurrent-recompilation is off at that moment. So the flag is switched off just for the start of our
 * workers and on again once they are running (V8 reads it at no other time, and the main thread, whose
 * isolate started long before, keeps compiling in the background as it did). V8 keys its code cache by its
 * flags, though not by this one (a hostile review had a cache made with it off accepted); the cache the build
 * writes after a run that starts a GIF thread (src/build/codeCache.ts) is used either way, and a test checks
 * it (test/cli/bundle.test.ts). Where node was started with a choice about
 * compilation threads (--no-concurrent-recompilation, --single-threaded, --predictable, --jitless, in its
 * arguments or NODE_OPTIONS), nothing is touched; nor on a worker thread (mlvis run as a library inside one),
 * whose execArgv need not be the process's while the flag is the whole process's. V8 has no way to read a
 * flag back: a program that turned it off at run time with v8.setFlagsFromString finds it on again after a
 * run, as with reclaim.ts's switch.
 *
 * The flag is back on when the main thread hears that the worker runs, which is when its event loop next
 * turns: during a run's drawing preparation that can be 0.1–0.2 s, and a worker that another part of the
 * process starts meanwhile compiles on its own thread too (a matter of speed only).
 */
import { setFlagsFromString } from 'node:v8';
import { isMainThread, type Worker } from 'node:worker_threads';

/** Workers started and not yet running (or ended before they ran). */
let starting = 0;

/** Whether the flag may be switched: on the main thread, and node was given no choice of its own about it. */
function maySwitch(): boolean {
  const given = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  return isMainThread && !/concurrent[-_]recompilation|single[-_]threaded|predictable|jitless/.test(given);
}

/**
 * Starts a worker by `start` (which calls `new Worker`) with its isolate compiling on its own thread. The
 * worker is returned as `start` made it.
 */
export function startCompilingOwnCode(start: () => Worker): Worker {
  if (!maySwitch()) return start();
  if (starting++ === 0) setFlagsFromString('--no-concurrent-recompilation');
  let worker: Worker;
  try {
    worker = start();
  } catch (error) {
    started();
    throw error;
  }
  let counted = true;
  const running = () => {
    if (!counted) return;
    counted = false;
    started();
  };
  worker.once('online', running);
  worker.once('exit', running);
  return worker;
}

function started(): void {
  if (--starting === 0) setFlagsFromString('--concurrent-recompilation');
}

/** Whether a worker's start is under way with the flag switched (for tests). */
export function workersStarting(): number {
  return starting;
}
