/**
 * A fixed offset in [−1, 1) for point i, from an integer hash of its index (the finaliser of MurmurHash3).
 * The 0/1 labels of a logistic fit spread into a thin band with it, so that their density shows; a hash of
 * the index rather than a random draw keeps the same arguments drawing the same pixels, and unlike a
 * regular sequence it leaves no pattern when the rows are sorted by x.
 */
export function jitter(i: number): number {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 31 - 1;
}
