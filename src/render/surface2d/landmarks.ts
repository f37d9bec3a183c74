/**
 * The known points of a surface, marked: a global minimum as the white star (the one optimum of a model on
 * data is one of these), a local minimum, or one found of unknown rank, as a grey star, a saddle as a white cross; and the name of the point
 * a path has reached, from the iteration it reached it (a landscape's verdict confirmed it).
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Landmark, Series } from '../../types';
import type { Plot, Rect, Style } from '../core/layout';
import type { LegendItem } from '../core/legend';
import { drawLabel, drawStar } from '../core/markers';
import { font } from '../core/font';
import { placeNames } from './namePlacement';

/** One landmark's symbol centred on (x, y), of outer radius r. */
export function landmarkMarker(ctx: SKRSContext2D, kind: Landmark['kind'], x: number, y: number, r: number, style: Style): void {
  const lw = Math.max(1, style.thin);
  if (kind === 'global') drawStar(ctx, x, y, r, '#ffffff', '#000000', lw);
  else if (kind === 'local' || kind === 'found') drawStar(ctx, x, y, r * 0.8, '#9e9e9e', '#000000', lw);
  else cross(ctx, x, y, r * 0.62, lw);
}

/** A white × with a black rim: a saddle. */
function cross(ctx: SKRSContext2D, x: number, y: number, r: number, lw: number): void {
  ctx.lineCap = 'round';
  for (const [width, colour] of [[r * 0.55 + 2 * lw, '#000000'], [r * 0.55, '#ffffff']] as const) {
    ctx.lineWidth = width;
    ctx.strokeStyle = colour;
    ctx.beginPath();
    ctx.moveTo(x - r, y - r);
    ctx.lineTo(x + r, y + r);
    ctx.moveTo(x - r, y + r);
    ctx.lineTo(x + r, y - r);
    ctx.stroke();
  }
}

/** Draws every landmark inside the plot at radius r. */
export function drawLandmarks(ctx: SKRSContext2D, marks: readonly Landmark[], plot: Plot, r: number, style: Style): void {
  for (const m of marks) landmarkMarker(ctx, m.kind, plot.x.map(m.u), plot.y.map(m.v), r, style);
}

/** The landmarks the series have reached by iteration k (indices into the landmarks), each once. */
export function reachedBy(series: readonly Series[], k: number): Set<number> {
  const done = new Set<number>();
  for (const s of series) if (s.reached && s.reached.iteration <= k) done.add(s.reached.landmark);
  return done;
}

/**
 * The names of the landmarks reached by iteration k ("(3, 2)", "saddle (0, 0)"), each once, on a backing box
 * beside its marker (which minimum a path found is the point of a race on Himmelblau), for the frames of one
 * plot: the markers' spots are found once, and the names' places once for each set of landmarks reached (a
 * run reaches a few, at a few iterations); measuring and placing them anew cost every frame of a race as
 * much as drawing them. The same pixels as drawLandmarkNames.
 */
export function reachedNamesPainter(marks: readonly Landmark[], series: readonly Series[], plot: Plot, style: Style): (ctx: SKRSContext2D, k: number) => void {
  const spots = spotsOf(marks, plot);
  let key = '';
  let placed: PlacedName[] = [];
  return (ctx, k) => {
    const done = reachedBy(series, k);
    if (done.size === 0) return;
    const now = [...done].join(',');
    if (now !== key) {
      placed = placeNamesAt(ctx, marks, done, spots, plot.rect, style);
      key = now;
    }
    paintNames(ctx, placed, style);
  };
}

/** Where each landmark's marker sits in the plot, in pixels (null: outside it, not drawn). */
function spotsOf(marks: readonly Landmark[], plot: Plot): ({ x: number; y: number } | null)[] {
  const { rect } = plot;
  const inside = (p: { x: number; y: number }) => p.x >= rect.x && p.x <= rect.x + rect.w && p.y >= rect.y && p.y <= rect.y + rect.h;
  return marks.map((m) => ({ x: plot.x.map(m.u), y: plot.y.map(m.v) })).map((p) => (inside(p) ? p : null));
}

/**
 * The names of the landmarks `done` (indices into `marks`), each on a backing box beside its own marker,
 * inside the plot and clear of the other markers and names (namePlacement.ts); a name with no such place is
 * not drawn.
 */
export function drawLandmarkNames(ctx: SKRSContext2D, marks: readonly Landmark[], done: ReadonlySet<number>, plot: Plot, style: Style): void {
  drawNamesAt(ctx, marks, done, spotsOf(marks, plot), plot.rect, style);
}

/**
 * The names of the landmarks `done`, each beside its marker at `spots[i]` (pixels; null where it is not
 * drawn), inside `rect` and clear of every other marker and name; a name with no such place is not drawn.
 */
export function drawNamesAt(ctx: SKRSContext2D, marks: readonly Landmark[], done: ReadonlySet<number>, spots: readonly ({ x: number; y: number } | null)[], rect: Rect, style: Style): void {
  if (done.size === 0) return;
  paintNames(ctx, placeNamesAt(ctx, marks, done, spots, rect, style), style);
}

/** A name and the place found for its box (top-left corner, as drawLabel takes it). */
interface PlacedName {
  text: string;
  x: number;
  y: number;
}

/** drawNamesAt's measuring and placing: the names that have a place, and where. */
function placeNamesAt(ctx: SKRSContext2D, marks: readonly Landmark[], done: ReadonlySet<number>, spots: readonly ({ x: number; y: number } | null)[], rect: Rect, style: Style): PlacedName[] {
  const f = style.f * 0.85;
  ctx.font = font(f);
  const shown = [...done].filter((i) => marks[i] && spots[i]);
  const texts = shown.map((i) => landmarkName(marks[i]));
  const markers = spots.filter((p): p is { x: number; y: number } => p !== null);
  const boxes = shown.map((i, j) => ({ ...spots[i]!, w: ctx.measureText(texts[j]).width + f * 0.8, h: f * 1.6 }));
  const placed: PlacedName[] = [];
  placeNames(boxes, markers, rect, style.f).forEach((p, j) => {
    if (p) placed.push({ text: texts[j], x: p.x, y: p.y });
  });
  return placed;
}

/** drawNamesAt's drawing: each placed name on its backing box. */
function paintNames(ctx: SKRSContext2D, placed: readonly PlacedName[], style: Style): void {
  const f = style.f * 0.85;
  ctx.font = font(f);
  for (const p of placed) drawLabel(ctx, p.text, p.x, p.y, f, style.theme.text, style.theme.background);
}

/** A landmark's name as its label reads ("min (3, 2)", "saddle (0, 0)"). */
export function landmarkName(m: Landmark): string {
  return m.kind === 'saddle' ? `saddle ${m.name}` : m.kind === 'local' ? `local min ${m.name}` : `min ${m.name}`;
}

/** The legend's items for the kinds of landmark present (a global minimum is "minimum", as before). */
export function landmarkLegend(marks: readonly Landmark[], style: Style): LegendItem[] {
  const kinds = new Set(marks.map((m) => m.kind));
  const items: LegendItem[] = [];
  const label: Record<Landmark['kind'], string> = { global: 'minimum', local: 'local min', found: 'minimum found', saddle: 'saddle' };
  for (const kind of ['global', 'local', 'found', 'saddle'] as const) {
    if (kinds.has(kind)) items.push({ label: label[kind], marker: (c, x, y, r) => landmarkMarker(c, kind, x, y, r * 1.3, style) });
  }
  return items;
}
