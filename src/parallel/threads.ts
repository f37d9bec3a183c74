/**
 * Passes over the rows shared with worker threads (the engine's BlockReducer, see src/engine/blocks.ts).
 *
 * The data of a bound pass is copied once into SharedArrayBuffers. A pass writes its parameters to shared
 * memory, opens the blocks, and wakes the workers (Atomics.notify); every thread, the caller's included,
 * claims blocks one at a time (Atomics.add) and writes each block's sums to its place, then the caller waits
 * (Atomics.wait) for the last. Nothing is posted per pass, so a thousand iterations cost a thousand wake-ups,
 * not a thousand messages; and a busy or slow worker only does fewer blocks. Since each block's sums are
 * the same whoever computes them and the caller adds them in block order, the bits do not depend on the
 * number of threads or on the schedule.
 *
 * Workers are unref'd (they never keep the process alive) and leave on close(). A worker that fails, or
 * keeps a block longer than PATIENCE_MS, is given up: the caller computes the blocks it did not do itself,
 * and every later pass runs on the calling thread — the same numbers, only slower.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { blockCount, runBlock, sequentialPass, type BlockPass, type BlockReducer } from '../engine/blocks';
import { ROW_KERNELS, type KernelName } from '../engine/rowKernels';
import { webAssemblyAllowed } from '../engine/wasm/logisticKernel';
import { compiledScript } from '../compiled';
import { roomForThread } from '../limits';
import { CLOSED, CONTROL_WORDS, PARAMS, Word, type BindMessage, type WorkerSetup } from './protocol';
import { startCompilingOwnCode } from './ownCompiles';

/**
 * Below this many rows a pass stays on the calling thread. Blocks are 2^16 rows, so smaller data is one or
 * two unequal blocks: measured on 2 cores, 100,000 rows (two blocks) pass 1.6 times faster on two threads,
 * 131,072 (two full blocks) and more about 2 times; 66,536 rows gain nothing.
 */
export const MIN_ROWS = 100_000;

/** How long the caller waits for a worker's blocks before it finishes the pass alone (a block takes about a millisecond). */
const PATIENCE_MS = 2000;

export interface ThreadOptions {
  /** Threads a pass runs on, the caller's included: default the number of cores. 1 runs every pass here. */
  threads?: number;
  /** Passes over fewer rows run on the calling thread (default MIN_ROWS). */
  minRows?: number;
  /** Milliseconds to wait for a worker's block before finishing the pass alone (default PATIENCE_MS). */
  patience?: number;
}

export interface ThreadedReducer extends BlockReducer {
  /** Stops the workers; passes bound before run on the calling thread from then on. */
  close(): Promise<void>;
  /** Whether passes are shared with workers (false after close() or a failed worker). */
  readonly shared: boolean;
  /** Blocks the workers have summed so far (the rest were summed on the calling thread). */
  readonly helperBlocks: number;
}

interface Helper {
  worker: Worker;
  port: MessagePort;
}

