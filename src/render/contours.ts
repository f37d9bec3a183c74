import type { SKRSContext2D } from '@napi-rs/canvas';
import { contours } from 'd3-contour';
import type { LossGrid } from '../types';
import type { Rect, Style } from './layout';
import { viridis } from './viridis';

type Ring = number[][];
type MultiPolygon = Ring[][];

/** Contour regions of a loss grid, one per level (where the loss is at or above it), in pixel coordinates. */
export interface ContourSet {
  levels: number[];
  /** regions[m]: polygons (outer ring, then holes) of the area where loss ≥ levels[m]. */
  regions: MultiPolygon[];
  /** Per ring point: whether it lies on the border of the sampled area (iso-lines skip border edges). */
  border: boolean[][][][];
}

/**
 * Runs d3-contour on the grid and maps its polygons to the plot rectangle. d3-contour puts sample (i, j) at
 * (i + 0.5, j + 0.5) — the pixel-centre convention — while the grid's sample i sits at w0Range[0] + i·step,
 * the left edge of the plot for i = 0. So grid coordinate g maps to pixel x + (g − 0.5)·w/(nx − 1), and a
 * contour line lands where the (linearly interpolated) loss equals its level. y grows upwards in w1.
 */
export function contourSet(grid: LossGrid, plot: Rect): ContourSet {
  const { nx, ny, levels } = grid;
  const sx = plot.w / (nx - 1);
  const sy = plot.h / (ny - 1);
  const gen = contours().size([nx, ny]).thresholds(levels);
  const regions: MultiPolygon[] = [];
  const border: boolean[][][][] = [];
  // A grid needs two samples per axis to have contours; with fewer the panel shows one flat band.
  if (nx < 2 || ny < 2) return { levels: [], regions, border };
  for (const level of levels) {
    const mp = gen.contour(grid.values as unknown as number[], level);
    regions.push(
      mp.coordinates.map((poly) => poly.map((ring) => ring.map(([gx, gy]) => [plot.x + (gx - 0.5) * sx, plot.y + plot.h - (gy - 0.5) * sy]))),
    );
    border.push(mp.coordinates.map((poly) => poly.map((ring) => ring.map(([gx, gy]) => gx === 0 || gx === nx || gy === 0 || gy === ny))));
  }
  return { levels, regions, border };
}

/** The colour of band b of `bands` (band 0 lies below the first level), spread evenly over viridis. */
export function bandColour(b: number, bands: number): string {
  return viridis(bands > 1 ? b / (bands - 1) : 0);
}

/**
 * Fills the bands: the whole plot in the lowest band's colour, then each level's region over it in
 * increasing order. The regions are nested, so each band shows its own colour and no seams appear.
 */
export function fillBands(ctx: SKRSContext2D, set: ContourSet, plot: Rect): void {
  const bands = set.levels.length + 1;
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.x, plot.y, plot.w, plot.h);
  ctx.clip();
  ctx.fillStyle = bandColour(0, bands);
  ctx.fillRect(plot.x, plot.y, plot.w, plot.h);
  set.regions.forEach((mp, m) => {
    ctx.beginPath();
    for (const poly of mp) for (const ring of poly) traceRing(ctx, ring);
    ctx.fillStyle = bandColour(m + 1, bands);
    ctx.fill('evenodd');
  });
  ctx.restore();
}

/** Strokes the iso-lines thinly, leaving out the edges where a region runs along the grid's border. */
export function strokeIsoLines(ctx: SKRSContext2D, set: ContourSet, plot: Rect, colour: string, width: number): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.x, plot.y, plot.w, plot.h);
  ctx.clip();
  ctx.beginPath();
  set.regions.forEach((mp, m) =>
    mp.forEach((poly, p) =>
      poly.forEach((ring, r) => {
        const onBorder = set.border[m][p][r];
        for (let i = 0; i < ring.length; i++) {
          const joined = i > 0 && !(onBorder[i] && onBorder[i - 1]);
          if (joined) ctx.lineTo(ring[i][0], ring[i][1]);
          else ctx.moveTo(ring[i][0], ring[i][1]);
        }
      }),
    ),
  );
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  ctx.lineJoin = 'round';
  ctx.stroke();
  ctx.restore();
}

function traceRing(ctx: SKRSContext2D, ring: number[][]): void {
  ring.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
  ctx.closePath();
}

/** A surface's static picture: its filled contour bands and their iso-lines, inside `rect`. */
export function drawContours(ctx: SKRSContext2D, grid: LossGrid, rect: Rect, style: Style): void {
  const set = contourSet(grid, rect);
  fillBands(ctx, set, rect);
  strokeIsoLines(ctx, set, rect, style.theme.isoLine, Math.max(0.75, style.thin * 0.8));
}
