import { createRng } from '../random';
import type { SampledObjective, Weights } from './objective';
import { softplus, sigmoid } from './rowKernels';

/**
 * A small fully connected network (`mlvis mlp`): inputs → hidden layers → one output η. Classes: p = σ(η)
 * with the mean cross-entropy (1/N) Σ [softplus(ηₙ) − yₙ·ηₙ] (never log(0)); values: the mean squared
 * error (1/N) Σ (ηₙ − yₙ)². The gradient is exact backpropagation (tested against central differences).
 *
 * The weights are one vector, layer by layer: each layer's matrix W (outputs × inputs, row-major), then its
 * biases b. Layer l's units compute act(W·a + b) of the layer before; the output layer is linear. Names:
 * "L1.W[i,j]" (unit i of hidden layer 1 from input j, both from 1), "L1.b[i]", …, "out.W[1,j]", "out.b".
 */
export type Activation = 'tanh' | 'relu' | 'sigmoid';
export const ACTIVATIONS: readonly Activation[] = ['tanh', 'relu', 'sigmoid'];

export interface MlpShape {
  inputs: number;
  hidden: readonly number[];
  activation: Activation;
  task: 'classes' | 'values';
}

/** Units per layer, inputs first, the output (1) last. */
export function layerSizes(shape: MlpShape): number[] {
  return [shape.inputs, ...shape.hidden, 1];
}

export function weightCount(shape: MlpShape): number {
  const s = layerSizes(shape);
  let n = 0;
  for (let l = 1; l < s.length; l++) n += s[l] * (s[l - 1] + 1);
  return n;
}

export function mlpWeightNames(shape: MlpShape): string[] {
  const s = layerSizes(shape);
  const names: string[] = [];
  for (let l = 1; l < s.length; l++) {
    const layer = l === s.length - 1 ? 'out' : `L${l}`;
    for (let i = 0; i < s[l]; i++) for (let j = 0; j < s[l - 1]; j++) names.push(`${layer}.W[${i + 1},${j + 1}]`);
    for (let i = 0; i < s[l]; i++) names.push(l === s.length - 1 ? 'out.b' : `${layer}.b[${i + 1}]`);
  }
  return names;
}

/**
 * Glorot (Xavier) uniform initialization from the RNG stream "init" of the run's seed: each matrix entry
 * uniform in ±√(6/(fan_in + fan_out)), biases 0 (Glorot & Bengio 2010; Keras's default).
 */
export function glorotInit(shape: MlpShape, seed: string): Float64Array {
  const s = layerSizes(shape);
  const rng = createRng(seed, 'init');
  const w = new Float64Array(weightCount(shape));
  let o = 0;
  for (let l = 1; l < s.length; l++) {
    const limit = Math.sqrt(6 / (s[l - 1] + s[l]));
    for (let k = 0; k < s[l] * s[l - 1]; k++) w[o++] = limit * (2 * rng() - 1);
    o += s[l];
  }
  return w;
}

/**
 * A network of values starts in y's units: its output bias at y's mean and its output weights times y's
 * standard deviation (Glorot's draw is for outputs of unit size), so that its first steps shape the curve
 * rather than carry it to y's level and scale, and the curvature at the start, which sets the default
 * rates, is already the one of y's scale.
 */
export function startAtMean(shape: MlpShape, w: Float64Array, y: Float64Array): Float64Array {
  if (shape.task !== 'values') return w;
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i] / y.length;
  let v = 0;
  for (let i = 0; i < y.length; i++) v += (y[i] - mean) ** 2 / y.length;
  const sd = Math.sqrt(v) || 1;
  const last = shape.hidden[shape.hidden.length - 1];
  for (let k = w.length - 1 - last; k < w.length - 1; k++) w[k] *= sd;
  w[w.length - 1] = mean;
  return w;
}

