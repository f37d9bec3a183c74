import { planeLoss } from './model';
import { isSampled, type Objective } from './objective';
import { wasmBinnedLoss } from './wasm/logisticKernel';

/** Above this many points the logistic surface is evaluated on binned x (display only, never reported). */
const EXACT_LIMIT = 4096;
/** Bins of x for the surface of more points. */
const BINS = 2048;

/** Looked up once: in a vm context (Jest's) each use of the global Math is slow (see rowKernels.ts). */
const { abs, exp, floor, log1p, min } = Math;

/**
 * The cross-entropy as drawn on the surface. On many points x is grouped into BINS bins of equal width; the
 * y·z term stays exact, and each bin's mean of softplus(zₙ) is taken by its expansion about the bin's mean
 * z̄ to second order, softplus(z̄) + ½·σ(z̄)(1 − σ(z̄))·w1²·var(x in the bin), an error of fourth order in w1
 * times the bin width. Against the exact loss, where 4096 bins without the second-order term were 1e-11 to
 * 3e-5 off (relative): on the 1M-row benchmark data 1e-14 near the optimum and 1e-10 at weights a thousand
 * times as steep; on heavy-tailed x (test/engine/surfaceLoss.test.ts) 1e-10 near the optimum and the same
 * 3e-5 at weights 300 times as steep. A 128 × 128 grid costs 2048 bins a point instead of 4096, their exps,
 * log1ps and sums in three loops as in the logistic pass (0.34 s instead of 1.6 on a million points), or
 * in WebAssembly where it runs (wasm/binnedLoss.wat, the same bits).
 */
export function binnedLoss(model: Objective): (w0: number, w1: number) => number {
  if (!isSampled(model) || model.n <= EXACT_LIMIT) return planeLoss(model);
  const { x, y, n } = model;
  let xmin = Infinity;
  let xmax = -Infinity;
  let sy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    if (x[i] < xmin) xmin = x[i];
    if (x[i] > xmax) xmax = x[i];
    sy += y[i];
    sxy += x[i] * y[i];
  }
  const width = (xmax - xmin) / BINS || 1;
  const binOf = (v: number) => min(BINS - 1, floor((v - xmin) / width));
  const count = new Float64Array(BINS);
  const sum = new Float64Array(BINS);
  for (let i = 0; i < n; i++) {
    const b = binOf(x[i]);
    count[b] += 1;
    sum[b] += x[i];
  }
  const mean = sum.map((s, b) => (count[b] > 0 ? s / count[b] : 0));
  // Centred, in a second pass: the spread within a bin is tiny against x's offset.
  const squares = new Float64Array(BINS);
  for (let i = 0; i < n; i++) {
    const b = binOf(x[i]);
    const d = x[i] - mean[b];
    squares[b] += d * d;
  }
  const used = [...count.keys()].filter((b) => count[b] > 0);
  const cx = Float64Array.from(used, (b) => mean[b]);
  const cw = Float64Array.from(used, (b) => count[b]);
  // Half the bin's variance: the weight of w1²·σ(1 − σ).
  const cv = Float64Array.from(used, (b) => squares[b] / count[b] / 2);
  // The bins' sum in WebAssembly (wasm/binnedLoss.wat: the loop below, bit for bit; a million-row surface took
  // ~0.25 s instead of ~0.45 in a profile).
  const simd = wasmBinnedLoss(cx, cw, cv);
  if (simd) return (w0, w1) => (simd(w0, w1) - w0 * sy - w1 * sxy) / n;
  return binnedSum(cx, cw, cv, sy, sxy, n);
}

/** The binned loss's scalar loop: where WebAssembly cannot run, and the reference for binnedLoss.wat. */
export function binnedSum(cx: Float64Array, cw: Float64Array, cv: Float64Array, sy: number, sxy: number, n: number): (w0: number, w1: number) => number {
  const ex = new Float64Array(cx.length);
  const lg = new Float64Array(cx.length);
  return (w0, w1) => {
    const w1sq = w1 * w1;
    const m = cx.length;
    // The exps, then their log1ps, then the sums: each call then waits for no other (see logisticPass).
    for (let k = 0; k < m; k++) ex[k] = exp(-abs(w1 * cx[k] + w0));
    for (let k = 0; k < m; k++) lg[k] = log1p(ex[k]);
    let s = 0;
    for (let k = 0; k < m; k++) {
      const z = w1 * cx[k] + w0;
      const e = ex[k];
      const q = 1 + e;
      // softplus(z) = max(z, 0) + log1p(e), and σ(1 − σ) = e/(1 + e)², never overflowing.
      s += cw[k] * ((z > 0 ? z + lg[k] : lg[k]) + (e / (q * q)) * w1sq * cv[k]);
    }
    return (s - w0 * sy - w1 * sxy) / n;
  };
}
