import { SEPARATED } from '../engine/featureLogistic';
import type { RunConfig } from '../config';
import { DEFAULT_GRID, optimizerOf, planeGrid, type Descent, type Problem } from '../engine';
import { shortRate } from '../render/core/format';
import type { FitPrediction, Landmark, PlanePath, Scene, ScenePlane, SceneLayout, Series, SurfacePlane } from '../types';
import { knownPoints, pointName, type Landscape } from '../engine/landscape';
import type { KnownPoint } from '../engine/objective';
import { planePoint, problemView, type ProblemView } from './problemView';
import { planePath, type View } from './view';
import { fitOfDescriptor } from './fit';

/** Several descents as the renderer sees them: labelled series over one shared surface. */
export function buildScene(config: RunConfig, problem: Problem, descents: Descent[], labels: string[]): Scene {
  // Several descents on one frame name their rates too, unless the rate is what the labels already vary:
  // a race at default rates compares optimizers at different rates, and the viewer should see which.
  const withRate = descents.length > 1 && config.sweep?.key !== 'lr';
  const series: Series[] = descents.map((d, i) => withTest(withReached(seriesOf(d, withRate ? `${labels[i]} · lr ${shortRate(d.lr)}` : labels[i]), d, problem), problem));
  const layout: SceneLayout = config.layout === 'grid' ? 'grid' : 'overlay';
  const allDiverged = descents.every((d) => d.diverged !== null);
  const pv = problemView(problem, descents.map((d) => d.trajectory), config.planeMode);
  // Small multiples keep their cells' shape, so a grid of cells gets no square window either.
  const surface = surfacePlane(pv, problem, descents, pv.sameUnits && layout === 'overlay');
  const optimum = problem.optimum && planePoint(pv.view, problem.optimum);
  const l = problem.landscape;
  const window = l && landscapeWindow(l, surface.paths);
  const opts = l && window
    ? { ...DEFAULT_GRID, window, levelScale: l.levels }
    : { ...DEFAULT_GRID, size: gridSize(problem, config.panels.includes('surface') || layout === 'grid'), ...(pv.sameUnits ? { square: layout === 'overlay' } : {}), ...(problem.objective.dim > 2 ? { capReach: true } : {}) };
  const grid = planeGrid(pv.loss, joinPaths(descents, surface.paths), optimum, allDiverged, opts);
  return {
    ...sceneBasics(config, problem),
    panels: config.panels,
    grid,
    surface,
    ...(problem.landscape ? { noMinimum: noMinimumText(problem.landscape), noMinimumKind: problem.landscape.minima.kind === 'none' ? ('none' as const) : ('unknown' as const) } : {}),
    ...(!problem.landscape && problem.data.features && !problem.optimum && problem.descriptor.name === 'logistic' ? featuresNoMinimum(problem) : {}),
    ...(problem.descriptor.name === 'softmax' && !problem.optimum ? { noMinimum: ['minimum not known: Newton did not settle', 'minimum not known', 'no known minimum'], noMinimumKind: 'unknown' as const } : {}),
    ...(problem.descriptor.name === 'mlp' ? { noMinimum: ['no minimum known: judged by the loss', 'minimum not known', 'no known minimum'], noMinimumKind: 'unknown' as const } : {}),
    ...(window ? offPicture(window, surface.paths, series) : {}),
    series,
    layout,
    view: config.view,
    orbit: config.orbit,
    iterations: Math.max(...descents.map((d) => d.iterations)),
    text: { title: config.title, xLabel: config.xlabel, yLabel: config.ylabel, classNames: config.labels },
    ...(config.rateSchedule.kind === 'constant' ? {} : { schedule: config.schedule }),
    ...(config.tune ? { tuned: true } : {}),
    plane: scenePlane(pv.view, l),
  };
}

/** The plane's map to the weights (Scene.plane): the view at (0, 0), and its steps along u and v. */
export function scenePlane(view: View, l: Landscape | null | undefined): ScenePlane {
  const origin = Array.from(view.toWeights(0, 0));
  const du = Array.from(view.toWeights(1, 0), (w, k) => w - origin[k]);
  const dv = Array.from(view.toWeights(0, 1), (w, k) => w - origin[k]);
  const landscape = !l ? undefined : l.name === 'expr' ? { expr: l.formula } : { name: l.name, params: { ...(l.params as Record<string, number>) } };
  return { origin, du, dv, ...(landscape ? { landscape } : {}) };
}

/**
 * Samples per axis of the surface: DEFAULT_GRID's, or fewer (down to 16) where every loss is a pass over the
 * rows. A network's grid is kept to about SURFACE_BUDGET activations (a default mlp on 200 points: 31 per
 * axis); logistic regression on feature columns to about PASS_BUDGET products (rows times weights: penguins'
 * 333 rows keep 128 per axis, 200,000 rows of 16 columns get 16). With no surface panel drawn (`--panels`
 * without it), 16: the loss panel reads only the grid's range.
 */
