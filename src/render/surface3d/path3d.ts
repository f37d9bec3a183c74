import type { SKRSContext2D } from '@napi-rs/canvas';
import type { PlanePath, Series } from '../../types';
import { clipSegment, inside } from '../core/clip';
import type { HeightScale } from './heightScale';
import type { Style } from '../core/layout';
import { drawSeriesMarker } from '../core/markers';
import { worldX, worldY, type Box3 } from './mesh';
import { prefixLength, type Polyline } from '../core/polyline';
import { see, toPixelX, toPixelY, type Camera, type Viewport } from './projection';
import { stateAt } from '../core/series';
import { strokeWithHalo } from '../surface2d/surfacePath';

/**
 * One series' path on the 3-D surface, prepared once in world coordinates: each recorded point at its
 * weights across the floor and its recorded loss as height, clipped to the box's floor (the window) and
 * thinned. A Polyline with a height per vertex, so the travelled part is a prefix, as in the 2-D panel.
 */
export interface Path3 extends Polyline {
  z: Float64Array;
  series: Series;
  /** Entries drawn: all, or up to the first that leaves the window when the series diverged. */
  drawn: number;
  /** World coordinates of entry i (not clipped). */
  at(i: number): [number, number, number];
  /** The box's floor, which the drawn path stays over. */
  floor: { x: number; y: number; w: number; h: number };
}

/** Below this world distance (the box is 2 wide) a point moves the line by under a pixel: dropped. */
const MIN_STEP = 0.004;
const MAX_VERTICES = 20000;

export function path3(series: Series, t: PlanePath, box: Box3, scale: HeightScale): Path3 {
  const floor = { x: -box.ax, y: -box.ay, w: 2 * box.ax, h: 2 * box.ay };
  const at = (i: number): [number, number, number] => [worldX(box, t.u[i]), worldY(box, t.v[i]), box.height * scale.h(t.loss[i])];
  let drawn = t.loss.length;
  if (series.diverged) {
    // As in 2-D: a diverging path is drawn until it first leaves the window, not as a zigzag across it.
    for (let i = 0; i < t.loss.length; i++) {
      const [x, y] = at(i);
      if (!inside(x, y, floor)) {
        drawn = i + 1;
        break;
      }
    }
  }
  for (let step = MIN_STEP; ; step *= 2) {
    const line = thin(drawn, at, floor, step, step > 2 ? Infinity : MAX_VERTICES);
    if (line) return { ...line, series, drawn, at, floor };
  }
}

type At = (i: number) => [number, number, number];

function thin(n: number, at: At, floor: { x: number; y: number; w: number; h: number }, step: number, limit: number): (Polyline & { z: Float64Array }) | null {
  const [xs, ys, zs, its, moves]: number[][] = [[], [], [], [], []];
  const emit = (x: number, y: number, z: number, i: number, move: boolean, thinnable: boolean) => {
    const k = xs.length - 1;
    if (thinnable && k >= 0 && Math.hypot(x - xs[k], y - ys[k], z - zs[k]) < step) return;
    xs.push(x);
    ys.push(y);
    zs.push(z);
    its.push(i);
    moves.push(move ? 1 : 0);
  };
  let prev: [number, number, number] | null = null;
  for (let i = 0; i < n; i++) {
    const p = at(i);
    const ok = p.every(Number.isFinite);
    if (ok && prev) {
      if (inside(prev[0], prev[1], floor) && inside(p[0], p[1], floor)) emit(p[0], p[1], p[2], i, false, true);
      else {
        const c = clipSegment(prev[0], prev[1], p[0], p[1], floor);
        const lerp = (s: number) => prev!.map((v, k) => v + s * (p[k] - v)) as [number, number, number];
        if (c && c[0] > 0) emit(...lerp(c[0]), i, true, false);
        if (c) emit(...lerp(c[1]), i, false, false);
      }
    } else if (ok && inside(p[0], p[1], floor)) emit(p[0], p[1], p[2], i, true, false);
    if (xs.length > limit) return null;
    prev = ok ? p : null;
  }
  const f = (a: number[]) => Float64Array.from(a);
  return { x: f(xs), y: f(ys), z: f(zs), iter: f(its), move: Uint8Array.from(moves), length: xs.length };
}

