import type { Dataset } from '../../../types';
import { drawAxes } from '../../core/axes';
import type { FitLayer } from './context';

/** The data's column names on the axes, or the user's (static); a model of classes names the probability. */
export const axes: FitLayer = {
  id: 'axes',
  make: ({ scene, outer, plot, classes, style, two, score }) => ({
    drawStatic(ctx) {
      const { data, text } = scene;
      // More features: the rows against their linear part.
      if (score) {
        return drawAxes(ctx, outer, plot, style, {
          xLabel: text?.xLabel ?? (classes ? 'linear part w0 + w1·x1 + … (log-odds)' : `fitted ${data.yName}`),
          yLabel: text?.yLabel ?? (classes ? `P(${data.yName} = ${text?.classNames?.[1] ?? positiveName(data)})` : data.yName),
        });
      }
      // Two features: the plot is their plane.
      if (two) return drawAxes(ctx, outer, plot, style, { xLabel: text?.xLabel ?? two.names[0], yLabel: text?.yLabel ?? two.names[1] });
      drawAxes(ctx, outer, plot, style, {
        xLabel: text?.xLabel ?? data.xName,
        // Named classes name the probability too: the legend's "male" and the axis's "P(Sex = male)" agree.
        yLabel: text?.yLabel ?? (classes ? `P(${data.yName} = ${text?.classNames?.[1] ?? positiveName(data)})` : data.yName),
      });
    },
  }),
};

function positiveName(data: Dataset): string {
  return data.positive ?? data.classNames?.[1] ?? '1';
}
