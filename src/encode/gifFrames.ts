/**
 * The CPU work of GIF encoding, free of files and processes: each frame's pixels mapped to the one global
 * palette, unchanged pixels as the transparent index (gifIndexer, in order, on the drawing thread), then
 * LZW-compressed by gifenc into the bytes of one frame, the file's header with frame 0 (gifWriter, which can
 * run on a second core: see gifWorker.ts).
 */
import { buildPalette, ColourIndex } from './gifPalette';
import { ByteSink, LzwEncoder } from './lzw';

/** "GIF89a", and the NETSCAPE2.0 application extension up to its loop count (GIF89a spec; NETSCAPE's own). */
const GIF89A = [0x47, 0x49, 0x46, 0x38, 0x39, 0x61];
const NETSCAPE = [0x21, 0xff, 0x0b, ...Array.from('NETSCAPE2.0', (ch) => ch.charCodeAt(0)), 0x03, 0x01];

export interface GifFrameSettings {
  width: number;
  height: number;
  /** NETSCAPE repeat count, or −1 for none. */
  repeat: number;
  /** Frames to build the palette from (else frame 0). */
  paletteSamples?: readonly Uint8Array[];
}

/** What the encoding thread (gifWorker.ts) is started with: the settings and the shared frame slots. */
export interface GifThreadData {
  settings: GifFrameSettings;
  ring: SharedArrayBuffer;
  slots: number;
}

/** One frame for the encoding thread: the slot of `ring` that holds its RGBA, and its delay. */
export interface GifThreadFrame {
  slot: number;
  delay: number;
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
 * The returned index array is reused: it must be consumed before the next call.
 */
export function gifIndexer(settings: GifFrameSettings): (rgba: Uint8Array) => MappedFrame {
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
  const reused = new Uint8Array(pixels);
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
    const out = (length: number) => reused.subarray(0, length);
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

/**
 * Writes mapped frames as GIF blocks (the half that can run on another thread, frame by frame): frame 0
 * with the file's header, screen descriptor, global colour table and NETSCAPE block; every frame with its
 * Graphic Control Extension (delay, transparency, disposal 1: keep), image descriptor and LZW data.
 */
export function gifWriter(settings: GifFrameSettings): (frame: MappedFrame, delayCs: number) => EncodedFrame {
  const { repeat } = settings;
  const sink = new ByteSink();
  const lzw = new LzwEncoder();
  return (f, delayCs) => {
    let gce = 0;
    if (f.first) {
      if (!f.table || f.table.length !== 1 << f.bits) throw new Error('frame 0 needs the global colour table, padded to 2^bits entries');
      sink.append(GIF89A);
      sink.u16(settings.width);
      sink.u16(settings.height);
      // Global table present, colour resolution = bits, table size 2^bits; background 0; no aspect ratio.
      sink.append([0x80 | ((f.bits - 1) << 4) | (f.bits - 1), 0, 0]);
      for (const [r, g, b] of f.table) sink.append([r, g, b]);
      if (repeat >= 0) {
        sink.append(NETSCAPE);
        sink.u16(repeat);
        sink.byte(0);
      }
      gce = sink.length;
    }
    // Graphic Control Extension: disposal 1 (keep), transparency on after frame 0; the index is written either way.
    sink.append([0x21, 0xf9, 4, (1 << 2) | (f.first ? 0 : 1)]);
    sink.u16(delayCs);
    sink.append([f.transparent, 0]);
    // Image descriptor: where the rectangle sits, its size, no local table, not interlaced.
    sink.byte(0x2c);
    sink.u16(f.rect.left);
    sink.u16(f.rect.top);
    sink.u16(f.rect.width);
    sink.u16(f.rect.height);
    sink.byte(0);
    lzw.encode(f.index, f.bits, f.first ? -1 : f.transparent, sink);
    return { bytes: sink.take(), gce };
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
 * and `shown` are brought up to this frame. The comparison runs four pixels at a time (one branch for
 * four words): it is the only work done on every pixel.
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
  const n = words.length;
  let changed = 0;
  let i = 0;
  for (const end = n - (n % 4); i < end; i += 4) {
    if ((words[i] ^ previous[i]) | (words[i + 1] ^ previous[i + 1]) | (words[i + 2] ^ previous[i + 2]) | (words[i + 3] ^ previous[i + 3])) {
      for (let j = i; j < i + 4; j++) {
        if (words[j] !== previous[j]) {
          previous[j] = words[j];
          at[changed++] = j;
        }
      }
    }
  }
  for (; i < n; i++) {
    if (words[i] !== previous[i]) {
      previous[i] = words[i];
      at[changed++] = i;
    }
  }
  let count = 0;
  let left = width, right = -1, top = -1, bottom = -1;
  for (let k = 0; k < changed; k++) {
    const p = at[k];
    const index = colours.indexOf(words[p] & 0xffffff);
    if (index === shown[p]) continue; // a new colour that maps to the index already shown
    shown[p] = index;
    at[count] = p;
    to[count++] = index;
    const y = (p / width) | 0;
    const x = p - y * width;
    if (x < left) left = x;
    if (x > right) right = x;
    if (top < 0) top = y;
    bottom = y;
  }
  return { count, rect: { left, top: Math.max(top, 0), width: right - left + 1, height: bottom - top + 1 } };
}
