import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Scene, SurfaceSide } from '../../types';
import { drawAxes } from '../core/axes';
import { colourBar } from '../surface2d/colourBar';
import { bothShort, compareHeading, resultLevel, RESULT_ROW } from './compareHeading';
import { font } from '../core/font';
import { drawContours } from '../surface2d/contours';
import type { FrameParts } from './frameParts';
import { gridTitle } from './gridTitle';
import { fontScaleOf, placePlot, styleFor, type Rect, type Style } from '../core/layout';
import { drawLegendAt } from '../core/legend';
import { drawLabel } from '../core/markers';
import { inflate, type Panel } from '../core/panel';
import { linearAxis } from '../core/scale';
import { shortRate } from '../core/format';
import { markerLegend } from '../surface2d/marks';
import { drawOneDescent } from '../surface2d/oneDescent';
import { surfacePath } from '../surface2d/surfacePath';

/** The last frame's notice when the shared rate leaves both sides short of 99 % of their gap, wordiest first. */
const SHORT_FORMS = ['at this shared rate neither side gets near the optimum', 'neither side gets near the optimum', 'neither near the optimum'];

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
  const panels = sides.map((side, i) => sideCell(bg, placed[i], scene, side, i, level, style));
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

function sideCell(measure: SKRSContext2D, placed: ReturnType<typeof placeSide>, scene: Scene, side: SurfaceSide, index: number, level: number, style: Style): Panel {
  const { f, theme } = style;
  const { grid } = side;
  const { plot, bar, room } = placed;
  const { rect } = plot;
  const box = inflate(rect, f * 2);
  const series = scene.series[index];
  const path = surfacePath(series, side.plane.paths[0], plot, box);
  // One colour on both sides: each shows one descent, and they compare by position, as small multiples do.
  const colour = theme.series[0];
  const heading = compareHeading(measure, rect, scene, index, level, colour, style);
  const marks = side.plane.landmarks;
  const start: [number, number] = [path.sx(0), path.sy(0)];
  const short = bothShort(scene);

  return {
    plot,
    drawStatic(ctx) {
      drawContours(ctx, grid, rect, style);
      bar?.draw(ctx, rect);
      drawAxes(ctx, room, plot, style, { xLabel: side.plane.labels[0], yLabel: side.plane.labels[1] });
      heading.drawStatic(ctx);
    },
    drawFrame(ctx, frame) {
      const k = frame.iteration;
      drawOneDescent(ctx, path, k, plot, box, colour, style, start.every(Number.isFinite) ? [start] : [], marks);
      if (marks.length === 0) drawLabel(ctx, 'no finite minimum: the classes are separable', rect.x + f * 0.5, rect.y + rect.h - f * 2.2, f, theme.accent, theme.labelBox);
      else if (short && k >= series.iterations) {
        // The shared rate left both sides short: said on the last frame, over the plot, where the eye is.
        ctx.font = font(f, true);
        const text = SHORT_FORMS.find((t) => ctx.measureText(t).width <= rect.w - f * 1.5) ?? SHORT_FORMS[SHORT_FORMS.length - 1];
        drawLabel(ctx, text, rect.x + f * 0.5, rect.y + rect.h - f * 2.2, f, theme.accent, theme.labelBox);
      }
      ctx.restore();
      heading.drawFrame(ctx, k);
    },
  };
}
