import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Scene } from '../../types';
import { fitText } from '../core/axes';
import { font } from '../core/font';
import type { Rect, Style } from '../core/layout';
import { sampleIterations } from '../core/series';
import { startTitle, type TitleDrawer } from './title';

/**
 * The title band of small multiples: "Linear regression · gradient descent" and "iteration k / N" on the
 * left (the optimizer only when every cell shares it; a race names it in each cell). `note` follows the
 * fullest heading when it fits (the comparison's shared rate). `room` is the width left on the right for the
 * marker legend.
 */
export function gridTitle(measure: SKRSContext2D, band: Rect, scene: Scene, style: Style, note = ''): { draw: TitleDrawer; room: number } {
  const { model, series } = scene;
  const shared = new Set(series.map((s) => s.optimizer)).size === 1 ? series[0] : null;
  const total = scene.requestedIterations;
  const margin = style.f * 0.8;
  const size = style.f * 1.1;
  const gap = size * 1.1;
  const iterationText = (k: number) => `iteration ${k} / ${total}`;
  measure.font = font(size);
  const slot = Math.max(...sampleIterations(scene.iterations).map((k) => measure.measureText(iterationText(k)).width));
  measure.font = font(size, true);
  const own = scene.text?.title;
  const schedule = (scene.tuned ? ' · tuned rates' : '') + (scene.schedule ? ` · ${scene.schedule}` : '');
  const named = (shared ? [`${model.title} · ${shared.optimizerTitle}`, `${model.short} · ${shared.optimizerShort}`, model.short] : [model.title, model.short]).map((h, i, all) => (i < all.length - 1 ? h + schedule : h));
  const headings = note ? [...named.slice(0, -1).map((h) => h + note), ...named] : named;
  const available = band.w * 0.7 - 2 * margin - slot - gap;
  // A title of the user's own is shortened rather than dropped.
  const heading = own !== undefined ? fitText(measure, own, available) : (headings.find((t) => measure.measureText(t).width <= available) ?? '');
  const head = heading ? measure.measureText(heading).width + gap : 0;
  const y = band.y + band.h * 0.55;
  return {
    room: band.w - 2 * margin - head - slot - gap,
    draw(ctx, k) {
      startTitle(ctx, style, heading, size, margin, y);
      ctx.fillText(iterationText(k), margin + head, y);
    },
  };
}
