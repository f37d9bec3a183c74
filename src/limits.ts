/**
 * Telling an error that comes from the machine's limits from a real fault. Most say so in their code
 * (resourceError in errors.ts); some do not: a native module that cannot open its files under a small
 * `ulimit -n` is reported by Node as "Cannot find module". So when an error is otherwise unexplained, mlvis
 * checks whether it could open a few more files right now.
 */
import { closeSync, openSync, readFileSync } from 'node:fs';
import { messages, MlvisError, resourceError } from './errors';

/** Whether `count` more files could be opened now (false: the process is at its limit of open files). */
export function roomForFiles(count = 4): boolean {
  const fds: number[] = [];
  try {
    for (let i = 0; i < count; i++) fds.push(openSync('/dev/null', 'r'));
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code !== 'EMFILE' && code !== 'ENFILE';
  } finally {
    for (const fd of fds) closeSync(fd);
  }
}

/** The resource error for `error`: from its own words, or (unexplained) from the files left to open. */
export function exhaustedResource(error: unknown): MlvisError | undefined {
  return resourceError(error) ?? (roomForFiles() ? undefined : new MlvisError(messages.tooManyFiles(), 1, { cause: error }));
}

/**
 * Address space one more V8 isolate (a worker thread) reserves: measured on Node 20 at about 780 MB of virtual
 * memory (its code range and heap reservations), whatever the thread does.
 */
export const THREAD_ADDRESS_SPACE = 1024 * 1024 * 1024;

let addressLimit: number | null | undefined;

/**
 * Whether another thread can start under the process's address-space limit (`ulimit -v`). V8 aborts the whole
 * process (a fatal error no JavaScript sees) when a new isolate cannot reserve its memory; below the limit the
 * caller runs the work on its own thread instead, with the same result. Linux reads /proc; elsewhere, and
 * without a limit, true.
 */
export function roomForThread(): boolean {
  return roomForAddressSpace(THREAD_ADDRESS_SPACE);
}

/**
 * Address space the canvas library needs to draw frames (its allocator's arenas and the frame buffers): below
 * this much room it aborts the process from native code ("memory allocation of N bytes failed"), which no
 * JavaScript sees, so a run checks first and says so in one line instead.
 */
export const DRAWING_ADDRESS_SPACE = 320 * 1024 * 1024;

/** The process's address-space limit in bytes (`ulimit -v`), read once; null without one or off Linux. */
function limitOfAddressSpace(): number | null {
  if (addressLimit === undefined) {
    try {
      const m = /^Max address space\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
      addressLimit = m && m[1] !== 'unlimited' ? Number(m[1]) : null;
    } catch {
      addressLimit = null;
    }
  }
  return addressLimit;
}

/**
 * Whether the process runs under an address-space limit (`ulimit -v`). Each WebAssembly memory reserves some
 * 10 GB of address space however little it holds (its guard region), so under a limit the kernels keep to
 * JavaScript (the same numbers): a reservation could otherwise leave too little room to draw, and refuse a run
 * the JavaScript loops complete.
 */
export function addressSpaceLimited(): boolean {
  return limitOfAddressSpace() !== null;
}

/** Whether `bytes` more of address space fit under `ulimit -v` (true without a limit, or off Linux). */
export function roomForAddressSpace(bytes: number): boolean {
  const addressLimit = limitOfAddressSpace();
  if (addressLimit === null) return true;
  try {
    const used = Number(/^VmSize:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) * 1024;
    return !(used + bytes > addressLimit);
  } catch {
    return true;
  }
}
