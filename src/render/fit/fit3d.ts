import type { SKRSContext2D } from '@napi-rs/canvas';
import type { FrameTime, Scene } from '../../types';
import { drawHeading } from '../core/axes';
import { font } from '../core/font';
import type { Rect, Style } from '../core/layout';
import { drawLabel } from '../core/markers';
import type { Panel } from '../core/panel';
import { linearAxis } from '../core/scale';
import { seriesColour, stateAt } from '../core/series';
import { viridis } from '../core/viridis';
import { boxBehind, drawBoxLabels, type BoxAxes } from '../surface3d/box3d';
import type { HeightScale } from '../surface3d/heightScale';
import { boxCorners, worldX, worldY, type Box3 } from '../surface3d/mesh';
import { fitViewport, orbitCamera, see, toPixelX, toPixelY, type Camera, type Vec3, type Viewport } from '../surface3d/projection';
import { AZIMUTH, DISTANCE, azimuthAt, boxRects, orbitSamples } from '../surface3d/surface3d';
import { extent, pad } from './fitWindow';
import { colourKey } from './layers/heading';
import { pointStyle } from './scatter';

/**
 * Lower than the loss surface's 50°, and a taller box: y is plotted linearly (not log-like), and from high up
 * a tilted plane through the rows looks flat.
 */
const FIT_ELEVATION = 28;
const BOX_HEIGHT = 1.5;

/** Rows drawn with their residual (the vertical line to the fitted plane) at the most: beyond, a thicket. */
const RESIDUAL_ROWS = 1000;

/**
 * Linear regression on two features with `--view 3d`: the rows as points at (x1, x2, y) in the box of the
 * surface panel's 3-D view (the same camera and orbit), coloured by y as in 2-D, and each series' fitted
 * plane y = w0 + w1·x1 + w2·x2 as a translucent sheet clipped to the box, with lines at the features' ticks.
 * One series: each row's residual as a thin vertical line to the plane, which shortens as the fit improves.
 * Points on the camera's side of series 0's plane are drawn over it, the others under it.
 */
