import { drawAxes } from '../../core/axes';
import type { CellLayer } from './context';

/** The plane's axes (static); a grid's inner cells leave out the tick labels their neighbours repeat. */
export const axes: CellLayer = {
  id: 'axes',
  make: ({ plane, outer, plot, style, showX, showY }) => {
    const [xLabel, yLabel] = plane.labels;
    return { drawStatic: (ctx) => drawAxes(ctx, outer, plot, style, { xLabel, yLabel, showX, showY }) };
  },
};
