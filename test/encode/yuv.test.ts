import { yuvConverter } from '../../src/encode/yuv';

/** A fixed pseudo-random sequence (a linear congruential generator), so failures reproduce. */
function lcg(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function solid(width: number, height: number, [r, g, b]: number[]): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.set([r, g, b, 255], i * 4);
  return rgba;
}

describe('yuv420p conversion', () => {
  test('BT.709 limited range: black, white, grey and the primaries', () => {
    const cases: [number[], number[]][] = [
      [[0, 0, 0], [16, 128, 128]],
      [[255, 255, 255], [235, 128, 128]],
      [[128, 128, 128], [126, 128, 128]],
      // Y = 16 + 219·K, Cb and Cr from the BT.709 matrix: red (63, 102, 240), green (173, 42, 26), blue (32, 240, 118).
      [[255, 0, 0], [63, 102, 240]],
      [[0, 255, 0], [173, 42, 26]],
      [[0, 0, 255], [32, 240, 118]],
    ];
    for (const [rgb, [y, u, v]] of cases) {
      const out = yuvConverter(4, 2)(solid(4, 2, rgb));
      expect([...rgb, Array.from(out.subarray(0, 8)), out[8], out[9], out[10], out[11]]).toEqual([...rgb, Array(8).fill(y), u, u, v, v]);
    }
  });

  test('chroma is the mean of each 2x2 block; luma is per pixel', () => {
    const rgba = solid(2, 2, [0, 0, 0]);
    rgba.set([255, 255, 255, 255], 0); // one white pixel of four
    const out = yuvConverter(2, 2)(rgba);
    expect(Array.from(out)).toEqual([235, 16, 16, 16, 128, 128]);
  });

  test('converting only what changed gives exactly the frames converted whole', () => {
    const [w, h] = [38, 22];
    const rnd = lcg(3);
    const convert = yuvConverter(w, h);
    let frame = new Uint8Array(w * h * 4);
    for (let i = 0; i < w * h; i++) frame.set([Math.floor(rnd() * 256), Math.floor(rnd() * 256), Math.floor(rnd() * 256), 255], i * 4);
    for (let k = 0; k < 40; k++) {
      frame = frame.slice();
      // A few changed pixels, sometimes none, sometimes a whole row or the corners.
      const changes = k % 7 === 0 ? 0 : 1 + Math.floor(rnd() * 12);
      for (let c = 0; c < changes; c++) frame.set([Math.floor(rnd() * 256), Math.floor(rnd() * 256), Math.floor(rnd() * 256), 255], Math.floor(rnd() * w * h) * 4);
      if (k % 5 === 1) for (let x = 0; x < w; x++) frame.set([k, 255 - k, 3 * k, 255], ((k % h) * w + x) * 4);
      if (k % 9 === 2) for (const p of [0, w - 1, (h - 1) * w, h * w - 1]) frame.set([255 - k, k, 0, 255], p * 4);
      const incremental = convert(frame);
      const whole = yuvConverter(w, h)(frame);
      expect([k, Buffer.from(incremental).equals(Buffer.from(whole))]).toEqual([k, true]);
    }
  });

  test('in place, one buffer carries every frame, each the same bytes as a fresh conversion', () => {
    const [w, h] = [38, 22];
    const rnd = lcg(11);
    const fresh = yuvConverter(w, h);
    const inPlace = yuvConverter(w, h, { inPlace: true });
    let frame = new Uint8Array(w * h * 4);
    for (let i = 0; i < w * h; i++) frame.set([Math.floor(rnd() * 256), Math.floor(rnd() * 256), Math.floor(rnd() * 256), 255], i * 4);
    let buffer: Uint8Array | undefined;
    for (let k = 0; k < 30; k++) {
      frame = frame.slice();
      for (let c = 0; c < (k % 4) * 3; c++) frame.set([Math.floor(rnd() * 256), Math.floor(rnd() * 256), Math.floor(rnd() * 256), 255], Math.floor(rnd() * w * h) * 4);
      const a = inPlace(frame);
      if (k > 0) expect(a).toBe(buffer); // the same buffer after the first frame
      buffer = a;
      expect([k, Buffer.from(a).equals(Buffer.from(fresh(frame)))]).toEqual([k, true]);
    }
  });

  test('a Buffer at an odd byte offset converts as its bytes say', () => {
    const rgba = solid(4, 2, [255, 0, 0]);
    const backing = Buffer.alloc(rgba.length + 1, 0);
    backing.set(rgba, 1);
    const view = backing.subarray(1);
    expect(Buffer.from(yuvConverter(4, 2)(view)).equals(Buffer.from(yuvConverter(4, 2)(rgba)))).toBe(true);
  });

  test('each frame is a fresh buffer (the previous one may still wait in a pipe)', () => {
    const convert = yuvConverter(2, 2);
    const a = convert(solid(2, 2, [10, 20, 30]));
    const copy = a.slice();
    const b = convert(solid(2, 2, [200, 100, 0]));
    expect(b).not.toBe(a);
    expect(Buffer.from(a).equals(Buffer.from(copy))).toBe(true);
  });
});
