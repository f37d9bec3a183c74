import type { Camera } from '../projection';
import { worldX, worldY } from '../mesh';
import type { SceneContext } from './context';

/** Each known point's pixel and opacity on the surface, or null where it lies outside the box's floor. */
export function landmarkSpots({ scene, box, scale, at }: SceneContext, cam: Camera): ({ x: number; y: number; alpha: number } | null)[] {
  return scene.surface.landmarks.map((m) => {
    const [x, y] = [worldX(box, m.u), worldY(box, m.v)];
    if (!(Math.abs(x) <= box.ax && Math.abs(y) <= box.ay)) return null;
    const [px, py, alpha] = at(cam, x, y, box.height * scale.h(m.loss));
    return { x: px, y: py, alpha };
  });
}
