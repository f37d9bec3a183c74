/**
 * A worker thread that sums blocks of rows (see threads.ts): it sleeps on the control array's generation
 * word, and at each pass claims blocks one at a time until none are left, writing each block's sums into
 * the pass's shared partials. It never returns to its event loop: bound passes arrive on its port and are
 * read synchronously (receiveMessageOnPort) when a pass names one it has not seen.
 */
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { runBlock } from '../engine/blocks';
import { ROW_KERNELS } from '../engine/rowKernels';
import { allowWebAssembly } from '../engine/wasm/logisticKernel';
import { CLOSED, Word, type BindMessage, type WorkerSetup } from './protocol';

const setup = workerData as WorkerSetup;
const control = new Int32Array(setup.control);
const params = new Float64Array(setup.params);
const passes = new Map<number, BindMessage>();
/** The first array object received for each shared copy (BindMessage.xId, yId). */
const arrays = new Map<number, Float64Array>();
allowWebAssembly(setup.webAssembly);

const first = (id: number, a: Float64Array): Float64Array => {
  const known = arrays.get(id);
  if (known) return known;
  arrays.set(id, a);
  return a;
};

function bound(id: number): BindMessage {
  for (;;) {
    const pass = passes.get(id);
    if (pass) return pass;
    const received = receiveMessageOnPort(setup.port);
    if (!received) throw new Error(`block pass ${id} was never sent`);
    const m = received.message as BindMessage;
    const x = first(m.xId, m.x);
    const y = first(m.yId, m.y);
    ROW_KERNELS[m.kernel].prepare?.(x, y);
    passes.set(m.id, { ...m, x, y });
  }
}

/** Claims and sums blocks of the current pass until none is left. */
function work(): void {
  for (;;) {
    const b = Atomics.add(control, Word.Next, 1);
    // Read after the claim: the caller writes the pass before it opens the claims.
    const blocks = Atomics.load(control, Word.Blocks);
    if (b >= blocks) return;
    try {
      const pass = bound(Atomics.load(control, Word.Pass));
      runBlock(pass.kernel, pass.x, pass.y, b, params, pass.partials);
    } catch {
      // Failed first: a caller that sees Done move sees Failed too.
      Atomics.store(control, Word.Failed, 1);
      Atomics.add(control, Word.Done, CLOSED);
      Atomics.notify(control, Word.Done);
      return;
    }
    if (Atomics.add(control, Word.Done, 1) + 1 >= blocks) Atomics.notify(control, Word.Done);
  }
}

for (;;) {
  // Read before working, so that a pass opened while this one works is not slept through.
  const seen = Atomics.load(control, Word.Generation);
  if (Atomics.load(control, Word.Exit) !== 0) break;
  work();
  Atomics.wait(control, Word.Generation, seen);
}
