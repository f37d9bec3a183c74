import type { SceneLayer } from './context';

/** The shaded mesh with the box behind it and the box's labels: once with a still camera, else every frame. */
export const mesh: SceneLayer = {
  id: 'mesh',
  make: ({ still, drawBox, cameraAt }) =>
    still ? { drawStatic: (ctx) => drawBox(ctx, still) } : { drawFrame: (ctx, frame) => drawBox(ctx, cameraAt(frame)) },
};
