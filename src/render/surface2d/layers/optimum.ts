import { starMarker } from '../marks';
import type { SurfaceLayer } from './context';

/** A model on data: its one minimum as the white star (none when the classes are separable). */
export const optimum: SurfaceLayer = {
  id: 'optimum',
  applies: (c) => c.scene.surface.marks === 'optimum',
  make: ({ scene, plot, style }) => {
    const marks = scene.surface.landmarks;
    return {
      drawFrame(ctx) {
        for (const m of marks) starMarker(ctx, plot.x.map(m.u), plot.y.map(m.v), style.f * 0.75, style);
      },
      legend: marks.length > 0 ? [{ label: 'minimum', marker: (c, x, y, r) => starMarker(c, x, y, r * 1.3, style) }] : [],
    };
  },
};
