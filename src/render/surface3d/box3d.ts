import type { SKRSContext2D } from '@napi-rs/canvas';
import { fitText } from '../core/axes';
import { font } from '../core/font';
import type { HeightScale } from './heightScale';
import type { Style } from '../core/layout';
import { worldX, worldY, type Box3 } from './mesh';
import { see, toPixelX, toPixelY, type Camera, type Vec3, type Viewport } from './projection';

/** The weight axes' round ticks (from the 2-D view's axes) and the three axis names. */
export interface BoxAxes {
  u: { ticks: number[]; labels: string[] };
  v: { ticks: number[]; labels: string[] };
  /** u's and v's names, then the loss's, longest first (the first that fits beside its axis is used). */
  names: [string, string, string[]];
}

type Project = (x: number, y: number, z: number) => [number, number];

const projector = (cam: Camera, vp: Viewport): Project => (x, y, z) => {
  const s = see(cam, x, y, z);
  return [toPixelX(vp, s.u), toPixelY(vp, s.v)];
};

/** A line of the box in world coordinates: a grid line (faint) or an edge (the axis colour). */
export interface Segment3 {
  a: Vec3;
  b: Vec3;
  edge: boolean;
}

/**
 * The floor's outline and the two walls on the far side of the box, with lines at the ticks, as
 * matplotlib's 3-D axes draw them. They are painted under the mesh (see meshPainter.ts), which then
 * hides what it stands in front of.
 */
export function boxBehind(cam: Camera, box: Box3, scale: HeightScale, axes: BoxAxes): Segment3[] {
  const { ax, ay, height: H } = box;
  // The far wall of each pair: the one on the side away from the camera.
  const wx = cam.eye.x < 0 ? ax : -ax;
  const wy = cam.eye.y < 0 ? ay : -ay;
  const out: Segment3[] = [];
  const add = (edge: boolean, a: [number, number, number], b: [number, number, number]) => out.push({ a: { x: a[0], y: a[1], z: a[2] }, b: { x: b[0], y: b[1], z: b[2] }, edge });
  for (const t of axes.u.ticks) add(false, [worldX(box, t), wy, 0], [worldX(box, t), wy, H]);
  for (const t of axes.v.ticks) add(false, [wx, worldY(box, t), 0], [wx, worldY(box, t), H]);
  for (const t of scale.ticks) {
    add(false, [-ax, wy, H * t.h], [ax, wy, H * t.h]);
    add(false, [wx, -ay, H * t.h], [wx, ay, H * t.h]);
  }
  const floor: [number, number][] = [[-ax, -ay], [ax, -ay], [ax, ay], [-ax, ay]];
  floor.forEach(([x, y], i) => add(true, [x, y, 0], [...floor[(i + 1) % 4], 0]));
  add(true, [wx, wy, 0], [wx, wy, H]);
  add(true, [-wx, wy, 0], [-wx, wy, H]);
  add(true, [wx, -wy, 0], [wx, -wy, H]);
  return out;
}

/**
 * Tick labels along the two floor edges nearest the camera, each weight's name beyond them, and the loss
 * ticks up the vertical edge at the left of the view. Everything sits outside the box, so the mesh never
 * covers it; it is drawn after the mesh.
 */
export function drawBoxLabels(ctx: SKRSContext2D, cam: Camera, vp: Viewport, box: Box3, scale: HeightScale, axes: BoxAxes, style: Style): void {
  const P = projector(cam, vp);
  const { f, theme } = style;
  const { ax, ay, height: H } = box;
  // The near edges: y = ny carries u's labels, x = nx carries v's.
  const nx = cam.eye.x < 0 ? -ax : ax;
  const ny = cam.eye.y < 0 ? -ay : ay;
  const out = 0.16;
  ctx.save();
  ctx.font = font(f);
  ctx.fillStyle = theme.text;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  axes.u.ticks.forEach((t, i) => ctx.fillText(axes.u.labels[i], ...P(worldX(box, t), ny + Math.sign(ny) * out, 0)));
  axes.v.ticks.forEach((t, i) => ctx.fillText(axes.v.labels[i], ...P(nx + Math.sign(nx) * out, worldY(box, t), 0)));
  const centre = P(0, 0, 0);
  name(ctx, axes.names[0], P(-ax, ny + Math.sign(ny) * out, 0), P(ax, ny + Math.sign(ny) * out, 0), centre, style);
  name(ctx, axes.names[1], P(nx + Math.sign(nx) * out, -ay, 0), P(nx + Math.sign(nx) * out, ay, 0), centre, style);
  // The loss axis: on the side corner further left on screen (not the near or far corner, which the
  // surface may hide), its labels to its left, no closer together than a line of text.
  const side: [number, number][] = [[nx, -ny], [-nx, ny]];
  const [cx, cy] = side.reduce((a, b) => (P(a[0], a[1], 0)[0] <= P(b[0], b[1], 0)[0] ? a : b));
  const [dx, dy] = [Math.sign(cx) * out * 0.6, Math.sign(cy) * out * 0.6];
  ctx.textAlign = 'right';
  let last = Infinity;
  let left = Infinity;
  for (const t of scale.ticks) {
    const [px, py] = P(cx + dx, cy + dy, H * t.h);
    if (last - py < f * 1.25) continue;
    ctx.fillText(t.label, px - f * 0.3, py);
    left = Math.min(left, px - f * 0.3 - ctx.measureText(t.label).width);
    last = py;
  }
  // The loss's name runs up beside its labels, as a 2-D y axis's does: over the box it would cover the mesh.
  const [, top] = P(cx + dx, cy + dy, H);
  const [ex, bottom] = P(cx + dx, cy + dy, 0);
  ctx.save();
  ctx.translate(Math.max(f * 0.2, Math.min(left, ex) - f * 0.5), (top + bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  const room = Math.max(f * 4, (bottom - top) * 1.8);
  const loss = axes.names[2].find((t) => ctx.measureText(t).width <= room) ?? fitText(ctx, axes.names[2][axes.names[2].length - 1], room);
  ctx.fillText(loss, 0, 0);
  ctx.restore();
  ctx.restore();
}

/**
 * An axis name beside its edge's tick labels (a–b, on screen), turned to run along the edge and kept
 * upright, on the side away from the box's centre.
 */
function name(ctx: SKRSContext2D, text: string, a: [number, number], b: [number, number], centre: [number, number], style: Style): void {
  const { f } = style;
  let angle = Math.atan2(b[1] - a[1], b[0] - a[0]);
  if (angle > Math.PI / 2) angle -= Math.PI;
  if (angle < -Math.PI / 2) angle += Math.PI;
  const [mx, my] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  let [nx, ny] = [-Math.sin(angle), Math.cos(angle)];
  if (nx * (mx - centre[0]) + ny * (my - centre[1]) < 0) [nx, ny] = [-nx, -ny];
  ctx.save();
  ctx.translate(mx + nx * f * 1.5, my + ny * f * 1.5);
  ctx.rotate(angle);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(fitText(ctx, text, Math.hypot(b[0] - a[0], b[1] - a[1]) * 1.2), 0, 0);
  ctx.restore();
}
