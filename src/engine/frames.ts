import type { Trajectory } from '../types';

export const SAMPLE_MODES = ['uniform', 'log', 'adaptive'] as const;
export type SampleMode = (typeof SAMPLE_MODES)[number];

export interface FrameChoice {
  /** Frames wanted (at most this many distinct iterations are returned). Ignored when `every` is set. */
  frames: number;
  /** Take every K-th iteration instead. */
  every?: number;
  sample: SampleMode;
  /** The loss-surface window, so that "distance travelled" is measured as it appears on screen. */
  w0Range: readonly [number, number];
  w1Range: readonly [number, number];
}

/** Share of the adaptive measure that is plain iteration count, so a resting tail still gets a few frames. */
const ADAPTIVE_TIME_SHARE = 0.15;

/**
 * Chooses which iterations become frames: increasing, distinct, always the first (0) and the last.
 * - `every`: 0, K, 2K, … and the last.
 * - uniform: evenly spaced iterations.
 * - log: evenly spaced in log(1 + iteration), so the fast start gets many frames.
 * - adaptive: evenly spaced in distance travelled along the path on screen (blended with a little of the
 *   iteration count), so big early moves are not skipped and a long, still tail is not repeated.
 */
export function chooseFrames(paths: Trajectory | readonly Trajectory[], c: FrameChoice): number[] {
  const all = Array.isArray(paths) ? (paths as readonly Trajectory[]) : [paths as Trajectory];
  const last = Math.max(...all.map((t) => t.loss.length - 1));
  if (last <= 0) return [0];
  if (c.every !== undefined) {
    const out: number[] = [];
    for (let i = 0; i < last; i += c.every) out.push(i);
    out.push(last);
    return out;
  }
  const count = Math.max(2, Math.min(c.frames, last + 1));
  if (count === last + 1) return Array.from({ length: count }, (_, i) => i);
  switch (c.sample) {
    case 'uniform':
      return fill(pick(count, last, (u) => u * last), count, (i) => i);
    case 'log': {
      const top = Math.log1p(last);
      return fill(pick(count, last, (u) => Math.expm1(u * top)), count, Math.log1p);
    }
    case 'adaptive': {
      const measure = adaptiveMeasure(all, c, count, last);
      return fill(pickByMeasure(measure, count, last), count, measure);
    }
  }
}

/**
 * Rounding to whole iterations can make two targets land on the same one; the frames asked for are then
 * made up by splitting the widest gaps, so the animation has exactly `count` frames. The gaps wait in a
 * heap (widest first, the earliest among equals), so 50,000 frames over a million iterations take
 * milliseconds: a scan of every gap per added frame was quadratic (80–130 s).
 */
function fill(frames: number[], count: number, measure: (i: number) => number): number[] {
  if (frames.length >= count) return frames.slice();
  const heap = new GapHeap();
  const push = (a: number, b: number) => {
    if (b - a >= 2) heap.push({ a, b, width: measure(b) - measure(a) });
  };
  for (let k = 0; k < frames.length - 1; k++) push(frames[k], frames[k + 1]);
  const added: number[] = [];
  while (frames.length + added.length < count) {
    const gap = heap.pop();
    if (!gap) break;
    // Split it at the middle of the measure (a binary search: the measure increases with the iteration).
    const { a, b } = gap;
    const mid = (measure(a) + measure(b)) / 2;
    let lo = a + 1;
    let hi = b - 1;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (measure(m) < mid) lo = m + 1;
      else hi = m;
    }
    added.push(lo);
    push(a, lo);
    push(lo, b);
  }
  return [...frames, ...added].sort((x, y) => x - y);
}

interface Gap {
  a: number;
  b: number;
  width: number;
}

/** A binary max-heap of gaps: the widest on top, and of equal widths the earliest. */
class GapHeap {
  private items: Gap[] = [];
  private before(x: Gap, y: Gap): boolean {
    return x.width > y.width || (x.width === y.width && x.a < y.a);
  }
  push(g: Gap): void {
    const h = this.items;
    h.push(g);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }
  pop(): Gap | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.before(h[l], h[m])) m = l;
        if (r < h.length && this.before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

/** Maps count evenly spaced u ∈ [0, 1] through `at` to iterations, rounding and removing repeats. */
function pick(count: number, last: number, at: (u: number) => number): number[] {
  const out: number[] = [0];
  for (let k = 1; k < count - 1; k++) {
    const i = Math.min(last - 1, Math.max(1, Math.round(at(k / (count - 1)))));
    if (i > out[out.length - 1]) out.push(i);
  }
  out.push(last);
  return out;
}

/**
 * The adaptive measure of each iteration in [0, 1]: capped distance travelled, blended with a little time.
 * Over several paths (a race) a step counts as far as the furthest-moving path moved in it, so the frames
 * follow whichever series is busy.
 */
function adaptiveMeasure(paths: readonly Trajectory[], c: FrameChoice, count: number, last: number): (i: number) => number {
  const sx = 1 / (c.w0Range[1] - c.w0Range[0] || 1);
  const sy = 1 / (c.w1Range[1] - c.w1Range[0] || 1);
  const step = new Float64Array(last + 1);
  for (const t of paths) {
    const [a, b] = t.w;
    for (let i = 1; i < t.loss.length; i++) {
      const d = Math.hypot((a[i] - a[i - 1]) * sx, (b[i] - b[i - 1]) * sy);
      step[i] = Math.max(step[i], Number.isFinite(d) ? d : 1);
    }
  }
  // One step can be worth at most one frame: a single huge jump would otherwise swallow many frames that
  // all land on the same iteration. Capping a few times settles the cap.
  for (let round = 0; round < 8; round++) {
    let sum = 0;
    for (let i = 1; i <= last; i++) sum += step[i];
    const cap = sum / (count - 1);
    if (!(cap > 0)) break;
    for (let i = 1; i <= last; i++) if (step[i] > cap) step[i] = cap;
  }
  const cum = new Float64Array(last + 1);
  for (let i = 1; i <= last; i++) cum[i] = cum[i - 1] + step[i];
  const total = cum[last];
  const measure = (i: number) =>
    total > 0 ? (1 - ADAPTIVE_TIME_SHARE) * (cum[i] / total) + ADAPTIVE_TIME_SHARE * (i / last) : i / last;
  return measure;
}

/** Iterations where the measure crosses k/(count−1), without repeats. */
function pickByMeasure(measure: (i: number) => number, count: number, last: number): number[] {
  const out: number[] = [0];
  let i = 0;
  for (let k = 1; k < count - 1; k++) {
    const target = k / (count - 1);
    while (i < last && measure(i) < target - 1e-12) i++;
    if (i > out[out.length - 1] && i < last) out.push(i);
  }
  out.push(last);
  return out;
}