export function threadedReducer(o: ThreadOptions = {}): ThreadedReducer {
  const helpers = Math.max(0, Math.floor(o.threads ?? availableParallelism()) - 1);
  const minRows = o.minRows ?? MIN_ROWS;
  const patience = o.patience ?? PATIENCE_MS;
  // Without dist/ built (compiledScript), no worker can run: every pass stays here.
  const script = helpers > 0 ? compiledScript('parallel/blockWorker.js') : null;
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
  control[Word.Next] = CLOSED;
  const params = new Float64Array(new SharedArrayBuffer(PARAMS * 8));
  const copies = new WeakMap<Float64Array, Float64Array>();
  let workers: Helper[] | null = null;
  let usable = script !== null;
  let nextId = 0;
  let helperBlocks = 0;

  /** The workers, started on the first pass that is shared: no more than its blocks can keep busy. */
  const started = (blocks: number): Helper[] => {
    if (workers) return workers;
    workers = [];
    // Each thread is started only while the address-space limit has room for it (see roomForThread).
    for (let i = 0; i < Math.min(helpers, blocks - 1) && roomForThread(); i++) {
      const { port1, port2 } = new MessageChannel();
      // WebAssembly on the first worker only: each thread that runs it keeps its own copy of the rows (16 bytes
      // a row per array summed), so more threads would multiply the memory; the others run the JavaScript loops,
      // whose blocks give the same bits, and take fewer blocks as they are slower.
      const setup: WorkerSetup = { control: control.buffer as SharedArrayBuffer, params: params.buffer as SharedArrayBuffer, port: port2, webAssembly: webAssemblyAllowed() && i === 0 };
      const worker = startCompilingOwnCode(() => new Worker(script!, { workerData: setup, transferList: [port2] }));
      worker.unref();
      port1.unref();
      // A worker that cannot start or dies takes the threads with it; the passes go on here.
      worker.on('error', () => void giveUp());
      worker.on('exit', () => void giveUp());
      workers.push({ worker, port: port1 });
    }
    return workers;
  };

  const ids = new WeakMap<Float64Array, number>();
  let nextData = 0;
  /** The shared copy of `a`, refreshed at each bind: rows changed in place are summed as they are now. */
  const shareOf = (a: Float64Array): Float64Array => {
    if (a.buffer instanceof SharedArrayBuffer) return a;
    let copy = copies.get(a);
    if (!copy) {
      copy = new Float64Array(new SharedArrayBuffer(a.byteLength));
      copies.set(a, copy);
    }
    copy.set(a);
    return copy;
  };
  const idOf = (a: Float64Array): number => {
    let id = ids.get(a);
    if (id === undefined) ids.set(a, (id = nextData++));
    return id;
  };

  /** Waits for the workers' blocks: false when one failed or kept a block past the patience. */
  const waitForBlocks = (blocks: number): boolean => {
    const deadline = performance.now() + patience;
    for (;;) {
      // Done before Failed: a worker that fails sets Failed, then moves Done past the end.
      const done = Atomics.load(control, Word.Done);
      if (Atomics.load(control, Word.Failed) !== 0) return false;
      if (done >= blocks) return true;
      const left = deadline - performance.now();
      if (left <= 0) return false;
      Atomics.wait(control, Word.Done, done, left);
    }
  };

  const giveUp = async (): Promise<void> => {
    usable = false;
    const all = workers ?? [];
    workers = [];
    Atomics.store(control, Word.Exit, 1);
    Atomics.add(control, Word.Generation, 1);
    Atomics.notify(control, Word.Generation);
    await Promise.all(
      all.map(async (h) => {
        h.port.close();
        await h.worker.terminate();
      }),
    );
  };

  const bind = (kernel: KernelName, x: Float64Array, y: Float64Array): BlockPass => {
    if (!usable || x.length < minRows) return sequentialPass(kernel, x, y);
    const width = ROW_KERNELS[kernel].width;
    const blocks = blockCount(x.length);
    const running = started(blocks);
    const sx = shareOf(x);
    const sy = shareOf(y);
    const partials = new Float64Array(new SharedArrayBuffer(blocks * width * 8));
    const id = nextId++;
    const message: BindMessage = { id, kernel, x: sx, y: sy, xId: idOf(sx), yId: idOf(sy), partials };
    ROW_KERNELS[kernel].prepare?.(sx, sy);
    for (const h of running) h.port.postMessage(message);
    const mine = new Uint8Array(blocks);
    let alone: BlockPass | undefined;
    return {
      blocks,
      width,
      run(p) {
        if (!usable) return (alone ??= sequentialPass(kernel, sx, sy)).run(p);
        params.set(p);
        mine.fill(0);
        Atomics.store(control, Word.Pass, id);
        Atomics.store(control, Word.Blocks, blocks);
        Atomics.store(control, Word.Done, 0);
        Atomics.store(control, Word.Failed, 0);
        // Everything above is written before the claims open: a worker reads the pass after its claim.
        Atomics.store(control, Word.Next, 0);
        Atomics.add(control, Word.Generation, 1);
        Atomics.notify(control, Word.Generation);
        for (;;) {
          const b = Atomics.add(control, Word.Next, 1);
          if (b >= blocks) break;
          runBlock(kernel, sx, sy, b, params, partials);
          mine[b] = 1;
          Atomics.add(control, Word.Done, 1);
        }
        const finished = waitForBlocks(blocks);
        Atomics.store(control, Word.Next, CLOSED);
        if (finished) {
          for (let b = 0; b < blocks; b++) helperBlocks += 1 - mine[b];
          return partials;
        }
        // A worker failed or is stuck: its blocks are done again here, into memory it cannot write late.
        void giveUp();
        const own = partials.slice();
        for (let b = 0; b < blocks; b++) if (!mine[b]) runBlock(kernel, sx, sy, b, params, own);
        return own;
      },
    };
  };

  return {
    bind,
    get shared() {
      return usable;
    },
    get helperBlocks() {
      return helperBlocks;
    },
    close: giveUp,
  };
}
