import { drawHeading } from '../../core/axes';
import { drawLegend } from '../../core/legend';
import { surfaceHeadings } from '../../surface2d/headings';
import { markerLegend } from '../../surface2d/marks';
import type { SceneLayer } from './context';

/** The heading row (static): the marker legend right-aligned, then the longest heading that fits beside it. */
export const heading: SceneLayer = {
  id: 'heading',
  make: ({ scene, plot, rect, style }) => ({
    drawStatic(ctx) {
      const legendWidth = drawLegend(ctx, plot, style, markerLegend(style, scene.surface.landmarks), rect.w * 0.45);
      drawHeading(ctx, plot, style, surfaceHeadings(scene.model, scene.surface.note), rect.w - legendWidth - style.f);
    },
  }),
};
