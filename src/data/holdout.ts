import { messages, usageError } from '../errors';
import { createRng, shuffledIndices } from '../random';
import type { Dataset } from '../types';

/**
 * --holdout P: the rows split into a training set (kept as the data's x and y) and a test set (`holdout`),
 * round(P·n) rows of it, at least one, chosen by the run's seed (RNG stream "holdout", so no other random
 * stream changes). Each part keeps the rows' order. The same seed and data give the same split.
 */
export function splitHoldout(data: Dataset, share: number, seed: string): Dataset {
  const n = data.x.length;
  const test = Math.max(1, Math.round(share * n));
  if (n - test < 2) throw usageError(messages.holdoutTooLarge(share, n, test));
  const order = shuffledIndices(n, createRng(seed, 'holdout'));
  const held = new Uint8Array(n);
  for (let k = 0; k < test; k++) held[order[k]] = 1;
  const take = (values: Float64Array, keep: number) => {
    const out = new Float64Array(keep === 1 ? test : n - test);
    let j = 0;
    for (let i = 0; i < n; i++) if (held[i] === keep) out[j++] = values[i];
    return out;
  };
  const f = data.features;
  // Feature columns (a network's or a regression's): all split the same way.
  const features = f ? { features: { names: f.names, columns: f.columns.map((c) => take(c, 0)) } } : {};
  const heldFeatures = f ? { features: f.columns.map((c) => take(c, 1)) } : {};
  const x = f ? features.features!.columns[0] : take(data.x, 0);
  const train = { ...data, ...features, x, y: take(data.y, 0) };
  return { ...train, holdout: { x: take(data.x, 1), y: take(data.y, 1), share, ...heldFeatures } };
}
