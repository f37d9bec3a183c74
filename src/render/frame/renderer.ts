import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { FrameTime, PanelName, Scene } from '../../types';
import { ensureFont } from '../core/font';
import { fitPanel } from '../fit/fit';
import { fit3dPanel } from '../fit/fit3d';
import { compareFrame } from './compareFrame';
import { gridFrame } from './gridFrame';
import type { FrameParts } from './frameParts';
import { frameLayout, panelStyle, type Plot, type Rect, type Style } from '../core/layout';
import { lossPanel } from '../loss/losscurve';
import type { Panel } from '../core/panel';
import { seriesTitle } from './seriesTitle';
import { surfacePanel } from '../surface2d/surface';
import { surface3dPanel } from '../surface3d/surface3d';
import { titleLine } from './title';

export interface Renderer {
  /**
   * Draws the frame at `at` — a frame clock, or just the iteration to show (0..scene.iterations) for a
   * still — and returns its pixels: width·height·4 bytes of opaque RGBA, at byte offset 0 of its own
   * buffer, fresh each call (the caller owns it; the encoders may keep it without a copy). Yield to the
   * event loop between calls (NOTES: pixel reads stay alive until it turns).
   */
  drawFrame(at: FrameTime | number): Uint8Array;
}

type PanelFactory = (measure: SKRSContext2D, outer: Rect, scene: Scene, style: Style) => Panel;

const PANELS: Record<PanelName, PanelFactory> = {
  surface: (measure, outer, scene, style) => (scene.view === '3d' ? surface3dPanel : surfacePanel)(measure, outer, scene, style),
  // Linear regression on two features in 3-D: the rows and the fitted plane in the surface's perspective.
  fit: (measure, outer, scene, style) => (scene.view === '3d' && scene.fit.twoFeatures && scene.fit.target === 'values' && scene.data.features ? fit3dPanel : fitPanel)(measure, outer, scene, style),
  loss: lossPanel,
};

/** The parts of a frame that are prepared once per scene. Internal: tests use it to locate what they check. */
export interface PreparedFrame extends Omit<FrameParts, 'decorate'> {
  background: Canvas;
}

/** Lays out the frame, builds the panels and draws the static background. */
export function prepareFrame(scene: Scene): PreparedFrame {
  ensureFont();
  const { width, height } = scene;
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new RangeError(`frame size must be positive integers, got ${width}x${height}`);
  }
  if (scene.series.length === 0) throw new RangeError('a scene needs at least one series');
  const background = createCanvas(width, height);
  const bg = background.getContext('2d');
  const arrange = scene.layout === 'grid' ? gridFrame : scene.layout === 'compare' && scene.sides ? compareFrame : overlayFrame;
  const { layout, panels, title, decorate } = arrange(bg, scene);
  bg.fillStyle = layout.style.theme.background;
  bg.fillRect(0, 0, width, height);
  for (const panel of panels) panel.drawStatic(bg);
  decorate?.(bg);
  return { layout, panels, background, title };
}

/** Panels side by side, every series drawn in each in its own colour, under a title band. */
function overlayFrame(bg: SKRSContext2D, scene: Scene): FrameParts {
  const style = panelStyle(scene);
  if (scene.series.length === 1) {
    const layout = frameLayout(scene, style);
    const panels = scene.panels.map((name, i) => PANELS[name](bg, layout.panels[i], scene, style));
    return { layout, panels, title: titleLine(bg, layout.title, scene, style) };
  }
  const title = seriesTitle(bg, scene.width, scene, style);
  const layout = frameLayout(scene, style, title.height);
  const panels = scene.panels.map((name, i) => PANELS[name](bg, layout.panels[i], scene, style));
  return { layout, panels, title: title.draw, decorate: title.drawStatic };
}

/**
 * Prepares everything that does not change between frames — the layout, the contour bands, the axes, the
 * data points, the thinned paths — and draws it once into a background image. Each frame then copies the
 * background and draws only the paths, the markers, the models and the title over it (1–3 ms at 960×480).
 * Same scene, same pixels: nothing here depends on the wall clock, randomness or the machine's fonts.
 */
export function createRenderer(scene: Scene): Renderer {
  const { draw } = createFrameDrawer(scene);
  const canvas = createCanvas(scene.width, scene.height);
  const ctx = canvas.getContext('2d');
  return {
    drawFrame(at) {
      draw(ctx, at);
      return canvas.data();
    },
  };
}

/** Frames drawn onto a context the caller owns, and where the 2-D surfaces' plots are (for a pointer over them). */
export interface FrameDrawer {
  draw(ctx: SKRSContext2D, at: FrameTime | number): void;
  /**
   * The plots of the 2-D surfaces in the scene's one plane (Scene.plane): the surface panel's, a grid's
   * cells', or the starts' surface; none for the 3-D view and for --compare-standardize's two planes.
   */
  surfacePlots: Plot[];
}

/**
 * Draws frames onto a context the caller owns (the interactive page's canvas; the renderer's own above): the
 * background copied in, then the panels and the title at `at`. The same code, whichever canvas it draws on.
 */
export function createFrameDrawer(scene: Scene): FrameDrawer {
  // --starts: thousands of paths over one surface, drawn by a drawer of their own.
  if (scene.starts) return (require('../starts/startsFrame') as typeof import('../starts/startsFrame')).createStartsDrawer(scene);
  const { panels, background, title } = prepareFrame(scene);
  const s = scene.panels.indexOf('surface');
  const flat = (scene.view ?? '2d') === '2d' && !scene.sides;
  const surfacePlots = !flat ? [] : scene.layout === 'grid' ? panels.map((p) => p.plot) : s >= 0 && panels[s] ? [panels[s].plot] : [];
  return { surfacePlots, draw: (ctx, at) => {
    const frame: FrameTime = typeof at === 'number' ? { index: 0, count: 1, seconds: 0, iteration: at } : at;
    const k = frame.iteration;
    if (!(Number.isInteger(k) && k >= 0 && k <= scene.iterations)) {
      throw new RangeError(`iteration must be an integer from 0 to ${scene.iterations}, got ${k}`);
    }
    ctx.drawImage(background, 0, 0);
    for (const panel of panels) panel.drawFrame(ctx, frame);
    title(ctx, k);
  } };
}
