import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Scene } from '../../types';
import { font } from '../core/font';
import { formatNumber } from '../core/format';
import type { Style } from '../core/layout';
import { drawSeriesMarker } from '../core/markers';
import { divergedBy, lossAt, sampleIterations, seriesColour, stoppedWord } from '../core/series';
import type { TitleDrawer } from './title';

/** The title band of several series on one plot: its height (one or two rows) and how to draw it. */
export interface SeriesTitle {
  height: number;
  /** What changes from frame to frame: the iteration and the losses. */
  draw: TitleDrawer;
  /** What does not, drawn once into the background: the heading, and each series' swatch and label. */
  drawStatic(ctx: SKRSContext2D): void;
}

interface Row {
  heading: string;
  /** Significant digits of the losses. */
  digits: number;
}

/**
 * The title of a race or an overlaid sweep, which is also its legend: the heading and "iteration k / N",
 * then per series a swatch of its path and marker, its label in its colour and its current loss (or
 * "diverged"). Every field has a fixed slot, as wide as its widest text over the run, so nothing jumps.
 * One row when it fits (full heading, then the short one); else the series move to a second row under the
 * heading; else fewer digits; else a smaller font; and when even that leaves the series wider than the
 * frame, they wrap onto as many rows as they need (at a font no smaller than 0.6 of the title's).
 */
export function seriesTitle(measure: SKRSContext2D, width: number, scene: Scene, style: Style): SeriesTitle {
  const { f } = style;
  const { series, model } = scene;
  const total = scene.requestedIterations;
  const optimizers = new Set(series.map((s) => s.optimizer));
  const shared = optimizers.size === 1 ? series[0] : null;
  // A title of the user's own replaces both headings: it moves to a row of its own before it is cut.
  const own = scene.text?.title;
  // Every series follows the same schedule: named once, in the heading (their labels carry the rates).
  const schedule = (scene.tuned ? ' · tuned rates' : '') + (scene.schedule ? ` · ${scene.schedule}` : '');
  const long = own ?? (shared ? `${model.title} · ${shared.optimizerTitle}` : model.title) + schedule;
  const short = own ?? (shared ? `${model.short} · ${shared.optimizerShort}` : model.short) + schedule;
  const samples = sampleIterations(scene.iterations);
  const margin = f * 0.8;
  const room = width - 2 * margin;
  const nominal = f * 1.1;

  const value = (i: number, k: number, digits: number) =>
    divergedBy(series[i], k, scene.iterations) ? stoppedWord(series[i]) : formatNumber(lossAt(series[i], k), digits);

  // The tries below measure the same texts again (a race of six: some 1,400 measurements, ~25 ms): each once.
  // In a font whose digits are all as wide and never kerned, a loss or an iteration count is as wide as its
  // pattern of digits ("0.0561" as "0.0000"): 65 losses per series come down to a few widths.
  const widths = new Map<string, number>();
  const tabular = new Map<string, boolean>();
  const widthOf = (text: string, font: string, numeric = false) => {
    let even = numeric ? tabular.get(font) : false;
    if (even === undefined) tabular.set(font, (even = tabularDigits(measure)));
    const key = `${font}\n${even ? text.replace(/[0-9]/g, '0') : text}`;
    let w = widths.get(key);
    if (w === undefined) widths.set(key, (w = measure.measureText(text).width));
    return w;
  };

  // The widest iteration count and each series' widest sampled value, per font and digits: the tries ask for
  // the same ones again, and formatting the values anew each time cost as much as measuring them.
  const iterationTexts = samples.map((k) => `iteration ${k} / ${total}`);
  const valueTexts = new Map<number, string[][]>();
  const numbers = new Map<string, { iteration: number; values: number[] }>();
  const numberWidths = (plain: string, digits: number) => {
    const key = `${plain}\n${digits}`;
    const known = numbers.get(key);
    if (known) return { iteration: known.iteration, values: [...known.values] };
    let texts = valueTexts.get(digits);
    if (!texts) valueTexts.set(digits, (texts = series.map((_, i) => samples.map((k) => value(i, k, digits)))));
    let iteration = 0;
    const values = series.map(() => 0);
    for (let j = 0; j < samples.length; j++) {
      iteration = Math.max(iteration, widthOf(iterationTexts[j], plain, true));
      for (let i = 0; i < series.length; i++) values[i] = Math.max(values[i], widthOf(texts[i][j], plain, true));
    }
    numbers.set(key, { iteration, values });
    return { iteration, values: [...values] };
  };

  /** Widths of every slot at font size `size`: heading, iteration, then per series swatch+label and value. */
  const measureRow = (row: Row, size: number) => {
    const gap = size * 1.1;
    const bold = (measure.font = font(size, true));
    const head = row.heading ? widthOf(row.heading, bold) + gap : 0;
    const swatch = size * 2.2;
    const labels = series.map((s) => swatch + widthOf(s.label, bold) + size * 0.4);
    const plain = (measure.font = font(size));
    const { iteration, values } = numberWidths(plain, row.digits);
    const entries = labels.reduce((a, w, i) => a + w + values[i], 0) + gap * (series.length - 1);
    return { ...row, size, gap, head, swatch, iteration, labels, values, entries };
  };
  /** rows: 1 (all on the heading's row), else the heading's row and `lines` (each a list of series) under it. */
  type Plan = ReturnType<typeof measureRow> & { rows: 1 | 2; lines?: number[][] };

  // Widest first: one row with the full heading, then the short one; then two rows; then fewer digits.
  const tries: [Row, 1 | 2][] = [
    [{ heading: long, digits: 4 }, 1],
    [{ heading: short, digits: 4 }, 1],
    [{ heading: long, digits: 4 }, 2],
    [{ heading: short, digits: 4 }, 2],
    [{ heading: short, digits: 3 }, 2],
  ];
  const width1 = (p: Plan) => p.head + p.iteration + (p.rows === 1 ? p.gap + p.entries : 0);
  let plan: Plan | undefined;
  for (const [row, rows] of tries) {
    const p: Plan = { ...measureRow(row, nominal), rows };
    if (width1(p) <= room && p.entries <= room) {
      plan = p;
      break;
    }
  }
  if (!plan) {
    const p = measureRow({ heading: short, digits: 3 }, nominal);
    const q = measureRow(p, nominal * Math.max(0.6, room / Math.max(p.entries, p.head + p.iteration)));
    // The last slot may run into the right margin (its widest value is rarely the one shown); not past the frame.
    if (q.entries <= room + margin) plan = { ...q, rows: 2 };
    else {
      // Wrapped: the heading's row sets the size (up to 0.85 of the title's), the series fill the rows under it.
      const w = measureRow(p, nominal * Math.max(0.6, Math.min(0.85, room / (p.head + p.iteration))));
      plan = { ...w, rows: 2, lines: wrapEntries(series.map((_, i) => w.labels[i] + w.values[i]), w.gap, room) };
    }
  }
  const chosen = plan;
  const { size, gap, rows } = chosen;
  const lines = chosen.lines ?? [series.map((_, i) => i)];
  const first = Math.round(f * 2.3);
  const height = rows === 1 ? first : Math.round(first + size * 1.5 * lines.length);
  const y1 = first * 0.55;

  // Each series' slot starts where the one before it on its row ends.
  const slots: number[] = [];
  const rowY: number[] = [];
  lines.forEach((line, j) => {
    let x = rows === 1 ? margin + chosen.head + chosen.iteration + gap : margin;
    for (const i of line) {
      slots[i] = x;
      rowY[i] = rows === 1 ? y1 : y1 + size * 1.5 * (j + 1);
      x += chosen.labels[i] + chosen.values[i] + gap;
    }
  });

  const drawStatic = (ctx: SKRSContext2D) => {
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = style.theme.text;
    ctx.font = font(size, true);
    if (chosen.heading) ctx.fillText(chosen.heading, margin, y1);
    series.forEach((s, i) => {
      const colour = seriesColour(style, i);
      drawSwatch(ctx, i, slots[i], rowY[i], chosen.swatch, colour, style);
      ctx.font = font(size, true);
      ctx.fillStyle = colour;
      ctx.fillText(s.label, slots[i] + chosen.swatch, rowY[i]);
    });
  };
  const draw: TitleDrawer = (ctx, k) => {
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = style.theme.text;
    ctx.font = font(size);
    ctx.fillText(`iteration ${k} / ${total}`, margin + chosen.head, y1);
    series.forEach((_, i) => ctx.fillText(value(i, k, chosen.digits), slots[i] + chosen.labels[i], rowY[i]));
  };
  return { height, draw, drawStatic };
}

