/**
 * Where the name of a landmark goes: beside its own marker, wholly inside the plot, clear of every other
 * marker and of the names already placed. A name that has no such place is left out (the legend keeps it):
 * a name beside the wrong star is worse than none.
 */
import type { Rect } from '../core/layout';

/** A marker to keep clear of, in pixels. */
export interface MarkerSpot {
  x: number;
  y: number;
}

/** One name to place: its marker (in pixels) and the size of its box. */
export interface NameBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * The boxes' top-left corners, one per name in order (null where none fits): tried right and above the
 * marker first (as before), then left, below, level, and centred above or below (moved in from the sides). `f` is the marker's
 * scale (the panel's font size; a marker's radius is 0.75 f); every marker in `markers` is kept clear of by
 * 0.95 f from its centre (which the corners of the boxes beside it just clear), and any other marker is
 * farther from the box than its own by a quarter of f.
 */
export function placeNames(names: readonly NameBox[], markers: readonly MarkerSpot[], inside: Rect, f: number): ({ x: number; y: number } | null)[] {
  const placed: Rect[] = [];
  const gap = f * 0.95;
  return names.map((n) => {
    const right = n.x + f * 0.9;
    const left = n.x - f * 0.9 - n.w;
    const above = n.y - f * 0.51 - n.h;
    const below = n.y + f * 0.51;
    const level = n.y - n.h / 2;
    // Above or below, centred on the marker but moved in from the plot's sides.
    const centred = Math.max(inside.x, Math.min(inside.x + inside.w - n.w, n.x - n.w / 2));
    const candidates = [
      [right, above],
      [left, above],
      [right, below],
      [left, below],
      [n.x + f * 1.1, level],
      [n.x - f * 1.1 - n.w, level],
      [centred, n.y - f * 1.1 - n.h],
      [centred, n.y + f * 1.1],
    ];
    for (const [x, y] of candidates) {
      const box = { x, y, w: n.w, h: n.h };
      if (!within(box, inside)) continue;
      // Clear of every marker, and nearer its own than any other (so that it reads as that marker's name).
      const own = distance(box, n.x, n.y);
      if (markers.some((m) => (m.x === n.x && m.y === n.y ? own < gap : distance(box, m.x, m.y) < Math.max(gap, own + f * 0.25)))) continue;
      if (placed.some((p) => overlaps(box, p))) continue;
      placed.push(box);
      return { x, y };
    }
    return null;
  });
}

function within(b: Rect, r: Rect): boolean {
  return b.x >= r.x && b.y >= r.y && b.x + b.w <= r.x + r.w && b.y + b.h <= r.y + r.h;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** The distance from (cx, cy) to the nearest point of the box. */
function distance(b: Rect, cx: number, cy: number): number {
  return Math.hypot(Math.max(b.x - cx, 0, cx - (b.x + b.w)), Math.max(b.y - cy, 0, cy - (b.y + b.h)));
}
