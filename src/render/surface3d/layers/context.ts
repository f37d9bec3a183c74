import type { SKRSContext2D } from '@napi-rs/canvas';
import type { FrameTime, Scene } from '../../../types';
import type { LayerSpec } from '../../core/layer';
import type { Plot, Rect, Style } from '../../core/layout';
import { clipTo } from '../../core/panel';
import type { HeightScale } from '../heightScale';
import type { Box3 } from '../mesh';
import type { Hides, Path3 } from '../path3d';
import type { Camera, Viewport } from '../projection';

/** What the layers of the 3-D panel share: the box, its height scale, the viewport and each frame's camera. */
export interface SceneContext {
  scene: Scene;
  style: Style;
  /** The panel's drawing area, and its nominal plot (the view maps no pixel linearly to a weight). */
  rect: Rect;
  plot: Plot;
  box: Box3;
  scale: HeightScale;
  vp: Viewport;
  /** The camera of a frame: standing still, or along the orbit. */
  cameraAt(frame: FrameTime): Camera;
  /** The still camera's, or null: the camera orbits and the mesh is painted every frame. */
  still: Camera | null;
  /** Paints the mesh and the box behind it, then the box's tick labels and axis names. */
  drawBox(ctx: SKRSContext2D, cam: Camera): void;
  /** Whether the surface, as last painted, hides a point over the floor (x, y). */
  hides: Hides;
  /** A point's pixel, and the opacity of a marker there: faint where the surface hides it. */
  at(cam: Camera, x: number, y: number, z: number): [number, number, number];
  /** Each series' path riding on the surface. */
  paths: Path3[];
  widths: number[];
}

export type SceneLayer = LayerSpec<SceneContext>;

/** Draws inside the panel's area with round joins and caps, restoring the state after. */
export function inRect(ctx: SKRSContext2D, rect: Rect, draw: () => void): void {
  clipTo(ctx, rect);
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  draw();
  ctx.restore();
}
