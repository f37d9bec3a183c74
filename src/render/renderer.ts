import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { PanelName, Scene } from '../types';
import { ensureFont } from './font';
import { fitPanel } from './fit';
import { frameLayout, type FrameLayout, type Rect, type Style } from './layout';
import { lossPanel } from './losscurve';
import type { Panel } from './panel';
import { surfacePanel } from './surface';
import { titleLine, type TitleDrawer } from './title';

export interface Renderer {
  /**
   * Draws the frame showing the state after `iteration` updates (0..scene.iterations) and returns its
   * pixels: width·height·4 bytes of opaque RGBA, at byte offset 0 of its own buffer. The returned buffer
   * may be reused by the next call. Yield to the event loop between calls (NOTES: pixel reads stay alive
   * until it turns).
   */
  drawFrame(iteration: number): Uint8Array;
}

type PanelFactory = (measure: SKRSContext2D, outer: Rect, scene: Scene, style: Style) => Panel;

const PANELS: Record<PanelName, PanelFactory> = { surface: surfacePanel, fit: fitPanel, loss: lossPanel };

/** The parts of a frame that are prepared once per scene. Internal: tests use it to locate what they check. */
export interface PreparedFrame {
  layout: FrameLayout;
  panels: Panel[];
  background: Canvas;
  title: TitleDrawer;
}

/** Lays out the frame, builds the panels and draws the static background. */
export function prepareFrame(scene: Scene): PreparedFrame {
  ensureFont();
  const { width, height } = scene;
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new RangeError(`frame size must be positive integers, got ${width}x${height}`);
  }
  const layout = frameLayout(scene);
  const background = createCanvas(width, height);
  const bg = background.getContext('2d');
  const panels = scene.panels.map((name, i) => PANELS[name](bg, layout.panels[i], scene, layout.style));
  const title = titleLine(bg, layout.title, scene, layout.style);
  bg.fillStyle = layout.style.theme.background;
  bg.fillRect(0, 0, width, height);
  for (const panel of panels) panel.drawStatic(bg);
  return { layout, panels, background, title };
}

/**
 * Prepares everything that does not change between frames — the layout, the contour bands, the axes, the
 * data points, the thinned path — and draws it once into a background image. Each frame then copies the
 * background and draws only the path, the markers, the model and the title over it (1–3 ms at 960×480).
 * Same scene, same pixels: nothing here depends on time, randomness or the machine's fonts.
 */
export function createRenderer(scene: Scene): Renderer {
  const { panels, background, title } = prepareFrame(scene);
  const canvas = createCanvas(scene.width, scene.height);
  const ctx = canvas.getContext('2d');
  return {
    drawFrame(iteration) {
      if (!(Number.isInteger(iteration) && iteration >= 0 && iteration <= scene.iterations)) {
        throw new RangeError(`iteration must be an integer from 0 to ${scene.iterations}, got ${iteration}`);
      }
      ctx.drawImage(background, 0, 0);
      for (const panel of panels) panel.drawFrame(ctx, iteration);
      title(ctx, iteration);
      return canvas.data();
    },
  };
}
