import { messages, runError, usageError } from '../errors';
import { createRng, normal } from '../random';
import { Dataset, ModelName } from '../types';
import { modelOf } from '../engine/models';

/**
 * Seeded synthetic data, identical for identical (model, points, noise, seed), drawn from the RNG stream
 * "data" only (so other random streams, like the SGD shuffle, never change it).
 * - linear: x uniform in [0, 2], y = 3x + 4 + noise·N(0, 1); the exact optimum is near (w0, w1) = (4, 3).
 * - poly: x uniform in [0, 2], y = 4 + 3·sin(πx) + noise·N(0, 1): one wave.
 * - logistic: two overlapping classes along x, alternating in order: floor(n/2) points with y = 0 at
 *   x ~ N(−1, noise²), the rest with y = 1 at x ~ N(+1, noise²). noise = 0 gives separable data.
 * Throws a usage error for points < 2 (not an integer) or a negative noise: the CLI checks these first.
 */
export function syntheticDataset(model: ModelName, points: number, noise: number, seed: string): Dataset {
  const steps = generate(model, points, noise, seed);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/**
 * syntheticDataset for a run: the same points, drawn in blocks with the event loop turned between them,
 * so that a stop signal is heard during 10 million points (messages.interrupted).
 */
export async function syntheticDatasetAsync(model: ModelName, points: number, noise: number, seed: string, signal?: AbortSignal): Promise<Dataset> {
  const steps = generate(model, points, noise, seed);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await new Promise(setImmediate);
    if (signal?.aborted) throw runError(messages.interrupted());
  }
}

/** Points drawn per block between two looks at the stop signal (about 10 ms of work). */
const BLOCK = 1 << 18;

/** The points, one RNG stream in order (so blocks change nothing), pausing after each BLOCK. */
function* generate(model: ModelName, points: number, noise: number, seed: string): Generator<void, Dataset> {
  if (!Number.isInteger(points) || points < 2) {
    throw usageError(messages.badNumber('--points', String(points), 'a whole number of at least 2'));
  }
  if (!(noise >= 0) || !Number.isFinite(noise)) {
    throw usageError(messages.badNumber('--noise', String(noise), 'a number of at least 0'));
  }
  const rng = createRng(seed, 'data');
  const x = new Float64Array(points);
  const y = new Float64Array(points);
  const base = { x, y, xName: 'x', yName: 'y', source: 'synthetic', skipped: 0 };
  if (model === 'poly') {
    // One wave: a line misses it, a cubic follows it, a high degree on few points chases the noise.
    for (let i = 0; i < points; i++) {
      x[i] = 2 * rng();
      y[i] = 4 + 3 * Math.sin(Math.PI * x[i]) + noise * normal(rng);
      if ((i + 1) % BLOCK === 0) yield;
    }
    return base;
  }
  if (modelOf(model).target === 'values') {
    for (let i = 0; i < points; i++) {
      x[i] = 2 * rng();
      y[i] = 3 * x[i] + 4 + noise * normal(rng);
      if ((i + 1) % BLOCK === 0) yield;
    }
    return base;
  }
  const zeros = Math.floor(points / 2);
  for (let i = 0; i < points; i++) {
    // Alternate 0, 1, 0, 1, ...; with an odd count the last point is the extra 1.
    const label = i < 2 * zeros ? i % 2 : 1;
    y[i] = label;
    x[i] = (label === 1 ? 1 : -1) + noise * normal(rng);
    if ((i + 1) % BLOCK === 0) yield;
  }
  return { ...base, classNames: ['0', '1'] };
}
