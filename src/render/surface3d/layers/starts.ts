import { startMarker } from '../../surface2d/marks';
import { inRect, type SceneLayer } from './context';

/** The start of every path drawn so far, each point once (a race shares its start), faint where hidden. */
export const starts: SceneLayer = {
  id: 'starts',
  make: ({ paths, rect, style, at, cameraAt }) => ({
    drawFrame(ctx, frame) {
      const cam = cameraAt(frame);
      inRect(ctx, rect, () => {
        const seen = new Set<string>();
        for (const p of paths) {
          if (p.drawn === 0 || p.length === 0 || p.iter[0] !== 0) continue;
          const [x, y, alpha] = at(cam, p.x[0], p.y[0], p.z[0]);
          if (seen.has(`${x},${y}`)) continue;
          seen.add(`${x},${y}`);
          ctx.globalAlpha = alpha;
          startMarker(ctx, x, y, style.f * 0.32, style);
        }
      });
    },
  }),
};
