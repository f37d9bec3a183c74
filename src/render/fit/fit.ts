import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Scene } from '../../types';
import { chooseLayers, layeredPanel } from '../core/layer';
import { placePlot, type Rect, type Style } from '../core/layout';
import { inflate, type Panel } from '../core/panel';
import { linearAxis, type Axis } from '../core/scale';
import { seriesColour } from '../core/series';
import { extent, pad, valueWindow } from './fitWindow';
import { FIT_LAYERS } from './layers';
import type { FitContext } from './layers/context';
import { pointStyle } from './scatter';
import { fieldGrid } from './fieldGrid';

/** The side of a cell of the probability field, in pixels, at the least (see probabilityField). */
export const FIELD_CELL = 4;
/**
 * Activations a frame's probability field may cost (bench/mlpFrame.js: the default network's field and
 * contour stay under 2 ms a frame at 960x480 with this many).
 */
const FIELD_BUDGET = 10_000;

/** The field's cell size: FIELD_CELL, or larger (up to 10 pixels) where a network's predictions would pass the budget. */
function fieldCell(area: number, cost: number): number {
  return Math.min(10, Math.max(FIELD_CELL, Math.sqrt((area * cost) / FIELD_BUDGET)));
}

/**
 * The data and the current models: points (static, in the background) and per frame each series' model in
 * its colour: the line for a model of values, or the predicted probability with its 1/2 decision boundary
 * dashed for a model of classes. A list of layers (layers/index.ts) over the plot's scales; the model is the
 * plain prediction the pipeline hands over (scene.fit).
 */
export function fitPanel(measure: SKRSContext2D, outer: Rect, scene: Scene, style: Style): Panel {
  const c = fitContext(measure, outer, scene, style);
  return layeredPanel(c.plot, chooseLayers(FIT_LAYERS, c), c.plot.rect);
}

/** Places the plot over the data's window (stretched to hold the starting models) and what the layers share. */
export function fitContext(measure: SKRSContext2D, outer: Rect, scene: Scene, style: Style): FitContext {
  const { data, fit } = scene;
  if (fit.twoFeatures && data.features) return twoFeatureContext(measure, outer, scene, style);
  if (fit.scoreRows && data.features) return scoreContext(measure, outer, scene, style);
  const classes = fit.target === 'classes';
  // --holdout: the test rows are drawn too (hollow), so the window holds them.
  const held = data.holdout;
  const xWindow = pad(held ? union(extent(data.x), extent(held.x)) : extent(data.x), 0.05);
  const starts = scene.series.map((s) => s.trajectory.w.map((column) => column[0]));
  const yWindow: [number, number] = classes ? [-0.1, 1.1] : valueWindow(held ? union(extent(data.y), extent(held.y)) : extent(data.y), xWindow, fit, starts);
  const plot = fitPlot(measure, outer, style, xWindow, yWindow, classes);
  return shared(scene, style, outer, plot, classes);
}

/** The fit panel's plot over its windows: a probability axis for classes, else y's window. */
function fitPlot(measure: SKRSContext2D, outer: Rect, style: Style, xWindow: [number, number], yWindow: [number, number], classes: boolean): FitContext['plot'] {
  return placePlot(
    measure,
    outer,
    style,
    (range, n) => linearAxis(xWindow, range, n),
    (range, n) => (classes ? probabilityAxis(range, n) : linearAxis(yWindow, range, n)),
  );
}

/** What every fit context holds beside its plot's windows and layers' extras. */
function shared(scene: Scene, style: Style, outer: Rect, plot: FitContext['plot'], classes: boolean): FitContext {
  return {
    scene,
    style,
    outer,
    plot,
    box: inflate(plot.rect, style.line * 2),
    classes,
    pointRadius: pointStyle(scene.data.x.length, style.f, style.theme.points).radius,
    keyColour: scene.series.length === 1 ? seriesColour(style, 0) : style.theme.text,
    outOfView: [],
  };
}

