import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Dataset } from '../../../types';
import { headingBaseline } from '../../core/axes';
import { font } from '../../core/font';
import { formatNumber } from '../../core/format';
import type { Plot, Style } from '../../core/layout';
import { viridis } from '../../core/viridis';
import { drawHeading } from '../../core/axes';
import { drawLegend, type LegendItem } from '../../core/legend';
import { drawDot } from '../../core/markers';
import { stepSamplesLegend } from '../stepSamples';
import { classColour } from './featurePoints';
import type { FitLayer } from './context';

/**
 * The heading row (static): the classes and the step's samples in the legend when there is room (the
 * samples in a shorter word if need be; the classes come first), then the longest heading that fits.
 */
export const heading: FitLayer = {
  id: 'heading',
  make: ({ scene, plot, classes, style, pointRadius, keyColour, two, score }) => ({
    drawStatic(ctx) {
      const { theme, f } = style;
      const { rect } = plot;
      const names = scene.text?.classNames ?? classNames(scene.data);
      const all = two?.multi ? (scene.model.classNames ?? []) : names;
      const classKey: LegendItem[] = classes
        ? all.map((label, i) => {
            const colour = classColour(theme, i);
            return { label, marker: (c, x, y, r) => drawDot(c, x, y, r * 0.85, colour, colour, 0) };
          })
        : [];
      // --holdout: which points were trained on and which were held out.
      const heldKey: LegendItem[] = scene.data.holdout
        ? [
            { label: 'train', marker: (c, x, y, r) => drawDot(c, x, y, r * 0.85, theme.points, theme.points, 0) },
            { label: 'test', marker: (c, x, y, r) => drawDot(c, x, y, r * 0.75, theme.background, theme.points, Math.max(1, r * 0.3)) },
          ]
        : [];
      // The step's samples are ringed on the data's own scatter only (not on the rows by their fit).
      const samples = (short: boolean) => (score ? [] : stepSamplesLegend(scene.series, keyColour, pointRadius, style, short));
      const sampleKey = [...heldKey, ...samples(false)];
      const shortKey = [...heldKey, ...samples(true)];
      const legendWidth =
        (two && !two.classes ? colourKey(ctx, plot, style, two.yRange) : 0) ||
        drawLegend(ctx, plot, style, [...classKey, ...sampleKey], rect.w * 0.6) ||
        drawLegend(ctx, plot, style, [...classKey, ...shortKey], rect.w * 0.6) ||
        (classes ? drawLegend(ctx, plot, style, classKey, rect.w * 0.6) : 0) ||
        // Many classes or long names: each shortened, the legend given the whole row (the heading yields).
        (classes ? drawLegend(ctx, plot, style, classKey.map((k) => ({ ...k, label: shortened(k.label, 10) })), rect.w) : 0) ||
        (classes ? drawLegend(ctx, plot, style, classKey.map((k) => ({ ...k, label: shortened(k.label, 4) })), rect.w) : 0);
      const y = scene.data.yName;
      // More features: the rows drawn, when not every one is.
      const some = score && score.stride > 1 ? ` (1 row in ${score.stride})` : '';
      const headings = score
        ? classes
          ? [`Rows at their log-odds; curve: p${some}`, `Rows at their log-odds${some}`, 'Rows']
          : [`${y} against its fit${some}`, `${y} against fit`, y]
        : two?.multi
        ? ['Shade: likeliest class; lines: boundaries', 'Likeliest class', 'Data']
        : two?.classes
        ? ['Shade: probability; line: p = 0.5', 'Probability, p = 0.5', 'Data']
        : scene.fit.twoFeatures
        ? [`Colour: ${y}; lines: fitted ${y}`, `${y}: colour and lines`, y]
        : classes
        ? ['Data and predicted probability', 'Data and model', 'Data']
        : ['Data and current fit', 'Data and fit', 'Data'];
      drawHeading(ctx, plot, style, headings, rect.w - legendWidth - f);
    },
  }),
};

/** A label cut to `n` characters (an ellipsis for the rest). */
function shortened(label: string, n: number): string {
  const chars = [...label];
  return chars.length <= n ? label : `${chars.slice(0, n - 1).join('')}…`;
}

function classNames(data: Dataset): [string, string] {
  return data.classNames ?? [`${data.yName} = 0`, `${data.yName} = 1`];
}

/**
 * Two features: the key of the points' colours, "lo ▭ hi" (viridis from y's lowest to its highest) at the
 * right of the heading row. Returns the width it took.
 */
export function colourKey(ctx: SKRSContext2D, plot: Plot, style: Style, [lo, hi]: [number, number]): number {
  const { f, theme } = style;
  const base = headingBaseline(plot, style);
  const right = plot.rect.x + plot.rect.w;
  ctx.save();
  ctx.font = font(f * 0.85);
  ctx.textBaseline = 'alphabetic';
  const [a, b] = [formatNumber(lo, 3), formatNumber(hi, 3)];
  const wa = ctx.measureText(a).width;
  const wb = ctx.measureText(b).width;
  const bar = f * 4;
  const gap = f * 0.3;
  const h = f * 0.6;
  const x0 = right - wb - gap - bar - gap - wa;
  ctx.fillStyle = theme.mutedText;
  ctx.fillText(a, x0, base);
  ctx.fillText(b, right - wb, base);
  const g = ctx.createLinearGradient(x0 + wa + gap, 0, x0 + wa + gap + bar, 0);
  for (let k = 0; k <= 8; k++) g.addColorStop(k / 8, viridis(k / 8));
  ctx.fillStyle = g;
  ctx.fillRect(x0 + wa + gap, base - h, bar, h);
  ctx.restore();
  return right - x0;
}
