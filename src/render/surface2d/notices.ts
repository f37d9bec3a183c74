import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Scene } from '../../types';
import { fitText } from '../core/axes';
import { font } from '../core/font';
import type { Rect, Style } from '../core/layout';
import { drawLabel } from '../core/markers';
import { divergedBy, seriesColour } from '../core/series';

/**
 * The surface panels' notices at iteration k, top left and bottom left of `rect`: each series that has
 * diverged by then (its path has left the window, so the panel says why it stops), each path that starts
 * off the picture (where it starts), and, without a finite
 * minimum, why there is no star.
 */
export function drawSurfaceNotices(ctx: SKRSContext2D, rect: Rect, scene: Scene, style: Style, k: number, hasOptimum: boolean): void {
  const { f, theme } = style;
  const single = scene.series.length === 1;
  ctx.font = font(f, true);
  let row = 0;
  // A step to where the function is not defined is no blow-up: the notice says which it was. One wording for
  // every notice of the panel, the longest that lets each fit (a race's three notices ran past a narrow
  // surface, cut mid-word; then each took its own wording, three in one panel).
  const gone = scene.series.map((s, i) => ({ s, i })).filter(({ s }) => s.diverged && divergedBy(s, k, scene.iterations));
  const room = rect.w - f * 1.8;
  const wordingsOf = (s: (typeof scene.series)[number]) => {
    const n = s.diverged!.iteration;
    const undefinedStep = s.diverged!.why === 'undefined';
    const tails = undefinedStep ? [`left where f is defined at iteration ${n}`, `left where f is defined at ${n}`, `f undefined at ${n}`] : [`diverged at iteration ${n}`, `diverged at ${n}`, `diverged at ${n}`];
    return single ? tails : [...tails.map((t) => `${s.label} ${t}`), ...tails.map((t) => `${s.optimizerShort} ${t}`), tails[tails.length - 1]];
  };
  const all = gone.map(({ s }) => wordingsOf(s));
  const forms = all[0]?.length ?? 0;
  let form = 0;
  while (form < forms - 1 && !all.every((w) => ctx.measureText(w[form]).width <= room)) form++;
  gone.forEach(({ i }, g) => {
    const text = ctx.measureText(all[g][form]).width <= room ? all[g][form] : fitText(ctx, all[g][form], room);
    drawLabel(ctx, text, rect.x + f * 0.5, rect.y + f * 0.5 + row++ * f * 1.8, f, seriesColour(style, i), theme.labelBox);
  });
  // A path that starts too far out to be drawn: where it is (the surface would otherwise look empty).
  for (const wordings of scene.offPicture ?? []) {
    const text = wordings.find((t) => ctx.measureText(t).width <= rect.w - f * 1.8) ?? fitText(ctx, wordings[wordings.length - 1], rect.w - f * 1.8);
    drawLabel(ctx, text, rect.x + f * 0.5, rect.y + f * 0.5 + row++ * f * 1.8, f, theme.text, theme.labelBox);
  }
  if (!hasOptimum) {
    // Separable classes: the path heads off for ever; say why there is no star.
    // The longest wording that fits the panel (a narrow three-panel surface clipped the long one mid-word).
    const room = rect.w - f * 1.5;
    const wordings = scene.noMinimum ?? ['no finite minimum: the classes are separable', 'no minimum: classes separable', 'no finite minimum'];
    const text = wordings.find((t) => ctx.measureText(t).width <= room) ?? 'no minimum';
    // Not knowing the minimum is no fault of the run: muted; no minimum at all (unbounded, separable) is a warning.
    drawLabel(ctx, text, rect.x + f * 0.5, rect.y + rect.h - f * 2.2, f, scene.noMinimumKind === 'unknown' ? theme.mutedText : theme.accent, theme.labelBox);
  }
}
