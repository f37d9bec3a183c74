/**
 * The run's data as the interactive page and the player hold it: the Scene as JSON, its typed arrays as
 * little-endian bytes in base64 (each array once, however often the scene refers to it), non-finite numbers
 * tagged, and the functions left out: the model's and the fit's are the registry's, which the page bundles
 * and puts back (see hydrate.ts). Runs in Node (writing) and in the browser (reading): no Node API here.
 */
import type { Scene } from '../types';

/** The format's version: a player refuses data of another. */
export const PAGE_DATA_VERSION = 1;

/** What a page or a `--format player` file holds. */
export interface PageData {
  format: 'mlvis-player';
  version: number;
  /** The mlvis version that wrote it. */
  writer: string;
  /** The scene, encoded (see encodeValue). */
  scene: Encoded;
  /** The block of the scene's typed arrays (encodeValue), gzipped, in base64. */
  arrays: string;
  /** The animation's frames: the iteration each shows (the files' frames; the scrubber reaches every iteration). */
  frames: number[];
  fps: number;
  /** Seconds the last frame is held before a loop starts over. */
  hold: number;
  /** Plays this many times (0: for ever), as the GIF's --loop. */
  loop: number;
}

export type TypedArray = Float64Array | Float32Array | Int32Array | Uint32Array | Uint16Array | Int16Array | Uint8Array | Int8Array;
const KINDS: Record<string, new (b: ArrayBuffer, o: number, n: number) => TypedArray> = {
  f64: Float64Array,
  f32: Float32Array,
  i32: Int32Array,
  u32: Uint32Array,
  u16: Uint16Array,
  i16: Int16Array,
  u8: Uint8Array,
  i8: Int8Array,
};
function kindOf(a: TypedArray): string {
  for (const [k, C] of Object.entries(KINDS)) if (a instanceof C) return k;
  throw new TypeError('an unsupported typed array');
}

/**
 * An encoded scene: the value tree, and where each typed array it refers to lies in one binary block of their
 * bytes. Each array's bytes are shuffled by significance (all first bytes, then all second bytes, …, as
 * blosc does), so that the block, gzipped, compresses: a smooth grid's exponents and leading mantissa bytes
 * repeat, its last bytes do not.
 */
export interface Encoded {
  value: unknown;
  arrays: { kind: string; offset: number; length: number }[];
}

const SIZE: Record<string, number> = { f64: 8, f32: 4, i32: 4, u32: 4, u16: 2, i16: 2, u8: 1, i8: 1 };

/**
 * The value as JSON-able data and a block of bytes: typed arrays become {$a: index} into `arrays`, NaN and
 * ±Infinity become {$n: 'NaN' | 'Infinity' | '-Infinity'}, functions and undefined are left out. `narrow`
 * may hand back a smaller array to write in place of one (the surface's grid as Float32Array).
 */
export function encodeValue(value: unknown, narrow: (a: TypedArray) => TypedArray = (a) => a): { encoded: Encoded; bytes: Uint8Array } {
  const arrays: Encoded['arrays'] = [];
  const parts: Uint8Array[] = [];
  let offset = 0;
  const seen = new Map<TypedArray, number>();
  // Arrays of equal contents are written once (a test function's path in its plane is its trajectory).
  const byContent = new Map<string, number[]>();
  const bytesOf: Uint8Array[] = [];
  const sameAs = (kind: string, bytes: Uint8Array): number | undefined => {
    const key = `${kind}:${bytes.length}:${bytes.subarray(0, 16).join(',')}`;
    const list = byContent.get(key) ?? [];
    byContent.set(key, list);
    for (const i of list) {
      const other = bytesOf[i];
      if (other.length === bytes.length && other.every((b, j) => b === bytes[j])) return i;
    }
    list.push(arrays.length);
    return undefined;
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'number') return Number.isFinite(v) ? v : { $n: String(v) };
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'function' || v === undefined) return undefined;
    if (ArrayBuffer.isView(v)) {
      const a = v as TypedArray;
      let i = seen.get(a);
      if (i === undefined) {
        const n = narrow(a);
        const kind = kindOf(n);
        const bytes = shuffle(delta(new Uint8Array(n.buffer, n.byteOffset, n.byteLength), SIZE[kind]), SIZE[kind]);
        const same = sameAs(kind, bytes);
        i = arrays.length;
        seen.set(a, i);
        bytesOf.push(bytes);
        if (same !== undefined) {
          arrays.push({ ...arrays[same] });
        } else {
          arrays.push({ kind, offset, length: n.length });
          parts.push(bytes);
          offset += bytes.length;
        }
      }
      return { $a: i };
    }
    if (Array.isArray(v)) return v.map((x) => (x === undefined || typeof x === 'function' ? null : walk(x)));
    if (v instanceof Map || v instanceof Set) throw new TypeError('a Map or Set in the scene cannot be written to a page');
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const e = walk(x);
      if (e !== undefined) out[k] = e;
    }
    return out;
  };
  const tree = walk(value);
  const bytes = new Uint8Array(offset);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { encoded: { value: tree, arrays }, bytes };
}

