import type { SKRSContext2D } from '@napi-rs/canvas';
import type { LossGrid } from '../../types';
import { colourScale, type ColourScale } from './colourScale';
import { font } from '../core/font';
import type { Rect, Style } from '../core/layout';

/** A colour bar placed beside a plot: the width it needs and how to draw it next to a given rectangle. */
export interface ColourBar {
  /** Pixels it takes to the right of the plot, margins included. */
  width: number;
  /** Draws the bar beside `plot` (its full height), with its labels; static, so once per scene. */
  draw(ctx: SKRSContext2D, plot: Rect): void;
}

/**
 * The key to the surface's colours: the contour bands stacked in a thin bar to the right of the plot, with
 * the lowest loss at its foot and round loss values up its side. Labels keep at least two lines of text
 * apart; round values give way to the ends only when too few of them fit. Null for a flat surface.
 */
export function colourBar(measure: SKRSContext2D, grid: LossGrid, style: Style): ColourBar | null {
  const scale = colourScale(grid);
  if (!scale) return null;
  const { f } = style;
  const [gap, bar, tick, pad] = [f * 0.7, f * 0.8, f * 0.3, f * 0.25];
  measure.font = font(f);
  const widest = scale.candidates.reduce((m, c) => Math.max(m, measure.measureText(c.text).width), 0);
  return {
    width: Math.ceil(gap + bar + tick + pad + widest + f * 0.5),
    draw(ctx, plot) {
      const x = plot.x + plot.w + gap;
      const { y, h } = plot;
      const n = scale.colours.length;
      scale.colours.forEach((colour, i) => {
        ctx.fillStyle = colour;
        // Each band overlaps the next by a pixel, so no background shows through antialiased seams.
        const top = y + h - ((i + 1) * h) / n;
        ctx.fillRect(x, top, bar, h / n + (i < n - 1 ? 1 : 0));
      });
      ctx.save();
      ctx.strokeStyle = style.theme.axis;
      ctx.lineWidth = style.thin;
      const o = style.thin / 2;
      ctx.strokeRect(x - o, y - o, bar + 2 * o, h + 2 * o);
      ctx.fillStyle = style.theme.text;
      ctx.font = font(f);
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.beginPath();
      for (const c of chooseLabels(scale, h, f * 1.9)) {
        const py = y + h - scale.at(c.value) * h;
        ctx.moveTo(x + bar, py);
        ctx.lineTo(x + bar + tick, py);
        ctx.fillText(c.text, x + bar + tick + pad, py);
      }
      ctx.stroke();
      ctx.restore();
    },
  };
}

/**
 * The labels that fit on a bar `h` pixels high, each at least `space` from the others: the lowest loss (the
 * foot of the colour map) always, then round values from the bottom up, then the highest loss if it fits.
 */
export function chooseLabels(scale: ColourScale, h: number, space: number): ColourScale['candidates'] {
  const chosen: ColourScale['candidates'] = [];
  const fits = (v: number) => chosen.every((c) => Math.abs(scale.at(c.value) - scale.at(v)) * h >= space);
  const [first, ...rest] = scale.candidates;
  chosen.push(first);
  const top = rest[rest.length - 1];
  for (const c of rest) if (!c.end && fits(c.value) && Math.abs(1 - scale.at(c.value)) * h >= space * 0.6) chosen.push(c);
  if (chosen.length < 3 && fits(top.value)) chosen.push(top);
  return chosen;
}
