import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Scene } from '../../types';
import { fitText } from '../core/axes';
import { font } from '../core/font';
import { formatNumber, shortRate } from '../core/format';
import type { Rect, Style } from '../core/layout';
import { sampleIterations } from '../core/series';

/** Draws the title for iteration k. Built once per scene; fields keep fixed places from frame to frame. */
export type TitleDrawer = (ctx: SKRSContext2D, k: number) => void;

/**
 * The title line of a single run: "Linear regression · gradient descent", then "iteration k / N", the loss,
 * w0 and w1 to four significant digits. Each field gets a fixed slot, as wide as its widest value over the
 * run, so the text does not jump from frame to frame. On narrow frames the line drops words (shorter
 * heading, then no heading, then compact fields) before it shrinks the font.
 */
export function titleLine(measure: SKRSContext2D, band: Rect, scene: Scene, style: Style): TitleDrawer {
  const { grid } = scene;
  const { trajectory: t, optimizerTitle, optimizerShort, lr } = scene.series[0];
  // A schedule is named with the rate it starts from: "lr 0.1 · cosine".
  // --tune names the rate it chose: "tuned lr 0.0018".
  const rate = (scene.tuned ? ` · tuned lr ${shortRate(lr)}` : scene.schedule ? ` · lr ${shortRate(lr)}` : '') + (scene.schedule ? ` · ${scene.schedule}` : '');
  const N = scene.iterations;
  // The total shown is what the run asked for: a diverged run reads "iteration 68 / 200".
  const total = scene.requestedIterations;
  // What counts as zero for a weight: a billionth of the surface's window (its plane's ranges).
  const wZero = Math.max(...grid.uRange.map(Math.abs), ...grid.vRange.map(Math.abs)) * 1e-9;
  // A loss is shown as it is, however small (the summary's value): a loss of 1.4e-17 at a minimum of 0 is no 0.
  // The weights by their names (w0, w1 for a model on data; x, y for a landscape), as reported: in the data's units.
  const names = scene.model.weightNames;
  // Up to four weights fit a title line; a higher-degree polynomial's coefficients are left to the summary.
  const columns = t.w.length > 4 ? [] : t.w;
  // Past two weights the plane's window is not the weights' (a plane through them, or standardized ones): each
  // weight's zero is then a billionth of its own largest value over the run (a slope of 1.6e-12 is no 0).
  const zeros = columns.map((column) => {
    if (t.w.length <= 2) return wZero;
    let m = 0;
    for (let i = 0; i < column.length; i++) if (Number.isFinite(column[i])) m = Math.max(m, Math.abs(column[i]));
    return m * 1e-9;
  });
  const weights = (k: number) => columns.map((column, i) => formatNumber(column[k], 4, zeros[i]));
  const long = (k: number) => [`iteration ${k} / ${total}`, `loss = ${formatNumber(t.loss[k], 4)}`, ...weights(k).map((v, i) => `${names[i]} = ${v}`)];
  const compact = (k: number) => [`iteration ${k}/${total}`, `loss ${formatNumber(t.loss[k], 4)}`, ...weights(k).map((v, i) => `${names[i]} ${v}`)];
  // A title of the user's own stays whole: the weights, then the loss give way to it first. The default
  // heading gives way before any value does.
  const own = scene.text?.title;
  const variants: { heading: string; fields: (k: number) => string[] }[] = own
    ? [
        { heading: own, fields: long },
        { heading: own, fields: compact },
        { heading: own, fields: (k) => compact(k).slice(0, 2) },
        { heading: own, fields: (k) => compact(k).slice(0, 1) },
      ]
    : [
        { heading: `${scene.model.title} · ${optimizerTitle}${rate}`, fields: long },
        { heading: `${scene.model.short} · ${optimizerShort}${rate}`, fields: long },
        // Three or four weights: the model's name stays before they do (the summary and the surface give them).
        ...(columns.length > 2 ? [{ heading: `${scene.model.short} · ${optimizerShort}${rate}`, fields: (k: number) => long(k).slice(0, 2) }] : []),
        { heading: '', fields: long },
        { heading: '', fields: compact },
      ];
  const samples = sampleIterations(N);
  const margin = style.f * 0.8;
  const room = band.w - 2 * margin;
  const nominal = style.f * 1.1;

  // The variants share their fields (three of four the long ones): each field's slots are measured once
  // per size, and a variant that does not fit costs only its heading.
  const slotsOf = new Map<string, number[]>();
  const plan = (v: (typeof variants)[number], size: number) => {
    const gap = size * 1.1;
    measure.font = font(size, true);
    const head = v.heading ? measure.measureText(v.heading).width + gap : 0;
    measure.font = font(size);
    const key = `${measure.font}\n${v.fields === long ? 'long' : v.fields === compact ? 'compact' : v.fields(0).length}`;
    let slots = slotsOf.get(key);
    if (!slots) {
      const measured = v.fields(0).map(() => 0);
      for (const k of samples) v.fields(k).forEach((text, i) => (measured[i] = Math.max(measured[i], measure.measureText(text).width)));
      slotsOf.set(key, (slots = measured));
    }
    const total = head + slots.reduce((a, b) => a + b, 0) + gap * (slots.length - 1);
    return { ...v, size, gap, head, slots, total };
  };
  let chosen: ReturnType<typeof plan> | undefined;
  for (const v of variants) {
    const p = plan(v, nominal);
    if (p.total <= room) {
      chosen = p;
      break;
    }
  }
  chosen ??= plan(variants[variants.length - 1], nominal);
  if (chosen.total > room) chosen = plan(chosen, nominal * Math.max(0.6, room / chosen.total));
  if (chosen.total > room && chosen.heading) {
    // Still too wide at the smallest size: the heading is shortened, the values stay whole.
    measure.font = font(chosen.size, true);
    const heading = fitText(measure, chosen.heading, Math.max(0, chosen.head - chosen.gap - (chosen.total - room)));
    chosen = plan({ ...chosen, heading }, chosen.size);
  }
  const { heading, fields, size, gap, head, slots } = chosen;
  const y = band.y + band.h * 0.55;

  return (ctx, k) => {
    startTitle(ctx, style, heading, size, margin, y);
    let x = margin + head;
    fields(k).forEach((text, i) => {
      ctx.fillText(text, x, y);
      x += Math.max(slots[i], ctx.measureText(text).width) + gap;
    });
  };
}

/** Draws the title's bold heading (if any) at (x, y) and leaves the context set for the plain fields after it. */
export function startTitle(ctx: SKRSContext2D, style: Style, heading: string, size: number, x: number, y: number): void {
  ctx.fillStyle = style.theme.text;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  if (heading) {
    ctx.font = font(size, true);
    ctx.fillText(heading, x, y);
  }
  ctx.font = font(size);
}
