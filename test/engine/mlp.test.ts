/**
 * The network of `mlvis mlp`: backpropagation against central differences (every activation, one and two
 * hidden layers, classes and values), per-sample gradients that add up to the full one, the change to the
 * data's units exact both ways, the seeded generators, the filter normalization and the contour tracer.
 */
import { generatedDataset } from '../../src/data/generators';
import { glorotInit, mlpObjective, mlpWeightNames, weightCount, type Activation, type MlpShape } from '../../src/engine/mlp';
import { mlpFilters, mlpFit } from '../../src/engine/mlpModel';
import { progressVerdict } from '../../src/engine/verdict';
import { filterNormalize } from '../../src/pipeline/problemView';
import { traceContour, type FieldGrid } from '../../src/render/fit/fieldGrid';
import { createRng, normal } from '../../src/random';

function rows(n: number, inputs: number, task: 'classes' | 'values') {
  const rng = createRng('mlp', 'test');
  const cols = Array.from({ length: inputs }, () => Float64Array.from({ length: n }, () => normal(rng)));
  const y = Float64Array.from({ length: n }, (_, i) => (task === 'classes' ? (cols[0][i] * (cols[1]?.[i] ?? 1) > 0 ? 1 : 0) : Math.sin(2 * cols[0][i]) + 0.1 * normal(rng)));
  return { cols, y };
}

