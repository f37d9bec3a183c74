/**
 * RGBA frames to planar YUV 4:2:0 (yuv420p) in BT.709 limited range, the format every player decodes, done
 * here instead of by ffmpeg's swscale: a plot frame changes a few thousand pixels, so only the 2x2 blocks
 * around them are converted again, and ffmpeg's pipe carries 1.5 bytes a pixel instead of 4. On the default
 * 100-frame MP4, swscale's conversion was about 60 % of ffmpeg's time.
 *
 * Integer arithmetic (coefficients scaled by 1024, rounded so that grey has no chroma and white is 235), so
 * every machine writes the same bytes; the primaries land on the values the BT.709 matrix rounds to. Chroma
 * is the mean of each 2x2 block (centred siting).
 */
import { bytesOf, rgbaWords } from './pixels';

/** Y = 16 + 219·(0.2126 R + 0.7152 G + 0.0722 B)/255, ×1024. */
const YR = 187, YG = 629, YB = 63;
/** Cb = 128 + 224·(B − Y)/(1.8556·255), Cr = 128 + 224·(R − Y)/(1.5748·255), ×1024; each row sums to 0. */
const UR = -103, UG = -347, UB = 450;
const VR = 450, VG = -409, VB = -41;

/**
 * Converts RGBA frames of an even width and height to yuv420p, each into a fresh buffer (it may be queued
 * for a pipe while the next is made), or with `inPlace` into one buffer, updated frame after frame: the
 * caller must be done with a frame (a pipe must have written it) before it asks for the next. After the
 * first frame only the 2x2 blocks whose pixels changed are converted: rows are compared natively, and a
 * changed row pair is converted between the first and last pixel that differ in it.
 */
export function yuvConverter(width: number, height: number, { inPlace = false } = {}): (rgba: Uint8Array) => Uint8Array {
  const pixels = width * height;
  const size = pixels + 2 * (pixels >> 2);
  let previous: Uint32Array | undefined;
  let last: Uint8Array | undefined;
  return (rgba) => {
    const words = rgbaWords(rgba, pixels);
    if (!previous || !last) {
      const out = new Uint8Array(size);
      convertBlocks(words, width, height, out, 0, height, 0, width);
      previous = words.slice();
      last = out;
      return out;
    }
    let out = last;
    if (!inPlace) {
      out = new Uint8Array(size);
      out.set(last);
    }
    const now = bytesOf(words);
    const before = bytesOf(previous);
    const rowBytes = width * 4;
    for (let y = 0; y < height; y += 2) {
      const at = y * rowBytes;
      if (now.compare(before, at, at + 2 * rowBytes, at, at + 2 * rowBytes) === 0) continue;
      // The changed span of this row pair, widened to whole 2x2 blocks.
      // Four pixels a step to the first group that differs, then pixel by pixel: the scans cross most of
      // a row whenever its change lies in the other panel.
      let left = width, right = -1;
      for (let row = y * width; row < (y + 2) * width; row += width) {
        let x = 0;
        for (; x + 4 <= left; x += 4) {
          const i = row + x;
          if ((words[i] ^ previous[i]) | (words[i + 1] ^ previous[i + 1]) | (words[i + 2] ^ previous[i + 2]) | (words[i + 3] ^ previous[i + 3])) break;
        }
        for (; x < left; x++) {
          if (words[row + x] !== previous[row + x]) {
            left = x;
            break;
          }
        }
        x = width - 1;
        for (; x - 3 > right; x -= 4) {
          const i = row + x;
          if ((words[i] ^ previous[i]) | (words[i - 1] ^ previous[i - 1]) | (words[i - 2] ^ previous[i - 2]) | (words[i - 3] ^ previous[i - 3])) break;
        }
        for (; x > right; x--) {
          if (words[row + x] !== previous[row + x]) {
            right = x;
            break;
          }
        }
      }
      if (right < 0) continue;
      const x0 = left & ~1, x1 = (right | 1) + 1;
      convertBlocks(words, width, height, out, y, y + 2, x0, x1);
      previous.set(words.subarray(y * width, (y + 2) * width), y * width);
    }
    last = out;
    return out;
  };
}

/** Converts the 2x2 blocks of rows y0..y1 and columns x0..x1 (all even) into `out`'s three planes. */
function convertBlocks(words: Uint32Array, width: number, height: number, out: Uint8Array, y0: number, y1: number, x0: number, x1: number): void {
  const pixels = width * height;
  const cw = width >> 1;
  const uPlane = pixels, vPlane = pixels + (pixels >> 2);
  for (let y = y0; y < y1; y += 2) {
    const top = y * width, bottom = top + width;
    const c = (y >> 1) * cw;
    for (let x = x0; x < x1; x += 2) {
      const a = words[top + x], b = words[top + x + 1], d = words[bottom + x], e = words[bottom + x + 1];
      // Little-endian RGBA words: R in the low byte.
      const ar = a & 0xff, ag = (a >> 8) & 0xff, ab = (a >> 16) & 0xff;
      const br = b & 0xff, bg = (b >> 8) & 0xff, bb = (b >> 16) & 0xff;
      const dr = d & 0xff, dg = (d >> 8) & 0xff, db = (d >> 16) & 0xff;
      const er = e & 0xff, eg = (e >> 8) & 0xff, eb = (e >> 16) & 0xff;
      out[top + x] = ((YR * ar + YG * ag + YB * ab + 512) >> 10) + 16;
      out[top + x + 1] = ((YR * br + YG * bg + YB * bb + 512) >> 10) + 16;
      out[bottom + x] = ((YR * dr + YG * dg + YB * db + 512) >> 10) + 16;
      out[bottom + x + 1] = ((YR * er + YG * eg + YB * eb + 512) >> 10) + 16;
      const r = ar + br + dr + er, g = ag + bg + dg + eg, bl = ab + bb + db + eb;
      out[uPlane + c + (x >> 1)] = ((UR * r + UG * g + UB * bl + 2048) >> 12) + 128;
      out[vPlane + c + (x >> 1)] = ((VR * r + VG * g + VB * bl + 2048) >> 12) + 128;
    }
  }
}
