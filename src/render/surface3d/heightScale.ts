import { ticks as roundTicks } from 'd3-array';
import type { LossGrid } from '../../types';
import { formatCompact, formatNumber } from '../core/format';

/**
 * The 3-D view's vertical scale: loss to a height in [0, 1], h = log(1 + (L − floor)/knee) / log(1 + range/knee),
 * with the knee at 1 % of the grid's range. Linear near the minimum (the bottom of the bowl stays round),
 * logarithmic above it: on a linear scale a quadratic bowl is a flat plate with steep walls, and the last
 * part of every descent would crawl along the plate out of sight.
 */
export interface HeightScale {
  /** Loss to height in [0, 1]; above the grid's range clamps to 1, non-finite is 1. */
  h(loss: number): number;
  /** Round loss values for the vertical axis, with their labels and heights. */
  ticks: { loss: number; label: string; h: number }[];
}

export const KNEE = 0.01;

/** The scale from the lowest loss (sampled, or the optimum's when it is lower) to the largest sampled. */
export function heightScale(grid: LossGrid, optimumLoss = Infinity): HeightScale {
  let max = -Infinity;
  let floor = optimumLoss;
  for (const v of grid.values) [max, floor] = [Math.max(max, v), Math.min(floor, v)];
  const range = max - floor;
  if (!(range > 0)) return { h: () => 0, ticks: [] };
  const knee = range * KNEE;
  const top = Math.log1p(range / knee);
  const h = (loss: number) => (Number.isFinite(loss) ? Math.min(1, Math.max(0, Math.log1p((loss - floor) / knee) / top)) : 1);
  return { h, ticks: lossTicks(floor, max, h) };
}

/**
 * Round losses above the floor, at least 0.18 apart in height, the floor's own value first: 1, 2 or 5 × 10ⁿ
 * where the range spans decades, else evenly stepped ones (a cross-entropy from 0.6 to 1.2 has no 1-2-5
 * values but 1 inside it).
 */
function lossTicks(floor: number, max: number, h: (loss: number) => number): HeightScale['ticks'] {
  const span = max - floor;
  const candidates = new Set(roundTicks(floor, max, 6));
  for (let e = Math.floor(Math.log10(span)) - 4; e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of [1, 2, 5]) candidates.add(Number((m * 10 ** e).toPrecision(12)));
  }
  const out = [{ loss: floor, label: label(floor), h: 0 }];
  for (const loss of [...candidates].sort((a, b) => a - b)) {
    const at = h(loss);
    if (loss <= floor || loss > max || at - out[out.length - 1].h < 0.18 || 1 - at < 0.05) continue;
    out.push({ loss, label: label(loss), h: at });
  }
  return out;
}

function label(v: number): string {
  return formatCompact(v) ?? formatNumber(v, 2);
}
