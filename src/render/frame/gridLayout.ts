import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Scene } from '../../types';
import { colourBar, type ColourBar } from '../surface2d/colourBar';
import { font } from '../core/font';
import { fontScaleOf, styleFor, type Plot, type Rect, type Style } from '../core/layout';
import { linearAxis } from '../core/scale';

/** One small multiple: its plot, the area it may draw labels in, and whether it carries the axes' labels. */
export interface Cell {
  plot: Plot;
  outer: Rect;
  row: number;
  col: number;
  /** Tick labels and axis label along x: the cell has no cell below it. */
  showX: boolean;
  /** Along y: the cell is in the first column. */
  showY: boolean;
}

/** The narrowest frame, in base font sizes, whose small multiples also get a colour bar. */
const BAR_MIN_WIDTH = 50;

export interface GridLayout {
  style: Style;
  title: Rect;
  rows: number;
  cols: number;
  /** One cell per series, left to right, then top to bottom; every plot has the same size. */
  cells: Cell[];
  /** The colour bar right of the cells, shared by all of them (they share the colours); null when narrow. */
  bar: ColourBar | null;
  /** The rectangle the bar stands beside: right edge of the last column, from the top row to the bottom one. */
  barSpan: Rect;
}

/**
 * Small multiples of the loss surface, one per series, sharing axes: the w1 tick labels only left of the
 * first column and the w0 ones only below the lowest cell of each column. Of every rows × cols arrangement
 * the one whose plots hold the largest square wins (ties: fewer empty cells), so a wide frame puts three
 * or four cells in one row and a tall one stacks them. The base font follows the frame, 11.2 px at 960×480
 * (no smaller, so tick labels read on a slide), times --font-scale.
 */
export function gridLayout(measure: SKRSContext2D, scene: Scene): GridLayout {
  const { width, height, grid } = scene;
  const n = scene.series.length;
  const f = Math.max(8, Math.min(width / 86, height / 40, 64)) * fontScaleOf(scene);
  const style = styleFor(scene, f);
  const tick = f * 0.35;
  const gap = f * 0.3;
  const titleH = Math.round(f * 2.3);
  const head = f * 1.8;
  const bottom = tick + gap + f + gap * 1.6 + f + f * 0.45;
  // The cells share one colour scale, so one bar serves them all, on the right where a wide frame has room.
  const bar = width >= BAR_MIN_WIDTH * f ? colourBar(measure, grid, style) : null;
  const right = Math.max(f * 1.1, bar?.width ?? 0);
  const colGap = f * 1.4;
  const rowGap = f * 0.9;
  measure.font = font(f);

  const arrange = (cols: number) => {
    const rows = Math.ceil(n / cols);
    const h = Math.floor((height - titleH - bottom - rows * head - (rows - 1) * rowGap) / rows);
    const yTicks = linearAxis(grid.vRange, [h, 0], Math.max(2, Math.round(h / (f * 4.2))));
    const widest = yTicks.labels.reduce((m, s) => Math.max(m, measure.measureText(s).width), 0);
    const left = f * 0.5 + f + gap * 1.6 + widest + gap + tick;
    const w = Math.floor((width - left - right - (cols - 1) * colGap) / cols);
    return { cols, rows, h, w, left, empty: rows * cols - n };
  };
  let best = arrange(1);
  for (let cols = 2; cols <= n; cols++) {
    const a = arrange(cols);
    const [s, b] = [Math.min(a.w, a.h), Math.min(best.w, best.h)];
    if (s > b || (s === b && a.empty < best.empty)) best = a;
  }
  const { rows, cols, left } = best;
  const w = Math.max(10, best.w);
  const h = Math.max(10, best.h);

  const cells: Cell[] = [];
  for (let i = 0; i < n; i++) {
    const row = Math.floor(i / cols);
    const col = i % cols;
    const x = Math.round(left + col * (w + colGap));
    const y = Math.round(titleH + head + row * (h + head + rowGap));
    const plot: Plot = {
      rect: { x, y, w, h },
      x: linearAxis(grid.uRange, [x, x + w], Math.max(2, Math.round(w / (f * 6.5)))),
      y: linearAxis(grid.vRange, [y + h, y], Math.max(2, Math.round(h / (f * 4.2)))),
    };
    const outerX = col === 0 ? 0 : x - colGap / 2;
    const outerRight = col === cols - 1 ? width : x + w + colGap / 2;
    const showX = i + cols >= n;
    const outer = { x: outerX, y: y - head, w: outerRight - outerX, h: h + head + (showX ? bottom : 0) };
    cells.push({ plot, outer, row, col, showX, showY: col === 0 });
  }
  const top = cells[0].plot.rect;
  const lastRow = cells[cells.length - 1].plot.rect;
  const barSpan = { x: top.x, y: top.y, w: Math.round(left + (cols - 1) * (w + colGap)) + w - top.x, h: lastRow.y + lastRow.h - top.y };
  return { style, title: { x: 0, y: 0, w: width, h: titleH }, rows, cols, cells, bar, barSpan };
}
