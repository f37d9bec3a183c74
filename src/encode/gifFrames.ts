/**
 * The CPU work of GIF encoding, free of files and processes: each frame's pixels mapped to the one global
 * palette, unchanged pixels as the transparent index (gifIndexer, in order, on the drawing thread), then
 * LZW-compressed by gifenc into the bytes of one frame, the file's header with frame 0 (gifWriter, which can
 * run on a second core: see gifWorker.ts).
 */
import { GIFEncoder } from 'gifenc';
import { buildPalette, ColourIndex } from './gifPalette';

/** Byte layout gifenc writes before frame 0's Graphic Control Extension (GIF89a spec, sections 17-26). */
const HEADER_BYTES = 6 + 7; // "GIF89a" + logical screen descriptor
const NETSCAPE_BYTES = 19;
/** A Graphic Control Extension's length; the image descriptor follows it. */
const GCE_BYTES = 8;

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

/** Where a frame's image sits on the GIF's logical screen (GIF89a image descriptor). */
export interface FrameRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A frame mapped to palette indices, ready for LZW: `index` covers `rect` row by row; frame 0 carries the global table. */
export interface MappedFrame {
  index: Uint8Array;
  rect: FrameRect;
  first: boolean;
  table: number[][] | null;
  bits: number;
  transparent: number;
}

/**
 * Maps frames to palette indices one after another (the half that must run in order: a pixel is
 * transparent when it shows what the previous frame left). Frame 0 is mapped whole. A later frame is
 * compared word by word with the previous one: only pixels whose colour changed are looked up, and only
 * those whose palette index changed are written; the frame is cut to the rectangle that holds them, the
 * rest of it transparent. A plot animation changes a few thousand of its ~460,000 pixels a frame, so this
 * replaces a hash lookup per pixel with a comparison, and LZW compresses the rectangle instead of the frame.
 * With `fresh`, each call returns a new index array (to be transferred to another thread); else one array
 * is reused, consumed before the next call.
 */
export function gifIndexer(settings: GifFrameSettings, fresh: boolean): (rgba: Uint8Array) => MappedFrame {
  const { width } = settings;
  const pixels = settings.width * settings.height;
  /** The palette index each pixel currently shows after compositing; decides what is "unchanged". */
  const shown = new Uint8Array(pixels);
  /** The colour each pixel had in the previous frame (opaque RGBA words). */
  const previous = new Uint32Array(pixels);
  /** This frame's pixels whose index changed: their positions and new indices (scratch, reused). */
  const at = new Int32Array(pixels);
  const to = new Uint8Array(pixels);
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
    const frame = words(rgba);
    const out = (length: number) => (reused ? reused.subarray(0, length) : new Uint8Array(length));
    let rect: FrameRect;
    let index: Uint8Array;
    if (first) {
      index = out(pixels);
      mapWhole(frame, s.colours, index);
      shown.set(index);
      previous.set(frame);
      rect = { left: 0, top: 0, width: settings.width, height: settings.height };
    } else {
      const changed = mapChanges(frame, previous, shown, s.colours, width, at, to);
      // A frame that changes nothing is still a frame (it holds the delay): one transparent pixel.
      rect = changed.count === 0 ? { left: 0, top: 0, width: 1, height: 1 } : changed.rect;
      index = out(rect.width * rect.height).fill(s.transparent);
      for (let k = 0; k < changed.count; k++) {
        const i = at[k];
        const y = (i / width) | 0;
        index[(y - rect.top) * rect.width + (i - y * width - rect.left)] = to[k];
      }
    }
    return { index, rect, first, table: first ? s.table : null, bits: s.bits, transparent: s.transparent };
  };
}

/** LZW-compresses mapped frames into GIF bytes (the half that can run on another thread, frame by frame). */
export function gifWriter(settings: GifFrameSettings): (frame: MappedFrame, delayCs: number) => EncodedFrame {
  const { repeat } = settings;
  const gif = GIFEncoder({ auto: false, initialCapacity: 1 << 16 });
  return (f, delayCs) => {
    if (f.first) gif.writeHeader();
    gif.writeFrame(f.index, f.rect.width, f.rect.height, {
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
    const descriptor = gce + GCE_BYTES;
    if (bytes[gce] !== 0x21 || bytes[gce + 1] !== 0xf9 || bytes[descriptor] !== 0x2c) {
      throw new Error('gifenc wrote an unexpected frame layout (graphic control block or image descriptor not found)');
    }
    // gifenc places every image at (0, 0): set the rectangle's position in its image descriptor.
    bytes[descriptor + 1] = f.rect.left & 0xff;
    bytes[descriptor + 2] = f.rect.left >> 8;
    bytes[descriptor + 3] = f.rect.top & 0xff;
    bytes[descriptor + 4] = f.rect.top >> 8;
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

/** Frame 0: every pixel's palette index. Runs of one colour skip the lookup. */
function mapWhole(words: Uint32Array, colours: ColourIndex, index: Uint8Array): void {
  let lastKey = -1;
  let lastIndex = 0;
  for (let i = 0; i < words.length; i++) {
    const key = words[i] & 0xffffff; // R | G << 8 | B << 16 on little-endian machines; alpha ignored (opaque)
    if (key !== lastKey) {
      lastKey = key;
      lastIndex = colours.indexOf(key);
    }
    index[i] = lastIndex;
  }
}

/**
 * A later frame: pixels whose colour differs from `previous` are looked up, and those whose index differs
 * from `shown` are listed in `at` / `to` (in pixel order) and bound by the returned rectangle. `previous`
 * and `shown` are brought up to this frame.
 */
function mapChanges(
  words: Uint32Array,
  previous: Uint32Array,
  shown: Uint8Array,
  colours: ColourIndex,
  width: number,
  at: Int32Array,
  to: Uint8Array,
): { count: number; rect: FrameRect } {
  const height = words.length / width;
  let count = 0;
  let left = width, right = -1, top = -1, bottom = -1;
  for (let y = 0, row = 0; y < height; y++, row += width) {
    const end = row + width;
    for (let i = row; i < end; i++) {
      const word = words[i];
      if (word === previous[i]) continue;
      previous[i] = word;
      const index = colours.indexOf(word & 0xffffff);
      if (index === shown[i]) continue;
      shown[i] = index;
      at[count] = i;
      to[count++] = index;
      const x = i - row;
      if (x < left) left = x;
      if (x > right) right = x;
      if (top < 0) top = y;
      bottom = y;
    }
  }
  return { count, rect: { left, top: Math.max(top, 0), width: right - left + 1, height: bottom - top + 1 } };
}
