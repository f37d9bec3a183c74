import type { LossGrid } from '../../types';
import { bandColour } from './contours';
import { formatCompact, formatNumber } from '../core/format';

/** The colour bar's content: its bands bottom to top, and where (0 bottom … 1 top) its labels go. */
export interface ColourScale {
  /** The colour of each band the surface shows, lowest loss first; every band gets the same height. */
  colours: string[];
  /** Loss value to position on the bar (0 at the bottom, 1 at the top); piecewise linear within each band. */
  at(v: number): number;
  /** Every label the bar could carry: the lowest loss, then round values (1, 2, 5 × 10ⁿ), then the highest. */
  candidates: { value: number; text: string; end: boolean }[];
}

/**
 * The colour bar's scale for a loss grid. The bands are the contour bands of the surface (levels are
 * geometric above the minimum), drawn at equal heights as the rings are, so a band on the bar and a ring on
 * the surface match one for one; a value is placed by interpolating inside its band. Null when the surface
 * is flat (no band to tell apart).
 */
export function colourScale(grid: LossGrid): ColourScale | null {
  const [lo, hi] = finiteRange(grid.values);
  if (!(hi > lo)) return null;
  const bands = grid.levels.length + 1;
  // Band b spans [levels[b−1], levels[b]]; the bar keeps the bands that hold some of [lo, hi].
  const edges = [-Infinity, ...grid.levels, Infinity];
  const shown: { b: number; a: number; z: number }[] = [];
  for (let b = 0; b < bands; b++) {
    const a = Math.max(lo, edges[b]);
    const z = Math.min(hi, edges[b + 1]);
    if (z > a) shown.push({ b, a, z });
  }
  const at = (v: number) => {
    const i = shown.findIndex((s) => v <= s.z);
    if (i < 0) return 1;
    const s = shown[i];
    return (i + Math.max(0, (v - s.a) / (s.z - s.a))) / shown.length;
  };
  const candidates = [{ value: lo, text: label(lo), end: true }];
  if (lo <= 0) {
    // Values at 0 and below (a saddle, an expression) have no decades: round steps of 1, 2 or 5 × 10ⁿ.
    const step = niceStep((hi - lo) / 8);
    for (let value = Math.ceil(lo / step) * step; value < hi; value += step) {
      const v = Number(value.toPrecision(12));
      if (v > lo && v < hi) candidates.push({ value: v, text: label(v), end: false });
    }
  } else {
    for (let e = Math.floor(Math.log10(Math.max(lo, hi * 1e-12))); 10 ** e <= hi; e++) {
      for (const m of [1, 2, 5]) {
        const value = Number((m * 10 ** e).toPrecision(12));
        if (value > lo && value < hi) candidates.push({ value, text: label(value), end: false });
      }
    }
  }
  candidates.push({ value: hi, text: label(hi), end: true });
  return { colours: shown.map((s) => bandColour(s.b, bands)), at, candidates };
}

/**
 * The least and greatest finite value ([Infinity, -Infinity] when there is none). A function of its own:
 * the grid's loop gets hot and is compiled on the fly, and compiling it inside colourScale compiled all of
 * colourScale with it (22 ms of a second core's time, against about 1 ms for this loop alone).
 */
function finiteRange(values: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) continue; // NaN or infinite
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** A bar label: short ("0.52", "1.2k"); exact to three digits at the ends, where values are not round. */
function label(v: number): string {
  return formatCompact(v) ?? formatNumber(v, 3);
}

/** The smallest 1, 2 or 5 × 10ⁿ at least `raw`. */
function niceStep(raw: number): number {
  const e = Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * 10 ** e >= raw) return m * 10 ** e;
  return 10 ** (e + 1);
}