function gridSize(problem: Problem, drawn: boolean): number {
  if (!drawn) return 16;
  const n = problem.data.y.length;
  const network = (problem.descriptor.predictCost ?? 0) * n;
  const pass = !problem.landscape && problem.data.features && problem.descriptor.name === 'logistic' ? problem.objective.dim * n : 0;
  const size = network > 0 ? Math.sqrt(SURFACE_BUDGET / network) : pass > 0 ? Math.sqrt(PASS_BUDGET / pass) : Infinity;
  return Math.min(DEFAULT_GRID.size, Math.max(16, Math.floor(size)));
}
const SURFACE_BUDGET = 1.6e6;
const PASS_BUDGET = 1e8;

/** What every scene of a run takes from its configuration and problem: size, theme, names, data, the fit, the optimum. */
export function sceneBasics(config: RunConfig, problem: Problem) {
  return {
    width: config.width,
    height: config.height,
    theme: config.theme,
    model: problem.descriptor,
    data: problem.data,
    fit: fitOf(problem),
    optimum: problem.optimum,
    requestedIterations: config.iterations,
    fontScale: config.fontScale,
  };
}

/**
 * What the surface panel draws of these descents, in the plane of a problem's view: each path, each
 * reference path, the known points (a landscape's minima and saddles, else the optimum), the axes' names.
 */
export function surfacePlane(pv: ProblemView, problem: Problem, descents: Descent[], equalAspect: boolean): SurfacePlane {
  const { view } = pv;
  return {
    labels: view.labels,
    note: pv.note,
    equalAspect,
    paths: descents.map((d) => planePath(view, d.trajectory)),
    references: descents.map((d) => (d.reference ? planePath(view, d.reference) : undefined)),
    landmarks: landmarksOf(view, problem),
    marks: problem.landscape ? 'landmarks' : 'optimum',
  };
}

/** --holdout: the series with its loss on the test rows at every recorded iteration. */
function withTest(series: Series, problem: Problem): Series {
  const test = problem.testLoss;
  if (!test) return series;
  const t = series.trajectory;
  const n = t.loss.length;
  const testLoss = new Float64Array(n);
  const w = new Float64Array(t.w.length);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < w.length; k++) w[k] = t.w[k][i];
    testLoss[i] = test(w);
  }
  return { ...series, testLoss };
}

/** The fit panel's model: the descriptor's prediction, a plain function of the weights in the data's units. */
export function fitOf(problem: Problem): FitPrediction {
  return fitOfDescriptor(problem.descriptor);
}

/** A descent as the renderer sees it, under the label it is drawn with. */
export function seriesOf(d: Descent, label: string): Series {
  const o = optimizerOf(d.optimizer);
  return {
    label,
    optimizer: d.optimizer,
    optimizerTitle: o.title,
    optimizerShort: o.short,
    lr: d.lr,
    trajectory: d.trajectory,
    iterations: d.iterations,
    diverged: d.diverged,
    ...(d.samples ? { samples: d.samples } : {}),
    ...(d.reference ? { reference: d.reference } : {}),
  };
}

/**
 * One trajectory through every series' points, for choosing the surface's window: the window holds all
 * paths. A diverged series contributes only its points below four times the start's loss (lossGrid's cap),
 * so one blow-up in a race does not shrink everyone else's path to a dot.
 */
function joinPaths(descents: Descent[], paths: PlanePath[]): PlanePath {
  if (descents.length === 1) return paths[0];
  const cap = 4 * Math.max(...descents.map((d) => d.trajectory.loss[0]));
  // Typed arrays throughout: a race of six over 10,000 iterations joins 60,000 points per column.
  const kept = descents.map((d) => {
    const loss = d.trajectory.loss;
    if (!d.diverged) return null; // every point
    const keep: number[] = [];
    for (let i = 0; i < loss.length; i++) if (loss[i] <= cap) keep.push(i);
    return keep;
  });
  const total = paths.reduce((sum, t, s) => sum + (kept[s]?.length ?? t.loss.length), 0);
  // Typed arrays filled in place: flatMap over 60,000 points a column took ~90 ms of a 6-race at 10,000 iterations.
  const pick = (column: (t: PlanePath) => Float64Array) => {
    const out = new Float64Array(total);
    let at = 0;
    paths.forEach((t, s) => {
      const values = column(t);
      const keep = kept[s];
      if (!keep) {
        out.set(values.subarray(0, t.loss.length), at);
        at += t.loss.length;
      } else for (const i of keep) out[at++] = values[i];
    });
    return out;
  };
  return { u: pick((t) => t.u), v: pick((t) => t.v), loss: pick((t) => t.loss) };
}

