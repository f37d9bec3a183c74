import { drawLandmarks, landmarkLegend } from '../landmarks';
import type { SurfaceLayer } from './context';

/** A landscape: every known minimum (global white, local grey) and saddle, from the first frame on. */
export const landmarks: SurfaceLayer = {
  id: 'landmarks',
  applies: (c) => c.scene.surface.marks === 'landmarks',
  make: ({ scene, plot, style }) => {
    const marks = scene.surface.landmarks;
    return {
      drawFrame: (ctx) => drawLandmarks(ctx, marks, plot, style.f * 0.75, style),
      legend: landmarkLegend(marks, style),
    };
  },
};