/** Whether the surface over (x, y) of the floor is hidden from the camera (see MeshPainter.hides). */
export type Hides = (x: number, y: number) => boolean;

/** How strongly what the surface hides is still drawn: faint, so a path through a wall reads as behind it. */
export const HIDDEN_ALPHA = 0.35;

/**
 * Strokes the path travelled by iteration k as the camera sees it, a halo and then the series' colour;
 * the stretches the surface hides (seen across a trough, its floor is behind the near wall) faintly first,
 * then the rest in full.
 */
export function strokePath3(ctx: SKRSContext2D, p: Path3, k: number, cam: Camera, vp: Viewport, colour: string, style: Style, width: number, hides: Hides): void {
  const i = Math.min(stateAt(p.series, k), p.drawn - 1);
  const count = prefixLength(p, i);
  if (count === 0) return;
  const xs = new Float64Array(count + 1);
  const ys = new Float64Array(count + 1);
  const hidden = new Uint8Array(count + 1);
  for (let v = 0; v < count; v++) {
    const s = see(cam, p.x[v], p.y[v], p.z[v]);
    [xs[v], ys[v]] = [toPixelX(vp, s.u), toPixelY(vp, s.v)];
    hidden[v] = hides(p.x[v], p.y[v]) ? 1 : 0;
  }
  // The thinned vertices lag the true point by under a step: end the line exactly at the marker.
  const end = current(p, k, cam, vp);
  const n = end ? count + 1 : count;
  if (end) [xs[count], ys[count], hidden[count]] = [end[0], end[1], hidden[count - 1]];
  ctx.save();
  for (const faint of [1, 0]) {
    ctx.beginPath();
    let pen = -1;
    for (let v = 1; v < n; v++) {
      if (v < count && p.move[v]) continue;
      if ((hidden[v] & hidden[v - 1]) !== faint) continue;
      if (pen !== v - 1) ctx.moveTo(xs[v - 1], ys[v - 1]);
      ctx.lineTo(xs[v], ys[v]);
      pen = v;
    }
    ctx.globalAlpha = faint ? HIDDEN_ALPHA : 1;
    strokeWithHalo(ctx, colour, style, width);
  }
  ctx.restore();
}

/** The pixel of the point iteration k shows, or null once the path has left the window. */
export function current(p: Path3, k: number, cam: Camera, vp: Viewport): [number, number] | null {
  const i = stateAt(p.series, k);
  if (i >= p.drawn) return null;
  const [x, y, z] = p.at(i);
  // Off the floor (a diverging step), the perspective would throw it anywhere: no marker, as in 2-D.
  if (!(Number.isFinite(z) && inside(x, y, p.floor))) return null;
  const s = see(cam, x, y, z);
  return [toPixelX(vp, s.u), toPixelY(vp, s.v)];
}

/** The current point's marker in the series' shape, unless the path has left the window; faint where the surface hides it. */
export function drawCurrent3(ctx: SKRSContext2D, p: Path3, index: number, k: number, cam: Camera, vp: Viewport, colour: string, style: Style, hides: Hides): void {
  const c = current(p, k, cam, vp);
  if (!c) return;
  const [x, y] = p.at(stateAt(p.series, k));
  ctx.save();
  ctx.globalAlpha = hides(x, y) ? HIDDEN_ALPHA + 0.2 : 1;
  drawSeriesMarker(ctx, index, c[0], c[1], style.f * 0.42, colour, style.theme.halo, Math.max(1.5, style.line * 0.8));
  ctx.restore();
}
