import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Scene, Series } from '../../types';
import { fitText } from '../core/axes';
import { font } from '../core/font';
import { formatNumber } from '../core/format';
import type { Rect, Style } from '../core/layout';
import { divergedBy, lossAt, sampleIterations, stoppedWord } from '../core/series';

/** Static and per-frame halves of a small multiple's heading. */
export interface CellHeading {
  drawStatic(ctx: SKRSContext2D): void;
  drawFrame(ctx: SKRSContext2D, k: number): void;
}

/**
 * The heading above a cell: the series' label in bold on the left (static), and right-aligned its current
 * loss, or "diverged at iteration N" in the path's colour. The wordiest form of the status whose widest text
 * over the run fits beside the label is chosen once, so the heading does not change form mid-run; the label
 * is shortened only when even the shortest form leaves too little room.
 */
export function cellHeading(measure: SKRSContext2D, rect: Rect, scene: Scene, series: Series, colour: string, style: Style): CellHeading {
  const { f, theme } = style;
  const base = rect.y - f * 0.55;
  const gone = stoppedWord(series);
  const forms: ((k: number) => string)[] = [
    (k) => status(k, (l) => `loss ${l}`, (n) => `${gone} at iteration ${n}`),
    (k) => status(k, (l) => l, (n) => `${gone} at ${n}`),
    (k) => status(k, (l) => l, () => gone),
  ];
  function status(k: number, loss: (l: string) => string, diverged: (n: number) => string): string {
    if (series.diverged && divergedBy(series, k, scene.iterations)) return diverged(series.diverged.iteration);
    return loss(formatNumber(lossAt(series, k), 4));
  }
  const samples = sampleIterations(scene.iterations);
  if (series.diverged) samples.push(Math.min(series.diverged.iteration, scene.iterations));
  measure.font = font(f, true);
  const labelWidth = measure.measureText(series.label).width;
  measure.font = font(f);
  const widest = (form: (k: number) => string) => Math.max(...samples.map((k) => measure.measureText(form(k)).width));
  const form = forms.find((s) => labelWidth + f * 0.6 + widest(s) <= rect.w) ?? forms[forms.length - 1];
  // The status is drawn in the regular face: measured in it, before the bold label is measured.
  const room = rect.w - widest(form) - f * 0.6;
  measure.font = font(f, true);
  // Too narrow for "momentum = 0.95 · lr 0.018": keep what tells the cells apart, the value ("0.95 · lr 0.018").
  const valueOnly = series.label.replace(/^[^=]*= /, '');
  const label = fitText(measure, measure.measureText(series.label).width <= room ? series.label : valueOnly, room);

  return {
    drawStatic(ctx) {
      ctx.font = font(f, true);
      ctx.fillStyle = theme.text;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'alphabetic';
      ctx.fillText(label, rect.x, base);
    },
    drawFrame(ctx, k) {
      ctx.font = font(f);
      ctx.fillStyle = series.diverged && divergedBy(series, k, scene.iterations) ? colour : theme.text;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'alphabetic';
      ctx.fillText(form(k), rect.x + rect.w, base);
    },
  };
}