export function fit3dPanel(measure: SKRSContext2D, outer: Rect, scene: Scene, style: Style): Panel {
  const { data } = scene;
  const { f, theme } = style;
  const [x1, x2] = data.features!.columns;
  const [name1, name2] = data.features!.names;
  // The fitted value at (x1, x2), as the pipeline hands it over (the model's own function of its weights).
  const predict = scene.fit.predict2!;
  const y = data.y;
  const n = y.length;
  const uRange = pad(extent(x1), 0.05);
  const vRange = pad(extent(x2), 0.05);
  const yRange = extent(y);
  const zRange = pad(yRange, 0.08);
  const box: Box3 = { ax: 1, ay: 1, height: BOX_HEIGHT, uRange, vRange };
  const H = (v: number) => (box.height * (v - zRange[0])) / (zRange[1] - zRange[0]);
  const zAxis = linearAxis(zRange, [0, 1], 5);
  const scale: HeightScale = {
    h: (v) => (v - zRange[0]) / (zRange[1] - zRange[0]),
    ticks: zAxis.ticks.map((t, i) => ({ loss: t, label: zAxis.labels[i], h: (t - zRange[0]) / (zRange[1] - zRange[0]) })).filter((t) => t.h >= 0 && t.h <= 1),
  };
  const { rect, inner } = boxRects(outer, f);
  const orbit = scene.orbit ?? 0;
  const camera = (azimuth: number) => orbitCamera({ x: 0, y: 0, z: box.height / 2 }, azimuth, FIT_ELEVATION, DISTANCE);
  const start = sideOn(box, scene, orbit);
  const free = scene.freeCamera === true;
  const vp = fitViewport(orbitSamples(start, free ? 360 : orbit).map(camera), boxCorners(box), inner);
  const still = camera(start);
  const cameraAt = (frame: FrameTime) => (orbit === 0 && !free ? still : camera(azimuthAt(start, frame, orbit) + (frame.turn ?? 0)));
  const axes: BoxAxes = { u: linearAxis(uRange, [0, 1], 4), v: linearAxis(vRange, [0, 1], 4), names: [name1, name2, [data.yName]] };
  const plot = { rect, x: linearAxis(uRange, [rect.x, rect.x + rect.w], 4), y: linearAxis(vRange, [rect.y + rect.h, rect.y], 4) };
  // The rows in world coordinates, and their colours (y on viridis, as the 2-D view colours them).
  const world = { x: Float64Array.from(x1, (v) => worldX(box, v)), y: Float64Array.from(x2, (v) => worldY(box, v)), z: Float64Array.from(y, (v) => H(v)) };
  const span0 = yRange[1] - yRange[0] || 1;
  const colours = Array.from(y, (v) => viridis((v - yRange[0]) / span0));
  const { radius } = pointStyle(n, f, theme.points);
  const byDepth = (cam: Camera) => {
    const depth = Float64Array.from(world.x, (_, i) => see(cam, world.x[i], world.y[i], world.z[i]).depth);
    return Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => depth[b] - depth[a]);
  };
  const moving = orbit !== 0 || free;
  let order = moving ? null : byDepth(still);
  const fitted = new Float64Array(n);

  const drawBox = (ctx: SKRSContext2D, cam: Camera) => {
    const P = (p: Vec3) => project(cam, vp, p.x, p.y, p.z);
    ctx.save();
    for (const s of boxBehind(cam, box, scale, axes)) {
      ctx.beginPath();
      ctx.moveTo(...P(s.a));
      ctx.lineTo(...P(s.b));
      ctx.strokeStyle = s.edge ? theme.axis : theme.gridLine;
      ctx.lineWidth = s.edge ? Math.max(1, style.thin) : Math.max(0.6, style.thin * 0.6);
      ctx.stroke();
    }
    ctx.restore();
    drawBoxLabels(ctx, cam, vp, box, scale, axes, style);
  };

  return {
    plot,
    drawStatic(ctx) {
      const legend = colourKey(ctx, plot, style, yRange);
      const single = scene.series.length === 1;
      drawHeading(ctx, plot, style, [`Colour and height: ${data.yName}; sheet: fitted ${data.yName}${single ? '; lines: residuals' : ''}`, `${data.yName} and the fitted plane`, data.yName], rect.w - legend - f);
      if (!moving) drawBox(ctx, still);
    },
    drawFrame(ctx, frame) {
      const cam = cameraAt(frame);
      if (moving) {
        drawBox(ctx, cam);
        order = byDepth(cam);
      }
      const planes = scene.series.map((s) => {
        const j = stateAt(s, frame.iteration);
        const w = s.trajectory.w.map((c) => c[j]);
        return w.every(Number.isFinite) ? w : null;
      });
      // Which side of series 0's plane the camera is on: the rows on that side stand in front of it.
      const w0 = planes[0];
      const heightAt = (w: number[], X: number, Y: number) => H(predict(w, unworldX(box, X), unworldY(box, Y)));
      const eyeAbove = w0 ? cam.eye.z > heightAt(w0, cam.eye.x, cam.eye.y) : true;
      if (w0) for (let i = 0; i < n; i++) fitted[i] = H(predict(w0, x1[i], x2[i]));
      const front = (i: number) => !w0 || world.z[i] >= fitted[i] === eyeAbove;
      const residuals = scene.series.length === 1 && w0 !== null && n <= RESIDUAL_ROWS;
      ctx.save();
      ctx.beginPath();
      ctx.rect(rect.x, rect.y, rect.w, rect.h);
      ctx.clip();
      drawRows(ctx, cam, order!, (i) => !front(i), residuals);
      const notices: [number, string][] = [];
      for (let s = scene.series.length - 1; s >= 0; s--) {
        const w = planes[s];
        if (!w) continue;
        const drawn = drawPlane(ctx, cam, (X, Y) => heightAt(w, X, Y), seriesColour(style, s));
        if (!drawn) notices.unshift([s, heightAt(w, 0, 0) > box.height ? 'above' : 'below']);
      }
      drawRows(ctx, cam, order!, front, residuals);
      ctx.restore();
      // Each plane out of the box, said in its series' colour (as the 2-D panel says of a line).
      ctx.font = font(f, true);
      notices.forEach(([s, where], row) => {
        const text = scene.series.length === 1 ? `fitted plane out of view (${where})` : `${scene.series[s].label}: out of view (${where})`;
        drawLabel(ctx, text, rect.x + f * 0.5, rect.y + f * 0.5 + row * f * 1.8, f, seriesColour(style, s), theme.labelBox);
      });
    },
  };

  function drawRows(ctx: SKRSContext2D, cam: Camera, rows: Int32Array, which: (i: number) => boolean, residuals: boolean): void {
    if (residuals) {
      ctx.beginPath();
      for (const i of rows) {
        if (!which(i)) continue;
        const top = Math.min(box.height, Math.max(0, fitted[i]));
        ctx.moveTo(...project(cam, vp, world.x[i], world.y[i], world.z[i]));
        ctx.lineTo(...project(cam, vp, world.x[i], world.y[i], top));
      }
      ctx.strokeStyle = theme.mutedText;
      ctx.globalAlpha = 0.5;
      ctx.lineWidth = Math.max(0.6, style.thin * 0.6);
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
    ctx.strokeStyle = theme.background;
    ctx.lineWidth = Math.max(0.6, radius * 0.25);
    for (const i of rows) {
      if (!which(i)) continue;
      const [px, py] = project(cam, vp, world.x[i], world.y[i], world.z[i]);
      ctx.beginPath();
      ctx.arc(px, py, radius, 0, 2 * Math.PI);
      ctx.fillStyle = colours[i];
      ctx.fill();
      ctx.stroke();
    }
  }

  /** The plane over the floor, clipped to the box's height, as a sheet with lines at the features' ticks; false when none of it is in the box. */
  function drawPlane(ctx: SKRSContext2D, cam: Camera, height: (X: number, Y: number) => number, colour: string): boolean {
    const corners: Vec3[] = [[-1, -1], [1, -1], [1, 1], [-1, 1]].map(([a, b]) => ({ x: a * box.ax, y: b * box.ay, z: height(a * box.ax, b * box.ay) }));
    const sheet = clipBetween(clipBetween(corners, (p) => p.z), (p) => box.height - p.z);
    if (sheet.length < 3) return false;
    ctx.beginPath();
    sheet.forEach((p, k) => (k === 0 ? ctx.moveTo(...project(cam, vp, p.x, p.y, p.z)) : ctx.lineTo(...project(cam, vp, p.x, p.y, p.z))));
    ctx.closePath();
    ctx.fillStyle = colour;
    ctx.globalAlpha = 0.22;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.strokeStyle = colour;
    ctx.lineWidth = style.line;
    ctx.stroke();
    // Lines of the sheet at the features' ticks: they show its tilt in perspective.
    ctx.beginPath();
    const line = (a: Vec3, b: Vec3) => {
      const seg = clipSegmentZ(a, b, box.height);
      if (!seg) return;
      ctx.moveTo(...project(cam, vp, seg[0].x, seg[0].y, seg[0].z));
      ctx.lineTo(...project(cam, vp, seg[1].x, seg[1].y, seg[1].z));
    };
    for (const t of axes.u.ticks) {
      const X = worldX(box, t);
      line({ x: X, y: -box.ay, z: height(X, -box.ay) }, { x: X, y: box.ay, z: height(X, box.ay) });
    }
    for (const t of axes.v.ticks) {
      const Y = worldY(box, t);
      line({ x: -box.ax, y: Y, z: height(-box.ax, Y) }, { x: box.ax, y: Y, z: height(box.ax, Y) });
    }
    ctx.globalAlpha = 0.55;
    ctx.lineWidth = Math.max(0.8, style.thin * 0.8);
    ctx.stroke();
    ctx.globalAlpha = 1;
    return true;
  }
}

