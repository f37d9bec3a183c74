import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Scene } from '../../types';
import { fitText } from '../core/axes';
import { font } from '../core/font';
import { formatCount, formatNumber } from '../core/format';
import type { Rect, Style } from '../core/layout';
import { divergedBy, lossAt, sampleIterations } from '../core/series';
import type { CellHeading } from './cellHeading';

/** The extra row a comparison's heading takes above the usual heading row (see compareFrame). */
export const RESULT_ROW = 1.35;

/**
 * The two-row heading above one side of --compare-standardize. Row 1: the side's name in bold ("raw x") and,
 * right-aligned, its current loss ("diverged" in the path's colour once it has). Row 2: the answer the
 * comparison is for, as far as the frame has got: the share of the loss gap closed so far, then, from the
 * frame that reaches it, the iteration by which this side had closed 99 % of its gap; where it diverged,
 * from that frame; that it never closed 99 %, on its last frame. No frame claims what has not happened yet.
 * Each text takes the wordiest form that fits the plot's width.
 */
export function compareHeading(measure: SKRSContext2D, rect: Rect, scene: Scene, index: number, level: number, colour: string, style: Style): CellHeading {
  const { f, theme } = style;
  const series = scene.series[index];
  const side = scene.sides![index];
  const lower = rect.y - f * 0.55;
  const upper = lower - f * RESULT_ROW;
  const gone = (k: number) => series.diverged !== null && divergedBy(series, k, scene.iterations);
  const status = (k: number) => (gone(k) ? 'diverged' : `loss ${formatNumber(lossAt(series, k), 4)}`);
  measure.font = font(f);
  const statusWidth = Math.max(...sampleIterations(scene.iterations).map((k) => measure.measureText(status(k)).width));
  measure.font = font(f, true);
  const label = fitText(measure, series.label, rect.w - statusWidth - f * 0.6);

  return {
    drawStatic(ctx) {
      ctx.font = font(f, true);
      ctx.textAlign = 'left';
      ctx.textBaseline = 'alphabetic';
      ctx.fillStyle = theme.text;
      ctx.fillText(label, rect.x, upper);
    },
    drawFrame(ctx, k) {
      ctx.font = font(f);
      ctx.fillStyle = gone(k) ? colour : theme.text;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'alphabetic';
      ctx.fillText(status(k), rect.x + rect.w, upper);
      const result = resultAt(scene, index, k);
      ctx.font = font(f, true);
      ctx.textAlign = 'left';
      // The answer in the path's colour when it is bad news (never arrived, blew up), so it is not missed.
      ctx.fillStyle = result.warning ? colour : theme.text;
      ctx.fillText(fitText(ctx, result.forms[level], rect.w), rect.x, lower);
    },
  };
}

/**
 * The wordiest level of row 2 that fits on every side (`widths`: each side's plot width) in every frame it
 * can show, so the two sides say the same thing in the same words; the last level, shortened, when none fits.
 */
export function resultLevel(measure: SKRSContext2D, scene: Scene, widths: readonly number[], style: Style): number {
  measure.font = font(style.f, true);
  const frames = (i: number) => [...sampleIterations(scene.iterations), scene.sides![i].iterationsTo99 ?? 0, scene.series[i].iterations];
  const fits = (level: number) => widths.every((w, i) => frames(i).every((k) => measure.measureText(resultAt(scene, i, k).forms[level]).width <= w));
  const level = [0, 1, 2].find(fits);
  return level ?? 2;
}

/**
 * Both sides end short of 99 % of their gap without diverging, at the one rate they share: the frame says
 * so on its last iteration, since neither side then shows the optimum it is about.
 */
export function bothShort(scene: Scene): boolean {
  return scene.optimum !== null && scene.series.every((s, i) => s.diverged === null && scene.sides![i].iterationsTo99 === null);
}

/** Row 2 at iteration k, in three levels of wording, wordiest first, and whether it is bad news. */
export function resultAt(scene: Scene, index: number, k: number): { forms: [string, string, string]; warning: boolean } {
  const series = scene.series[index];
  const needed = scene.sides![index].iterationsTo99;
  if (needed !== null && k >= needed) {
    const n = formatCount(needed);
    return { forms: [`99 % of the loss gap closed in ${n} iterations`, `99 % of the gap in ${n} iterations`, `99 % in ${n}`], warning: false };
  }
  if (series.diverged && divergedBy(series, k, scene.iterations)) {
    const at = formatCount(series.diverged.iteration);
    return { forms: [`diverged at iteration ${at}, short of 99 % of the gap`, `diverged at iteration ${at}`, `diverged at ${at}`], warning: true };
  }
  if (scene.optimum === null) return { forms: ['no finite minimum, so no gap to close', 'no finite minimum', 'no minimum'], warning: false };
  if (needed === null && k >= series.iterations) {
    const n = formatCount(series.iterations);
    return { forms: [`99 % of the loss gap not closed in ${n} iterations`, `not 99 % of the gap in ${n} iterations`, `not 99 % in ${n}`], warning: true };
  }
  const share = shareText(closedAt(scene, index, k));
  return { forms: [`${share} of the loss gap closed so far`, `${share} of the gap closed`, share], warning: false };
}

/** The share of the starting loss gap closed by iteration k (below 0.99 before the side reaches 99 %). */
function closedAt(scene: Scene, index: number, k: number): number {
  const series = scene.series[index];
  const floor = scene.optimum!.loss;
  const g0 = series.trajectory.loss[0] - floor;
  return g0 > 0 ? (g0 - (lossAt(series, k) - floor)) / g0 : 1;
}

/** A share closed so far, truncated to one decimal (never rounded up to 99 % before it is reached). */
function shareText(f: number): string {
  const pct = Math.floor(Math.max(f, 0) * 1000) / 10;
  return `${pct.toFixed(1)} %`;
}
