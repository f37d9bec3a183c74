/**
 * The frame of a --starts run: the landscape's surface (contours as for one descent) with every start on it,
 * and beside it the legend of the known minima. With --layout basins each start is a dot that takes the
 * colour of the minimum its path reached from the iteration it reached it (hollow until then, and for good
 * when it reached none), and the paths are drawn thin as they move; without it, every path is drawn in the
 * colour of the minimum it reaches, from a small white start. The minima are marked and, once reached, named
 * as on any landscape (landmarks.ts); the legend counts the starts at each minimum by the frame's iteration.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { FrameTime, Scene, StartsLayer } from '../../types';
import { drawAxes, drawHeading, fitText } from '../core/axes';
import { drawContours } from '../surface2d/contours';
import { ensureFont, font } from '../core/font';
import { shortRate } from '../core/format';
import { drawLandmarkNames, drawLandmarks, landmarkLegend } from '../surface2d/landmarks';
import { panelStyle, placePlot, type Plot, type Rect, type Style } from '../core/layout';
import type { LegendItem } from '../core/legend';
import { drawDot } from '../core/markers';
import { clipTo } from '../core/panel';
import { linearAxis } from '../core/scale';
import { surfaceHeadings } from '../surface2d/headings';
import { startTitle } from '../frame/title';
import { basinColour, DOT_RIM, OTHER_MINIMUM } from './basinColours';
import { checkpointLayer, type LayerSteps } from './checkpointLayer';
import { pixelPath, pointAt, trailSteps, type PixelPath } from './startsPaths';

/** The path colour of a start that reached no known minimum (every path mode). */
const NONE_PATH = 'rgba(255,255,255,0.55)';
/** The thin paths of the basins picture. */
const BASIN_PATH = 'rgba(255,255,255,0.4)';

/** The layout of a starts frame: the title band, the surface on the left, the legend column on the right (exported for tests). */
export interface StartsLayout {
  style: Style;
  title: Rect;
  surface: Rect;
  legend: Rect;
  plot: Plot;
}

export function startsFrameLayout(measure: SKRSContext2D, scene: Scene): StartsLayout {
  const style = panelStyle(scene);
  const { width, height } = scene;
  const { f } = style;
  const titleH = Math.round(f * 2.3);
  const legendW = Math.round(Math.min(width * 0.34, Math.max(f * 13, width * 0.26)));
  const surface = { x: 0, y: titleH, w: width - legendW, h: height - titleH };
  const { grid } = scene;
  const plot = placePlot(measure, surface, style, (r, n) => linearAxis(grid.uRange, r, n), (r, n) => linearAxis(grid.vRange, r, n), true);
  const legendX = Math.min(surface.x + surface.w, plot.rect.x + plot.rect.w + f * 1.5);
  return { style, title: { x: 0, y: 0, w: width, h: titleH }, surface, legend: { x: legendX, y: plot.rect.y, w: width - legendX - f * 0.5, h: plot.rect.h }, plot };
}

