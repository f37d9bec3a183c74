import type { SKRSContext2D } from '@napi-rs/canvas';
import type { FrameTime, Scene } from '../../types';
import { chooseLayers, layeredPanel } from '../core/layer';
import type { Rect, Style } from '../core/layout';
import type { Panel } from '../core/panel';
import { linearAxis } from '../core/scale';
import { stackedWidths } from '../surface2d/surfacePath';
import { boxBehind, drawBoxLabels, type BoxAxes } from './box3d';
import { heightScale } from './heightScale';
import { SCENE_LAYERS } from './layers';
import type { SceneContext } from './layers/context';
import { boxCorners, buildMesh, valleyOf, type Box3 } from './mesh';
import { meshPainter } from './meshPainter';
import { HIDDEN_ALPHA, path3, type Hides } from './path3d';
import { fitViewport, orbitCamera, see, toPixelX, toPixelY } from './projection';

/** The first frame's camera: from the front left and above, u running to the right, v away. */
export const AZIMUTH = -120;
/** High enough to see into a bowl over its near rim: from 38° the log-like walls hid the minimum of penguins. */
export const ELEVATION = 50;
/** From the box's centre, in half-widths of the floor: far enough that the perspective does not distort. */
export const DISTANCE = 5.5;
/** Cells a side: fine enough for a smooth bowl; coarse enough to turn within 3x a 2-D frame (32 measured 3.1x on linear). */
export const MESH_CELLS = 28;

/** The camera's azimuth at a frame: the orbit spread evenly from the first frame to the last. */
export function azimuthAt(start: number, frame: FrameTime, orbit: number): number {
  return start + (frame.count > 1 ? (orbit * frame.index) / (frame.count - 1) : 0);
}

/**
 * The first camera's azimuth: the default, unless the surface is a long trough; then a three-quarter view
 * down it (35° off its axis, from whichever end and side is nearest the default), so both walls stand
 * at the sides and its floor, where the paths run, is in sight.
 */
export function startAzimuth(valley: { angle: number; elongation: number }): number {
  if (!(valley.elongation > 2)) return AZIMUTH;
  const turn = (a: number) => ((((a - AZIMUTH) % 360) + 540) % 360) - 180;
  const options = [valley.angle - 35, valley.angle + 35, valley.angle + 145, valley.angle + 215];
  const best = options.reduce((a, b) => (Math.abs(turn(b)) < Math.abs(turn(a)) ? b : a));
  return AZIMUTH + turn(best);
}

/**
 * The loss surface as a shaded mesh in perspective: the window of the 2-D view across the floor, the loss
 * up (log-like, see heightScale.ts), viridis by height under a fixed light, each series' path riding on it
 * at its recorded losses, the start, the minimum's star and the current points on top: a list of layers
 * (layers/index.ts) chosen for the scene. With no orbit the camera stands still and everything but the paths
 * is drawn once; with one, the mesh is painted every frame.
 */
export function surface3dPanel(measure: SKRSContext2D, outer: Rect, scene: Scene, style: Style): Panel {
  const c = sceneContext(outer, scene, style);
  return layeredPanel(c.plot, chooseLayers(SCENE_LAYERS, c));
}