/** Two features: their plane as the plot, y as the points' colour and as the levels of the fitted lines. */
function twoFeatureContext(measure: SKRSContext2D, outer: Rect, scene: Scene, style: Style): FitContext {
  const { data } = scene;
  const [x1, x2] = data.features!.columns;
  const plot = placePlot(
    measure,
    outer,
    style,
    (range, n) => linearAxis(pad(extent(x1), 0.05), range, n),
    (range, n) => linearAxis(pad(extent(x2), 0.05), range, n),
  );
  const yRange = extent(data.y);
  // Classes: one line, the decision boundary p = 1/2, where the model's linear part is 0.
  if (scene.fit.target === 'classes') {
    const grid = fieldGrid(plot, fieldCell(plot.rect.w * plot.rect.h, scene.model.predictCost ?? 0));
    const field = { grid, values: new Float64Array(grid.gw * grid.gh), at: -1 };
    const multi = scene.model.classNames?.length;
    return {
      ...shared(scene, style, outer, plot, true),
      two: { names: [data.features!.names[0], data.features!.names[1]], x1, x2, yRange, levels: [0], labels: ['p = 0.5'], classes: true, field, curved: scene.model.curved === true || multi !== undefined, ...(multi !== undefined ? { multi } : {}) },
    };
  }
  // The lines' levels: round values across y's range, as an axis would tick it.
  const levels = linearAxis(yRange, [0, 1], 6);
  const inside = levels.ticks.map((t, i) => [t, levels.labels[i]] as const).filter(([t]) => t > yRange[0] && t < yRange[1]);
  return {
    ...shared(scene, style, outer, plot, false),
    two: { names: [data.features!.names[0], data.features!.names[1]], x1, x2, yRange, levels: inside.map(([t]) => t), labels: inside.map(([, l]) => l) },
  };
}

/** Rows a frame of the score view draws at the most (every stride-th row beyond): a frame stays a few ms. */
export const SCORE_ROWS = 2000;

/**
 * Three or more features: the rows against their linear part at each frame's weights (ScoreView). Linear:
 * fitted value across, y up, both over y's window (so fitted = y is the diagonal), the fitted window
 * stretched to hold the starts' and the ends' fits, at most one span of y's window each side. Logistic:
 * the linear part across, over the starts' and ends' parts, at least ±5 and at most ±60; the probability up.
 */
function scoreContext(measure: SKRSContext2D, outer: Rect, scene: Scene, style: Style): FitContext {
  const { data, fit } = scene;
  const classes = fit.target === 'classes';
  const features = data.features!;
  const held = data.holdout;
  const total = data.y.length + (held ? held.y.length : 0);
  const stride = Math.max(1, Math.ceil(total / SCORE_ROWS));
  const pick = (v: Float64Array, from: number) => {
    const out: number[] = [];
    for (let i = (stride - (from % stride)) % stride; i < v.length; i += stride) out.push(v[i]);
    return Float64Array.from(out);
  };
  // Every stride-th row of the training rows followed by the held-out ones, as if they were one list.
  const trainedColumns = features.columns.map((c) => pick(c, 0));
  const heldColumns = held?.features ? held.features.map((c) => pick(c, data.y.length)) : features.columns.map(() => new Float64Array(0));
  const columns = trainedColumns.map((c, j) => concat(c, heldColumns[j]));
  const trainedY = pick(data.y, 0);
  const y = concat(trainedY, held?.features ? pick(held.y, data.y.length) : new Float64Array(0));
  const parts = new Float64Array(y.length);
  // The parts at every series' start and end: the window holds where the points begin and where they settle.
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of scene.series) {
    for (const j of [0, s.trajectory.loss.length - 1]) {
      fit.scoreRows!(s.trajectory.w.map((column) => column[j]), columns, parts);
      for (const v of parts) {
        if (!Number.isFinite(v)) continue;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  }
  const yWindow = pad(extent(y), 0.05);
  const span = yWindow[1] - yWindow[0];
  const xWindow: [number, number] = classes
    ? pad([Math.max(-60, Math.min(-5, lo)), Math.min(60, Math.max(5, hi))], 0.03)
    : [Math.max(yWindow[0] - span, Math.min(yWindow[0], lo - 0.03 * span)), Math.min(yWindow[1] + span, Math.max(yWindow[1], hi + 0.03 * span))];
  const plot = fitPlot(measure, outer, style, xWindow, yWindow, classes);
  const c = shared(scene, style, outer, plot, classes);
  return {
    ...c,
    pointRadius: pointStyle(y.length, style.f, style.theme.points).radius,
    score: { names: features.names, columns, y, trained: trainedY.length, stride, total, parts },
  };
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The probability axis: the window [−0.1, 1.1] with ticks at 0, 0.5, 1 (and quarters when there is room). */
function probabilityAxis(range: [number, number], count: number): Axis {
  const base = linearAxis([-0.1, 1.1], range, count);
  const ticks = count >= 4 ? [0, 0.25, 0.5, 0.75, 1] : [0, 0.5, 1];
  return { ...base, ticks, labels: ticks.map((v) => String(v)) };
}

function union(a: [number, number], b: [number, number]): [number, number] {
  return [Math.min(a[0], b[0]), Math.max(a[1], b[1])];
}