/** A starts scene's frames drawn onto a context the caller owns, and its surface's plot (see createFrameDrawer). */
export function createStartsDrawer(scene: Scene): { draw: (ctx: SKRSContext2D, at: FrameTime | number) => void; surfacePlots: Plot[] } {
  ensureFont();
  const starts = scene.starts!;
  const { width, height } = scene;
  const background = createCanvas(width, height);
  const bg = background.getContext('2d');
  const L = startsFrameLayout(bg, scene);
  const { style, plot } = L;
  const { rect } = plot;
  const { f } = style;
  const marks = scene.surface.landmarks;
  const n = starts.x.length;
  const sx = Float64Array.from(starts.x, (v) => plot.x.map(v));
  const sy = Float64Array.from(starts.y, (v) => plot.y.map(v));
  const paths: PixelPath[] = starts.paths.map((t) => pixelPath(t, plot));
  const spacing = Math.min(rect.w, rect.h) / Math.max(1, Math.sqrt(n) - 1);
  const dotR = starts.basins ? Math.max(1.2, Math.min(f * 0.42, spacing * 0.42)) : Math.max(1, Math.min(f * 0.26, spacing * 0.3));
  const pathColour = (s: number) => (starts.basins ? BASIN_PATH : starts.landmark[s] >= 0 ? basinColour(starts.landmark[s]) : isOther(starts, s) ? OTHER_MINIMUM : NONE_PATH);
  const lineWidth = starts.basins ? Math.max(0.6, style.thin * 0.6) : Math.max(0.8, style.line * 0.5);
  const trails = checkpointLayer(width, height, rect, scene.iterations, trailSteps(paths, pathColour, lineWidth));
  const rim = Math.max(0.6, style.thin * 0.6);
  const dotLayer = starts.basins ? checkpointLayer(width, height, rect, scene.iterations, basinDotSteps(starts, sx, sy, dotR, rim, Math.max(0.8, style.thin * 0.9))) : null;
  const minima = marks.map((m, i) => ({ m, i })).filter(({ m }) => m.kind !== 'saddle');
  const title = titleDrawer(bg, L.title, scene, starts, style);

  bg.fillStyle = style.theme.background;
  bg.fillRect(0, 0, width, height);
  drawContours(bg, scene.grid, rect, style);
  drawAxes(bg, plot.box ?? L.surface, plot, style, { xLabel: scene.model.weightLabels[0], yLabel: scene.model.weightLabels[1] });
  drawHeading(bg, plot, style, surfaceHeadings(scene.model, ''), rect.w);
  if (!starts.basins) {
    // Every path: the starts are white dots under the paths that leave them.
    clipTo(bg, rect);
    dots(bg, sx, sy, Array.from({ length: n }, (_, s) => s), dotR, '#ffffff', DOT_RIM, Math.max(0.5, style.thin * 0.5));
    bg.restore();
  }

  const draw = (ctx: SKRSContext2D, at: FrameTime | number) => {
    const frame: FrameTime = typeof at === 'number' ? { index: 0, count: 1, seconds: 0, iteration: at } : at;
    const k = frame.iteration;
    if (!(Number.isInteger(k) && k >= 0 && k <= scene.iterations)) throw new RangeError(`iteration must be an integer from 0 to ${scene.iterations}, got ${k}`);
    ctx.drawImage(background, 0, 0);
    trails.draw(ctx, k);
    dotLayer?.draw(ctx, k);
    clipTo(ctx, rect);
    const reached = (s: number) => (starts.landmark[s] >= 0 || isOther(starts, s)) && starts.reachedAt[s] <= k;
    // Where each path is now, while it is on its way.
    const head = Math.max(0.8, Math.min(f * 0.18, dotR * 0.55));
    const hx = new Float64Array(n);
    const hy = new Float64Array(n);
    const heads = new Map<string, number[]>();
    for (let s = 0; s < n; s++) {
      // Not once the path has ended: a point that stays put is no longer on its way.
      if (reached(s) || paths[s].at.length < 2 || k >= paths[s].at[paths[s].at.length - 1]) continue;
      const [x, y] = pointAt(paths[s], k);
      if (x === sx[s] && y === sy[s]) continue;
      hx[s] = x;
      hy[s] = y;
      const colour = starts.basins ? '#ffffff' : pathColour(s);
      const g = heads.get(colour);
      if (g) g.push(s);
      else heads.set(colour, [s]);
    }
    // Small filled squares, no rim: thousands of moving points as discs with rims cost more than the rest of the frame.
    for (const [colour, members] of heads) {
      ctx.beginPath();
      for (const s of members) ctx.rect(hx[s] - head, hy[s] - head, 2 * head, 2 * head);
      ctx.fillStyle = colour;
      ctx.fill();
    }
    // Each minimum: its star, and a ring in its colour (the legend's key to it).
    for (const { m, i } of minima) {
      ctx.beginPath();
      ctx.arc(plot.x.map(m.u), plot.y.map(m.v), f * 0.95, 0, 2 * Math.PI);
      ctx.lineWidth = Math.max(2, style.thin * 2.2);
      ctx.strokeStyle = basinColour(i);
      ctx.stroke();
    }
    drawLandmarks(ctx, marks, plot, f * 0.75, style);
    const done = new Set<number>();
    for (let s = 0; s < n; s++) if (reached(s) && starts.landmark[s] >= 0) done.add(starts.landmark[s]);
    drawLandmarkNames(ctx, marks, done, plot, style);
    ctx.restore();
    drawStartsLegend(ctx, L.legend, style, scene, starts, k);
    title(ctx, k);
  };
  return { draw, surfacePlots: [plot] };
}

/** Whether start s converged to a minimum that is none of the known ones. */
function isOther(starts: StartsLayer, s: number): boolean {
  return starts.landmark[s] < 0 && starts.otherMinimum?.[s] === 1;
}

