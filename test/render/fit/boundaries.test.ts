/**
 * The fit panel's decision boundaries: where the predicted probability crosses 1/2. A monotone model's one
 * crossing by bisection over the window; a network's every crossing (its curve may cross 1/2 again and
 * again: the newcomer review found only the outermost of three drawn), each bisected to the last bit.
 */
import { decisionBoundaries, decisionBoundary } from '../../../src/render/fit/fitModel';
import type { Plot } from '../../../src/render/core/layout';
import type { FitPrediction } from '../../../src/types';

const plotOver = (a: number, b: number): Plot => ({ rect: { x: 0, y: 0, w: 400, h: 300 }, x: { domain: [a, b] }, y: { domain: [0, 1] } }) as unknown as Plot;
const model = (p: (x: number) => number): FitPrediction => ({ target: 'classes', curve: true, predict: (_w: ArrayLike<number>, x: number) => p(x) }) as unknown as FitPrediction;

describe('decisionBoundaries', () => {
  it('finds each crossing of 1/2, in order, to the last bit', () => {
    // 0.5 + 0.4 sin x crosses 1/2 at π, 2π and 3π on [1, 10].
    const xs = decisionBoundaries(plotOver(1, 10), model((x) => 0.5 + 0.4 * Math.sin(x)), [], 200);
    expect(xs).toHaveLength(3);
    xs.forEach((x, k) => expect(Math.abs(x - (k + 1) * Math.PI)).toBeLessThan(1e-12));
    // Each is where the side changes: a neighbouring double is on the other side.
    const above = (x: number) => 0.5 + 0.4 * Math.sin(x) >= 0.5;
    const d = (x: number) => Math.abs(x) * Number.EPSILON * 2;
    for (const x of xs) expect(above(x - d(x)) !== above(x) || above(x + d(x)) !== above(x)).toBe(true);
  });

  it('gives a monotone model\'s one crossing exactly as decisionBoundary does, and none where there is none', () => {
    const sigmoid = model((x) => 1 / (1 + Math.exp(-(2.5 * x - 3))));
    const one = decisionBoundaries(plotOver(-5, 5), sigmoid, [], 200);
    expect(one).toEqual([decisionBoundary(plotOver(-5, 5), sigmoid, [])]);
    expect(decisionBoundaries(plotOver(2, 5), sigmoid, [], 200)).toEqual([]);
  });

  it('draws none where the curve stays flat at 1/2 and only rounding crosses it (hostile review: five lines)', () => {
    const flat = model((x) => 0.5 + 1e-9 * Math.sin(7 * x));
    expect(decisionBoundaries(plotOver(0, 10), flat, [], 200)).toEqual([]);
    // Flat in the middle, away from 1/2 at both ends: the two places it leaves 1/2, not the wiggles between.
    const shelf = model((x) => (x < 3 ? 0.2 : x > 7 ? 0.8 : 0.5 + 1e-9 * Math.sin(40 * x)));
    const xs = decisionBoundaries(plotOver(0, 10), shelf, [], 400);
    expect(xs.length).toBeLessThanOrEqual(2);
    for (const x of xs) expect(x < 3.1 || x > 6.9).toBe(true);
  });
});
