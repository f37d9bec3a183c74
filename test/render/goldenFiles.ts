/**
 * Golden images: reading, writing and comparing them. Frames are deterministic, so the comparison is
 * strict: a pixel may differ by at most MAX_CHANNEL_DIFF levels in any channel (room for a different CPU's
 * antialiasing rounding, nothing more), and no pixel may differ by more. A missing golden fails; goldens
 * are written only with UPDATE_GOLDEN=1, and whoever writes one looks at it before committing it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { createCanvas, ImageData, loadImage } from '@napi-rs/canvas';

export const GOLDEN_DIR = path.join(__dirname, 'golden');
export const MAX_CHANNEL_DIFF = 2;

export function encodePng(px: Uint8Array, width: number, height: number): Buffer {
  const canvas = createCanvas(width, height);
  canvas.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(px), width, height), 0, 0);
  return canvas.toBuffer('image/png');
}

export async function decodePng(file: string): Promise<{ width: number; height: number; px: Uint8Array }> {
  const img = await loadImage(fs.readFileSync(file));
  const canvas = createCanvas(img.width, img.height);
  canvas.getContext('2d').drawImage(img, 0, 0);
  return { width: img.width, height: img.height, px: canvas.data() };
}

/** The number of pixels whose largest channel difference exceeds the tolerance. */
export function mismatchedPixels(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Infinity;
  let bad = 0;
  for (let i = 0; i < a.length; i += 4) {
    const d = Math.max(Math.abs(a[i] - b[i]), Math.abs(a[i + 1] - b[i + 1]), Math.abs(a[i + 2] - b[i + 2]), Math.abs(a[i + 3] - b[i + 3]));
    if (d > MAX_CHANNEL_DIFF) bad++;
  }
  return bad;
}

/**
 * Compares a frame with test/render/golden/<name>.png and returns the number of mismatched pixels (0 is a
 * match). With UPDATE_GOLDEN=1 the golden is (re)written from the frame first; otherwise a missing golden
 * throws, so a forgotten file can never pass.
 */
export async function compareWithGolden(name: string, px: Uint8Array, width: number, height: number): Promise<number> {
  const file = path.join(GOLDEN_DIR, `${name}.png`);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    fs.writeFileSync(file, encodePng(px, width, height));
  } else if (!fs.existsSync(file)) {
    throw new Error(`golden image ${file} is missing: write it with UPDATE_GOLDEN=1 npx jest test/render/golden.test.ts, then look at it`);
  }
  const golden = await decodePng(file);
  if (golden.width !== width || golden.height !== height) return Infinity;
  return mismatchedPixels(px, golden.px);
}