/** Discs at the points `members` of (xs, ys), all filled in one call (none when `fill` is null), then all rims in one (none when `rim` is null). */
function dots(ctx: SKRSContext2D, xs: Float64Array, ys: Float64Array, members: readonly number[], r: number, fill: string | null, rim: string | null, lw: number): void {
  if (members.length === 0) return;
  ctx.beginPath();
  for (const s of members) {
    ctx.moveTo(xs[s] + r, ys[s]);
    ctx.arc(xs[s], ys[s], r, 0, 2 * Math.PI);
  }
  if (fill) {
    ctx.fillStyle = fill;
    ctx.fill();
  }
  if (!rim) return;
  ctx.lineWidth = lw;
  ctx.strokeStyle = rim;
  ctx.stroke();
}

/**
 * The start dots of a basins picture as a checkpoint layer: every start a hollow ring at first, and each one
 * filled in its minimum's colour (covering the ring) once its path has reached that minimum.
 */
function basinDotSteps(starts: StartsLayer, sx: Float64Array, sy: Float64Array, r: number, rim: number, ringWidth: number): LayerSteps {
  const order = Array.from(starts.reachedAt.keys()).filter((s) => starts.landmark[s] >= 0 || isOther(starts, s)).sort((a, b) => starts.reachedAt[a] - starts.reachedAt[b] || a - b);
  const all = Array.from({ length: starts.x.length }, (_, s) => s);
  const arrivals = (ctx: SKRSContext2D, from: number, to: number) => {
    const groups = new Map<number, number[]>();
    for (const s of order) {
      const t = starts.reachedAt[s];
      if (t <= from) continue;
      if (t > to) break;
      const g = groups.get(starts.landmark[s]);
      if (g) g.push(s);
      else groups.set(starts.landmark[s], [s]);
    }
    for (const [m, members] of [...groups].sort((a, b) => a[0] - b[0])) dots(ctx, sx, sy, members, r, m >= 0 ? basinColour(m) : OTHER_MINIMUM, DOT_RIM, rim);
  };
  return {
    // Iteration 0 is drawn with the rings: a start at a minimum has reached it before any update.
    reset: (ctx) => {
      dots(ctx, sx, sy, all, Math.max(0.8, r * 0.8), null, DOT_RIM, ringWidth);
      arrivals(ctx, -1, 0);
    },
    grow: arrivals,
    tail: arrivals,
  };
}

/** A hollow ring: a start that has reached no known minimum (yet). */
function ring(ctx: SKRSContext2D, x: number, y: number, r: number, style: Style, colour = DOT_RIM): void {
  ctx.beginPath();
  ctx.arc(x, y, Math.max(0.8, r * 0.8), 0, 2 * Math.PI);
  ctx.lineWidth = Math.max(0.8, style.thin * 0.9);
  ctx.strokeStyle = colour;
  ctx.stroke();
}

/**
 * The legend column: one row per known minimum (its colour, its name, the starts that reached it by
 * iteration k), then the starts that reached none, then the marks (minimum, saddle) and what a dot is.
 */
