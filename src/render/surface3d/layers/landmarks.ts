import { landmarkMarker } from '../../surface2d/landmarks';
import { inRect, type SceneLayer } from './context';
import { landmarkSpots } from './spots';

/** Every known point on the surface (a model's one optimum is a global minimum): faint where hidden. */
export const landmarks: SceneLayer = {
  id: 'landmarks',
  make: (c) => ({
    drawFrame(ctx, frame) {
      const spots = landmarkSpots(c, c.cameraAt(frame));
      inRect(ctx, c.rect, () =>
        c.scene.surface.landmarks.forEach((m, i) => {
          const s = spots[i];
          if (!s) return;
          ctx.globalAlpha = s.alpha;
          landmarkMarker(ctx, m.kind, s.x, s.y, c.style.f * 0.75, c.style);
        }),
      );
    },
  }),
};
