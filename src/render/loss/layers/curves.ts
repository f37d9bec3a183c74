import { clipTo, inflate } from '../../core/panel';
import type { SKRSContext2D } from '@napi-rs/canvas';
import { prefixPaths, type PrefixPath } from '../../core/polyline';
import { seriesColour, stateAt } from '../../core/series';
import type { LossContext, LossLayer } from './context';

/** Each series' curve up to the frame's iteration, never ahead of it, series 0 on top; clipped to the plot. */
export const curves: LossLayer = {
  id: 'curves',
  make: (c) => {
    const { values, curves } = c;
    // Each curve grows frame by frame as one Path2D (prefixPaths): tracing every prefix anew cost a native
    // call per vertex per frame. The same moves and vertices, so the same pixels.
    const paths = curves.map(prefixPaths);
    return { drawFrame: (ctx, frame) => strokeCurves(ctx, c, paths, values, frame.iteration) };
  },
};

/**
 * Strokes each series' growing curve up to its state at `iteration`, series 0 on top, clipped to the plot:
 * solid with round caps, or dashed (the --holdout test loss).
 */
export function strokeCurves(ctx: SKRSContext2D, c: LossContext, paths: PrefixPath[], values: Float64Array[], iteration: number, dash?: number[]): void {
  const { scene, plot, box, style, y } = c;
  clipTo(ctx, inflate(plot.rect, style.line));
  ctx.lineWidth = style.line;
  ctx.lineJoin = 'round';
  ctx.lineCap = dash ? 'butt' : 'round';
  if (dash) ctx.setLineDash(dash);
  for (let i = paths.length - 1; i >= 0; i--) {
    const j = stateAt(scene.series[i], iteration);
    const v = values[i][j];
    ctx.strokeStyle = seriesColour(style, i);
    ctx.stroke(paths[i](j, plot.x.map(j), Number.isFinite(v) ? y(v) : NaN, box));
  }
  if (dash) ctx.setLineDash([]);
  ctx.restore();
}
