/**
 * The CPU work of GIF encoding, free of files and processes, in three steps that each see the frames in
 * order: what changed since the previous frame (gifDiffer, on the drawing thread), those pixels mapped to the
 * one global palette with unchanged ones as the transparent index, cut to the changed rectangle (gifIndexer),
 * and the GIF blocks with our LZW (gifWriter; the file's header with frame 0). The last two run on a second
 * core (see gifWorker.ts), or on the calling thread.
 */
import { buildPalette, ColourIndex } from './gifPalette';
import { ByteSink, LzwEncoder } from './lzw';
import { bytesOf, rgbaWords } from './pixels';

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

/** What the encoding thread (gifWorker.ts) is first sent: the settings. */
export interface GifThreadData {
  settings: GifFrameSettings;
}

/** One frame for the encoding thread: what changed in it, and its delay. */
export interface GifThreadFrame {
  delta: FrameDelta;
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
 * What changed in a frame, in the frame's own colours (opaque RGBA words): frame 0 whole, a later frame as
 * the positions of the pixels whose colour differs from the previous frame's, and their new colours.
 * Small for a plot animation (a few thousand of ~460,000 pixels), so it can be handed to the encoding
 * thread for the cost of a message, and that thread's start-up and palette never hold the drawing back.
 */
export type FrameDelta = { first: true; pixels: Uint32Array } | { first: false; at: Int32Array; colour: Uint32Array };

/**
 * Compares each frame with the previous one (the half that must see every frame in order, on the drawing
 * thread): four pixels at a time, one branch for four words, the only work done on every pixel. The
 * returned arrays are fresh (they may be transferred to another thread).
 */
export function gifDiffer(settings: GifFrameSettings): (rgba: Uint8Array) => FrameDelta {
  const pixels = settings.width * settings.height;
  let previous: Uint32Array | undefined;
  const at = new Int32Array(pixels); // scratch: positions of this frame's changes
  return (rgba) => {
    const words = rgbaWords(rgba, pixels);
    if (!previous) {
      previous = words.slice();
      return { first: true, pixels: words.slice() };
    }
    const count = changedPixels(words, previous, settings.width, at);
    return { first: false, at: at.slice(0, count), colour: gather(words, at, count) };
  };
}

/**
 * The colours at the first `count` positions of `at`. Its own function: a hot loop is compiled together
 * with the function around it, and this one inside the differ compiled the whole differ (changedPixels
 * and all) a second time, ~10 ms of the other core's time.
 */
function gather(words: Uint32Array, at: Int32Array, count: number): Uint32Array {
  const colour = new Uint32Array(count);
  for (let k = 0; k < count; k++) colour[k] = words[at[k]];
  return colour;
}

/** A changed row is compared again natively in this many pieces, and only the pieces that differ are scanned. */
const ROW_PIECES = 4;
/** Rows compared natively as one block first; only a block that differs is compared row by row. */
const BLOCK_ROWS = 16;

/**
 * Lists in `at` the pixels where `words` differs from `previous`, and brings `previous` up to `words`. Blocks
 * of BLOCK_ROWS rows, then the rows of a block that differs, are first compared natively (memcmp): most rows
 * of a plot frame do not change (of 480, about 40 a frame for Rosenbrock's defaults, 80 for the default linear
 * run, 110 for a race of six), and each comparison is a call with its own cost (a race's frame: 180 µs
 * against 200 row by row). A row that did is compared
 * again in ROW_PIECES pieces, since its changes usually lie in one panel (a fit line crosses a row in a few
 * pixels), and the scan in JavaScript, four pixels a step, runs only over the pieces that differ. On the
 * default animation's frames: 200 µs a frame against 270 for scanning whole changed rows.
 */
function changedPixels(words: Uint32Array, previous: Uint32Array, width: number, at: Int32Array): number {
  const n = words.length;
  const now = bytesOf(words);
  const before = bytesOf(previous);
  const rowBytes = width * 4;
  const piece = Math.ceil(width / ROW_PIECES);
  let count = 0;
  const blockBytes = BLOCK_ROWS * rowBytes;
  for (let row = 0; row < n; row += width) {
    const bytes = row * 4;
    // A block of rows at once where one starts: most blocks of a plot's frame do not change at all.
    if ((row / width) % BLOCK_ROWS === 0) {
      const end = Math.min(bytes + blockBytes, n * 4);
      if (now.compare(before, bytes, end, bytes, end) === 0) {
        row += (end - bytes) / 4 - width;
        continue;
      }
    }
    if (now.compare(before, bytes, bytes + rowBytes, bytes, bytes + rowBytes) === 0) continue;
    for (let x = 0; x < width; x += piece) {
      const start = row + x;
      const end = row + Math.min(width, x + piece);
      if (now.compare(before, start * 4, end * 4, start * 4, end * 4) !== 0) count = scanSpan(words, previous, start, end, at, count);
    }
  }
  return count;
}

/** The changed pixels of words[i..end), appended to `at` from `count`; `previous` brought up to date. Returns the new count. */
function scanSpan(words: Uint32Array, previous: Uint32Array, i: number, end: number, at: Int32Array, count: number): number {
  for (const stop = end - ((end - i) % 4); i < stop; i += 4) {
    if ((words[i] ^ previous[i]) | (words[i + 1] ^ previous[i + 1]) | (words[i + 2] ^ previous[i + 2]) | (words[i + 3] ^ previous[i + 3])) {
      for (let j = i; j < i + 4; j++) {
        if (words[j] !== previous[j]) {
          previous[j] = words[j];
          at[count++] = j;
        }
      }
    }
  }
  for (; i < end; i++) {
    if (words[i] !== previous[i]) {
      previous[i] = words[i];
      at[count++] = i;
    }
  }
  return count;
}

/**
 * Maps frame deltas to palette indices one after another: frame 0 whole (building the palette from the
 * samples, or from frame 0), a later frame by looking up only its changed pixels. A pixel whose index is
 * the one already shown stays transparent; the frame is cut to the rectangle of the pixels whose index
 * changed, so LZW compresses that rectangle instead of the frame. The returned index array is reused: it
 * must be consumed before the next call.
 */
export function gifIndexer(settings: GifFrameSettings): (delta: FrameDelta) => MappedFrame {
  const { width } = settings;
  const pixels = settings.width * settings.height;
  /** The palette index each pixel currently shows after compositing; decides what is "unchanged". */
  const shown = new Uint8Array(pixels);
  /** This frame's pixels whose index changed: their positions and new indices (scratch, reused). */
  const at = new Int32Array(pixels);
  const to = new Uint8Array(pixels);
  let state: GifState | undefined;
  const reused = new Uint8Array(pixels);
  return (delta) => {
    if (delta.first) {
      const samples = settings.paletteSamples?.length ? settings.paletteSamples : [new Uint8Array(delta.pixels.buffer, delta.pixels.byteOffset, pixels * 4)];
      const s = (state = paletteState(samples));
      const index = reused;
      mapWhole(delta.pixels, s.colours, index);
      shown.set(index);
      return { index, rect: { left: 0, top: 0, width: settings.width, height: settings.height }, first: true, table: s.table, bits: s.bits, transparent: s.transparent };
    }
    const s = state;
    if (!s) throw new Error('a frame delta came before frame 0');
    const changed = mapChanges(delta, shown, s.colours, width, at, to);
    // A frame that changes nothing is still a frame (it holds the delay): one transparent pixel.
    const rect = changed.count === 0 ? { left: 0, top: 0, width: 1, height: 1 } : changed.rect;
    const index = reused.subarray(0, rect.width * rect.height).fill(s.transparent);
    for (let k = 0; k < changed.count; k++) {
      const i = at[k];
      const y = (i / width) | 0;
      index[(y - rect.top) * rect.width + (i - y * width - rect.left)] = to[k];
    }
    return { index, rect, first: false, table: null, bits: s.bits, transparent: s.transparent };
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
 * A later frame's changed pixels are looked up, and those whose index differs from `shown` are listed in
 * `at` / `to` (in pixel order) and bound by the returned rectangle; `shown` is brought up to this frame.
 */
function mapChanges(
  delta: { at: Int32Array; colour: Uint32Array },
  shown: Uint8Array,
  colours: ColourIndex,
  width: number,
  at: Int32Array,
  to: Uint8Array,
): { count: number; rect: FrameRect } {
  let count = 0;
  let left = width, right = -1, top = -1, bottom = -1;
  for (let k = 0; k < delta.at.length; k++) {
    const p = delta.at[k];
    const index = colours.indexOf(delta.colour[k] & 0xffffff);
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