/** Central differences of the loss at w against the gradient, each coordinate. */
function checkGradient(loss: (w: Float64Array) => number, gradient: (w: Float64Array, out: Float64Array) => void, w: Float64Array): void {
  const g = new Float64Array(w.length);
  gradient(w, g);
  for (let k = 0; k < w.length; k++) {
    const h = 1e-6;
    const p = Float64Array.from(w);
    const m = Float64Array.from(w);
    p[k] += h;
    m[k] -= h;
    const numeric = (loss(p) - loss(m)) / (2 * h);
    expect(Math.abs(g[k] - numeric)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
  }
}

const shapes: [string, MlpShape][] = [];
for (const activation of ['tanh', 'relu', 'sigmoid'] as Activation[]) {
  shapes.push([`2-5-1 ${activation}, classes`, { inputs: 2, hidden: [5], activation, task: 'classes' }]);
  shapes.push([`2-4-3-1 ${activation}, classes`, { inputs: 2, hidden: [4, 3], activation, task: 'classes' }]);
  shapes.push([`1-6-1 ${activation}, values`, { inputs: 1, hidden: [6], activation, task: 'values' }]);
}

describe.each(shapes)('the network %s', (_, shape) => {
  const { cols, y } = rows(40, shape.inputs, shape.task);
  const start = glorotInit(shape, 'grad');
  // Off the start, with biases that are not 0, so that every path of the backward pass is exercised.
  const rng = createRng('w', 'test');
  const w = Float64Array.from(start, (v) => v + 0.3 * normal(rng));
  const o = mlpObjective(shape, cols, y, start);

  it('has the exact gradient (backpropagation against central differences)', () => {
    expect(o.dim).toBe(weightCount(shape));
    checkGradient((v) => o.loss(v), (v, out) => o.gradient(v, out), w);
  });

  it("has per-sample gradients (scale · error · features) that average to the full gradient", () => {
    const sum = new Float64Array(o.dim);
    const phi = new Float64Array(o.dim);
    for (let i = 0; i < o.n; i++) {
      const e = o.sampleError(i, w);
      o.features(i, phi);
      for (let k = 0; k < o.dim; k++) sum[k] += (o.gradientScale * e * phi[k]) / o.n;
    }
    const g = new Float64Array(o.dim);
    o.gradient(w, g);
    for (let k = 0; k < o.dim; k++) expect(sum[k]).toBeCloseTo(g[k], 13);
  });
});

describe('a network in the data\'s units', () => {
  it('gives the same loss at corresponding weights, maps back exactly, and has the exact gradient there', () => {
    const rng = createRng('units', 'test');
    const a = Float64Array.from({ length: 50 }, () => 3000 + 500 * normal(rng));
    const b = Float64Array.from({ length: 50 }, () => 0.02 * normal(rng));
    const y = Float64Array.from(a, (v, i) => (v - 3000 + 20000 * b[i] > 0 ? 1 : 0));
    const fit = mlpFit([a, b], y, [4], 'tanh', 'classes', 'units');
    const v = Float64Array.from(fit.start, (x) => x + 0.2);
    const w = fit.reparametrization.toReported(v);
    expect(fit.reported.loss(w)).toBeCloseTo(fit.trained.loss(v), 14);
    const back = fit.reparametrization.toTrained(w);
    for (let k = 0; k < v.length; k++) expect(back[k]).toBeCloseTo(v[k], 12);
    // The gradient in the data's units, against differences on a scale that suits each weight.
    const g = new Float64Array(w.length);
    fit.reported.gradient(w, g);
    for (let k = 0; k < w.length; k++) {
      const h = 1e-6 * Math.max(1e-3, Math.abs(w[k]));
      const p = Float64Array.from(w);
      const m = Float64Array.from(w);
      p[k] += h;
      m[k] -= h;
      const numeric = (fit.reported.loss(p) - fit.reported.loss(m)) / (2 * h);
      expect(Math.abs(g[k] - numeric)).toBeLessThan(1e-5 * Math.max(1e-6, Math.abs(numeric)) + 1e-9);
    }
  });

  it('names its weights layer by layer and draws Glorot\'s start from the seed', () => {
    const shape: MlpShape = { inputs: 2, hidden: [3], activation: 'tanh', task: 'classes' };
    expect(mlpWeightNames(shape)).toEqual(['L1.W[1,1]', 'L1.W[1,2]', 'L1.W[2,1]', 'L1.W[2,2]', 'L1.W[3,1]', 'L1.W[3,2]', 'L1.b[1]', 'L1.b[2]', 'L1.b[3]', 'out.W[1,1]', 'out.W[1,2]', 'out.W[1,3]', 'out.b']);
    const w = glorotInit(shape, 's');
    expect(Array.from(glorotInit(shape, 's'))).toEqual(Array.from(w));
    expect(Array.from(glorotInit(shape, 't'))).not.toEqual(Array.from(w));
    const limit1 = Math.sqrt(6 / 5);
    for (let k = 0; k < 6; k++) expect(Math.abs(w[k])).toBeLessThanOrEqual(limit1);
    expect(Array.from(w.slice(6, 9))).toEqual([0, 0, 0]);
    expect(w[12]).toBe(0);
    expect(mlpFilters(shape)).toEqual([[0, 1], [2, 3], [4, 5], [9, 10, 11]]);
  });
});

describe('the generated classification sets', () => {
  it.each(['moons', 'circles', 'xor', 'spirals'] as const)('%s: seeded, half each class, two features', (name) => {
    const d = generatedDataset(name, 201, undefined, 'seed');
    expect(d.features!.names).toEqual(['x1', 'x2']);
    expect(d.y.reduce((s, v) => s + v, 0)).toBe(101);
    const again = generatedDataset(name, 201, undefined, 'seed');
    expect(Array.from(again.features!.columns[1])).toEqual(Array.from(d.features!.columns[1]));
    expect(Array.from(generatedDataset(name, 201, undefined, 'other').x)).not.toEqual(Array.from(d.x));
  });

  it('puts the points where each set says, without noise', () => {
    const moons = generatedDataset('moons', 100, 0, 's');
    const [a, b] = moons.features!.columns;
    for (let i = 0; i < 100; i++) {
      // Class 0 on the unit circle's upper half; class 1 on the circle of radius 1 about (1, 1/2), lower half.
      const r = moons.y[i] === 0 ? Math.hypot(a[i], b[i]) : Math.hypot(a[i] - 1, b[i] - 0.5);
      expect(r).toBeCloseTo(1, 12);
      expect(moons.y[i] === 0 ? b[i] >= -1e-12 : b[i] <= 0.5 + 1e-12).toBe(true);
    }
    const circles = generatedDataset('circles', 60, 0, 's');
    const [c, d] = circles.features!.columns;
    for (let i = 0; i < 60; i++) expect(Math.hypot(c[i], d[i])).toBeCloseTo(circles.y[i] === 0 ? 1 : 0.5, 12);
    const xor = generatedDataset('xor', 80, 0, 's');
    const [e, f] = xor.features!.columns;
    for (let i = 0; i < 80; i++) expect(e[i] * f[i] > 0 ? 1 : 0).toBe(xor.y[i]);
  });
});

describe('the verdict without a known minimum', () => {
  it('reads the loss curve: still descending, levelled off, stalled', () => {
    const falling = Float64Array.from({ length: 101 }, (_, i) => 1 - i / 200);
    expect(progressVerdict(falling)).toBe('still descending');
    const flat = Float64Array.from({ length: 101 }, (_, i) => 1 + Math.exp(-i / 5));
    expect(progressVerdict(flat)).toBe('levelled off');
    // A loss that keeps halving is still descending, however flat it looks on a linear scale.
    const halving = Float64Array.from({ length: 101 }, (_, i) => 0.7 * Math.exp(-i / 10));
    expect(progressVerdict(halving)).toBe('still descending');
    expect(progressVerdict(Float64Array.of(1, 1.2, 1.1))).toBe('stalled');
  });
});

describe('a filter-normalized direction', () => {
  it("has each filter's norm equal to the weights' own there, and no bias part", () => {
    const d = Float64Array.of(3, 4, 1, 1, 9);
    filterNormalize(d, [0.6, 0.8, 2, 0, 5], [[0, 1], [2, 3]]);
    expect(Math.hypot(d[0], d[1])).toBeCloseTo(1, 14);
    expect(d[0] / d[1]).toBeCloseTo(3 / 4, 14);
    expect(Math.hypot(d[2], d[3])).toBeCloseTo(2, 14);
    expect(d[4]).toBe(0);
  });
});

describe('the contour tracer', () => {
  it('traces the level line of a linear field exactly', () => {
    const n = 12;
    const px = Float64Array.from({ length: n }, (_, i) => i * 10);
    const grid: FieldGrid = { gw: n, gh: n, px, py: px, xs: px, ys: px };
    // v = (x + 2y)/100: the level 0.5 is x + 2y = 50.
    const values = Float64Array.from({ length: n * n }, (_, k) => ((k % n) * 10 + 2 * Math.floor(k / n) * 10) / 100);
    const points: [number, number][] = [];
    traceContour(grid, values, 0.5, { moveTo: (x, y) => points.push([x, y]), lineTo: (x, y) => points.push([x, y]) });
    expect(points.length).toBeGreaterThan(4);
    for (const [x, y] of points) expect(x + 2 * y).toBeCloseTo(50, 10);
  });
});
