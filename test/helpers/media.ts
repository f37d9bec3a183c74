/** Decoding what mlvis writes: GIF frames as a viewer composites them, and what ffmpeg says of a video. */
import { spawnSync } from 'node:child_process';
import { GifReader } from 'omggif';

export const FFMPEG: string = require('@ffmpeg-installer/ffmpeg').path;

/** Every frame of a GIF composited onto the previous one, as a viewer shows it. */
export function gifFrames(bytes: Buffer): { reader: GifReader; frames: Uint8Array[] } {
  const reader = new GifReader(bytes);
  const canvas = new Uint8Array(reader.width * reader.height * 4);
  const frames: Uint8Array[] = [];
  for (let k = 0; k < reader.numFrames(); k++) {
    reader.decodeAndBlitFrameRGBA(k, canvas);
    frames.push(canvas.slice());
  }
  return { reader, frames };
}

export function rgbAt(frame: Uint8Array, width: number, x: number, y: number): number[] {
  const i = (y * width + x) * 4;
  return [frame[i], frame[i + 1], frame[i + 2]];
}

/** Codec, size, pixel format and decoded frame count of a video, as ffmpeg reports them. */
export function probe(path: string): { codec: string; width: number; height: number; pixfmt: string; frames: number } {
  const r = spawnSync(FFMPEG, ['-hide_banner', '-i', path, '-map', '0:v:0', '-f', 'null', '-'], { encoding: 'utf8' });
  const input = r.stderr.split('Stream mapping')[0];
  const codec = /Video: (\w+)/.exec(input);
  const pixfmt = /Video: [^\n]*?\b(yuv\w+)/.exec(input);
  const size = /Video: [^\n]*?, (\d+)x(\d+)/.exec(input);
  const counts = [...r.stderr.matchAll(/frame=\s*(\d+)/g)];
  if (!codec || !pixfmt || !size || counts.length === 0) throw new Error(`cannot probe ${path}: ${r.stderr}`);
  return {
    codec: codec[1],
    pixfmt: pixfmt[1],
    width: Number(size[1]),
    height: Number(size[2]),
    frames: Number(counts[counts.length - 1][1]),
  };
}