/** The activation, and its derivative from its value a = act(z) (tanh: 1 − a², sigmoid: a(1 − a), relu: [a > 0]). */
const ACT: Record<Activation, (z: number) => number> = {
  tanh: Math.tanh,
  relu: (z) => (z > 0 ? z : 0),
  sigmoid,
};
const SLOPE: Record<Activation, (a: number) => number> = {
  tanh: (a) => 1 - a * a,
  relu: (a) => (a > 0 ? 1 : 0),
  sigmoid: (a) => a * (1 - a),
};

/**
 * A network's forward and backward passes for one input at a time, with every buffer allocated once.
 * `forward` returns η; `backward(w, delta, grad)` adds delta·∂η/∂w to grad for the input of the last forward at w.
 */
export function network(shape: MlpShape) {
  const s = layerSizes(shape);
  const L = s.length - 1;
  const offsets: number[] = [];
  let o = 0;
  for (let l = 1; l <= L; l++) {
    offsets.push(o);
    o += s[l] * (s[l - 1] + 1);
  }
  const acts = s.map((n) => new Float64Array(n));
  const deltas = s.map((n) => new Float64Array(n));
  const act = ACT[shape.activation];
  const actSlope = SLOPE[shape.activation];
  return {
    size: o,
    forward(w: Weights, input: ArrayLike<number>): number {
      for (let j = 0; j < s[0]; j++) acts[0][j] = input[j];
      return this.propagate(w, 1);
    },
    /** The first hidden layer's values, for a caller that computes them itself (gridPredictor). */
    first: acts[1],
    /** The layers from `from` up, the one below it already in place; returns η. */
    propagate(w: Weights, from: number): number {
      for (let l = from; l <= L; l++) {
        const prev = acts[l - 1];
        const out = acts[l];
        const nIn = s[l - 1];
        const base = offsets[l - 1];
        const bias = base + s[l] * nIn;
        for (let i = 0; i < s[l]; i++) {
          let z = w[bias + i];
          const row = base + i * nIn;
          for (let j = 0; j < nIn; j++) z += w[row + j] * prev[j];
          out[i] = l === L ? z : act(z);
        }
      }
      return acts[L][0];
    },
    backward(w: Weights, delta: number, grad: Float64Array): void {
      deltas[L][0] = delta;
      for (let l = L; l >= 1; l--) {
        const prev = acts[l - 1];
        const d = deltas[l];
        const nIn = s[l - 1];
        const base = offsets[l - 1];
        const bias = base + s[l] * nIn;
        for (let i = 0; i < s[l]; i++) {
          const di = d[i];
          const row = base + i * nIn;
          for (let j = 0; j < nIn; j++) grad[row + j] += di * prev[j];
          grad[bias + i] += di;
        }
        if (l === 1) break;
        // The error at the layer below, through this layer's weights and the activation's slope.
        const below = deltas[l - 1];
        for (let j = 0; j < nIn; j++) {
          let sum = 0;
          for (let i = 0; i < s[l]; i++) sum += w[base + i * nIn + j] * d[i];
          below[j] = sum * actSlope(prev[j]);
        }
      }
    },
  };
}

/**
 * The network's loss on the rows (features as columns), as an objective the optimizers descend. It knows no
 * minimum (minima unknown, optimum null): the verdicts judge it by the loss's progress. Its curvature for the
 * default rates is the Gauss–Newton matrix's largest eigenvalue at `start` (gaussNewtonMax).
 */