/** How many domain spans beyond the domain a start may lie and still be drawn (the window grows to it). */
export const START_REACH = 50;

/**
 * A landscape's window: its domain, widened to hold each path's start when it lies within START_REACH of the
 * domain's spans beyond it (an --init far out: the picture shows where the path begins), and the paths' points
 * within 1.5 spans of that (so one blow-up does not shrink the picture to a dot).
 */
export function landscapeWindow(l: Landscape, paths: PlanePath[]): { u: [number, number]; v: [number, number] } {
  const axis = (column: (t: PlanePath) => Float64Array, [a, b]: [number, number]): [number, number] => {
    const reach = 1.5 * (b - a);
    // The domain, grown to the starts within reason.
    let from = a;
    let to = b;
    for (const t of paths) {
      const s = column(t)[0];
      if (!(s >= a - START_REACH * (b - a) && s <= b + START_REACH * (b - a))) continue;
      if (s < from) from = s;
      if (s > to) to = s;
    }
    let lo = from;
    let hi = to;
    for (const t of paths) {
      const values = column(t);
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (!(v >= from - reach && v <= to + reach)) continue; // not finite, or too far out
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    const pad = lo < a || hi > b ? 0.05 * (hi - lo) : 0;
    return [lo < a ? lo - pad : lo, hi > b ? hi + pad : hi];
  };
  return { u: axis((t) => t.u, l.domain.x), v: axis((t) => t.v, l.domain.y) };
}

/**
 * The notice of paths whose start is off the picture (farther out than START_REACH domains): where each
 * starts, so that an empty surface says why it is empty. A race names the series.
 */
function offPicture(window: { u: [number, number]; v: [number, number] }, paths: PlanePath[], series: Series[]): { offPicture?: string[][] } {
  const inside = (x: number, [a, b]: [number, number]) => x >= a && x <= b;
  const texts: string[][] = [];
  paths.forEach((t, i) => {
    const [u, v] = [t.u[0], t.v[0]];
    if (inside(u, window.u) && inside(v, window.v)) return;
    const at = `(${shortNumber(u)}, ${shortNumber(v)})`;
    const who = series.length === 1 ? 'the path' : series[i].label;
    texts.push([`${who} starts off the picture, at ${at}`, `off the picture: start ${at}`, `start ${at}`]);
  });
  return texts.length > 0 ? { offPicture: texts } : {};
}

/** A coordinate in four significant digits ("1e+4", "-250"). */
function shortNumber(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x);
}

/** A landscape's known minima, then its saddles: the points its surface marks, in this order. */
function knownOf(l: Landscape): KnownPoint[] {
  return [...knownPoints(l.minima), ...l.saddles];
}

/** The points a surface marks, in the plane: a landscape's known points, else the optimum as the one global minimum. */
export function landmarksOf(view: View, problem: Problem): Landmark[] {
  const at = (w: readonly number[], loss: number, kind: Landmark['kind'], name: string): Landmark => {
    const [u, v] = view.toPlane(w);
    return { u, v, loss, kind, name };
  };
  const l = problem.landscape;
  if (l) return knownOf(l).map((p) => at(p.w, p.loss, p.kind, pointName(p)));
  const o = problem.optimum;
  return o ? [at(o.w, o.loss, 'global', '')] : [];
}

/** The landmark a landscape's descent reached (its verdict's minimum or saddle), and from which iteration. */
function withReached(s: Series, d: Descent, problem: Problem): Series {
  const v = d.assessment.landscape;
  const l = problem.landscape;
  if (!v || !l || v.iterationReached === null) return s;
  const target = v.minimum?.w ?? v.saddle?.w;
  if (!target) return s;
  const index = knownOf(l).findIndex((m) => m.w.length === target.length && m.w.every((x, k) => x === target[k]));
  return index < 0 ? s : { ...s, reached: { landmark: index, iteration: v.iterationReached } };
}
/** Why a regression on two features has no minimum to mark: a line separates the classes, or Newton did not settle. */
function featuresNoMinimum(problem: Problem): { noMinimum: readonly string[]; noMinimumKind: 'none' | 'unknown' } {
  const m = problem.objective.minima;
  if (m.kind === 'none' && m.why === SEPARATED) return { noMinimum: ['no finite minimum: a line separates the classes', 'no minimum: classes separable', 'no finite minimum'], noMinimumKind: 'none' };
  return { noMinimum: ['minimum not known: Newton did not settle', 'minimum not known', 'no known minimum'], noMinimumKind: 'unknown' };
}

/** Why a landscape has no minimum to mark, longest first. */
function noMinimumText(l: Landscape): readonly string[] {
  if (l.minima.kind === 'none') return ['no minimum: the loss is unbounded below', 'no minimum: unbounded below', 'no minimum'];
  return ['minimum not known: judged by the gradient', 'minimum not known', 'no known minimum'];
}
