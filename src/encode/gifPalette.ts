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
  private keys = new Int32Array(4096).fill(-1);
  private values = new Uint8Array(4096);
  private size = 0;
  /** Multiplicative hashing keeps the top bits of the product: 32 - log2(table size). */
  private shift = 20;
  private readonly r: Int32Array;
  private readonly g: Int32Array;
  private readonly b: Int32Array;

  constructor(palette: readonly number[][]) {
    this.r = Int32Array.from(palette, (c) => c[0]);
    this.g = Int32Array.from(palette, (c) => c[1]);
    this.b = Int32Array.from(palette, (c) => c[2]);
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

  private nearest(key: number): number {
    const r = key & 0xff, g = (key >> 8) & 0xff, b = (key >> 16) & 0xff;
    let best = 0;
    let bestDistance = Infinity;
    for (let i = 0; i < this.r.length; i++) {
      const dr = this.r[i] - r, dg = this.g[i] - g, db = this.b[i] - b;
      const distance = dr * dr + dg * dg + db * db;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = i;
        if (distance === 0) break;
      }
    }
    return best;
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
