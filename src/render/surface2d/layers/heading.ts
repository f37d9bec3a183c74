import { drawHeading, headingBaseline } from '../../core/axes';
import type { Layer } from '../../core/layer';
import { drawLegendAt, type LegendItem } from '../../core/legend';
import { legendRight, surfaceHeadings } from '../headings';
import type { SurfaceContext } from './context';

/**
 * The heading row (static): the marker legend of every layer (`items`) right-aligned, then the longest
 * heading that fits beside it. The row spans the colour bar's column too: the legend ends over the bar.
 */
export function heading({ scene, outer, plot, bar, style }: SurfaceContext, items: LegendItem[]): Layer {
  return {
    drawStatic(ctx) {
      const { rect } = plot;
      const right = legendRight(plot.box ?? outer, rect, style, bar !== null);
      const room = right - rect.x;
      const legendWidth = drawLegendAt(ctx, right, headingBaseline(plot, style), style, items, room * 0.6, room * 0.3);
      drawHeading(ctx, plot, style, surfaceHeadings(scene.model, scene.surface.note), room - legendWidth - style.f);
    },
  };
}
