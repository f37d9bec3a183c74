import { chooseFrames, type FrameChoice } from '../../src/engine/frames';
import type { Trajectory } from '../../src/types';

/** A path that moves fast at first and then creeps (like gd): w = 1 − 0.9^i along both axes. */
function creeping(n: number): Trajectory {
  const w0 = new Float64Array(n + 1);
  const w1 = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) w0[i] = w1[i] = 1 - 0.9 ** i;
  return { w: [w0, w1], loss: new Float64Array(n + 1) };
}

const choice = (c: Partial<FrameChoice>): FrameChoice => ({ frames: 100, sample: 'adaptive', w0Range: [0, 1], w1Range: [0, 1], ...c });

function expectWellFormed(frames: number[], last: number): void {
  expect(frames[0]).toBe(0);
  expect(frames[frames.length - 1]).toBe(last);
  for (let k = 1; k < frames.length; k++) expect(frames[k]).toBeGreaterThan(frames[k - 1]);
}

describe('chooseFrames', () => {
  it.each(['uniform', 'log', 'adaptive'] as const)('%s: increasing, distinct, first and last included', (sample) => {
    const t = creeping(1000);
    const frames = chooseFrames(t, choice({ sample }));
    expectWellFormed(frames, 1000);
    expect(frames).toHaveLength(100); // exactly as many as asked, however rounding falls
  });

  it('uniform spaces iterations evenly', () => {
    expect(chooseFrames(creeping(100), choice({ sample: 'uniform', frames: 5 }))).toEqual([0, 25, 50, 75, 100]);
  });

  it('log gives the start many frames and the tail few', () => {
    const frames = chooseFrames(creeping(1000), choice({ sample: 'log', frames: 50 }));
    expect(frames.filter((i) => i < 100).length).toBeGreaterThan(frames.filter((i) => i >= 100).length);
  });

  it('adaptive follows the distance travelled: the fast start is not skipped, the still tail not repeated', () => {
    const frames = chooseFrames(creeping(1000), choice({ sample: 'adaptive', frames: 100 }));
    const early = frames.filter((i) => i <= 50).length; // where the path does >99% of its travel
    expect(early).toBeGreaterThan(50);
    expect(frames.filter((i) => i > 500).length).toBeLessThan(15);
    // The uniform choice would give the first 50 iterations about 5 frames.
    expect(chooseFrames(creeping(1000), choice({ sample: 'uniform' })).filter((i) => i <= 50).length).toBeLessThan(7);
  });

  it('adaptive still spends frames when one step is a huge jump', () => {
    const t = creeping(1000);
    t.w[0][1] = t.w[1][1] = 50; // a wild first step, then back
    const frames = chooseFrames(t, choice({ sample: 'adaptive', frames: 100 }));
    expect(frames).toHaveLength(100);
  });

  it('--every takes every K-th iteration and the last', () => {
    expect(chooseFrames(creeping(23), choice({ every: 10 }))).toEqual([0, 10, 20, 23]);
    expect(chooseFrames(creeping(20), choice({ every: 10 }))).toEqual([0, 10, 20]);
    expect(chooseFrames(creeping(5), choice({ every: 50 }))).toEqual([0, 5]);
  });

  it('never asks for more frames than iterations, and copes with 0 and 1 iterations', () => {
    expect(chooseFrames(creeping(10), choice({ frames: 100 }))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(chooseFrames(creeping(0), choice({}))).toEqual([0]);
    expect(chooseFrames(creeping(1), choice({}))).toEqual([0, 1]);
    expect(chooseFrames(creeping(1000), choice({ frames: 2 }))).toEqual([0, 1000]);
    for (const sample of ['uniform', 'log', 'adaptive'] as const) {
      for (const frames of [3, 57, 300]) expect(chooseFrames(creeping(400), choice({ sample, frames }))).toHaveLength(frames);
    }
  });
});
