/**
 * The sums over data rows that cost a pass over a million rows, as kernels over a range of rows: pure
 * functions of (x, y, the rows, the parameters) with no state between calls, so that any thread may run any
 * block (see blocks.ts) and give the same bits. A worker thread imports this file by itself: it imports
 * nothing but the logistic pass's WebAssembly (wasm/logisticKernel.ts).
 */
import { prepareWasm, wasmLogisticPass, wasmNewton } from './wasm/logisticKernel';

/** A sum over rows [start, end) of (x, y) at `params`, written to out[at], …, out[at + width − 1]. */
export interface RowKernel {
  /** How many numbers one block's sum is. */
  readonly width: number;
  sum(x: Float64Array, y: Float64Array, start: number, end: number, params: Float64Array, out: Float64Array, at: number): void;
  /** Called when a pass is bound to x and y, on each thread that will sum them (the WebAssembly kernels copy the rows then). */
  prepare?(x: Float64Array, y: Float64Array): void;
}

/**
 * Math's functions, looked up once: in a vm context (Jest's test environment) each use of the global Math
 * goes through the context's interceptor, which made a million-row pass 20 times slower there. The same
 * functions, so the same bits.
 */
const { abs, exp, log1p } = Math;

/** Rows per chunk of the logistic pass's scratch arrays: small enough to stay in the L1 cache. */
const CHUNK = 512;
const expScratch = new Float64Array(CHUNK);
const logScratch = new Float64Array(CHUNK);

/**
 * The logistic loss and gradient at (w0, w1) = params[0..1]: the sums of softplus(zₙ) − yₙ·zₙ, of
 * pₙ − yₙ and of (pₙ − yₙ)·xₙ, with zₙ = w1·xₙ + w0. One e = e^(−|z|) a row gives both, never log(0) and no
 * overflow: softplus(z) = max(z, 0) + log1p(e), p = 1/(1 + e) for z ≥ 0 and e/(1 + e) below.
 *
 * The exps of a chunk, then their log1ps, then the sums, in three loops: each exp then waits for nothing,
 * where one loop would wait for each exp before its log1p (12 ms a million rows against 16 on this
 * machine). The sums are in row order and the arithmetic of each row is the one-loop form's: the same bits.
 */
export const logisticPassScalar: RowKernel = {
  width: 3,
  sum(x, y, start, end, params, out, at) {
    const w0 = params[0];
    const w1 = params[1];
    let s = 0;
    let g0 = 0;
    let g1 = 0;
    for (let a = start; a < end; a += CHUNK) {
      const b = Math.min(end, a + CHUNK);
      for (let i = a; i < b; i++) expScratch[i - a] = exp(-abs(w1 * x[i] + w0));
      for (let k = 0; k < b - a; k++) logScratch[k] = log1p(expScratch[k]);
      for (let i = a; i < b; i++) {
        const z = w1 * x[i] + w0;
        const e = expScratch[i - a];
        const l = logScratch[i - a];
        s += (z > 0 ? z + l : l) - y[i] * z;
        const err = (z >= 0 ? 1 / (1 + e) : e / (1 + e)) - y[i];
        g0 += err;
        g1 += err * x[i];
      }
    }
    out[at] = s;
    out[at + 1] = g0;
    out[at + 2] = g1;
  },
};

/** σ(z) = 1/(1+e^(−z)) without overflow for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + exp(-z));
  const e = exp(z);
  return e / (1 + e);
}

/** log(1 + e^z) without overflow or log(0): max(z, 0) + log1p(e^(−|z|)). */
export function softplus(z: number): number {
  return z > 0 ? z + log1p(exp(-z)) : log1p(exp(z));
}

/**
 * The Hessian of the logistic loss at (w0, w1) = params[0..1], as the sums of wₙ, wₙ·xₙ and wₙ·xₙ², with
 * wₙ = pₙ(1 − pₙ).
 */
export const logisticHessian: RowKernel = {
  width: 3,
  sum(x, _y, start, end, params, out, at) {
    const w0 = params[0];
    const w1 = params[1];
    let h00 = 0;
    let h01 = 0;
    let h11 = 0;
    for (let i = start; i < end; i++) {
      const p = sigmoid(w1 * x[i] + w0);
      const w = p * (1 - p);
      h00 += w;
      h01 += w * x[i];
      h11 += w * x[i] * x[i];
    }
    out[at] = h00;
    out[at + 1] = h01;
    out[at + 2] = h11;
  },
};