/** The value back from encodeValue's form and its block of bytes. */
export function decodeValue(e: Encoded, bytes: Uint8Array): unknown {
  const arrays = e.arrays.map(({ kind, offset, length }) => {
    const C = KINDS[kind];
    const size = SIZE[kind];
    if (!C || !size) throw new TypeError(`an unknown array kind ${kind}`);
    if (!(offset >= 0 && offset + length * size <= bytes.length)) throw new RangeError('an array lies outside the data');
    const plain = undelta(unshuffle(bytes.subarray(offset, offset + length * size), size), size);
    return new C(plain.buffer as ArrayBuffer, 0, length);
  });
  const walk = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(walk);
    const o = v as Record<string, unknown>;
    if (typeof o.$a === 'number' && Object.keys(o).length === 1) return arrays[o.$a];
    if (typeof o.$n === 'string' && Object.keys(o).length === 1) return Number(o.$n);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = walk(x);
    return out;
  };
  return walk(e.value);
}

/**
 * Each element's bits as an unsigned integer minus the previous element's (mod 2^bits): along a smooth
 * path or a grid's rows, neighbours share their exponent and leading bits, so the differences are mostly
 * small numbers, whose leading bytes (zero or 0xff), shuffled together, compress to almost nothing. A fresh array.
 */
export function delta(bytes: Uint8Array, size: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  if (size === 8) {
    const v = new BigUint64Array(out.buffer);
    for (let i = v.length - 1; i > 0; i--) v[i] = BigInt.asUintN(64, v[i] - v[i - 1]);
  } else if (size === 4) {
    const v = new Uint32Array(out.buffer);
    for (let i = v.length - 1; i > 0; i--) v[i] = (v[i] - v[i - 1]) >>> 0;
  }
  return out;
}

/** delta's inverse, in place. */
export function undelta(bytes: Uint8Array, size: number): Uint8Array {
  if (size === 8) {
    const v = new BigUint64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8);
    for (let i = 1; i < v.length; i++) v[i] = BigInt.asUintN(64, v[i] + v[i - 1]);
  } else if (size === 4) {
    const v = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
    for (let i = 1; i < v.length; i++) v[i] = (v[i] + v[i - 1]) >>> 0;
  }
  return bytes;
}

/** Byte j of every element first, for j = 0, 1, …: element i's byte j goes to j·n + i. */
export function shuffle(bytes: Uint8Array, size: number): Uint8Array {
  const n = bytes.length / size;
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < n; i++) for (let j = 0; j < size; j++) out[j * n + i] = bytes[i * size + j];
  return out;
}

/** shuffle's inverse, into a fresh (aligned) buffer. */
export function unshuffle(bytes: Uint8Array, size: number): Uint8Array {
  const n = bytes.length / size;
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < n; i++) for (let j = 0; j < size; j++) out[i * size + j] = bytes[j * n + i];
  return out;
}

/** The scene's fields that hold functions, rebuilt by hydrate.ts: written as data only. */
export function sceneForPage(scene: Scene): Record<string, unknown> {
  const { model, fit, ...rest } = scene;
  const modelData: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(model)) if (typeof v !== 'function') modelData[k] = v;
  const fitData: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fit)) if (typeof v !== 'function') fitData[k] = v;
  return { ...rest, model: modelData, fit: fitData };
}
