import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Scene } from '../types';
import { fitText } from './axes';
import { font } from './font';
import { formatCount, formatNumber } from './format';
import type { Rect, Style } from './layout';
import { divergedBy, lossAt, sampleIterations } from './series';
import type { CellHeading } from './cellHeading';

/** The extra row a comparison's heading takes above the usual heading row (see compareFrame). */
export const RESULT_ROW = 1.35;

/**
 * The two-row heading above one side of --compare-standardize. Row 1: the side's name in bold ("raw x") and,
 * right-aligned, its current loss ("diverged" in the path's colour once it has). Row 2: the answer the
 * comparison is for, fixed for the whole animation so it reads at a glance: the iteration by which this side
 * had closed 99 % of its loss gap, or that it never did, or where it diverged. Each text takes the wordiest
 * form that fits the plot's width.
 */
export function compareHeading(measure: SKRSContext2D, rect: Rect, scene: Scene, index: number, level: number, colour: string, style: Style): CellHeading {
  const { f, theme } = style;
  const series = scene.series[index];
  const side = scene.sides![index];
  const lower = rect.y - f * 0.55;
  const upper = lower - f * RESULT_ROW;
  const lossZero = Math.abs(series.trajectory.loss[0]) * 1e-12;
  const gone = (k: number) => series.diverged !== null && divergedBy(series, k, scene.iterations);
  const status = (k: number) => (gone(k) ? 'diverged' : `loss ${formatNumber(lossAt(series, k), 4, lossZero)}`);
  measure.font = font(f);
  const statusWidth = Math.max(...sampleIterations(scene.iterations).map((k) => measure.measureText(status(k)).width));
  measure.font = font(f, true);
  const label = fitText(measure, series.label, rect.w - statusWidth - f * 0.6);
  const result = fitText(measure, resultForms(scene, index)[level], rect.w);
  const warning = series.diverged !== null || (side.iterationsTo99 === null && scene.optimum !== null);

  return {
    drawStatic(ctx) {
      ctx.font = font(f, true);
      ctx.textAlign = 'left';
      ctx.textBaseline = 'alphabetic';
      ctx.fillStyle = theme.text;
      ctx.fillText(label, rect.x, upper);
      // The answer in the path's colour when it is bad news (never arrived, blew up), so it is not missed.
      ctx.fillStyle = warning ? colour : theme.text;
      ctx.fillText(result, rect.x, lower);
    },
    drawFrame(ctx, k) {
      ctx.font = font(f);
      ctx.fillStyle = gone(k) ? colour : theme.text;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'alphabetic';
      ctx.fillText(status(k), rect.x + rect.w, upper);
    },
  };
}

/**
 * The wordiest level of row 2 that fits on every side (`widths`: each side's plot width), so the two sides
 * say the same thing in the same words; the last level, shortened, when none fits.
 */
export function resultLevel(measure: SKRSContext2D, scene: Scene, widths: readonly number[], style: Style): number {
  measure.font = font(style.f, true);
  const fits = (level: number) => widths.every((w, i) => measure.measureText(resultForms(scene, i)[level]).width <= w);
  const level = [0, 1, 2].find(fits);
  return level ?? 2;
}

/** Row 2's texts for one side, in three levels of wording, wordiest first. */
function resultForms(scene: Scene, index: number): [string, string, string] {
  const series = scene.series[index];
  const needed = scene.sides![index].iterationsTo99;
  if (needed !== null) {
    const n = formatCount(needed);
    return [`99 % of the loss gap closed in ${n} iterations`, `99 % of the gap in ${n} iterations`, `99 % in ${n}`];
  }
  if (series.diverged) {
    const at = formatCount(series.diverged.iteration);
    return [`diverged at iteration ${at}, short of 99 % of the gap`, `diverged at iteration ${at}`, `diverged at ${at}`];
  }
  if (scene.optimum === null) return ['no finite minimum, so no gap to close', 'no finite minimum', 'no minimum'];
  const n = formatCount(series.iterations);
  return [`99 % of the loss gap not closed in ${n} iterations`, `not 99 % of the gap in ${n} iterations`, `not 99 % in ${n}`];
}