/**
 * One Newton step's sums on standardized x, zₙ = (xₙ − mean)/sd with (w0, w1, mean, sd) = params[0..3]: the
 * gradient's Σ eₙ, Σ eₙ·zₙ and the Hessian's Σ wₙ, Σ wₙ·zₙ, Σ wₙ·zₙ² (eₙ = pₙ − yₙ, wₙ = pₙ(1 − pₙ)), each
 * summed with Neumaier's compensation: out holds (sum, compensation) pairs, in that order.
 */
export const newtonPassScalar: RowKernel = {
  width: 10,
  sum(x, y, start, end, params, out, at) {
    const w0 = params[0];
    const w1 = params[1];
    const mean = params[2];
    const sd = params[3];
    let s0 = 0;
    let c0 = 0;
    let s1 = 0;
    let c1 = 0;
    let s2 = 0;
    let c2 = 0;
    let s3 = 0;
    let c3 = 0;
    let s4 = 0;
    let c4 = 0;
    let t = 0;
    for (let i = start; i < end; i++) {
      const z = (x[i] - mean) / sd;
      const p = sigmoid(w1 * z + w0);
      const e = p - y[i];
      const w = p * (1 - p);
      // Neumaier: t = s + v; c += (|s| ≥ |v| ? s − t + v : v − t + s); s = t.
      let v = e;
      t = s0 + v;
      c0 += abs(s0) >= abs(v) ? s0 - t + v : v - t + s0;
      s0 = t;
      v = e * z;
      t = s1 + v;
      c1 += abs(s1) >= abs(v) ? s1 - t + v : v - t + s1;
      s1 = t;
      v = w;
      t = s2 + v;
      c2 += abs(s2) >= abs(v) ? s2 - t + v : v - t + s2;
      s2 = t;
      v = w * z;
      t = s3 + v;
      c3 += abs(s3) >= abs(v) ? s3 - t + v : v - t + s3;
      s3 = t;
      v = w * z * z;
      t = s4 + v;
      c4 += abs(s4) >= abs(v) ? s4 - t + v : v - t + s4;
      s4 = t;
    }
    out[at] = s0;
    out[at + 1] = c0;
    out[at + 2] = s1;
    out[at + 3] = c1;
    out[at + 4] = s2;
    out[at + 5] = c2;
    out[at + 6] = s3;
    out[at + 7] = c3;
    out[at + 8] = s4;
    out[at + 9] = c4;
  },
};

/**
 * The logistic loss on standardized x (params as newtonPass's) as Σ softplus(tₙ) − yₙ·tₙ, tₙ = w1·zₙ + w0,
 * summed with Neumaier's compensation: (sum, compensation).
 */
export const newtonLossScalar: RowKernel = {
  width: 2,
  sum(x, y, start, end, params, out, at) {
    const w0 = params[0];
    const w1 = params[1];
    const mean = params[2];
    const sd = params[3];
    let s = 0;
    let c = 0;
    for (let i = start; i < end; i++) {
      const z = (x[i] - mean) / sd;
      const t = w1 * z + w0;
      const v = softplus(t) - y[i] * t;
      const u = s + v;
      c += abs(s) >= abs(v) ? s - u + v : v - u + s;
      s = u;
    }
    out[at] = s;
    out[at + 1] = c;
  },
};

/** Every kernel, by the name a worker thread is told. */
type Sum = RowKernel['sum'];

/**
 * A kernel that sums in WebAssembly where it runs (wasm/logisticPass.wat: the same arithmetic, two rows at a
 * time, the same bits, faster), else as `scalar` does, which is also the reference its WebAssembly is tested
 * against. `inWasm` returns false, having written nothing, where it cannot run.
 */
function wasmFirst(scalar: RowKernel, inWasm: (...args: Parameters<Sum>) => boolean): RowKernel {
  return {
    width: scalar.width,
    prepare: prepareWasm,
    sum(x, y, start, end, params, out, at) {
      if (!inWasm(x, y, start, end, params, out, at)) scalar.sum(x, y, start, end, params, out, at);
    },
  };
}

export const logisticPass = wasmFirst(logisticPassScalar, (x, y, start, end, params, out, at) => wasmLogisticPass(x, y, start, end, params[0], params[1], out, at));
export const newtonPass = wasmFirst(newtonPassScalar, (...args) => wasmNewton('newtonPass', ...args));
export const newtonLoss = wasmFirst(newtonLossScalar, (...args) => wasmNewton('newtonLoss', ...args));

export const ROW_KERNELS = { logisticPass, logisticHessian, newtonPass, newtonLoss } satisfies Record<string, RowKernel>;
export type KernelName = keyof typeof ROW_KERNELS;
