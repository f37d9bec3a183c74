/**
 * The logistic pass in WebAssembly (src/engine/wasm): the scalar kernel's sums to the last bit, on data and
 * weights that take every branch of fdlibm's exp and log1p, on odd and even ranges of rows; so is the binned
 * surface's (binnedLoss.wat); the modules committed in kernelsWasm.ts are what src/build/wasm.ts makes of the
 * .wat files; and without WebAssembly both fall back to their scalar loops.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logisticPass, logisticPassScalar, newtonLossScalar, newtonPassScalar } from '../../src/engine/rowKernels';
import { allowWebAssembly, wasmBinnedLoss, wasmLogisticPass, wasmNewton } from '../../src/engine/wasm/logisticKernel';
import { logisticModel } from '../../src/engine/logistic';
import { threadedReducer } from '../../src/parallel/threads';
import { sequentialReducer } from '../../src/engine/blocks';
import { binnedSum } from '../../src/engine/surfaceLoss';
import { kernelBytes, moduleText } from '../../src/build/wasm';

/**
 * Node 20's Math.log1p is fdlibm's, as the module's; later V8s take log1p from LLVM's libc, whose last bit
 * may differ, so there the loss (the one sum with a log1p) is held to 1e-15 and the gradient stays exact.
 */
const FDLIBM_LOG1P = Number(process.versions.node.split('.')[0]) <= 20;

/** The bits of a double, for messages that show which bit moved (a NaN is a NaN, whatever its sign bit and payload). */
const bits = (v: number) => (Number.isNaN(v) ? 'NaN' : Buffer.from(Float64Array.of(v).buffer).readBigUInt64LE().toString(16));

function scalar(x: Float64Array, y: Float64Array, start: number, end: number, w0: number, w1: number): number[] {
  const out = new Float64Array(3);
  logisticPassScalar.sum(x, y, start, end, Float64Array.of(w0, w1), out, 0);
  return Array.from(out);
}

function simd(x: Float64Array, y: Float64Array, start: number, end: number, w0: number, w1: number): number[] {
  const out = new Float64Array(3);
  expect(wasmLogisticPass(x, y, start, end, w0, w1, out, 0)).toBe(true);
  return Array.from(out);
}

function expectSame(a: number[], b: number[]): void {
  expect(b.slice(1).map(bits)).toEqual(a.slice(1).map(bits));
  if (FDLIBM_LOG1P || Object.is(a[0], b[0])) expect(bits(b[0])).toBe(bits(a[0]));
  else expect(Math.abs(b[0] - a[0])).toBeLessThanOrEqual(1e-15 * Math.abs(a[0]));
}

/** x from a fixed sequence: a noisy threshold on [0, 10], random labels on [0, 2], or a wide spread. */
function rows(kind: 'threshold' | 'random' | 'wide', n: number) {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (kind === 'threshold') {
      x[i] = 10 * next();
      y[i] = x[i] + (next() - 0.5) * 4 > 5 ? 1 : 0;
    } else if (kind === 'random') {
      x[i] = 2 * next();
      y[i] = next() < 0.5 ? 0 : 1;
    } else {
      x[i] = (next() - 0.5) * 2000;
      y[i] = next();
    }
  }
  return { x, y };
}

/** 2^e as a double, and the double with the given high word and a zero low word (fdlibm's thresholds). */
const high = (word: number) => new Float64Array(new Uint32Array([0, word]).buffer)[0];
const ulp = (v: number, k: number) => {
  const f = Float64Array.of(v);
  const b = new BigInt64Array(f.buffer);
  b[0] += BigInt(k);
  return f[0];
};

/**
 * z at and beside every threshold of the two functions: exp's 2^−28, ln 2/2 (its own 0x3fd62e42 word), 1.5 ln 2,
 * k < −1021 and the underflow at −745.13; log1p's √2 − 1 (e = 0x3FDA827A…), u = 2, u/2 within 2^−20 of 1,
 * e below 2^−29 and 2^−54; with both signs, ±0, and values that overflow or are not numbers.
 */
