import { createCanvas, ImageData } from '@napi-rs/canvas';
import { stateAt } from '../../core/series';
import { parseHex } from '../scatter';
import type { FitLayer } from './context';

/**
 * Two features and a model of classes: the first series' predicted probability over the features' plane,
 * as TensorFlow Playground shades it: towards class 1's colour where p > 1/2, class 0's below, clear at
 * p = 1/2 (the decision line drawn over it), at most FIELD_ALPHA strong. Computed on cells of FIELD_CELL
 * pixels and drawn scaled with smoothing: a few thousand predictions a frame, whatever the data's size.
 */
export const probabilityField: FitLayer = {
  id: 'probabilityField',
  applies: (c) => c.two?.classes === true,
  make: ({ scene, plot, style }) => {
    const { rect } = plot;
    const gw = Math.max(2, Math.ceil(rect.w / FIELD_CELL));
    const gh = Math.max(2, Math.ceil(rect.h / FIELD_CELL));
    // Cell centres in data units: the scaled image's pixel i covers rect.x + i·rect.w/gw onwards.
    const [x0, x1] = plot.x.domain;
    const [y0, y1] = plot.y.domain;
    const [rx0, rx1] = plot.x.range;
    const [ry0, ry1] = plot.y.range;
    const xs = Float64Array.from({ length: gw }, (_, i) => x0 + ((rect.x + ((i + 0.5) * rect.w) / gw - rx0) / (rx1 - rx0)) * (x1 - x0));
    const ys = Float64Array.from({ length: gh }, (_, j) => y0 + ((rect.y + ((j + 0.5) * rect.h) / gh - ry0) / (ry1 - ry0)) * (y1 - y0));
    const c0 = parseHex(style.theme.class0);
    const c1 = parseHex(style.theme.class1);
    const rgba = new Uint8ClampedArray(gw * gh * 4);
    const image = new ImageData(rgba, gw, gh);
    const small = createCanvas(gw, gh);
    const smallCtx = small.getContext('2d');
    const predict = scene.fit.predict2!;
    const series = scene.series[0];
    const w: number[] = [];
    return {
      drawFrame(ctx, frame) {
        const j = stateAt(series, frame.iteration);
        const t = series.trajectory;
        for (let k = 0; k < t.w.length; k++) w[k] = t.w[k][j];
        if (!w.every(Number.isFinite)) return;
        for (let b = 0; b < gh; b++) {
          for (let a = 0; a < gw; a++) {
            const p = predict(w, xs[a], ys[b]);
            const s = 2 * p - 1;
            const c = s >= 0 ? c1 : c0;
            const o = (b * gw + a) * 4;
            rgba[o] = c[0];
            rgba[o + 1] = c[1];
            rgba[o + 2] = c[2];
            rgba[o + 3] = Number.isFinite(s) ? Math.round(Math.abs(s) * FIELD_ALPHA * 255) : 0;
          }
        }
        smallCtx.putImageData(image, 0, 0);
        ctx.save();
        ctx.imageSmoothingEnabled = true;
        ctx.imageSmoothingQuality = 'low';
        ctx.drawImage(small, rect.x, rect.y, rect.w, rect.h);
        ctx.restore();
      },
    };
  },
};

/** The side of a cell of the field, in pixels. */
export const FIELD_CELL = 4;
/** The field's opacity where the model is certain (p = 0 or 1). */
const FIELD_ALPHA = 0.42;
