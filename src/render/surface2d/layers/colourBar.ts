import type { SurfaceLayer } from './context';

/** The colour bar beside the plot (static), where the panel is wide enough for one (see SurfaceContext.bar). */
export const colourBar: SurfaceLayer = {
  id: 'colourBar',
  applies: (c) => c.bar !== null,
  make: ({ bar, plot }) => ({ drawStatic: (ctx) => bar!.draw(ctx, plot.rect) }),
};