export function mlpObjective(shape: MlpShape, columns: readonly Float64Array[], y: Float64Array, start: Weights): SampledObjective {
  const n = y.length;
  const net = network(shape);
  const dim = net.size;
  const names = mlpWeightNames(shape);
  const input = new Float64Array(shape.inputs);
  const classes = shape.task === 'classes';
  const rowOf = (i: number) => {
    for (let j = 0; j < shape.inputs; j++) input[j] = columns[j][i];
    return input;
  };
  // The loss alone is a forward pass (a surface over a plane asks for thousands of them); the gradient adds
  // the backward pass and keeps the loss of the same point, which training asks for next.
  const lossPoint = new Float64Array(dim).fill(NaN);
  const gradPoint = new Float64Array(dim).fill(NaN);
  const grad = new Float64Array(dim);
  let lossAt = NaN;
  const same = (a: Float64Array, w: Weights) => {
    for (let k = 0; k < dim; k++) if (w[k] !== a[k]) return false;
    return true;
  };
  // Training alternates a gradient and the next point's loss: there the loss takes the backward pass along,
  // which the gradient at that point then finds done. Losses in a row (a surface) stay forward passes.
  let afterGradient = false;
  const forwardLoss = (w: Weights) => {
    if (same(lossPoint, w)) return lossAt;
    if (afterGradient) {
      afterGradient = false;
      evaluate(w);
      return lossAt;
    }
    let l = 0;
    for (let i = 0; i < n; i++) {
      const eta = net.forward(w, rowOf(i));
      l += classes ? softplus(eta) - y[i] * eta : (eta - y[i]) * (eta - y[i]);
    }
    lossAt = l / n;
    lossPoint.set(w as ArrayLike<number>);
    return lossAt;
  };
  const evaluate = (w: Weights) => {
    if (same(gradPoint, w)) return;
    grad.fill(0);
    let l = 0;
    for (let i = 0; i < n; i++) {
      const eta = net.forward(w, rowOf(i));
      if (classes) {
        l += softplus(eta) - y[i] * eta;
        net.backward(w, (sigmoid(eta) - y[i]) / n, grad);
      } else {
        const r = eta - y[i];
        l += r * r;
        net.backward(w, (2 * r) / n, grad);
      }
    }
    lossAt = l / n;
    lossPoint.set(w as ArrayLike<number>);
    gradPoint.set(w as ArrayLike<number>);
  };
  // Per sample (sgd, minibatch): sampleError(i, w) runs sample i's passes and keeps ∂η/∂w for features(i).
  const phi = new Float64Array(dim);
  let phiOf = -1;
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[i] / n;
  let varY = 0;
  for (let i = 0; i < n; i++) varY += (y[i] - ybar) ** 2 / n;
  const trivial = classes ? -(ybar > 0 ? ybar * Math.log(ybar) : 0) - (ybar < 1 ? (1 - ybar) * Math.log(1 - ybar) : 0) : varY;
  let curvature: number | undefined;
  const objective: SampledObjective = {
    name: 'mlp',
    dim,
    weightNames: names,
    minima: { kind: 'unknown' },
    n,
    x: columns[0],
    y,
    gradientScale: classes ? 1 : 2,
    loss: forwardLoss,
    gradient(w, out) {
      evaluate(w);
      out.set(grad);
      afterGradient = true;
    },
    sampleError(i, w) {
        const eta = net.forward(w, rowOf(i));
      phi.fill(0);
      net.backward(w, 1, phi);
      phiOf = i;
      return classes ? sigmoid(eta) - y[i] : eta - y[i];
    },
    features(i, out) {
      if (phiOf !== i) throw new Error('mlp: features(i) follows sampleError(i, w)');
      out.set(phi);
    },
    optimum: () => null,
    curvature: () => (curvature ??= gaussNewtonMax(shape, columns, n, start)),
    minCurvature: () => 0,
    referenceLoss: () => trivial,
    referenceWeights: () => Float64Array.from(start),
    sampleCurvatureMax: () => objective.curvature() / (classes ? 1 : 2),
    sampleCurvatureMean: () => objective.curvature() / (classes ? 1 : 2),
  };
  return objective;
}

/** The network's output at one input: p for classes, η for values. */
export function mlpPredictor(shape: MlpShape): (w: Weights, input: ArrayLike<number>) => number {
  const net = network(shape);
  return (w, input) => {
    const eta = net.forward(w, input);
    return shape.task === 'classes' ? sigmoid(eta) : eta;
  };
}

/**
 * The network's output over a grid of two inputs, into out[b·xs.length + a] for inputs (xs[a], ys[b]): what
 * the fit panel shades every frame. The first layer's sums are split into a part per column and a part per
 * row (bias included) computed once each, so a cell costs the activations and the layers above, not the
 * first layer's products.
 */
