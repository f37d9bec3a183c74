/**
 * Sums over the rows of a data set in a fixed order, whoever computes them. The rows are cut into blocks of
 * BLOCK_ROWS; a pass runs a kernel (rowKernels.ts) over each block on its own, from zero in row order, and
 * the caller adds the blocks' sums in block order. The result depends on the data and the parameters only:
 * one thread or several, in any schedule, give the same bits, and data of one block sums exactly as one loop.
 *
 * The engine only declares how passes are run (BlockReducer) and runs them here, on the calling thread; the
 * library injects one that shares the blocks with worker threads (src/parallel), through the problem's
 * set-up (ProblemConfig.sums).
 */
import { ROW_KERNELS, type KernelName } from './rowKernels';

/** Rows per block: 2^16, so that 1,000,000 rows are 16 blocks to share out. */
export const BLOCK_ROWS = 1 << 16;

/** How many blocks n rows are cut into (at least one, so that a sum over no rows is one block of zeros). */
export function blockCount(n: number): number {
  return Math.max(1, Math.ceil(n / BLOCK_ROWS));
}

/** A kernel bound to data: each run is one pass over the rows. */
export interface BlockPass {
  readonly blocks: number;
  /** The kernel's width: the numbers each block's sum has. */
  readonly width: number;
  /**
   * One pass at `params`: block b's sums in partials[b·width], …, partials[b·width + width − 1]. The array is
   * the pass's own and is overwritten by its next run.
   */
  run(params: Float64Array): Float64Array;
}

/** Runs passes over blocks of rows: on this thread, or shared with others (see src/parallel). */
export interface BlockReducer {
  bind(kernel: KernelName, x: Float64Array, y: Float64Array): BlockPass;
}

/** Every block of a pass on the calling thread, in block order. */
export function sequentialPass(kernel: KernelName, x: Float64Array, y: Float64Array): BlockPass {
  const k = ROW_KERNELS[kernel];
  const n = x.length;
  const blocks = blockCount(n);
  const partials = new Float64Array(blocks * k.width);
  k.prepare?.(x, y);
  return {
    blocks,
    width: k.width,
    run(params) {
      for (let b = 0; b < blocks; b++) runBlock(kernel, x, y, b, params, partials);
      return partials;
    },
  };
}

/** Block b of a pass, into its place in `partials`. */
export function runBlock(kernel: KernelName, x: Float64Array, y: Float64Array, b: number, params: Float64Array, partials: Float64Array): void {
  const k = ROW_KERNELS[kernel];
  k.sum(x, y, b * BLOCK_ROWS, Math.min(x.length, (b + 1) * BLOCK_ROWS), params, partials, b * k.width);
}

/** The default: every pass on the calling thread. */
export const sequentialReducer: BlockReducer = { bind: sequentialPass };

/** Column k of a pass's block sums, added in block order (the first block's sum exactly, for one block). */
export function blockSum(partials: Float64Array, width: number, blocks: number, k: number): number {
  let s = partials[k];
  for (let b = 1; b < blocks; b++) s += partials[b * width + k];
  return s;
}

/**
 * A compensated sum from the blocks' (sum, compensation) pairs at columns k and k + 1, in block order:
 * Neumaier over the blocks' sums, plus their compensations. For one block it is that block's sum + its
 * compensation, as one compensated loop over the rows gives.
 */
export function blockCompensatedSum(partials: Float64Array, width: number, blocks: number, k: number): number {
  let s = 0;
  let c = 0;
  for (let b = 0; b < blocks; b++) {
    const v = partials[b * width + k];
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
    c += partials[b * width + k + 1];
  }
  return s + c;
}
