/**
 * Frames as 32-bit words, shared by the encoders that compare a frame with the previous one (gifFrames.ts,
 * yuv.ts).
 */

/**
 * A frame's RGBA bytes as little-endian words (R in the low byte): a view when the bytes start on a
 * 4-byte boundary, else a copy. The copy is made with `new Uint8Array`, not `slice()`: a Buffer's slice is
 * a view of the same memory, still unaligned.
 */
export function rgbaWords(rgba: Uint8Array, pixels: number): Uint32Array {
  if (rgba.byteOffset % 4 === 0) return new Uint32Array(rgba.buffer, rgba.byteOffset, pixels);
  return new Uint32Array(new Uint8Array(rgba.subarray(0, pixels * 4)).buffer);
}

/** The same memory as bytes, for native comparisons of whole rows (Buffer.compare is a memcmp). */
export function bytesOf(words: Uint32Array): Buffer {
  return Buffer.from(words.buffer, words.byteOffset, words.byteLength);
}