function edges(): Float64Array {
  const a = [
    0, 2 ** -60, 2 ** -28, high(0x3fd62e43), Math.LN2 / 2, high(0x3ff0a2b2), 1.5 * Math.LN2, 1, 2, 20.1, 20.2, 37.4, 37.5, 700,
    708.4, 709.78, 744.4, 745.1332191019411, 745.14, 746, 800, 1e6, 1e300,
    // e = exp(−a) at √2 − 1: a = −ln(0x3FDA827A_00000000); u = 1 + e near 2: a tiny.
    -Math.log(high(0x3fda827a)), 1e-6, 3e-6, 4e-6, 1e-7, 1e-10, 1e-17,
  ];
  const out: number[] = [];
  for (const v of a) for (const k of [-2, -1, 0, 1, 2]) for (const sign of [1, -1]) out.push(sign * ulp(v, k));
  out.push(-0, Infinity, -Infinity, NaN);
  // Then densely across each window where the two sides of a threshold are computed differently, since a
  // different path there still agrees with fdlibm's in most rows: the 17 million doubles between ln 2/2 and
  // fdlibm's own word for it; 1.5 ln 2; 2^−28; k = −1021 (a ≈ 707.7); the underflow; e at √2 − 1 (z ≈ 0.8814);
  // u = 1 + e within 2^−20 of 2 (|z| below about 4e-6).
  let seed = 7;
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const windows: [number, number][] = [
    [0.3465, 0.3467], [Math.LN2 / 2 - 2e-9, high(0x3fd62e43) + 2e-9], [1.0396, 1.0399], [2 ** -28 * 0.9, 2 ** -28 * 1.1], [707, 708.5], [745.1, 745.2], [0.88, 0.882], [1e-8, 1e-5],
  ];
  for (const [lo, hi] of windows) for (let i = 0; i < 3000; i++) out.push((next() < 0.5 ? -1 : 1) * (lo + (hi - lo) * next()));
  return Float64Array.from(out);
}

