import type { RunConfig } from '../config';
import { DEFAULT_GRID, optimizerOf, planeGrid, type Problem } from '../engine';
import type { Landmark, Scene, StartsLayer } from '../types';
import { knownPoints } from '../engine/landscape';
import { landmarksOf, sceneBasics, scenePlane } from './scene';
import { planePath } from './view';
import { planePoint, problemView } from './problemView';
import type { StartsRun } from './starts';

/**
 * The scene of a --starts run: the landscape's surface over its domain (paths that leave it are clipped),
 * its landmarks, and the starts as compact arrays; no series of their own.
 */
export function startsScene(config: RunConfig, problem: Problem, run: StartsRun): Scene {
  const l = problem.landscape!;
  const pv = problemView(problem);
  const known = landmarksOf(pv.view, problem);
  // The minima come first among the landmarks, in the same order as run.minima (see landmarksOf).
  const minima = knownPoints(l.minima);
  const named = namedFoundMinima(run, l.scale);
  const marks: Landmark[] = [...known, ...named.map((f) => foundMark(f, pv.view.toPlane([f.x, f.y])))];
  const landmark = run.minimum.map((k, s) => {
    if (k >= 0) return marks[k] && [marks[k].u, marks[k].v].every((c, j) => c === pv.view.toPlane(minima[k].w)[j]) ? k : -1;
    const c = named.findIndex((f) => f.members.includes(s));
    return c >= 0 ? known.length + c : -1;
  });
  const otherMinimum = named.length > 0 ? new Uint8Array(run.otherMinimum.length) : run.otherMinimum;
  const o = optimizerOf(run.optimizer);
  const count = run.x.length;
  const starts: StartsLayer = {
    basins: config.starts!.basins,
    x: run.x,
    y: run.y,
    paths: run.paths.map((t) => planePath(pv.view, t)),
    landmark,
    otherMinimum,
    reachedAt: run.reachedAt,
    optimizerTitle: o.title,
    optimizerShort: o.short,
    lr: run.lr,
    placement: run.spec.kind === 'grid' ? `${count} starts, grid ${run.spec.side}×${run.spec.side}` : `${count} random starts`,
    minima: minima.length > 0 ? 'known' : l.minima.kind === 'none' ? 'none' : 'unknown',
  };
  const window = { u: [...l.domain.x] as [number, number], v: [...l.domain.y] as [number, number] };
  const start = { u: Float64Array.from(run.x.subarray(0, 1)), v: Float64Array.from(run.y.subarray(0, 1)), loss: Float64Array.of(0) };
  const optimum = problem.optimum && planePoint(pv.view, problem.optimum);
  const grid = planeGrid(pv.loss, start, optimum, false, { ...DEFAULT_GRID, window, levelScale: l.levels });
  const iterations = run.paths.reduce((m, p) => Math.max(m, p.loss.length - 1), 0);
  return {
    ...sceneBasics(config, problem),
    panels: ['surface'],
    grid,
    surface: { labels: pv.view.labels, note: pv.note, equalAspect: true, paths: [], references: [], landmarks: marks, marks: 'landmarks' },
    series: [],
    layout: 'overlay',
    view: '2d',
    iterations,
    text: { title: config.title },
    ...(config.rateSchedule.kind === 'constant' ? {} : { schedule: config.schedule }),
    starts,
    plane: scenePlane(pv.view, l),
  };
}

/** At most this many minima found by the verdicts are marked and coloured one by one (the palette's length). */
const MAX_FOUND = 8;

interface FoundMinimum {
  x: number;
  y: number;
  loss: number;
  /** The starts that ended there. */
  members: number[];
}

/**
 * The minima the starts' verdicts confirmed that are none of the listed ones, each once: the ends of those
 * paths within a thousandth of the domain's diagonal of each other are one minimum (the lowest end stands for
 * it), lowest loss first.
 */
export function foundMinima(run: StartsRun, scale: number): FoundMinimum[] {
  const out: FoundMinimum[] = [];
  const near = 1e-3 * scale;
  run.otherMinimum.forEach((other, s) => {
    if (!other) return;
    const p = run.paths[s];
    const i = p.loss.length - 1;
    const [x, y, loss] = [p.w[0][i], p.w[1][i], p.loss[i]];
    const at = out.find((f) => Math.hypot(f.x - x, f.y - y) <= near);
    if (!at) out.push({ x, y, loss, members: [s] });
    else {
      at.members.push(s);
      if (loss < at.loss) [at.x, at.y, at.loss] = [x, y, loss];
    }
  });
  return out.sort((a, b) => a.loss - b.loss || a.x - b.x || a.y - b.y);
}

/**
 * The found minima that are marked and named one by one: a few (an expression's, whose minima are not known
 * in advance) are, as the known ones are; many (Rastrigin's lattice) stay one grey category (none here).
 */
export function namedFoundMinima(run: StartsRun, scale: number): (FoundMinimum & { name: string })[] {
  const found = foundMinima(run, scale);
  if (found.length > MAX_FOUND) return [];
  const names = foundNames(found, scale);
  return found.map((f, k) => ({ ...f, name: names[k] }));
}

/**
 * The found minima's names, by their place and "found" ("(1, 0) found"): three significant digits, more
 * where two would read the same (100 and 100.2 both read "100" to three; the hostile review found two wells
 * one name), up to the ten-thousandth of the domain that tells found minima apart.
 */
export function foundNames(found: readonly FoundMinimum[], scale: number): string[] {
  for (let digits = 3; ; digits++) {
    // A coordinate within a ten-thousandth of the domain of 0 is 0.
    const c = (t: number) => Number((Math.abs(t) < 1e-4 * scale ? 0 : t).toPrecision(digits)).toString();
    const names = found.map((f) => `(${c(f.x)}, ${c(f.y)}) found`);
    if (new Set(names).size === names.length || digits >= 17) return names;
  }
}

/** A found minimum as a landmark: neither global nor local is claimed (newcomer review: two global minima of an expression read "local min"). */
function foundMark(f: FoundMinimum & { name: string }, [u, v]: number[]): Landmark {
  return { u, v, loss: f.loss, kind: 'found', name: f.name };
}
