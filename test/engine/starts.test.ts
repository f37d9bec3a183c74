/**
 * The starting points of --starts: a K×K grid over the domain, corners included and row by row, and seeded
 * uniform draws that are the same bits for the same seed and stay inside the domain.
 */
import { startCount, startPoints, startsText } from '../../src/engine/starts';
import { createRng } from '../../src/random';

const domain = { x: [-5, 5] as const, y: [-2, 6] as const };

describe('startPoints', () => {
  it('places a K×K grid over the domain, corners included, row by row from the lower-left', () => {
    const { x, y } = startPoints({ kind: 'grid', side: 3 }, domain, createRng('unused', 'starts'));
    expect(Array.from(x)).toEqual([-5, 0, 5, -5, 0, 5, -5, 0, 5]);
    expect(Array.from(y)).toEqual([-2, -2, -2, 2, 2, 2, 6, 6, 6]);
  });

  it('lands on round points when the step divides the domain: grid:11 over ±5 holds (3, 2) exactly', () => {
    const { x, y } = startPoints({ kind: 'grid', side: 11 }, { x: [-5, 5], y: [-5, 5] }, createRng('s', 'starts'));
    const i = Array.from(x).findIndex((v, s) => v === 3 && y[s] === 2);
    expect(i).toBe(7 * 11 + 8);
  });

  it('draws N uniform points inside the domain, the same bits for the same seed', () => {
    const a = startPoints({ kind: 'random', count: 500 }, domain, createRng('seed-a', 'starts'));
    const b = startPoints({ kind: 'random', count: 500 }, domain, createRng('seed-a', 'starts'));
    const c = startPoints({ kind: 'random', count: 500 }, domain, createRng('seed-b', 'starts'));
    expect(Buffer.from(a.x.buffer).equals(Buffer.from(b.x.buffer))).toBe(true);
    expect(Buffer.from(a.y.buffer).equals(Buffer.from(b.y.buffer))).toBe(true);
    expect(Buffer.from(a.x.buffer).equals(Buffer.from(c.x.buffer))).toBe(false);
    expect(Math.min(...a.x)).toBeGreaterThanOrEqual(-5);
    expect(Math.max(...a.x)).toBeLessThan(5);
    expect(Math.min(...a.y)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...a.y)).toBeLessThan(6);
    // Spread over the whole domain, not bunched: each half of each axis holds about half the points.
    expect(Array.from(a.x).filter((v) => v < 0).length).toBeGreaterThan(200);
    expect(Array.from(a.y).filter((v) => v < 2).length).toBeGreaterThan(200);
  });

  it('counts and names the spec as the command line writes it', () => {
    expect(startCount({ kind: 'grid', side: 40 })).toBe(1600);
    expect(startCount({ kind: 'random', count: 200 })).toBe(200);
    expect(startsText({ kind: 'grid', side: 40 })).toBe('grid:40');
    expect(startsText({ kind: 'random', count: 200 })).toBe('200');
  });
});