/** Places the box in the panel, fits the viewport to the orbit and prepares what the layers share. */
export function sceneContext(outer: Rect, scene: Scene, style: Style): SceneContext {
  const { grid, model } = scene;
  const { f } = style;
  const view = scene.surface;
  const orbit = scene.orbit ?? 0;
  // A free camera (the page's drag) may stand anywhere: the viewport holds a full turn, nothing is still.
  const free = scene.freeCamera === true;
  const scale = heightScale(grid, scene.optimum?.loss);
  const box = boxOf(grid.uRange, grid.vRange, view.equalAspect);
  const { rect, inner } = boxRects(outer, f);
  const camera = (azimuth: number) => orbitCamera({ x: 0, y: 0, z: box.height / 2 }, azimuth, ELEVATION, DISTANCE);
  const mesh = buildMesh(grid, scale, box, MESH_CELLS);
  const start = startAzimuth(valleyOf(mesh, box.height));
  const vp = fitViewport(orbitSamples(start, free ? 360 : orbit).map(camera), boxCorners(box), inner);
  const painter = meshPainter(mesh, rect, { lineHalfWidth: Math.max(0.6, style.thin * 0.5), lineDarkness: 0.26 }, { grid: style.theme.gridLine, edge: style.theme.axis });
  const axes: BoxAxes = {
    u: linearAxis(grid.uRange, [0, 1], 4),
    v: linearAxis(grid.vRange, [0, 1], 4),
    names: [view.labels[0], view.labels[1], [`${model.lossShort} (log scale)`, `${model.lossShort} (log)`]],
  };
  const paths = scene.series.map((s, i) => path3(s, view.paths[i], box, scale));
  // The panel's area, for the heading and legend above it; its axes are nominal (the view maps no pixel
  // linearly to a weight), kept so that the Panel contract holds.
  const plot = { rect, x: linearAxis(grid.uRange, [rect.x, rect.x + rect.w], 4), y: linearAxis(grid.vRange, [rect.y + rect.h, rect.y], 4) };
  const still = camera(start);
  const hides: Hides = (x, y) => painter.hides(x, y);
  return {
    scene,
    style,
    rect,
    plot,
    box,
    scale,
    vp,
    still: orbit === 0 && !free ? still : null,
    cameraAt: (frame) => (orbit === 0 && !free ? still : camera(azimuthAt(start, frame, orbit) + (frame.turn ?? 0))),
    drawBox(ctx, cam) {
      painter.paint(ctx, cam, vp, boxBehind(cam, box, scale, axes));
      drawBoxLabels(ctx, cam, vp, box, scale, axes, style);
    },
    hides,
    at(cam, x, y, z) {
      const s = see(cam, x, y, z);
      return [toPixelX(vp, s.u), toPixelY(vp, s.v), hides(x, y) ? HIDDEN_ALPHA + 0.2 : 1];
    },
    paths,
    widths: stackedWidths(paths.length, style),
  };
}

/**
 * The box: the floor 2 wide, or at equal aspect as wide as each weight's span; the loss 1.1 high, lower than
 * matplotlib's 4:4:3 box, so that from 50° up a bowl's floor shows over its near rim.
 */
function boxOf(uRange: [number, number], vRange: [number, number], equalAspect: boolean): Box3 {
  const [s0, s1] = [uRange[1] - uRange[0], vRange[1] - vRange[0]];
  const [ax, ay] = equalAspect ? [s0 / Math.max(s0, s1), s1 / Math.max(s0, s1)] : [1, 1];
  return { ax, ay, height: 1.1, uRange, vRange };
}

/**
 * A 3-D panel's drawing area under its heading row, and within it the room the box may fill, leaving space
 * around it for the tick labels and the axis names.
 */
export function boxRects(outer: Rect, f: number): { rect: Rect; inner: Rect } {
  const rect = { x: Math.round(outer.x + f * 0.6), y: Math.round(outer.y + f * 1.8), w: Math.round(outer.w - f * 1.2), h: Math.round(outer.h - f * 2.2) };
  return { rect, inner: { x: rect.x + f * 5, y: rect.y + f * 1.8, w: rect.w - f * 8, h: rect.h - f * 4.4 } };
}

/** The azimuths the viewport must hold: the still camera's, or every 5° along the orbit (a full turn at most). */
export function orbitSamples(start: number, orbit: number): number[] {
  const span = Math.min(Math.abs(orbit), 360) * Math.sign(orbit);
  const steps = Math.max(1, Math.ceil(Math.abs(span) / 5));
  return Array.from({ length: steps + 1 }, (_, i) => start + (span * i) / steps);
}
