/**
 * One global GIF palette and an exact colour -> index lookup. gifenc's own applyPalette works in rgb444 and
 * moves ~7 % of a plot's pixels by up to 12 levels (neighbouring contour bands merge); here every distinct
 * 24-bit colour is matched once to its nearest palette entry (squared RGB distance, lowest index on ties)
 * and memoised, so a colour that is in the palette always maps to itself.
 */
import { quantize } from 'gifenc';

/** Palette entries for colours; one more index is kept for transparency (a GIF table holds 256). */
export const MAX_PALETTE_COLOURS = 255;

/**
 * Builds the palette from RGBA samples (e.g. the first and last frame) with gifenc's quantize. The samples
 * are copied into one fresh buffer because quantize reads `rgba.buffer` from offset 0, ignoring byteOffset.
 */
export function buildPalette(samples: readonly Uint8Array[]): number[][] {
  let total = 0;
  for (const s of samples) total += s.byteLength - (s.byteLength % 4);
  const all = new Uint8Array(total);
  let offset = 0;
  for (const s of samples) {
    const usable = s.byteLength - (s.byteLength % 4);
    all.set(s.subarray(0, usable), offset);
    offset += usable;
  }
  return quantize(all, MAX_PALETTE_COLOURS, { format: 'rgb565' }).map((c) => [c[0], c[1], c[2]]);
}

/**
 * Colour -> palette index, memoised in an open-addressing hash keyed by the 24-bit colour
 * (R | G << 8 | B << 16, the low bytes of a little-endian RGBA word).
 */
export class ColourIndex {
  /**
   * Room for 16,384 colours before the table grows: a plot's frame 0 has about 8,000. Growing replaces the
   * arrays, and V8 then throws away the optimized lookup compiled on the thread meanwhile (it had taken the
   * fields as constants): starting at 4,096 slots cost the default GIF two growths and ~25 ms of compiling.
   */
  private keys = new Int32Array(1 << 15).fill(-1);
  private values = new Uint8Array(1 << 15);
  private size = 0;
  /** Multiplicative hashing keeps the top bits of the product: 32 - log2(table size). */
  private shift = 17;
  /** The palette sorted by red (then by index): entry k is colour order[k] = (r[k], g[k], b[k]). */
  private readonly r: Int32Array;
  private readonly g: Int32Array;
  private readonly b: Int32Array;
  private readonly order: Int32Array;

  constructor(palette: readonly number[][]) {
    const order = Array.from(palette, (_, i) => i).sort((i, j) => palette[i][0] - palette[j][0] || i - j);
    this.order = Int32Array.from(order);
    this.r = Int32Array.from(order, (i) => palette[i][0]);
    this.g = Int32Array.from(order, (i) => palette[i][1]);
    this.b = Int32Array.from(order, (i) => palette[i][2]);
  }

  /** The index of the palette colour nearest to `key` (R | G << 8 | B << 16). */
  indexOf(key: number): number {
    const mask = this.keys.length - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = this.keys[slot];
      if (k === key) return this.values[slot];
      if (k === -1) break;
      slot = (slot + 1) & mask;
    }
    const index = this.nearest(key);
    this.insert(key, index);
    return index;
  }

  /**
   * The nearest palette colour, searched outwards in red from the first entry at or above r: an entry whose
   * red alone is further than the best distance so far cannot win, and neither can any beyond it. Ties go
   * to the lowest palette index, as in a scan of the whole palette (frame 0 of a plot has ~8,000 distinct
   * colours: this visits a few dozen entries for each instead of 255).
   */
  private nearest(key: number): number {
    const r = key & 0xff, g = (key >> 8) & 0xff, b = (key >> 16) & 0xff;
    const n = this.r.length;
    let lo = 0, hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.r[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    let best = -1;
    let bestDistance = Infinity;
    const consider = (k: number) => {
      const dr = this.r[k] - r, dg = this.g[k] - g, db = this.b[k] - b;
      const distance = dr * dr + dg * dg + db * db;
      if (distance < bestDistance || (distance === bestDistance && this.order[k] < best)) {
        bestDistance = distance;
        best = this.order[k];
      }
    };
    for (let up = lo, down = lo - 1; up < n || down >= 0; ) {
      const dUp = up < n ? this.r[up] - r : Infinity;
      const dDown = down >= 0 ? r - this.r[down] : Infinity;
      if (dUp <= dDown) {
        if (dUp * dUp > bestDistance) break;
        consider(up++);
      } else {
        if (dDown * dDown > bestDistance) break;
        consider(down--);
      }
    }
    return Math.max(best, 0);
  }

  private insert(key: number, index: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    this.size++;
    const mask = this.keys.length - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.keys[slot] !== -1) slot = (slot + 1) & mask;
    this.keys[slot] = key;
    this.values[slot] = index;
  }

  private grow(): void {
    const keys = this.keys, values = this.values;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.values = new Uint8Array(keys.length * 2);
    this.size = 0;
    this.shift--;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== -1) this.insert(keys[i], values[i]);
  }
}
