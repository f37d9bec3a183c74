import { GIFEncoder } from 'gifenc';
import { GifReader } from 'omggif';
import { ByteSink, LzwEncoder } from '../../src/encode/lzw';

/** gifenc's LZW data for an image: what its writeFrame appends after the GCE (8 bytes) and descriptor (10). */
function gifencLzw(pixels: Uint8Array, width: number, height: number, depth: number): Buffer {
  const gif = GIFEncoder({ auto: false });
  gif.writeFrame(pixels, width, height, { first: false, colorDepth: depth });
  return Buffer.from(gif.bytes().subarray(18));
}

/** A fixed pseudo-random sequence (a linear congruential generator), so failures reproduce. */
function lcg(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('LZW encoder', () => {
  test('writes exactly gifenc’s codes, with and without run matching, through table clears', () => {
    const rnd = lcg(7);
    const encoder = new LzwEncoder();
    const sink = new ByteSink();
    let runsTried = 0;
    for (let t = 0; t < 400; t++) {
      const depth = 2 + Math.floor(rnd() * 7);
      const width = 1 + Math.floor(rnd() * 300);
      const height = 1 + Math.floor(rnd() * 200);
      const colours = 1 + Math.floor(rnd() * ((1 << depth) - 1));
      const symbol = Math.floor(rnd() * colours);
      const [share, runny] = [rnd(), rnd()];
      const pixels = new Uint8Array(width * height);
      for (let i = 0; i < pixels.length; i++) {
        pixels[i] = rnd() < share ? symbol : i > 0 && rnd() < runny ? pixels[i - 1] : Math.floor(rnd() * colours);
      }
      const runSymbol = t % 5 === 0 ? -1 : symbol;
      if (runSymbol >= 0) runsTried++;
      encoder.encode(pixels, depth, runSymbol, sink);
      const ours = Buffer.from(sink.take());
      if (!ours.equals(gifencLzw(pixels, width, height, depth))) throw new Error(`frame ${t} (${width}x${height}, ${depth} bits) differs from gifenc`);
    }
    expect(runsTried).toBeGreaterThan(300);
  });

  test('a long run of the transparent index, at any alignment, decodes back exactly', () => {
    const encoder = new LzwEncoder();
    const sink = new ByteSink();
    for (const offset of [0, 1, 2, 3]) {
      const width = 997; // odd, so rows start at every alignment
      const height = 211;
      const backing = new Uint8Array(width * height + offset);
      const pixels = backing.subarray(offset); // the word-at-a-time scan must not read across the view's start
      pixels.fill(255);
      for (let k = 0; k < 500; k++) pixels[(k * 7919) % pixels.length] = k % 200;
      encoder.encode(pixels, 8, 255, sink);
      const lzw = sink.take();
      expect(Buffer.from(lzw).equals(gifencLzw(pixels, width, height, 8))).toBe(true);
      // Wrapped as a one-frame GIF with a 256-entry table, omggif decodes it to the same indices.
      const file = new ByteSink();
      file.append([0x47, 0x49, 0x46, 0x38, 0x39, 0x61]);
      file.u16(width);
      file.u16(height);
      file.append([0xf7, 0, 0]);
      for (let i = 0; i < 256; i++) file.append([i, i, i]);
      file.byte(0x2c);
      file.u16(0);
      file.u16(0);
      file.u16(width);
      file.u16(height);
      file.byte(0);
      file.append(lzw);
      file.byte(0x3b);
      const reader = new GifReader(Buffer.from(file.take()));
      const rgba = new Uint8Array(width * height * 4);
      reader.decodeAndBlitFrameRGBA(0, rgba);
      for (let i = 0; i < pixels.length; i += 101) expect([i, rgba[i * 4]]).toEqual([i, pixels[i]]);
    }
  });
});
