/**
 * The logistic pass, and the Newton optimum's two passes, in WebAssembly (logisticPass.wat, built by
 * src/build/wasm.ts): the scalar kernels' sums
 * to the last bit, 1.6 to 2.4 times as fast on this machine (7.5 ms a million rows against 12 to 18), and as
 * fast on any data: the scalar loop's cost depends on the data, as Math.exp takes longer for |z| beyond ln 2/2
 * and the branches on the sign of z are mispredicted when that sign changes at random from row to row.
 *
 * The rows are copied into a module instance's memory (x at byte 0, y at byte 8n; the sums come back at byte
 * 16n): one instance per pair of arrays summed on a thread, 16 bytes a row, and the copy is made afresh each
 * time a pass is bound to them (prepareWasm, from blocks.ts and src/parallel), so rows changed in place
 * between two models are summed as they are now. Where WebAssembly is not available (node --jitless), is
 * switched off (allowWebAssembly(false): mlvis does so under an address-space limit, since each memory
 * reserves some 10 GB of address space however small it is) or the memory cannot be had, the caller keeps its
 * scalar loop: the same numbers, slower.
 */
import { BINNED_LOSS_WASM, LOGISTIC_PASS_WASM } from './kernelsWasm';

/** The few parts of the WebAssembly global used here (the TypeScript setup declares no DOM library). */
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (d: { initial: number }) => { buffer: ArrayBuffer };
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as { WebAssembly?: Wasm }).WebAssembly;

type Newton = (start: number, end: number, n: number, w0: number, w1: number, mean: number, sd: number) => void;

interface Instance {
  /** The instance's copies of the rows. */
  x: Float64Array;
  y: Float64Array;
  pass(start: number, end: number, n: number, w0: number, w1: number): void;
  newtonPass: Newton;
  newtonLoss: Newton;
  /** Where a function leaves its sums: 3 for the pass, 10 for newtonPass, 2 for newtonLoss. */
  sums: Float64Array;
}

const compiled = new Map<string, object | null>();
/** Instances by x, then by y: one pair of arrays, one copy of its rows on this thread. */
const instances = new WeakMap<Float64Array, WeakMap<Float64Array, Instance | null>>();
let allowed = true;

/**
 * Whether the kernels may run in WebAssembly on this thread (on by default). Off, every pass runs its
 * JavaScript loop: mlvis switches it off where an address-space limit is set (ulimit -v), as each
 * WebAssembly memory reserves some 10 GB of address space, and tells its block workers the same.
 */
export function allowWebAssembly(on: boolean): void {
  allowed = on;
}

/** Whether allowWebAssembly left the kernels on. */
export function webAssemblyAllowed(): boolean {
  return allowed;
}

/** A kernel's module, compiled once per thread; null where WebAssembly cannot. */
function compiledModule(base64: string): object | null {
  if (!compiled.has(base64)) {
    try {
      compiled.set(base64, wasm ? new wasm.Module(Buffer.from(base64, 'base64')) : null);
    } catch {
      compiled.set(base64, null);
    }
  }
  return compiled.get(base64) ?? null;
}

/** A fresh instance of a kernel with `bytes` of memory; null where WebAssembly cannot give it. */
function instantiate(base64: string, bytes: number): { exports: Record<string, unknown>; buffer: ArrayBuffer } | null {
  const module = compiledModule(base64);
  if (!module || !wasm) return null;
  try {
    const memory = new wasm.Memory({ initial: Math.ceil(bytes / 65536) || 1 });
    return { exports: new wasm.Instance(module, { env: { memory } }).exports, buffer: memory.buffer };
  } catch {
    return null;
  }
}

/** The module instance for x and y on this thread, made (and filled) on first use; null where WebAssembly cannot run it. */
function instanceFor(x: Float64Array, y: Float64Array): Instance | null {
  if (!allowed) return null;
  const known = instances.get(x)?.get(y);
  return known !== undefined ? known : made(x, y);
}

/** A new instance holding x and y (null where WebAssembly cannot give one), remembered for them. */
function made(x: Float64Array, y: Float64Array): Instance | null {
  const n = x.length;
  const instance = y.length === n ? instantiate(LOGISTIC_PASS_WASM, 16 * n + 80) : null;
  let k: Instance | null = null;
  if (instance) {
    const { logisticPass, newtonPass, newtonLoss } = instance.exports;
    k = {
      x: new Float64Array(instance.buffer, 0, n),
      y: new Float64Array(instance.buffer, 8 * n, n),
      pass: logisticPass as Instance['pass'],
      newtonPass: newtonPass as Newton,
      newtonLoss: newtonLoss as Newton,
      sums: new Float64Array(instance.buffer, 16 * n, 10),
    };
    k.x.set(x);
    k.y.set(y);
  }
  let byY = instances.get(x);
  if (!byY) instances.set(x, (byY = new WeakMap()));
  byY.set(y, k);
  return k;
}

/**
 * Copies x and y into their instance afresh (making it if need be): called when a pass is bound to them, so
 * that a model made after its rows changed in place sums the rows as they are.
 */
export function prepareWasm(x: Float64Array, y: Float64Array): void {
  if (!allowed) return;
  const known = instances.get(x)?.get(y);
  if (known === undefined) made(x, y);
  else if (known) {
    known.x.set(x);
    known.y.set(y);
  }
}

/**
 * The logistic pass's three sums over rows [start, end) at (w0, w1), into out[at..at+2], in WebAssembly;
 * false (and nothing written) where it cannot run.
 */
export function wasmLogisticPass(x: Float64Array, y: Float64Array, start: number, end: number, w0: number, w1: number, out: Float64Array, at: number): boolean {
  const k = instanceFor(x, y);
  if (!k) return false;
  k.pass(start, end, x.length, w0, w1);
  out[at] = k.sums[0];
  out[at + 1] = k.sums[1];
  out[at + 2] = k.sums[2];
  return true;
}

/**
 * A Newton pass's sums over rows [start, end) at params = (w0, w1, mean, sd) (rowKernels.ts's newtonPass, 10
 * numbers, or newtonLoss, 2) into out[at…], in WebAssembly; false where it cannot run.
 */
export function wasmNewton(kind: 'newtonPass' | 'newtonLoss', x: Float64Array, y: Float64Array, start: number, end: number, params: Float64Array, out: Float64Array, at: number): boolean {
  const k = instanceFor(x, y);
  if (!k) return false;
  k[kind](start, end, x.length, params[0], params[1], params[2], params[3]);
  const width = kind === 'newtonPass' ? 10 : 2;
  for (let j = 0; j < width; j++) out[at + j] = k.sums[j];
  return true;
}

/**
 * The binned surface's sum at (w0, w1) over bins of means `cx`, counts `cw` and halved variances `cv`
 * (surfaceLoss.ts), in WebAssembly (binnedLoss.wat): its scalar loop's bits, about twice as fast. Null where
 * WebAssembly cannot run; the caller then keeps its loop.
 */
export function wasmBinnedLoss(cx: Float64Array, cw: Float64Array, cv: Float64Array): ((w0: number, w1: number) => number) | null {
  const m = cx.length;
  const instance = allowed ? instantiate(BINNED_LOSS_WASM, 24 * m + 8) : null;
  if (!instance) return null;
  new Float64Array(instance.buffer, 0, m).set(cx);
  new Float64Array(instance.buffer, 8 * m, m).set(cw);
  new Float64Array(instance.buffer, 16 * m, m).set(cv);
  const sum = instance.exports.binnedLoss as (m: number, w0: number, w1: number) => number;
  return (w0, w1) => sum(m, w0, w1);
}
