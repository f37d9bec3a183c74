import { seriesColour } from '../../core/series';
import { clipTo } from '../../core/panel';
import { referenceLegend, strokeReference } from '../referencePath';
import type { SurfaceLayer } from './context';

/** --reference-path: each series' full-batch reference, dashed and faint under everything that moves (static). */
export const referencePaths: SurfaceLayer = {
  id: 'referencePaths',
  applies: (c) => c.references.some(Boolean),
  make: ({ references, plot, box, style, keyColour }) => ({
    drawStatic(ctx) {
      clipTo(ctx, plot.rect);
      references.forEach((r, i) => r && strokeReference(ctx, r, box, seriesColour(style, i), style));
      ctx.restore();
    },
    // A race's references are told apart by their colours; the key shows the dash once.
    key: [referenceLegend(style, keyColour)],
  }),
};
