import { messages, usageError } from '../errors';
import { createRng, normal } from '../random';
import type { Dataset } from '../types';

/**
 * Seeded two-feature classification sets, the ones TensorFlow Playground and scikit-learn teach with:
 * `--data moons|circles|xor|spirals`. Half the points (floor) are class 0 and the rest class 1; each point
 * gets noise·N(0, 1) added to each coordinate, drawn from the RNG stream "data" (identical for identical
 * points, noise and seed). The features are named x1 and x2.
 * - moons: two interleaving half circles (scikit-learn's make_moons): class 0 on the upper arc (cos t, sin t),
 *   class 1 on the lower (1 − cos t, 1/2 − sin t), t evenly spaced over [0, π]. Default noise 0.1.
 * - circles: class 0 on the circle of radius 1, class 1 inside on radius 1/2, evenly spaced angles. 0.05.
 * - xor: points uniform in the square [−1, 1]², class 1 where x1·x2 > 0 (the quadrants a line cannot
 *   split), labelled before the noise moves them. 0.05.
 * - spirals: two interleaved spirals, radius r from 0 to 1 and angle 3.5π·r, the second turned by π. 0.03.
 * - blobs (softmax only): three classes, a third of the points each (the first ones one more), around the
 *   points at radius 1 and angles 90°, 210° and 330°. Default noise 0.4 (the clusters overlap a little).
 */
export const GENERATORS = {
  moons: { noise: 0.1, what: 'two interleaving half moons' },
  circles: { noise: 0.05, what: 'a circle inside a circle' },
  xor: { noise: 0.05, what: 'the four quadrants of XOR' },
  spirals: { noise: 0.03, what: 'two interleaved spirals' },
  blobs: { noise: 0.4, what: 'three round clusters' },
} as const;

export type GeneratorName = keyof typeof GENERATORS;

export function isGenerator(name: string | undefined): name is GeneratorName {
  return name !== undefined && Object.prototype.hasOwnProperty.call(GENERATORS, name);
}

export function generatedDataset(name: GeneratorName, points: number, noise: number | undefined, seed: string): Dataset {
  if (!Number.isInteger(points) || points < 4) throw usageError(messages.badNumber('--points', String(points), 'a whole number of at least 4'));
  const sd = noise ?? GENERATORS[name].noise;
  if (!(sd >= 0) || !Number.isFinite(sd)) throw usageError(messages.badNumber('--noise', String(noise), 'a number of at least 0'));
  const rng = createRng(seed, 'data');
  const x1 = new Float64Array(points);
  const x2 = new Float64Array(points);
  const y = new Float64Array(points);
  if (name === 'blobs') return blobs(points, sd, rng);
  const zeros = Math.floor(points / 2);
  const ones = points - zeros;
  for (let i = 0; i < points; i++) {
    const cls = i < zeros ? 0 : 1;
    const k = cls === 0 ? i : i - zeros;
    const m = cls === 0 ? zeros : ones;
    const s = m > 1 ? k / (m - 1) : 0;
    let a: number;
    let b: number;
    if (name === 'moons') {
      const t = Math.PI * s;
      [a, b] = cls === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
    } else if (name === 'circles') {
      const t = (2 * Math.PI * k) / m;
      const r = cls === 0 ? 1 : 0.5;
      [a, b] = [r * Math.cos(t), r * Math.sin(t)];
    } else if (name === 'xor') {
      // Rejection keeps the classes' counts exact: draw until the point falls in a quadrant of its class.
      do {
        a = 2 * rng() - 1;
        b = 2 * rng() - 1;
      } while ((a * b > 0 ? 1 : 0) !== cls || a * b === 0);
    } else {
      const r = 0.05 + 0.95 * s;
      const t = 3.5 * Math.PI * s + (cls === 0 ? 0 : Math.PI);
      [a, b] = [r * Math.cos(t), r * Math.sin(t)];
    }
    x1[i] = a + sd * normal(rng);
    x2[i] = b + sd * normal(rng);
    y[i] = cls;
  }
  return {
    x: x1,
    y,
    xName: 'x1',
    yName: 'class',
    source: name,
    skipped: 0,
    classNames: ['class 0', 'class 1'],
    classList: ['class 0', 'class 1'],
    noise: sd,
    features: { names: ['x1', 'x2'], columns: [x1, x2] },
  };
}

/** Three round clusters (see GENERATORS): class k around (cos θₖ, sin θₖ), θₖ = 90° + 120°·k. */
function blobs(points: number, sd: number, rng: () => number): Dataset {
  const x1 = new Float64Array(points);
  const x2 = new Float64Array(points);
  const y = new Float64Array(points);
  for (let i = 0; i < points; i++) {
    const cls = Math.floor((3 * i) / points);
    const t = Math.PI / 2 + (2 * Math.PI * cls) / 3;
    x1[i] = Math.cos(t) + sd * normal(rng);
    x2[i] = Math.sin(t) + sd * normal(rng);
    y[i] = cls;
  }
  return { x: x1, y, xName: 'x1', yName: 'class', source: 'blobs', skipped: 0, noise: sd, classList: ['class 0', 'class 1', 'class 2'], features: { names: ['x1', 'x2'], columns: [x1, x2] } };
}