export function gridPredictor(shape: MlpShape): (w: Weights, xs: Float64Array, ys: Float64Array, out: Float64Array) => void {
  if (shape.inputs !== 2) throw new RangeError('a grid of two inputs needs a network of two');
  const H = layerSizes(shape)[1];
  const net = network(shape);
  const act = ACT[shape.activation];
  let colPart = new Float64Array(0);
  let rowPart = new Float64Array(0);
  return (w, xs, ys, out) => {
    const gw = xs.length;
    const gh = ys.length;
    if (colPart.length !== gw * H) colPart = new Float64Array(gw * H);
    if (rowPart.length !== gh * H) rowPart = new Float64Array(gh * H);
    const bias1 = 2 * H;
    for (let a = 0; a < gw; a++) for (let i = 0; i < H; i++) colPart[a * H + i] = w[2 * i] * xs[a];
    for (let b = 0; b < gh; b++) for (let i = 0; i < H; i++) rowPart[b * H + i] = w[2 * i + 1] * ys[b] + w[bias1 + i];
    for (let b = 0; b < gh; b++) {
      for (let a = 0; a < gw; a++) {
        const first = net.first;
        for (let i = 0; i < H; i++) first[i] = act(colPart[a * H + i] + rowPart[b * H + i]);
        const eta = net.propagate(w, 2);
        out[b * gw + a] = shape.task === 'classes' ? sigmoid(eta) : eta;
      }
    }
  };
}

/** Rows the Gauss–Newton estimate reads at most. */
const GN_ROWS = 1000;

/**
 * The largest eigenvalue of the Gauss–Newton matrix at w, (1/N) Σ c·JᵢᵀJᵢ with Jᵢ = ∂ηᵢ/∂w and c the loss's
 * curvature in η (2 for the squared error; p(1 − p) ≤ 1/4 for the cross-entropy, taken at 1/4 so that it bounds
 * the steps to come): by power iteration, each product one backward pass a row. It is positive whatever the
 * network (a Hessian's largest eigenvalue may be negative far from a minimum, and says nothing of a safe
 * rate) and is what the default rates read; 1 when it comes out 0.
 */
function gaussNewtonMax(shape: MlpShape, columns: readonly Float64Array[], rows: number, w: Weights): number {
  const net = network(shape);
  const dim = net.size;
  const c = shape.task === 'classes' ? 0.25 : 2;
  const input = new Float64Array(shape.inputs);
  // A mean over the rows: up to GN_ROWS of them, evenly spaced, estimate it (and keep J·v cheap and small).
  const n = Math.min(rows, GN_ROWS);
  const J = new Float64Array(dim * n);
  const row = new Float64Array(dim);
  for (let r = 0; r < n; r++) {
    const i = Math.floor((r * rows) / n);
    for (let j = 0; j < shape.inputs; j++) input[j] = columns[j][i];
    net.forward(w, input);
    row.fill(0);
    net.backward(w, 1, row);
    J.set(row, r * dim);
  }
  const rng = createRng('curvature', 'mlp');
  let v = Float64Array.from({ length: dim }, () => rng() - 0.5);
  let lambda = 0;
  for (let iter = 0; iter < 40; iter++) {
    let norm = 0;
    for (let k = 0; k < dim; k++) norm += v[k] * v[k];
    norm = Math.sqrt(norm);
    if (!(norm > 0)) break;
    for (let k = 0; k < dim; k++) v[k] /= norm;
    const next = new Float64Array(dim);
    for (let i = 0; i < n; i++) {
      let jv = 0;
      for (let k = 0; k < dim; k++) jv += J[i * dim + k] * v[k];
      for (let k = 0; k < dim; k++) next[k] += (c * jv * J[i * dim + k]) / n;
    }
    let rayleigh = 0;
    for (let k = 0; k < dim; k++) rayleigh += next[k] * v[k];
    v = next;
    const settled = Math.abs(rayleigh - lambda) <= 1e-6 * rayleigh;
    lambda = rayleigh;
    if (settled) break;
  }
  return lambda > 0 && Number.isFinite(lambda) ? lambda : 1;
}