function drawStartsLegend(ctx: SKRSContext2D, box: Rect, style: Style, scene: Scene, starts: StartsLayer, k: number): void {
  const { f, theme } = style;
  const marks = scene.surface.landmarks;
  const n = starts.x.length;
  const counts = marks.map(() => 0);
  let reachedTotal = 0;
  let others = 0;
  let anyOther = false;
  for (let s = 0; s < n; s++) {
    const other = isOther(starts, s);
    anyOther ||= other;
    if ((starts.landmark[s] >= 0 || other) && starts.reachedAt[s] <= k) {
      if (other) others++;
      else counts[starts.landmark[s]]++;
      reachedTotal++;
    }
  }
  ctx.save();
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  const row = f * 1.55;
  const r = f * 0.42;
  let y = box.y + f * 0.6;
  ctx.font = font(f, true);
  ctx.fillStyle = theme.text;
  ctx.fillText(fitText(ctx, { known: 'Minimum reached', none: 'No minimum', unknown: 'Minima not known' }[starts.minima], box.w), box.x, y);
  y += row;
  ctx.font = font(f);
  const rows: { marker: (x: number, y: number) => void; label: string; count: number }[] = [];
  marks.forEach((m, i) => {
    if (m.kind === 'saddle') return;
    rows.push({ marker: (x, yy) => drawDot(ctx, x, yy, r, basinColour(i), DOT_RIM, Math.max(0.8, style.thin)), label: `${m.kind === 'local' ? 'local min' : 'min'} ${m.name}`, count: counts[i] });
  });
  // A minimum none of the listed ones: its own row, in runs that have one.
  if (anyOther) rows.push({ marker: (x, yy) => drawDot(ctx, x, yy, r, OTHER_MINIMUM, DOT_RIM, Math.max(0.8, style.thin)), label: starts.minima === 'known' ? 'another local minimum' : 'a minimum (found)', count: others });
  // On the page's background the ring is in the text's colour (a dark theme would hide a dark one).
  rows.push({ marker: (x, yy) => ring(ctx, x, yy, r * 1.1, style, theme.text), label: starts.minima === 'none' ? 'no minimum' : 'none reached', count: n - reachedTotal });
  // The counts in one column just past the widest label (as wide as the largest count can be: n), not at the
  // box's far edge, where a wide box left them an eye's journey from their labels (newcomer review).
  const labelX = box.x + 2 * r + f * 0.5;
  const countWidth = ctx.measureText(String(n)).width;
  const widest = Math.max(...rows.map((w) => ctx.measureText(w.label).width));
  const countX = Math.min(box.x + box.w, labelX + widest + f * 1.2 + countWidth);
  for (const w of rows) {
    w.marker(box.x + r, y);
    ctx.fillStyle = theme.text;
    ctx.textAlign = 'right';
    ctx.fillText(String(w.count), countX, y);
    ctx.textAlign = 'left';
    ctx.fillText(fitText(ctx, w.label, countX - countWidth - f * 0.5 - labelX), labelX, y);
    y += row;
  }
  y += f * 0.4;
  ctx.fillStyle = theme.mutedText;
  ctx.font = font(f * 0.85);
  const notes =
    starts.minima === 'none'
      ? [starts.placement, 'the loss is unbounded below:', 'there is no minimum to reach']
      : starts.minima === 'unknown'
      ? [starts.placement, 'no minimum is known in advance:', 'one counts where the verdict', 'confirms it (gradient, curvature)']
    : [starts.placement, starts.basins ? 'each start coloured by the minimum' : 'each path coloured by the minimum', starts.basins ? 'its path reached' : 'it reaches'];
  const items: LegendItem[] = landmarkLegend(marks, style);
  // Within the frame: the notes give way to the marks' key when both do not fit below the counts.
  const bottom = scene.height - f * 0.3;
  const keyH = f * 0.3 + items.length * row;
  const noteLines = y + notes.length * f * 1.2 + keyH - row / 2 <= bottom ? notes : [];
  for (const t of noteLines) {
    ctx.fillText(fitText(ctx, t, box.w), box.x, y);
    y += f * 1.2;
  }
  y += f * 0.3;
  ctx.font = font(f);
  for (const it of items.filter((_, j) => y + j * row + row / 2 <= bottom)) {
    it.marker(ctx, box.x + r, y, r);
    ctx.fillStyle = theme.text;
    ctx.textAlign = 'left';
    ctx.fillText(fitText(ctx, it.label, box.w - 2 * r - f * 0.5), box.x + 2 * r + f * 0.5, y);
    y += row;
  }
  ctx.restore();
}

/** The title line: the function, the optimizer and its rate, then the iteration. */
function titleDrawer(measure: SKRSContext2D, band: Rect, scene: Scene, starts: StartsLayer, style: Style): (ctx: SKRSContext2D, k: number) => void {
  const rate = `lr ${shortRate(starts.lr)}${scene.schedule ? ` · ${scene.schedule}` : ''}`;
  const size = style.f * 1.1;
  const margin = style.f * 0.8;
  const total = scene.requestedIterations;
  const iterationText = (k: number) => `iteration ${k} / ${total}`;
  measure.font = font(size);
  const slot = measure.measureText(iterationText(total)).width;
  measure.font = font(size, true);
  const room = band.w - 2 * margin - slot - size * 1.1;
  const options = scene.text?.title
    ? [scene.text.title]
    : [`${scene.model.title} · ${starts.optimizerTitle} · ${rate}`, `${scene.model.short} · ${starts.optimizerShort} · ${rate}`];
  const heading = fitText(measure, options.find((t) => measure.measureText(t).width <= room) ?? options[options.length - 1], Math.max(0, room));
  const y = band.y + band.h * 0.55;
  const x = margin + (heading ? measure.measureText(heading).width + size * 1.1 : 0);
  return (ctx, k) => {
    startTitle(ctx, style, heading, size, margin, y);
    ctx.fillText(iterationText(k), x, y);
  };
}
