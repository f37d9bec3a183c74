/**
 * Gives each drawn frame's pixels back as soon as the frame is encoded.
 *
 * Every frame read from @napi-rs/canvas is a fresh native allocation (1.8 MB at 960×480), owned by a small
 * JavaScript Buffer and freed only when the garbage collector finalizes that Buffer. V8 counts that memory
 * as external and collects for it only past some 64 MB, so a 100-frame run held dozens of dead frames at a
 * time, and new frames kept landing on memory never touched before. Here first-touch memory is dear (the
 * kernel zeroes it, and the virtual machine's host backs it on demand: perf shows clear_page_erms under
 * folio_zero_user): a frame read then took 4.8 ms instead of 0.1, in stretches of 30 frames, and the reads
 * of 100 frames took anywhere from 12 to 300 ms from one run of the same command to the next. A minor
 * collection once every RECLAIM_BYTES of frames frees the frames nothing holds any more, and the next
 * frames reuse their memory while it is warm. A collection costs 0.3–0.6 ms inside a run (not the 0.05 ms
 * of an empty heap), yet a short interval measured faster than a long one. (Not because the canvas
 * library's allocator, mimalloc, gives free memory back after 10 ms: with that switched off,
 * MIMALLOC_PURGE_DELAY=-1, every 9 frames was no faster. Probably a few frames' memory stays in the caches.)
 * Medians of 21 alternate runs of the default animation, one session per line:
 *   GIF: every frame 337 ms, every 2 frames 328, every 4 frames 336;
 *   MP4: every frame 444 ms, every 2 frames 430, every 4 frames 431;
 *   GIF: every frame 369 ms, every 8 frames 350, never 404 (peak RSS 135, 150 and 185 MB);
 *   MP4: every frame 442 ms, every 9 frames 472.
 *
 * The collector is reached through V8's gc extension: the flag is switched on just long enough to take the
 * function out of a fresh context, and switched off again, so nothing else in the process sees a `gc`
 * global. Where that is not possible the frames are left to V8's own timing, as before.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isMainThread } from 'node:worker_threads';

type Collect = (options: { type: 'minor' }) => void;

/** Bytes of frames drawn between two collections: every other frame at 960x480. */
export const RECLAIM_BYTES = 3 * 1024 * 1024;

let collect: Collect | null | undefined;
/**
 * Whether these collections run on this thread alone. V8 otherwise shares a minor collection out to its
 * helper threads, and on two cores those are busy compiling this run's code or running the GIF thread: the
 * collections then took 26–43 ms of the default animation's main thread, and 12–24 ms alone. The switch is
 * V8's --parallel-scavenge, turned off for our call and on again. V8 has no way to read a flag back, so it
 * is left alone where it may have been set otherwise: when node was started with a choice about it
 * (--no-parallel-scavenge, --single-threaded[-gc], --predictable; node refuses these in NODE_OPTIONS), and
 * on worker threads, whose execArgv need not be the process's while the flag is the whole process's.
 * (A program that turns it off at run time with v8.setFlagsFromString finds it on again after a run.)
 */
let serialOnce: boolean | undefined;
let since = 0;

function obtain(): Collect | null {
  // V8's own gc when node runs with --expose-gc; a function of the program's that happens to be called gc is not it.
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function' && /\{\s*\[native code\]\s*\}$/.test(Function.prototype.toString.call(exposed))) return exposed as Collect;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as Collect) : null;
  } catch {
    return null;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}

/**
 * Call once a frame of `bytes` has been handed to every encoder: after every `every` bytes of frames, a
 * young-generation collection.
 */
export function reclaimFrames(bytes: number, every = RECLAIM_BYTES): void {
  since += bytes;
  if (since < every) return;
  since = 0;
  if (collect === undefined) collect = obtain();
  if (!collect) return;
  serialOnce ??= isMainThread && !/parallel[-_]scavenge|single[-_]threaded|predictable/.test(process.execArgv.join(' '));
  if (!serialOnce) return collect({ type: 'minor' });
  setFlagsFromString('--no-parallel-scavenge');
  try {
    collect({ type: 'minor' });
  } finally {
    setFlagsFromString('--parallel-scavenge');
  }
}
