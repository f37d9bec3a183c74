import { quantize } from 'gifenc';
import { buildPalette, ColourIndex } from '../../src/encode/gifPalette';
import { gifDiffer } from '../../src/encode/gifFrames';
import { DelaySchedule, holdDelay, MAX_DELAY_CS, netscapeRepeat } from '../../src/encode/gifTiming';

const delays = (fps: number, n: number) => {
  const schedule = new DelaySchedule(fps);
  return Array.from({ length: n }, () => schedule.next());
};

describe('GIF timing', () => {
  test('delays add up exactly to the elapsed time', () => {
    expect(delays(30, 6)).toEqual([3, 3, 4, 3, 3, 4]);
    expect(delays(20, 3)).toEqual([5, 5, 5]);
    for (const fps of [7, 12.5, 24, 29.97, 30, 48]) {
      const sum = delays(fps, 300).reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - (300 * 100) / fps)).toBeLessThan(1);
    }
  });

  test('no delay is below 2 cs (browsers show 0 and 1 as 10 cs)', () => {
    expect(Math.min(...delays(100, 10))).toBe(2);
  });

  test('hold: at least the frame time and at least the hold, at most 16 bits', () => {
    expect(holdDelay(5, 1.5)).toBe(150);
    expect(holdDelay(5, 0)).toBe(5);
    expect(holdDelay(5, 1e6)).toBe(MAX_DELAY_CS);
  });

  test('loop -> NETSCAPE repeat', () => {
    expect([0, 1, 2, 3, 65536].map(netscapeRepeat)).toEqual([0, -1, 1, 2, 65535]);
  });
});

/** The nearest palette entry by a scan of the whole palette (squared RGB distance, lowest index on ties). */
function scanPalette(palette: readonly number[][], r: number, g: number, b: number): number {
  let best = 0, bestD = Infinity;
  palette.forEach(([pr, pg, pb], i) => {
    const d = (pr - r) ** 2 + (pg - g) ** 2 + (pb - b) ** 2;
    if (d < bestD) [best, bestD] = [i, d];
  });
  return best;
}

describe('GIF palette', () => {
  const key = (r: number, g: number, b: number) => r | (g << 8) | (b << 16);

  test('exact colours map to themselves; others to the nearest (lowest index on ties)', () => {
    const palette = [[0, 0, 0], [255, 0, 0], [0, 0, 255], [255, 0, 0]];
    const index = new ColourIndex(palette);
    expect(index.indexOf(key(255, 0, 0))).toBe(1);
    expect(index.indexOf(key(200, 10, 10))).toBe(1);
    expect(index.indexOf(key(10, 10, 90))).toBe(0);
    expect(index.indexOf(key(10, 10, 160))).toBe(2);
  });

  test('the memo agrees with a brute-force search over many colours (the hash grows)', () => {
    const palette = Array.from({ length: 50 }, (_, i) => [(i * 37) % 256, (i * 91) % 256, (i * 53) % 256]);
    const index = new ColourIndex(palette);
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < 10000; i++) {
        const [r, g, b] = [(i * 7) % 256, (i * 13) % 256, (i * 29) % 251];
        if (index.indexOf(key(r, g, b)) !== scanPalette(palette, r, g, b)) throw new Error(`mismatch at ${r},${g},${b}`);
      }
    }
  });

  test('the red-ordered search finds what a scan of the whole palette finds, ties included', () => {
    // 255 entries on a coarse lattice, many repeated: equal distances are everywhere.
    const palette = Array.from({ length: 255 }, (_, i) => [((i * 37) % 5) * 60, ((i * 11) % 4) * 80, ((i * 7) % 3) * 120]);
    const index = new ColourIndex(palette);
    for (let i = 0; i < 40000; i++) {
      const [r, g, b] = [(i * 97) % 256, (i * 61) % 256, (i * 23) % 256];
      if (index.indexOf(key(r, g, b)) !== scanPalette(palette, r, g, b)) throw new Error(`mismatch at ${r},${g},${b}`);
    }
  });

  test('buildPalette reads views at their offset (gifenc alone would read the whole buffer)', () => {
    const big = new Uint8Array(16 + 8 * 4).fill(0);
    const view = big.subarray(16);
    for (let i = 0; i < 8; i++) view.set(i < 4 ? [200, 10, 10, 255] : [10, 200, 10, 255], i * 4);
    const palette = buildPalette([view]);
    expect(palette.sort()).toEqual([[10, 200, 10], [200, 10, 10]].sort());
    // The pitfall itself: quantize on the view also counts the 4 black pixels before it.
    expect(quantize(view, 255).length).toBe(3);
  });

  test('at most 255 colours, leaving an index for transparency', () => {
    const rgba = new Uint8Array(4096 * 4);
    for (let i = 0; i < 4096; i++) rgba.set([(i & 15) * 17, ((i >> 4) & 15) * 17, (i >> 8) * 17, 255], i * 4);
    expect(buildPalette([rgba]).length).toBeLessThanOrEqual(255);
  });
});

describe('GIF frame differ', () => {
  /** Frames of `width`×`height` opaque pixels, each a copy of the one before with `changes` pixels recoloured (seeded). */
  function frames(width: number, height: number, count: number, pick: (k: number, rand: () => number) => number[]): Uint8Array[] {
    let seed = 12345;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const out: Uint8Array[] = [];
    let words = new Uint32Array(width * height).fill(0xff336699);
    for (let k = 0; k < count; k++) {
      words = words.slice();
      for (const p of pick(k, rand)) words[p] = 0xff000000 | ((rand() * 0xffffff) >>> 0);
      out.push(new Uint8Array(words.buffer));
    }
    return out;
  }

  /** The positions where `b` differs from `a`, and `b`'s colours there, pixel by pixel. */
  function naive(a: Uint8Array, b: Uint8Array): { at: number[]; colour: number[] } {
    const wa = new Uint32Array(a.buffer), wb = new Uint32Array(b.buffer);
    const at: number[] = [], colour: number[] = [];
    for (let i = 0; i < wa.length; i++) if (wa[i] !== wb[i]) at.push(i), colour.push(wb[i]);
    return { at, colour };
  }

  it.each([
    // Heights that are and are not a multiple of the blocks compared at once; changes on a block's first and
    // last rows, on the frame's first and last pixels, a frame that changes nothing, and every pixel changing.
    [320, 480],
    [333, 17],
    [641, 357],
    [7, 1],
  ])('lists exactly the pixels that changed, in order, at %ix%i', (width, height) => {
    const n = width * height;
    const seq = frames(width, height, 9, (k, rand) => {
      if (k === 0) return [];
      if (k === 3) return [];
      if (k === 4) return Array.from({ length: n }, (_, i) => i);
      const rows = [0, 15, 16, 31, height - 1].filter((r) => r < height);
      const some = Array.from({ length: 40 }, () => Math.floor(rand() * n));
      return [0, n - 1, ...rows.map((r) => r * width + Math.floor(rand() * width)), ...some];
    });
    const differ = gifDiffer({ width, height, repeat: 0 });
    expect(differ(seq[0]).first).toBe(true);
    for (let k = 1; k < seq.length; k++) {
      const d = differ(seq[k]);
      if (d.first) throw new Error('only frame 0 is whole');
      const want = naive(seq[k - 1], seq[k]);
      expect(Array.from(d.at)).toEqual(want.at);
      expect(Array.from(d.colour)).toEqual(want.colour);
    }
  });
});
