/**
 * printf-like frame numbering in a png path, as ffmpeg's image2 muxer reads it: `%d` or `%0Nd` (e.g.
 * `frames/%04d.png`). Only the first such token is replaced; `%%` is not special.
 */
const TOKEN = /%(0[1-9]\d*)?d/;

/** True when the path names one file per frame (it contains `%d` or `%0Nd`). */
export function isFrameSequence(path: string): boolean {
  return TOKEN.test(path);
}

/** The file name of frame `index` (from 0): `frameFileName('f/%04d.png', 7)` is `'f/0007.png'`. */
export function frameFileName(pattern: string, index: number): string {
  return pattern.replace(TOKEN, (_token, width: string | undefined) =>
    String(index).padStart(width ? Number(width) : 0, '0'),
  );
}
