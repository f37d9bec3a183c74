import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Scene, SurfaceSide } from '../../types';
import { colourBar } from '../surface2d/colourBar';
import { bothShort, compareHeading, resultLevel, RESULT_ROW } from './compareHeading';
import type { FrameParts } from './frameParts';
import { gridTitle } from './gridTitle';
import { fontScaleOf, placePlot, styleFor, type Rect, type Style } from '../core/layout';
import { drawLegendAt } from '../core/legend';
import { inflate } from '../core/panel';
import { chooseLayers, layeredPanel } from '../core/layer';
import { linearAxis } from '../core/scale';
import { shortRate } from '../core/format';
import { distinctStarts, markerLegend } from '../surface2d/marks';
import { CELL_LAYERS } from '../surface2d/cellLayers';
import type { CellContext } from '../surface2d/cellLayers/context';
import { surfacePath } from '../surface2d/surfacePath';

/** The narrowest side, in base font sizes, that also gets a colour bar (as the surface panel). */
const BAR_MIN_WIDTH = 22;

/**
 * --compare-standardize: the raw and the standardized descent side by side, each on its own loss surface in
 * the weights it moved (left the stretched valley in data units, right the round bowl, square), with its own
 * colour bar, since the two windows span different losses. One title line for both: the model, the optimizer
 * and the one rate they share, then the iteration; the marker legend sits once on its right. Both sides show
 * the same iteration in every frame.
 */
export function compareFrame(bg: SKRSContext2D, scene: Scene): FrameParts {
  const { style, band, outers, contexts } = compareSides(bg, scene);
  const { f } = style;
  const panels = contexts.map((c) => layeredPanel(c.plot, chooseLayers(CELL_LAYERS, c), c.plot.rect));
  const rate = scene.series[0].lr;
  const shared = scene.series.every((s) => s.lr === rate);
  const title = gridTitle(bg, band, scene, style, shared ? ` · lr ${shortRate(rate)} on both` : '');
  return {
    layout: { style, title: band, panels: outers },
    panels,
    title: title.draw,
    decorate(ctx) {
      const items = markerLegend(style, scene.optimum !== null);
      drawLegendAt(ctx, band.w - f * 0.8, band.h * 0.55 + f * 0.35, style, items, title.room, band.w * 0.25);
    },
  };
}

/** The comparison's title band and sides, and what each side's layers (surface2d/cellLayers) share. */
export function compareSides(bg: SKRSContext2D, scene: Scene): { style: Style; band: Rect; outers: Rect[]; contexts: CellContext[] } {
  const { width, height } = scene;
  const sides = scene.sides!;
  const f = Math.max(8, Math.min(width / sides.length / 29, height / 36, 64)) * fontScaleOf(scene);
  const style = styleFor(scene, f);
  const band: Rect = { x: 0, y: 0, w: width, h: Math.round(f * 2.3) };
  const outers = sides.map((_, i) => {
    const x0 = Math.round((i * width) / sides.length);
    const x1 = Math.round(((i + 1) * width) / sides.length);
    return { x: x0, y: band.h, w: x1 - x0, h: height - band.h };
  });
  const placed = sides.map((side, i) => placeSide(bg, outers[i], side, style));
  const level = resultLevel(bg, scene, placed.map((p) => p.plot.rect.w), style);
  return { style, band, outers, contexts: sides.map((side, i) => sideContext(bg, placed[i], scene, side, i, level, style)) };
}

/** A side's plot and colour bar: the plot is placed below both rows of its heading. */
function placeSide(measure: SKRSContext2D, outer: Rect, side: SurfaceSide, style: Style) {
  const { f } = style;
  const { grid } = side;
  const bar = outer.w >= BAR_MIN_WIDTH * f ? colourBar(measure, grid, style) : null;
  // The heading's second row (the iterations needed) takes room above the usual heading row.
  const extra = Math.round(f * RESULT_ROW);
  const room = { ...outer, y: outer.y + extra, h: outer.h - extra };
  const place = (square: boolean) =>
    placePlot(measure, room, style, (range, n) => linearAxis(grid.uRange, range, n), (range, n) => linearAxis(grid.vRange, range, n), square, bar?.width);
  const plot = place(side.plane.equalAspect);
  // A square narrower than its room is centred, and placePlot moves its axis labels along (plot.box), so the
  // bowl's y label does not stand by the other side's colour bar.
  return { plot, bar, room: plot.box ?? room };
}

/** What a side's layers share: its one descent on its own plane and window. */
function sideContext(measure: SKRSContext2D, placed: ReturnType<typeof placeSide>, scene: Scene, side: SurfaceSide, index: number, level: number, style: Style): CellContext {
  const { plot, bar, room } = placed;
  const box = inflate(plot.rect, style.f * 2);
  const series = scene.series[index];
  const path = surfacePath(series, side.plane.paths[0], plot, box);
  // One colour on both sides: each shows one descent, and they compare by position, as small multiples do.
  const colour = style.theme.series[0];
  return {
    scene,
    style,
    series,
    index,
    outer: room,
    plot,
    box,
    colour,
    path,
    starts: distinctStarts([[path.sx(0), path.sy(0)]]),
    plane: side.plane,
    grid: side.grid,
    bar,
    arrows: false,
    showX: true,
    showY: true,
    heading: compareHeading(measure, plot.rect, scene, index, level, colour, style),
    side: { short: bothShort(scene) },
  };
}
