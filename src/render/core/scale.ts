import { ticks as roundTicks } from 'd3-array';
import { formatCompact, formatNumber, formatPowerOfTen, formatTicks } from './format';

/** A mapping from data values to pixels along one axis, with round-number ticks and their labels. */
export interface Axis {
  readonly domain: [number, number];
  readonly range: [number, number];
  /** Data value to pixel; linear or logarithmic. Non-finite in, non-finite out. */
  map(v: number): number;
  readonly ticks: number[];
  readonly labels: string[];
}

/**
 * A linear axis. The domain is used as given (never widened by `nice()`, so the plot shows exactly the
 * window asked for); ticks are d3's round numbers inside it, about `count` of them.
 */
export function linearAxis(domain: [number, number], range: [number, number], count: number): Axis {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = (r1 - r0) / (d1 - d0);
  const ticks = roundTicks(domain[0], domain[1], Math.max(2, count));
  return { domain, range, map: (v) => r0 + (v - d0) * k, ticks, labels: formatTicks(ticks) };
}

/**
 * A base-10 logarithmic axis over a positive domain. Ticks: 1-2-5 or 1-3 steps when they are few enough (a
 * decade or two in view), else powers of ten (every m-th, so that about `count` remain); under one decade, single-digit
 * multiples, else plain linear ticks. Labels are compact ("0.5", "200k", "5M"), or 10ⁿ beyond that range.
 */
export function logAxis(domain: [number, number], range: [number, number], count: number): Axis {
  const [l0, l1] = [Math.log10(domain[0]), Math.log10(domain[1])];
  const [r0, r1] = range;
  const k = (r1 - r0) / (l1 - l0);
  const map = (v: number) => r0 + (Math.log10(v) - l0) * k;
  const wanted = Math.max(2, count);
  const e0 = Math.ceil(l0 - 1e-9);
  const e1 = Math.floor(l1 + 1e-9);
  const multiples = (mults: number[]) => {
    const out = new Set<number>();
    for (let e = Math.floor(l0); e <= Math.ceil(l1); e++) {
      for (const m of mults) {
        const v = Number((m * 10 ** e).toPrecision(12));
        if (v >= domain[0] && v <= domain[1]) out.add(v);
      }
    }
    return [...out].sort((a, b) => a - b);
  };
  const compact = (ticks: number[]) => ticks.map(formatCompact);
  const plain = (ticks: number[]) => ({ domain, range, map, ticks, labels: compact(ticks).map((l, i) => l ?? formatNumber(ticks[i], 3)) });

  // 1-2-5 steps crowd unevenly (1→2 is closer than 2→5), so they get fewer slots than 1-3 steps.
  for (const [mults, most] of [
    [[1, 2, 5], Math.round(wanted * 0.75)],
    [[1, 3], wanted],
  ] as const) {
    const ticks = multiples([...mults]);
    if (ticks.length >= 3 && ticks.length <= most && compact(ticks).every((l) => l !== null)) return plain(ticks);
  }
  if (e1 - e0 + 1 >= 2) {
    const stride = Math.max(1, Math.ceil((e1 - e0 + 1) / wanted));
    const exps: number[] = [];
    for (let e = Math.ceil(e0 / stride) * stride; e <= e1; e += stride) exps.push(e);
    const ticks = exps.map((e) => 10 ** e);
    if (compact(ticks).every((l) => l !== null)) return plain(ticks);
    return { domain, range, map, ticks, labels: exps.map(formatPowerOfTen) };
  }
  const digits = multiples([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  if (digits.length >= 2 && digits.length <= wanted + 1) return plain(digits);
  const ticks = roundTicks(domain[0], domain[1], wanted);
  return { domain, range, map, ticks, labels: formatTicks(ticks) };
}
