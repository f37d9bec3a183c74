/**
 * Synthetic frames and small file helpers for the encoder tests: vertical stripes in four colours with a
 * red square moving right 4 px per frame. Every pixel's colour is known exactly.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EncoderOptions } from '../../src/encode';

export const W = 64;
export const H = 48;
export const STRIPES: readonly (readonly [number, number, number])[] = [
  [30, 60, 120],
  [240, 240, 240],
  [20, 140, 90],
  [250, 200, 40],
];
export const RED: readonly [number, number, number] = [230, 40, 40];

/** The colour of pixel (x, y) in frame k. */
export function colourAt(k: number, x: number, y: number): readonly [number, number, number] {
  const left = 2 + 4 * k;
  if (x >= left && x < left + 8 && y >= 20 && y < 28) return RED;
  return STRIPES[Math.floor(x / 8) % STRIPES.length];
}

/** Frame k as opaque RGBA (its own buffer, offset 0). */
export function frame(k: number, width = W, height = H): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = colourAt(k, x, y);
      rgba.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return rgba;
}

/** Frames 0..n-1. */
export function frames(n: number, width = W, height = H): Uint8Array[] {
  return Array.from({ length: n }, (_, k) => frame(k, width, height));
}

/** Encoder options for a test, with the synthetic frame size. */
export function optionsFor(path: string, overrides: Partial<EncoderOptions> = {}): EncoderOptions {
  return { path, width: W, height: H, fps: 10, holdSeconds: 0, loop: 0, frameCount: 1, ...overrides };
}

/** A fresh temporary folder, removed by the returned cleanup. */
export async function tempFolder(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'mlvis-encode-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The names in a folder, sorted (temporary files are hidden names ending in .tmp). */
export async function listing(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

/** Runs a program and resolves with its exit code, stdout (binary) and stderr (text); never rejects. */
export function run(file: string, args: string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { encoding: 'buffer', maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr: stderr.toString('utf8') });
    });
  });
}
