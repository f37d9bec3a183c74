import { stateAt } from '../../core/series';
import type { Series } from '../../../types';
import { fieldPicture, sampleField } from '../fieldGrid';
import { parseHex } from '../scatter';
import type { FitContext, FitLayer } from './context';

/**
 * Two features and a model of classes: the first series' predicted probability over the features' plane,
 * as TensorFlow Playground shades it: towards class 1's colour where p > 1/2, class 0's below, clear at
 * p = 1/2 (the decision line or contour drawn over it), at most FIELD_ALPHA strong. Sampled on cells of
 * FIELD_CELL pixels and drawn scaled with smoothing: a few thousand predictions a frame, whatever the data's size.
 */
export const probabilityField: FitLayer = {
  id: 'probabilityField',
  applies: (c) => c.two?.classes === true && c.two.multi === undefined,
  make: (c) => {
    const { plot, style } = c;
    const { rect } = plot;
    const { grid } = c.two!.field!;
    const { gw, gh } = grid;
    const c0 = parseHex(style.theme.class0);
    const c1 = parseHex(style.theme.class1);
    const picture = fieldPicture(grid);
    const { rgba } = picture;
    return {
      drawFrame(ctx, frame) {
        const values = fieldAt(c, 0, frame.iteration);
        if (!values) return;
        for (let k = 0; k < gw * gh; k++) {
          const s = 2 * values[k] - 1;
          const colour = s >= 0 ? c1 : c0;
          const o = k * 4;
          rgba[o] = colour[0];
          rgba[o + 1] = colour[1];
          rgba[o + 2] = colour[2];
          // In FIELD_STEPS steps of certainty: most of the field then stays the same from one frame to the
          // next, which a GIF stores (and encodes) as unchanged pixels.
          rgba[o + 3] = Number.isFinite(s) ? Math.round((Math.round(Math.abs(s) * FIELD_STEPS) / FIELD_STEPS) * FIELD_ALPHA * 255) : 0;
        }
        picture.draw(ctx, rect);
      },
    };
  },
};

const scratch = new WeakMap<Series, Float64Array>();

/**
 * Series i's probability over the field's cells at an iteration, or null when its weights are not finite
 * there. The first series' samples are kept for the frame (the field and the contour both read them).
 */
export function fieldAt(c: FitContext, i: number, iteration: number): Float64Array | null {
  const field = c.two!.field!;
  const series = c.scene.series[i];
  const j = stateAt(series, iteration);
  const t = series.trajectory;
  const w = t.w.map((column) => column[j]);
  if (!w.every(Number.isFinite)) return null;
  if (i === 0) {
    if (field.at !== j) sampleField(field.grid, c.scene.fit.predict2!, w, field.values, c.scene.fit.predictGrid);
    field.at = j;
    return field.values;
  }
  let out = scratch.get(series);
  if (!out) scratch.set(series, (out = new Float64Array(field.values.length)));
  sampleField(field.grid, c.scene.fit.predict2!, w, out, c.scene.fit.predictGrid);
  return out;
}

/** Levels of the field's opacity between p = 1/2 and certainty. */
const FIELD_STEPS = 10;
/** The field's opacity where the model is certain (p = 0 or 1). */
const FIELD_ALPHA = 0.42;
