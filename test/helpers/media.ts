/** Decoding what mlvis writes: GIF frames as a viewer composites them, and what ffprobe says of a video. */
import { spawnSync } from 'node:child_process';
import { GifReader } from 'omggif';

export const FFMPEG: string = require('@ffmpeg-installer/ffmpeg').path;
export const FFPROBE: string = require('@ffprobe-installer/ffprobe').path;

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

/** The fields of a video stream that tests read, as ffprobe's JSON names them. */
export interface VideoStream {
  codec_name: string;
  pix_fmt: string;
  width: number;
  height: number;
  color_range?: string;
  color_space?: string;
  color_primaries?: string;
  color_transfer?: string;
  /** Decoded frames, when asked for with countFrames. */
  nb_read_frames?: string;
}

/**
 * The first video stream of a file, from ffprobe's `-show_streams -of json` (an ffprobe from npm, so every
 * machine has one; the bundled ffmpeg comes without). Its fields are stable across versions where the text of
 * `ffmpeg -i` is not: 4.x prints `yuv420p(tv, bt709)`, 5.1 `yuv420p(tv, bt709, progressive)`.
 */
export function videoStream(path: string, countFrames = false): VideoStream {
  const args = ['-v', 'error', '-select_streams', 'v:0', ...(countFrames ? ['-count_frames'] : []), '-show_streams', '-of', 'json', path];
  const r = spawnSync(FFPROBE, args, { encoding: 'utf8', maxBuffer: 16 << 20 });
  const stream = r.status === 0 ? (JSON.parse(r.stdout) as { streams?: VideoStream[] }).streams?.[0] : undefined;
  if (!stream) throw new Error(`cannot probe ${path}: ${r.stderr}`);
  return stream;
}

/** Codec, size, pixel format and decoded frame count of a video, as ffprobe reports them. */
export function probe(path: string): { codec: string; width: number; height: number; pixfmt: string; frames: number } {
  const s = videoStream(path, true);
  return { codec: s.codec_name, pixfmt: s.pix_fmt, width: s.width, height: s.height, frames: Number(s.nb_read_frames) };
}