/**
 * The first camera's azimuth: a three-quarter view across the final plane's tilt (SIDE_OFF degrees off
 * side-on, whichever of the four is nearest the surface's AZIMUTH), so that its slope shows; looking along the
 * tilt would see the plane edge-on, a flat band. An orbit of less than half a turn is centred on side-on
 * instead (from −orbit/2 to +orbit/2 off it), so that it neither starts nor ends edge-on. The default azimuth
 * when the plane is level or unknown.
 */
export function sideOn(box: Box3, scene: Scene, orbit = 0): number {
  const s = scene.series[0];
  const last = s.trajectory.loss.length - 1;
  const w = s.trajectory.w.map((c) => c[last]);
  // The plane's rise per unit of the floor's world coordinates (its slopes along x1 and x2 are its rises
  // across the window: a plane's differences are exact up to rounding).
  const [u0, u1] = box.uRange;
  const [v0, v1] = box.vRange;
  const at = (x: number, y: number) => scene.fit.predict2!(w, x, y);
  const gx = (at(u1, v0) - at(u0, v0)) / (2 * box.ax);
  const gy = (at(u0, v1) - at(u0, v0)) / (2 * box.ay);
  if (!(Number.isFinite(gx) && Number.isFinite(gy)) || (gx === 0 && gy === 0)) return AZIMUTH;
  const theta = (Math.atan2(gy, gx) * 180) / Math.PI;
  const turn = (a: number) => ((((a - AZIMUTH) % 360) + 540) % 360) - 180;
  const half = Math.abs(orbit) < 180 && orbit !== 0;
  const off = half ? 0 : SIDE_OFF;
  const options = [theta + 90 - off, theta + 90 + off, theta - 90 - off, theta - 90 + off].map((a) => (half ? a - orbit / 2 : a));
  const best = options.reduce((a, b) => (Math.abs(turn(b)) < Math.abs(turn(a)) ? b : a));
  return AZIMUTH + turn(best);
}