/**
 * The entries of widths `widths` in order onto as few rows of at most `room` as greedy filling needs (`gap`
 * between entries), as evenly as that many rows allow: filled greedily within the narrowest width that still
 * needs no more rows (six entries on two rows go three and three, not four and two; newcomer review).
 */
export function wrapEntries(widths: readonly number[], gap: number, room: number): number[][] {
  const rows = greedyRows(widths, gap, room).length;
  // Every width a row can have is the width of a run of consecutive entries: the narrowest that needs no more rows.
  const candidates: number[] = [];
  for (let a = 0; a < widths.length; a++) {
    let w = -gap;
    for (let b = a; b < widths.length; b++) {
      w += gap + widths[b];
      if (w <= room || b === a) candidates.push(w);
    }
  }
  candidates.sort((x, y) => x - y);
  for (const w of candidates) {
    if (w < Math.max(...widths)) continue;
    const lines = greedyRows(widths, gap, w);
    if (lines.length <= rows) return lines;
  }
  return greedyRows(widths, gap, room);
}

/** The entries in order, greedily onto rows of at most `room`. */
function greedyRows(widths: readonly number[], gap: number, room: number): number[][] {
  const lines: number[][] = [];
  let used = Infinity;
  widths.forEach((w, i) => {
    const line = lines[lines.length - 1];
    if (line && used + gap + w <= room) {
      line.push(i);
      used += gap + w;
    } else {
      lines.push([i]);
      used = w;
    }
  });
  return lines;
}

/** A short stretch of the series' path with its marker, as the legend's key. */
function drawSwatch(ctx: SKRSContext2D, i: number, x: number, y: number, w: number, colour: string, style: Style): void {
  const len = w * 0.75;
  ctx.save();
  ctx.lineCap = 'round';
  ctx.beginPath();
  ctx.moveTo(x + style.line, y);
  ctx.lineTo(x + len - style.line, y);
  ctx.strokeStyle = colour;
  ctx.lineWidth = style.line;
  ctx.stroke();
  drawSeriesMarker(ctx, i, x + len / 2, y, style.f * 0.36, colour, style.theme.halo, Math.max(1, style.line * 0.5));
  ctx.restore();
}

/**
 * Whether, in the context's current font, every digit is as wide as 0 next to anything a loss or an
 * iteration count is written with (sign, point, exponent, space, slash, other digits), so that a text's width
 * does not depend on which digits it holds.
 */
export function tabularDigits(ctx: SKRSContext2D): boolean {
  const probe = (d: string) => `iteration ${d}${d}0 / 1${d} ${d}.${d}e−${d}${d}e-${d}% ${d}×10^${d} (${d}) ${d},${d}`;
  const zero = ctx.measureText(probe('0')).width;
  for (const d of '123456789') if (ctx.measureText(probe(d)).width !== zero) return false;
  return true;
}
