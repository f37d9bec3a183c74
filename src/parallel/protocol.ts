/**
 * What the calling thread and the block workers share (see threads.ts): one control array of Int32 words,
 * one Float64 array of the pass's parameters, and per bound pass its data and its block sums, all in
 * SharedArrayBuffers.
 */
import type { KernelName } from '../engine/rowKernels';

/** Words of the control array. */
export const Word = {
  /** Bumped by the caller at the start of each pass; workers sleep on it (Atomics.wait) between passes. */
  Generation: 0,
  /** The next block to claim (Atomics.add): CLOSED between passes. */
  Next: 1,
  /** Blocks of the pass finished; the worker that finishes the last one wakes the caller. */
  Done: 2,
  /** Blocks in the pass. */
  Blocks: 3,
  /** The id of the bound pass being run (see BindMessage). */
  Pass: 4,
  /** Set by a worker whose block threw: the caller then finishes the pass itself. */
  Failed: 5,
  /** Set by the caller when it closes: workers leave their loop. */
  Exit: 6,
} as const;

export const CONTROL_WORDS = 8;
/** Parameters a kernel may read. */
export const PARAMS = 8;
/** Next's value between passes: above any block count, so a late claim gets nothing. */
export const CLOSED = 1 << 30;

/** What a worker is started with (workerData). */
export interface WorkerSetup {
  control: SharedArrayBuffer;
  params: SharedArrayBuffer;
  /** Where BindMessages arrive: read with receiveMessageOnPort when a pass names an id not seen yet. */
  port: import('node:worker_threads').MessagePort;
  /** Whether the kernels may run in WebAssembly (see allowWebAssembly): as on the calling thread. */
  webAssembly: boolean;
}

/** A kernel bound to shared data, sent to each worker before the pass is first run. */
export interface BindMessage {
  id: number;
  kernel: KernelName;
  /** Views of SharedArrayBuffers: a message shares them, it does not copy them. */
  x: Float64Array;
  y: Float64Array;
  /**
   * Which shared copies x and y are (an id each): a message brings new array objects for the same memory, and
   * a worker keeps the first of each, so that what it holds for an array (its WebAssembly copy) is made once.
   */
  xId: number;
  yId: number;
  /** Blocks × the kernel's width: where each block's sums go. */
  partials: Float64Array;
}
