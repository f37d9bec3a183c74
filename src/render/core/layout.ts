import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Scene } from '../../types';
import type { Axis } from './scale';
import { font } from './font';
import { theme, type Theme } from './theme';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Sizes that scale with the frame, so a 320×200 thumbnail and a 4K frame have the same proportions. */
export interface Style {
  theme: Theme;
  /** The base font size in pixels (tick labels, axis labels); everything else is a multiple of it. */
  f: number;
  /** Width of axis lines and ticks. */
  thin: number;
  /** Width of the path and model line. */
  line: number;
}

export interface FrameLayout {
  style: Style;
  /** The band across the top that holds the title line. */
  title: Rect;
  /** One outer rectangle per panel, in scene.panels order. */
  panels: Rect[];
}

/** Sizes for a frame whose base font is `f`. */
export function styleFor(scene: Scene, f: number): Style {
  return { theme: theme(scene.theme), f, thin: Math.max(1, f / 13), line: Math.max(1.5, f * 0.17) };
}

/**
 * The base font of a frame of panels side by side: it follows the smaller of panel width and frame height
 * (13.3 px at 960×480 with two panels, 11 px with three: 29 is about the most characters of tick labels and
 * margins a panel's width must hold), never below 8 px, then times --font-scale.
 */
export function panelStyle(scene: Scene): Style {
  const n = Math.max(1, scene.panels.length);
  return styleFor(scene, Math.max(8, Math.min(scene.width / n / 29, scene.height / 36, 64)) * fontScaleOf(scene));
}

/** The scene's --font-scale (1 when absent). */
export function fontScaleOf(scene: Scene): number {
  return scene.fontScale ?? 1;
}

/**
 * Splits the frame into a title band (one row high unless `titleHeight` says otherwise) and equal-width
 * panels side by side.
 */
export function frameLayout(scene: Scene, style: Style = panelStyle(scene), titleHeight?: number): FrameLayout {
  const { width, height } = scene;
  const n = Math.max(1, scene.panels.length);
  const titleH = titleHeight ?? Math.round(style.f * 2.3);
  const panels: Rect[] = [];
  for (let i = 0; i < n; i++) {
    const x0 = Math.round((i * width) / n);
    const x1 = Math.round(((i + 1) * width) / n);
    panels.push({ x: x0, y: titleH, w: x1 - x0, h: height - titleH });
  }
  return { style, title: { x: 0, y: 0, w: width, h: titleH }, panels };
}

/** A plot area inside a panel with its two axes. */
export interface Plot {
  rect: Rect;
  x: Axis;
  y: Axis;
  /** The part of the panel the axes' labels sit in, when a square plot leaves the panel taller than needed. */
  box?: Rect;
}

/** Builds an axis for a pixel range with about `count` ticks. */
export type AxisFactory = (range: [number, number], count: number) => Axis;

/**
 * Places the plot area inside a panel: a heading row on top, tick labels and an axis label on the left and
 * below. The y axis is built first because the widest y tick label decides the left margin. `square` makes
 * the plot as wide as it is tall, for a surface whose two axes share one unit (equal aspect: a round bowl
 * looks round and the steepest descent is drawn perpendicular to the contours). `reserveRight` pixels on the
 * right are kept for something beside the plot (the surface's colour bar).
 */
export function placePlot(ctx: SKRSContext2D, outer: Rect, style: Style, makeX: AxisFactory, makeY: AxisFactory, square = false, reserveRight = 0): Plot {
  const { f } = style;
  const tick = f * 0.35;
  const gap = f * 0.3;
  let top = Math.round(outer.y + f * 1.8);
  const bottom = Math.round(outer.y + outer.h - (tick + gap + f + gap * 1.6 + f + f * 0.45));
  const right = Math.round(outer.x + outer.w - Math.max(f * 1.1, reserveRight));
  const leftOf = (widest: number) => Math.round(outer.x + f * 0.5 + f + gap * 1.6 + widest + gap + tick);
  ctx.font = font(f);
  const widestOf = (y: Axis) => y.labels.reduce((m, s) => Math.max(m, ctx.measureText(s).width), 0);
  let h = Math.max(10, bottom - top);
  let y = makeY([top + h, top], Math.max(2, Math.round(h / (f * 4.2))));
  let left = leftOf(widestOf(y));
  let w = Math.max(10, right - left);
  let box: Rect | undefined;
  if (square && h > w) {
    // Taller than wide: the heading, the square and its axis labels move together to the panel's middle.
    const offset = Math.floor((h - w) / 2);
    box = { x: outer.x, y: outer.y + offset, w: outer.w, h: outer.h - (h - w) };
    top += offset;
    h = w;
    y = makeY([top + h, top], Math.max(2, Math.round(h / (f * 4.2))));
    left = leftOf(widestOf(y));
    w = Math.max(10, right - left);
  }
  if (square && w > h) {
    // Wider than tall: centre the square, and its axis labels, legend and colour bar with it (at 4000x300 they
    // would otherwise sit hundreds of pixels away at the panel's edges).
    const shift = Math.floor((w - h) / 2);
    left += shift;
    w = h;
    box = { x: outer.x + shift, y: box?.y ?? outer.y, w: outer.w - 2 * shift, h: box?.h ?? outer.h };
  }
  const x = makeX([left, left + w], Math.max(2, Math.round(w / (f * 6.5))));
  return { rect: { x: left, y: top, w, h }, x, y, ...(box ? { box } : {}) };
}
