/**
 * GIF with gifenc: one global palette (built once from sample frames), an exact colour lookup, and pixels
 * unchanged since the previous frame written as the transparent index (disposal 1, keep the previous
 * frame), so flat plot areas cost almost nothing after frame 0. Each frame is encoded into gifenc's buffer,
 * appended to the temporary file and the buffer reset: memory does not grow with the number of frames.
 * NOTES.md measured gif-encoder-2 ~10x slower and ~10x larger on the same frames (see bench/encoders.js).
 */
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { GIFEncoder } from 'gifenc';
import { messages, runError } from '../errors';
import { asUnwritable, createTemp, finishTemp, removeQuietly } from './atomic';
import type { Encoder, EncoderOptions } from './encoder';
import { buildPalette, ColourIndex } from './gifPalette';
import { DelaySchedule, holdDelay, netscapeRepeat } from './gifTiming';

/** Byte layout gifenc writes before frame 0's Graphic Control Extension (GIF89a spec, sections 17-26). */
const HEADER_BYTES = 6 + 7; // "GIF89a" + logical screen descriptor
const NETSCAPE_BYTES = 19;

interface GifState {
  readonly colours: ColourIndex;
  /** Global table: the palette, then the transparent index's slot, padded to 2^bits entries. */
  readonly table: number[][];
  readonly transparent: number;
  /** Bits per index; also the size of the global table (2^bits entries). */
  readonly bits: number;
}

/** A GIF encoder (see the file comment); byte-identical output for identical frames and options. */
export function createGifEncoder(options: EncoderOptions): Encoder {
  const { width, height, path } = options;
  const pixels = width * height;
  const gif = GIFEncoder({ auto: false, initialCapacity: 1 << 16 });
  const schedule = new DelaySchedule(options.fps);
  const repeat = netscapeRepeat(options.loop);
  const index = new Uint8Array(pixels);
  /** The palette index each pixel currently shows after compositing; decides what is "unchanged". */
  const shown = new Uint8Array(pixels);
  let aligned: Uint8Array | undefined; // scratch copy for frames whose byteOffset is not a multiple of 4
  let state: GifState | undefined;
  let temp: string | undefined;
  let file: FileHandle | undefined;
  let written = 0;
  let lastDelay = 0;
  let lastDelayAt = -1;

  const append = async (bytes: Uint8Array, position: number | null = null) => {
    try {
      await file!.write(bytes, 0, bytes.length, position);
    } catch (error) {
      throw asUnwritable(path, error);
    }
  };

  const words = (rgba: Uint8Array): Uint32Array => {
    if (rgba.byteOffset % 4 !== 0) {
      aligned ??= new Uint8Array(pixels * 4);
      aligned.set(rgba);
      rgba = aligned;
    }
    return new Uint32Array(rgba.buffer, rgba.byteOffset, pixels);
  };

  return {
    async start() {
      temp = await createTemp(path);
      try {
        file = await open(temp, 'r+');
      } catch (error) {
        throw asUnwritable(path, error);
      }
    },

    async addFrame(rgba) {
      const first = state === undefined;
      const samples = options.paletteSamples?.length ? options.paletteSamples : [rgba];
      const s = (state ??= paletteState(samples));
      mapFrame(words(rgba), s, index, shown, first);
      const delay = schedule.next();
      if (first) gif.writeHeader();
      gif.writeFrame(index, width, height, {
        first,
        palette: first ? s.table : null,
        repeat,
        colorDepth: s.bits,
        delay: delay * 10, // gifenc takes milliseconds and writes round(ms / 10) centiseconds
        transparent: !first,
        transparentIndex: s.transparent,
        dispose: 1,
      });
      const bytes = gif.bytesView();
      const gce = first ? HEADER_BYTES + 3 * (1 << s.bits) + (repeat >= 0 ? NETSCAPE_BYTES : 0) : 0;
      if (bytes[gce] !== 0x21 || bytes[gce + 1] !== 0xf9) {
        throw runError(messages.encoderMisuse('gifenc wrote an unexpected frame layout (graphic control block not found)'));
      }
      await append(bytes);
      lastDelay = delay;
      lastDelayAt = written + gce + 4; // the delay field of this frame's Graphic Control Extension
      written += bytes.length;
      gif.reset();
    },

    async finish() {
      const hold = holdDelay(lastDelay, options.holdSeconds);
      await append(new Uint8Array([hold & 0xff, hold >> 8]), lastDelayAt);
      await append(new Uint8Array([0x3b]), written); // trailer
      try {
        await file!.close();
      } catch (error) {
        throw asUnwritable(path, error);
      } finally {
        file = undefined;
      }
      const bytes = await finishTemp(options.commit, temp!, path);
      temp = undefined;
      return { path, bytes, files: 1 };
    },

    async abort() {
      await file?.close().catch(() => undefined);
      file = undefined;
      await removeQuietly(temp);
      temp = undefined;
    },
  };
}

function paletteState(samples: readonly Uint8Array[]): GifState {
  const palette = buildPalette(samples);
  const transparent = palette.length;
  const bits = Math.max(2, Math.ceil(Math.log2(transparent + 1))); // LZW needs a code size of at least 2
  const table = [...palette];
  while (table.length < 1 << bits) table.push([0, 0, 0]); // gifenc sizes the table from its length
  return { colours: new ColourIndex(palette), table, transparent, bits };
}

/**
 * Fills `index` with palette indices. Frame 0 is written whole; on later frames a pixel whose index equals
 * the one already shown becomes the transparent index. Runs of one colour skip the lookup.
 */
function mapFrame(words: Uint32Array, s: GifState, index: Uint8Array, shown: Uint8Array, first: boolean): void {
  const { colours, transparent } = s;
  let lastKey = -1;
  let lastIndex = 0;
  for (let i = 0; i < words.length; i++) {
    const key = words[i] & 0xffffff; // R | G << 8 | B << 16 on little-endian machines; alpha ignored (opaque)
    if (key !== lastKey) {
      lastKey = key;
      lastIndex = colours.indexOf(key);
    }
    if (first) {
      index[i] = shown[i] = lastIndex;
    } else if (shown[i] === lastIndex) {
      index[i] = transparent;
    } else {
      index[i] = shown[i] = lastIndex;
    }
  }
}
