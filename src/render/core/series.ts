import type { Series } from '../../types';
import type { Style } from './layout';

/**
 * The entry of a series' trajectory that iteration k shows: k itself, or the series' last state when it
 * stopped earlier (it diverged, or it ran fewer updates than the longest series).
 */
export function stateAt(series: Series, k: number): number {
  return Math.min(k, series.trajectory.loss.length - 1);
}

/** Series i's colour; the palette repeats beyond its length (the marker shapes then still differ). */
export function seriesColour(style: Style, i: number): string {
  const { series } = style.theme;
  return series[i % series.length];
}

/**
 * Whether iteration k is at or past the series' divergence. Capped at the scene's last iteration, so that a
 * run which diverged on its very last update still says so on the last frame.
 */
export function divergedBy(series: Series, k: number, lastIteration: number): boolean {
  return series.diverged !== null && k >= Math.min(series.diverged.iteration, lastIteration);
}

/**
 * What a series that stopped early is called in legends and headings: "f undefined" for a path that stepped
 * where f is not defined (it did not blow up, as its warning and notice say), else "diverged".
 */
export function stoppedWord(series: Series): string {
  return series.diverged?.why === 'undefined' ? 'f undefined' : 'diverged';
}

/** The loss series i shows at iteration k. */
export function lossAt(series: Series, k: number): number {
  return series.trajectory.loss[stateAt(series, k)];
}

/** Up to 65 iterations spread over 0..n, for sizing text slots to the widest value a run will show. */
export function sampleIterations(n: number): number[] {
  const m = Math.max(1, Math.min(n, 64));
  return Array.from({ length: Math.min(n, 64) + 1 }, (_, s) => Math.round((s * n) / m));
}