describe('the logistic pass in WebAssembly', () => {
  it.each(['threshold', 'random', 'wide'] as const)('gives the scalar loop\'s sums bit for bit on %s data, any weights, any rows', (kind) => {
    const { x, y } = rows(kind, 20_001);
    const weights = [[0, 0], [-5, 1], [-2, 0.4], [0.1, -0.05], [3, -2], [1e-9, 1e-12], [-700, 2], [100, 100], [0, 1e300], [NaN, 1], [0, Infinity]];
    for (const [w0, w1] of weights) {
      for (const [start, end] of [[0, 20_001], [0, 1], [5, 6], [7, 100], [3, 20_000], [8, 8]]) {
        expectSame(scalar(x, y, start, end, w0, w1), simd(x, y, start, end, w0, w1));
      }
    }
  });

  it('takes every branch of exp and log1p as fdlibm does: z at each threshold, one ulp either side', () => {
    const x = edges();
    for (const label of [0, 1, 0.3]) {
      const y = new Float64Array(x.length).fill(label);
      // w1 = 1, w0 = 0: z is x itself; row by row, since one row's last bit can vanish in a sum of many.
      expectSame(scalar(x, y, 0, x.length, 0, 1), simd(x, y, 0, x.length, 0, 1));
      const mismatches: string[] = [];
      for (let i = 0; i < x.length; i++) {
        const a = scalar(x, y, i, i + 1, 0, 1);
        const b = simd(x, y, i, i + 1, 0, 1);
        const lossSame = bits(a[0]) === bits(b[0]) || (!FDLIBM_LOG1P && Math.abs(b[0] - a[0]) <= 1e-15 * Math.abs(a[0]));
        if (!lossSame || bits(a[1]) !== bits(b[1]) || bits(a[2]) !== bits(b[2])) mismatches.push(`z = ${x[i]}, y = ${label}: ${a.map(bits)} against ${b.map(bits)}`);
      }
      expect(mismatches.slice(0, 5)).toEqual([]);
    }
  });

  it.each([['newtonPass', newtonPassScalar, 10], ['newtonLoss', newtonLossScalar, 2]] as const)(
    "gives %s's compensated sums bit for bit: standardized data, and t at every threshold row by row",
    (kind, scalarKernel, width) => {
      const compare = (x: Float64Array, y: Float64Array, start: number, end: number, params: number[]): string | null => {
        const a = new Float64Array(width);
        const b = new Float64Array(width);
        scalarKernel.sum(x, y, start, end, Float64Array.from(params), a, 0);
        expect(wasmNewton(kind, x, y, start, end, Float64Array.from(params), b, 0)).toBe(true);
        // The loss (newtonLoss's pair) holds a log1p: exact on Node 20 (see FDLIBM_LOG1P).
        const loose = kind === 'newtonLoss' && !FDLIBM_LOG1P;
        const same = Array.from(a).every((v, j) => bits(v) === bits(b[j]) || (loose && Math.abs(v - b[j]) <= 1e-15 * Math.max(1, Math.abs(a[0]))));
        return same ? null : `${kind} rows ${start}–${end} at ${params}: ${Array.from(a).map(bits)} against ${Array.from(b).map(bits)}`;
      };
      const mismatches: string[] = [];
      for (const data of ['threshold', 'random', 'wide'] as const) {
        const { x, y } = rows(data, 20_001);
        for (const params of [[0, 0, 5, 2.9], [-0.3, 1.7, 5, 2.9], [0.1, -40, 1, 0.5], [2, 3, -100, 1e-3], [0, 1e300, 0, 1], [NaN, 1, 0, 1]]) {
          for (const [start, end] of [[0, 20_001], [0, 1], [3, 20_000], [7, 100]]) mismatches.push(compare(x, y, start, end, params) ?? '');
        }
      }
      // mean 0 and sd 1 with w = (0, 1): t is the row's x; every threshold of exp and log1p, a row at a time.
      const t = edges();
      for (const label of [0, 1, 0.3]) {
        const y = new Float64Array(t.length).fill(label);
        for (let i = 0; i < t.length; i += 3) mismatches.push(compare(t, y, i, i + 1, [0, 1, 0, 1]) ?? '');
        mismatches.push(compare(t, y, 0, t.length, [0, 1, 0, 1]) ?? '');
      }
      expect(mismatches.filter(Boolean).slice(0, 5)).toEqual([]);
    },
  );

  it('is what logisticPass runs, and what the training sums give', () => {
    const { x, y } = rows('threshold', 1001);
    const out = new Float64Array(3);
    logisticPass.sum(x, y, 0, 1001, Float64Array.of(-1, 0.3), out, 0);
    expect(Array.from(out)).toEqual(simd(x, y, 0, 1001, -1, 0.3));
  });

  it('is the module that src/build/wasm.ts builds from the .wat files (run npm run wasm after editing one)', async () => {
    const dir = join(__dirname, '..', '..', 'src', 'engine', 'wasm');
    const committed = readFileSync(join(dir, 'kernelsWasm.ts'), 'utf8');
    expect(committed).toBe(moduleText(await kernelBytes((file) => readFileSync(join(dir, file), 'utf8'))));
  });

  it("gives the binned surface's sums bit for bit, bins at every threshold of exp and log1p, odd and even counts", () => {
    const z = edges();
    let seed = 3;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const compare = (cx: Float64Array, cw: Float64Array, cv: Float64Array, w0: number, w1: number): string | null => {
      const a = binnedSum(cx, cw, cv, 12.5, -3.25, 1000)(w0, w1);
      const b = (wasmBinnedLoss(cx, cw, cv)!(w0, w1) - w0 * 12.5 - w1 * -3.25) / 1000;
      const same = bits(a) === bits(b) || (!FDLIBM_LOG1P && Math.abs(b - a) <= 1e-15 * Math.abs(a));
      return same ? null : `bins ${Array.from(cx).slice(0, 3)}… at (${w0}, ${w1}): ${bits(a)} against ${bits(b)}`;
    };
    const cw = Float64Array.from(z, () => 1 + Math.floor(100 * next()));
    const cv = Float64Array.from(z, () => next() * 1e-3);
    const mismatches: string[] = [];
    for (const [w0, w1] of [[0, 1], [0.5, -2], [-3, 0.001], [0, 0], [1e-9, 40]]) {
      // All the bins at once (odd and even counts), then bin by bin: one bin's last bit can vanish in a sum.
      for (const m of [z.length, z.length - 1, 3, 2]) mismatches.push(compare(z.slice(0, m), cw.slice(0, m), cv.slice(0, m), w0, w1) ?? '');
      for (let k = 0; k < z.length; k += 7) mismatches.push(compare(z.slice(k, k + 1), cw.slice(k, k + 1), cv.slice(k, k + 1), w0, w1) ?? '');
    }
    expect(mismatches.filter(Boolean).slice(0, 5)).toEqual([]);
  });

  it('sums rows changed in place as they are now: a model made after the change is not given the old copy', async () => {
    // The library's own models may be made on arrays a caller rewrites between two models (the CLI never does).
    const threads = threadedReducer({ minRows: 1000 });
    try {
      // On this thread, and shared with a worker (three blocks of 2^16 rows: the worker sums some).
      for (const [sums, n] of [[sequentialReducer, 5001], [threads, 140_001]] as const) {
        const { x, y } = rows('threshold', n);
        const before = logisticModel(x, y, sums).loss(Float64Array.of(-2, 0.4));
        const { x: x2, y: y2 } = rows('wide', n);
        x.set(x2.map((v) => v / 100));
        y.set(y2.map((v) => (v > 0.5 ? 1 : 0)));
        // Many passes, so that the worker is up and takes blocks of some of them.
        const model = logisticModel(x, y, sums);
        for (let k = 0; k < 60; k++) model.loss(Float64Array.of(-2 + k / 1000, 0.4));
        const after = model.loss(Float64Array.of(-2, 0.4));
        const fresh = logisticModel(Float64Array.from(x), Float64Array.from(y), sequentialReducer).loss(Float64Array.of(-2, 0.4));
        expect(after).not.toBe(before);
        expect(bits(after)).toBe(bits(fresh));
      }
      expect(threads.helperBlocks).toBeGreaterThan(0);
    } finally {
      await threads.close();
    }
  });

  it('keeps to the scalar loops when switched off (as mlvis does under ulimit -v), with the same sums', () => {
    const { x, y } = rows('threshold', 301);
    const on = simd(x, y, 0, 301, -2, 0.4);
    allowWebAssembly(false);
    try {
      expect(wasmLogisticPass(x, y, 0, 301, -2, 0.4, new Float64Array(3), 0)).toBe(false);
      expect(wasmNewton('newtonLoss', x, y, 0, 301, Float64Array.of(0, 1, 5, 2), new Float64Array(2), 0)).toBe(false);
      expect(wasmBinnedLoss(x, y, y)).toBeNull();
      const out = new Float64Array(3);
      logisticPass.sum(x, y, 0, 301, Float64Array.of(-2, 0.4), out, 0);
      expect(Array.from(out).map(bits)).toEqual(on.map(bits));
    } finally {
      allowWebAssembly(true);
    }
  });

  it('falls back to the scalar loop where WebAssembly is missing (node --jitless)', () => {
    const global = globalThis as { WebAssembly?: unknown };
    const saved = global.WebAssembly;
    try {
      global.WebAssembly = undefined;
      jest.isolateModules(() => {
        const kernels = require('../../src/engine/rowKernels') as typeof import('../../src/engine/rowKernels');
        const lonely = require('../../src/engine/wasm/logisticKernel') as typeof import('../../src/engine/wasm/logisticKernel');
        const { x, y } = rows('random', 101);
        const out = new Float64Array(3);
        expect(lonely.wasmLogisticPass(x, y, 0, 101, 0.2, 0.1, out, 0)).toBe(false);
        expect(lonely.wasmBinnedLoss(x, y, y)).toBeNull();
        expect(lonely.wasmNewton('newtonPass', x, y, 0, 101, Float64Array.of(0, 1, 0, 1), new Float64Array(10), 0)).toBe(false);
        kernels.logisticPass.sum(x, y, 0, 101, Float64Array.of(0.2, 0.1), out, 0);
        expect(Array.from(out)).toEqual(scalar(x, y, 0, 101, 0.2, 0.1));
      });
    } finally {
      global.WebAssembly = saved;
    }
  });
});