/** Degrees off a side-on view of the plane's tilt: enough to see the floor's two axes, not so many that the slope flattens. */
const SIDE_OFF = 30;

function project(cam: Camera, vp: Viewport, x: number, y: number, z: number): [number, number] {
  const s = see(cam, x, y, z);
  return [toPixelX(vp, s.u), toPixelY(vp, s.v)];
}

const unworldX = (b: Box3, X: number) => b.uRange[0] + ((X + b.ax) / (2 * b.ax)) * (b.uRange[1] - b.uRange[0]);
const unworldY = (b: Box3, Y: number) => b.vRange[0] + ((Y + b.ay) / (2 * b.ay)) * (b.vRange[1] - b.vRange[0]);

/** The polygon's part where d(p) ≥ 0 (Sutherland–Hodgman against one plane; d is affine along each edge). */
function clipBetween(poly: Vec3[], d: (p: Vec3) => number): Vec3[] {
  const out: Vec3[] = [];
  for (let k = 0; k < poly.length; k++) {
    const a = poly[k];
    const b = poly[(k + 1) % poly.length];
    const da = d(a);
    const db = d(b);
    if (da >= 0) out.push(a);
    if ((da >= 0) !== (db >= 0)) {
      const t = da / (da - db);
      out.push({ x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y), z: a.z + t * (b.z - a.z) });
    }
  }
  return out;
}

/** The part of segment a–b with 0 ≤ z ≤ top, or null. */
function clipSegmentZ(a: Vec3, b: Vec3, top: number): [Vec3, Vec3] | null {
  let t0 = 0;
  let t1 = 1;
  const dz = b.z - a.z;
  for (const [p, q] of [[-dz, a.z], [dz, top - a.z]]) {
    if (p === 0) {
      if (q < 0) return null;
      continue;
    }
    const r = q / p;
    if (p < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
  }
  if (t0 > t1) return null;
  const at = (t: number): Vec3 => ({ x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y), z: a.z + t * dz });
  return [at(t0), at(t1)];
}

