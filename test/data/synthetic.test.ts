import { messages } from '../../src/errors';
import { loadDataset, syntheticDataset, DataRequest } from '../../src/data';
import { expectError } from './helpers';

const request = (extra: Partial<DataRequest> = {}): DataRequest => ({ model: 'linear', points: 100, seed: 'seed-1', ...extra });
const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;

describe('synthetic data', () => {
  test('the same seed gives identical data; another seed differs', () => {
    for (const model of ['linear', 'logistic'] as const) {
      const a = loadDataset(request({ model }), () => {});
      const b = loadDataset(request({ model }), () => {});
      const c = loadDataset(request({ model, seed: 'seed-2' }), () => {});
      expect(b).toEqual(a);
      expect(Array.from(c.x)).not.toEqual(Array.from(a.x));
    }
  });

  test('linear: x in [0, 2], y = 3x + 4 + noise; the residuals have the noise\'s spread', () => {
    const d = loadDataset(request({ points: 5000, noise: 0.5 }), () => {});
    expect(d).toMatchObject({ xName: 'x', yName: 'y', source: 'synthetic', skipped: 0 });
    expect(d.x).toBeInstanceOf(Float64Array);
    expect(d.x.length).toBe(5000);
    expect(d.x.every((v) => v >= 0 && v < 2)).toBe(true);
    const r = d.y.map((y, i) => y - (3 * d.x[i] + 4));
    expect(Math.abs(mean(r))).toBeLessThan(0.05);
    expect(Math.sqrt(mean(r.map((v) => v * v)))).toBeCloseTo(0.5, 1);
    expect(d.classNames).toBeUndefined();
  });

  test('linear with noise 0 lies on the line exactly', () => {
    const d = syntheticDataset('linear', 10, 0, 's');
    d.x.forEach((x, i) => expect(d.y[i]).toBe(3 * x + 4));
  });

  test('noise defaults to 1', () => {
    expect(loadDataset(request(), () => {})).toEqual(syntheticDataset('linear', 100, 1, 'seed-1'));
  });

  test('logistic: floor(n/2) zeros around -1, the rest ones around +1', () => {
    const d = syntheticDataset('logistic', 4001, 0.8, 'x');
    const zeros = d.x.filter((_, i) => d.y[i] === 0);
    const ones = d.x.filter((_, i) => d.y[i] === 1);
    expect(zeros.length).toBe(2000);
    expect(ones.length).toBe(2001);
    expect(mean(zeros)).toBeCloseTo(-1, 1);
    expect(mean(ones)).toBeCloseTo(1, 1);
    expect(Array.from(d.y.slice(0, 4))).toEqual([0, 1, 0, 1]);
    expect(d.classNames).toEqual(['0', '1']);
    const tiny = syntheticDataset('logistic', 3, 0, 'x');
    expect(Array.from(tiny.x)).toEqual([-1, 1, 1]);
    expect(Array.from(tiny.y)).toEqual([0, 1, 1]);
  });

  test('bad points or noise are usage errors', () => {
    expectError(() => syntheticDataset('linear', 1, 1, 's'), messages.badNumber('--points', '1', 'a whole number of at least 2'), 2);
    expectError(() => syntheticDataset('linear', 2.5, 1, 's'), messages.badNumber('--points', '2.5', 'a whole number of at least 2'), 2);
    expectError(() => syntheticDataset('linear', 10, -1, 's'), messages.badNumber('--noise', '-1', 'a number of at least 0'), 2);
  });
});
