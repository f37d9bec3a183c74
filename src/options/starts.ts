/**
 * --starts: many starts of one optimizer over a landscape's domain (a basins run). Its value, its parsing,
 * and the options it cannot be combined with: a run is either many starts of one descent, or a race, a
 * sweep, or one start of its own (--init); the shape is refused rather than half-honoured.
 */
import * as v from 'valibot';
import { messages, usageError } from '../errors';
import { MAX_GRID_SIDE, MAX_STARTS, MIN_STARTS, startCount, startPoints, type StartsSpec } from '../engine/starts';
import type { Landscape } from '../engine/landscape';
import { createRng } from '../random';
import { DECIMAL } from './kinds';
import type { RunOptions } from './table';

const GRID = /^grid:(\d+)$/;

/** The side of "grid:K" when K is within bounds; null for anything else. */
function gridSide(text: string): number | null {
  const m = GRID.exec(text.trim());
  const k = m ? Number(m[1]) : NaN;
  return Number.isInteger(k) && k >= MIN_STARTS && k <= MAX_GRID_SIDE ? k : null;
}

/** The library value: a number of random starts, or "grid:K". */
export const startsSchema = v.union(
  [
    v.pipe(v.number(messages.startsIs()), v.integer(messages.startsIs()), v.minValue(MIN_STARTS, messages.startsIs()), v.maxValue(MAX_STARTS, messages.startsIs())),
    // The pattern is for the job schema (editors check it); the bounds on K are the check's.
    v.pipe(v.string(messages.startsIs()), v.regex(GRID, messages.startsIs()), v.check((s) => gridSide(s) !== null, messages.startsIs())),
  ],
  messages.startsIs(),
);

/** The command line's text: "200" or "grid:40" (bounds are the schema's). */
export function parseStarts(raw: string): number | string {
  const t = raw.trim();
  if (GRID.test(t)) return t;
  if (DECIMAL.test(t) && Number.isInteger(Number(t))) return Number(t);
  throw usageError(messages.badStarts(raw));
}

/** A validated value as a spec. */
export function startsSpecOf(value: number | string): StartsSpec {
  if (typeof value === 'number') return { kind: 'random', count: value };
  return { kind: 'grid', side: gridSide(value)! };
}

/** Whether the run places random starts (then --seed decides them). */
export function randomStarts(o: RunOptions): boolean {
  return typeof o.starts === 'number';
}

/**
 * The most recorded iterates of all starts together (starts × (iterations + 1)): each is kept (x, y and the
 * loss, 24 bytes) for the drawing, so this is about 290 MB; 10,000 starts of 1000 iterations fit.
 */
export const MAX_START_ITERATES = 12_000_000;

/** Throws a usage error (exit 2) for --layout basins without --starts, and for what --starts cannot be combined with. */
export function refuseStartsConflicts(o: RunOptions, iterations: number): void {
  if (o.starts === undefined) {
    if (o.layout === 'basins') throw usageError(messages.basinsNeedStarts());
    return;
  }
  if (o.model !== 'function') throw usageError(messages.startsNeedFunction());
  if (Array.isArray(o.optimizer)) throw usageError(messages.startsWith('several --optimizer', 'a race puts several optimizers on one surface, --starts many starts of one'));
  for (const [key, flag] of [['lr', '--lr'], ['momentum', '--momentum'], ['batchSize', '--batch-size']] as const) {
    if (Array.isArray(o[key])) throw usageError(messages.startsWith(`a list for ${flag}`, 'a sweep varies a setting from one start, --starts varies the start'));
  }
  if (o.init !== undefined) throw usageError(messages.startsWith('--init', '--starts places the starts over the domain (give --domain to move them)'));
  if (o.layout === 'files' || o.layout === 'grid') throw usageError(messages.startsLayout(o.layout));
  if (o.view === '3d') throw usageError(messages.startsWith('--view 3d', 'the starts are coloured on the 2-D surface'));
  if (o.arrows) throw usageError(messages.startsWith('--arrows', 'arrows at thousands of points would hide the surface'));
  // --tune chooses a rate by the final gap of one descent from one start (the function's usual one). A basins
  // map shows where one rate takes every start: the rate that suits the usual start (often the largest that
  // converges there) can carry starts across basins or out of the domain from steeper ground, so the map would
  // be of a rate chosen for another picture, and "tuned" in its title would claim more than was done. Over all
  // the starts there is no one gap to choose by (they reach different minima). So the rate is the user's.
  if (o.tune) throw usageError(messages.startsWith('--tune', "--tune chooses a rate by one descent's final gap, and a basins map shows one rate from every start; give the rate with --lr"));
  if (o.trajectory) throw usageError(messages.startsWith('--trajectory', "the summary lists each start's point, minimum reached, iterations and final loss, not every iteration of every path"));
  const count = startCount(startsSpecOf(o.starts));
  if (count * (iterations + 1) > MAX_START_ITERATES) throw usageError(messages.startsTooLong(count, iterations, Math.floor(MAX_START_ITERATES / count) - 1));
}

/**
 * The start of a basins run's own descent, whose rate every start shares (the default rate is the one a run
 * from there gets): the function's usual start, or where an expression is not defined there, the first of
 * the starts where it is. Refused when it is defined at none of the starts.
 */
export function startsInit(l: Landscape, spec: StartsSpec, seed: string): readonly number[] {
  const { x, y } = startPoints(spec, l.domain, createRng(seed, 'starts'));
  let first = -1;
  for (let s = 0; s < x.length && first < 0; s++) if (Number.isFinite(l.objective.loss([x[s], y[s]]))) first = s;
  if (first < 0) throw usageError(messages.noStartDefined(l.formula));
  return Number.isFinite(l.objective.loss(l.init)) ? l.init : [x[first], y[first]];
}
