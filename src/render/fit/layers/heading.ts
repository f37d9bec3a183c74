import type { Dataset } from '../../../types';
import { drawHeading } from '../../core/axes';
import { drawLegend, type LegendItem } from '../../core/legend';
import { drawDot } from '../../core/markers';
import { stepSamplesLegend } from '../stepSamples';
import type { FitLayer } from './context';

/**
 * The heading row (static): the classes and the step's samples in the legend when there is room (the
 * samples in a shorter word if need be; the classes come first), then the longest heading that fits.
 */
export const heading: FitLayer = {
  id: 'heading',
  make: ({ scene, plot, classes, style, pointRadius, keyColour }) => ({
    drawStatic(ctx) {
      const { theme, f } = style;
      const { rect } = plot;
      const names = scene.text?.classNames ?? classNames(scene.data);
      const classKey: LegendItem[] = classes
        ? [theme.class0, theme.class1].map((colour, i) => ({ label: names[i], marker: (c, x, y, r) => drawDot(c, x, y, r * 0.85, colour, colour, 0) }))
        : [];
      // --holdout: which points were trained on and which were held out.
      const heldKey: LegendItem[] = scene.data.holdout
        ? [
            { label: 'train', marker: (c, x, y, r) => drawDot(c, x, y, r * 0.85, theme.points, theme.points, 0) },
            { label: 'test', marker: (c, x, y, r) => drawDot(c, x, y, r * 0.75, theme.background, theme.points, Math.max(1, r * 0.3)) },
          ]
        : [];
      const sampleKey = [...heldKey, ...stepSamplesLegend(scene.series, keyColour, pointRadius, style)];
      const shortKey = [...heldKey, ...stepSamplesLegend(scene.series, keyColour, pointRadius, style, true)];
      const legendWidth =
        drawLegend(ctx, plot, style, [...classKey, ...sampleKey], rect.w * 0.6) ||
        drawLegend(ctx, plot, style, [...classKey, ...shortKey], rect.w * 0.6) ||
        (classes ? drawLegend(ctx, plot, style, classKey, rect.w * 0.6) : 0);
      const headings = classes ? ['Data and predicted probability', 'Data and model', 'Data'] : ['Data and current fit', 'Data and fit', 'Data'];
      drawHeading(ctx, plot, style, headings, rect.w - legendWidth - f);
    },
  }),
};

function classNames(data: Dataset): [string, string] {
  return data.classNames ?? [`${data.yName} = 0`, `${data.yName} = 1`];
}
