import type { SKRSContext2D } from '@napi-rs/canvas';
import type { SurfaceArrows } from '../../types';
import type { Plot, Style } from '../core/layout';
import type { LegendItem } from '../core/legend';
import type { SurfacePath } from './surfacePath';
import { stateAt } from '../core/series';

/** The gradient step is white with a dark rim, like the start and the star: readable on every viridis colour. */
const STEP_FILL = '#ffffff';
const STEP_RIM = '#000000';

/**
 * An arrow from (x0, y0) to (x1, y1): a shaft and a filled head, drawn over a rim of `rim` so that it
 * lifts off the colour map. Nothing is drawn for an arrow shorter than `min` pixels: it would be a dot.
 */
export function drawArrow(ctx: SKRSContext2D, x0: number, y0: number, x1: number, y1: number, fill: string, rim: string, width: number, min = 2): void {
  const len = Math.hypot(x1 - x0, y1 - y0);
  if (!(len >= min)) return;
  const ux = (x1 - x0) / len;
  const uy = (y1 - y0) / len;
  const head = Math.min(width * 4.5, len * 0.6);
  const half = head * 0.5;
  const bx = x1 - ux * head;
  const by = y1 - uy * head;
  const outline = (grow: number) => {
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(bx, by);
    ctx.lineWidth = width + 2 * grow;
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(x1 + ux * grow, y1 + uy * grow);
    ctx.lineTo(bx - uy * (half + grow) - ux * grow, by + ux * (half + grow) - uy * grow);
    ctx.lineTo(bx + uy * (half + grow) - ux * grow, by - ux * (half + grow) - uy * grow);
    ctx.closePath();
    ctx.fill();
  };
  ctx.save();
  ctx.lineCap = 'butt';
  ctx.lineJoin = 'miter';
  ctx.strokeStyle = rim;
  ctx.fillStyle = rim;
  outline(Math.max(1, width * 0.4));
  ctx.strokeStyle = fill;
  ctx.fillStyle = fill;
  outline(0);
  ctx.restore();
}

/** Where iteration k's arrows are in the list, or −1 when the pipeline computed none for it. */
function indexOf(arrows: SurfaceArrows, k: number): number {
  let lo = 0;
  let hi = arrows.iterations.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = arrows.iterations[mid];
    if (v === k) return mid;
    if (v < k) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Series `index`'s arrows at iteration k from its current point: the last step (for an optimizer with a
 * velocity) in its colour, then the gradient step in white over it. None once its path has left the window.
 */
export function drawArrowsAt(ctx: SKRSContext2D, arrows: SurfaceArrows, index: number, p: SurfacePath, plot: Plot, k: number, colour: string, style: Style): void {
  const i = stateAt(p.series, k);
  const j = indexOf(arrows, k);
  if (j < 0 || i >= p.drawn) return;
  const cx = p.sx(i);
  const cy = p.sy(i);
  if (!Number.isFinite(cx) || !Number.isFinite(cy)) return;
  const width = style.line;
  if (arrows.velocity[index] && i > 0) {
    // The step that arrived here, w_k − w_(k−1), drawn from the current point onward: where it is heading.
    drawArrow(ctx, cx, cy, cx + (cx - p.sx(i - 1)), cy + (cy - p.sy(i - 1)), colour, style.theme.halo, width);
  }
  const s = arrows.step[index];
  const tx = plot.x.map(p.path.u[i] + s[2 * j]);
  const ty = plot.y.map(p.path.v[i] + s[2 * j + 1]);
  if (Number.isFinite(tx) && Number.isFinite(ty)) drawArrow(ctx, cx, cy, tx, ty, STEP_FILL, STEP_RIM, width);
}

/** The legend of the arrows: the gradient step, and the last step when some series carries a velocity. */
export function arrowLegend(arrows: SurfaceArrows, style: Style, colour: string): LegendItem[] {
  const glyph = (fill: string, rim: string) => (c: SKRSContext2D, x: number, y: number, r: number) =>
    drawArrow(c, x - r * 1.5, y, x + r * 1.5, y, fill, rim, style.line * 0.8);
  const items: LegendItem[] = [{ label: '−∇g/L', marker: glyph(STEP_FILL, STEP_RIM) }];
  if (arrows.velocity.some(Boolean)) items.push({ label: 'last step', marker: glyph(colour, style.theme.halo) });
  return items;
}
