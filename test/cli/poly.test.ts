/**
 * `mlvis poly` end to end (in-process): coefficients in x's own powers against an independent solve, the
 * surface cut by --plane through more than two weights (a plane that holds the path projects it onto itself),
 * a GIF whose fit is a curve that moves, and bad input as one line and exit 2.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sceneFromOptions } from '../../src';
import { householderLeastSquares } from '../../src/engine/polynomial';
import { principalDirections } from '../../src/pipeline/problemView';
import { planeView } from '../../src/pipeline/view';
import { createRng, normal } from '../../src/random';
import { gifFrames } from '../helpers/media';
import { mlvisInProcess, summaryOf, usageLine } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'mlvis-poly-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A CSV of a cubic with noise, in years (x far from 0 against its spread: raw powers are hopeless there). */
function cubicCsv(): { path: string; x: number[]; y: number[] } {
  const rng = createRng('poly-csv', 'test');
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < 40; i++) {
    const xi = 1990 + 30 * rng();
    const t = (xi - 2005) / 10;
    x.push(xi);
    y.push(50 + 8 * t - 5 * t * t + 3 * t * t * t + normal(rng));
  }
  const path = join(dir, 'cubic.csv');
  writeFileSync(path, 'year,value\n' + x.map((xi, i) => `${xi},${y[i]}`).join('\n') + '\n');
  return { path, x, y };
}

describe('mlvis poly', () => {
  it('reports the optimum as coefficients of x itself, matching a least-squares solve on centred x', async () => {
    const { path, x, y } = cubicCsv();
    const { s } = await summaryOf(['poly', '--data', path, '--degree', '3', '--optimizer', 'newton', '--iters', '5']);
    expect(s.model).toBe('poly');
    expect(s.standardize).toBe(true);
    expect(Object.keys(s.optimum!)).toEqual(['a0', 'a1', 'a2', 'a3', 'loss']);
    expect(s.polynomial).toMatchObject({ degree: 3, plane: 'pca', centre: expect.any(Number) });
    // Independent: QR on powers of (x − 2005)/10, then expanded into powers of x by hand.
    const t = x.map((v) => (v - 2005) / 10);
    const a = householderLeastSquares([0, 1, 2, 3].map((k) => Float64Array.from(t, (v) => v ** k)), Float64Array.from(y))!;
    // Σ a_k ((x − 2005)/10)^k: c3 = a3/1000, c2 = a2/100 − 3·2005·a3/1000, …
    const h = 2005;
    const c3 = a[3] / 1000;
    const c2 = a[2] / 100 - (3 * h * a[3]) / 1000;
    const c1 = a[1] / 10 - (2 * h * a[2]) / 100 + (3 * h * h * a[3]) / 1000;
    const c0 = a[0] - (h * a[1]) / 10 + (h * h * a[2]) / 100 - (h * h * h * a[3]) / 1000;
    for (const [name, want] of [['c0', c0], ['c1', c1], ['c2', c2], ['c3', c3]] as const) {
      expect(Math.abs(s.polynomial!.optimum_in_x![name] - want)).toBeLessThan(1e-6 * Math.abs(want));
      expect(Math.abs(s.final_in_x![name] - want)).toBeLessThan(1e-6 * Math.abs(want));
    }
    // The weights are about the centre (the mean of x): a3 is c3, a2 = c2 + 3·c3·centre.
    const m = s.polynomial!.centre;
    const opt = s.optimum as Record<string, number>;
    expect(opt.a3).toBeCloseTo(c3, 9);
    expect(Math.abs(opt.a2 - (c2 + 3 * c3 * m))).toBeLessThan(1e-6 * Math.abs(opt.a2));
    // Newton on a quadratic: one step lands on the optimum; the verdict says converged.
    expect(s.verdict).toBe('converged');
    expect(s.final!.loss).toBeCloseTo(s.optimum!.loss, 10);
  });

  it('converges with the default gd on the default synthetic wave, and a line (degree 1) fits it worse', async () => {
    const cubic = (await summaryOf(['poly'])).s;
    const line = (await summaryOf(['poly', '--degree', '1'])).s;
    expect(cubic.verdict).toBe('converged');
    expect(Object.keys(cubic.final!)).toEqual(['a0', 'a1', 'a2', 'a3', 'loss']);
    expect(line.optimum!.loss).toBeGreaterThan(2 * cubic.optimum!.loss);
  });

  it('draws the fit as a curve that moves, on a surface cut through the path (GIF decoded frame by frame)', async () => {
    const out = join(dir, 'poly.gif');
    const r = await mlvisInProcess(['poly', '--frames', '12', '--size', '480x240', '--out', out]);
    expect(r.code).toBe(0);
    const { reader, frames } = gifFrames(readFileSync(out));
    expect(frames).toHaveLength(12);
    // The fit panel (the right half) changes between the first and the last frame.
    const w = reader.width;
    let changed = 0;
    for (let y = 0; y < reader.height; y++) {
      for (let x = w / 2; x < w; x++) {
        const k = 4 * (y * w + x);
        if (frames[0][k] !== frames[11][k] || frames[0][k + 1] !== frames[11][k + 1]) changed++;
      }
    }
    expect(changed).toBeGreaterThan(200);
  });

  it('cuts the surface through the final point: the path ends at the plane\'s origin, and its loss is the path\'s own', () => {
    const scene = sceneFromOptions({ model: 'poly', degree: 4, out: join(dir, 'x.png') });
    const path = scene.surface.paths[0];
    const last = path.u.length - 1;
    expect(Math.abs(path.u[last])).toBeLessThan(1e-9);
    expect(Math.abs(path.v[last])).toBeLessThan(1e-9);
    // Each axis names its share of the path's variance; together at most all of it.
    const [a, b] = scene.surface.labels;
    const share = (label: string) => Number(/\(([\d.]+)%/.exec(label)![1]);
    expect(a).toMatch(/^PC1 \(\d+(\.\d)?% of variance\)$/);
    expect(b).toMatch(/^PC2 \(\d+(\.\d)?%\)$/);
    expect(share(a)).toBeGreaterThanOrEqual(share(b));
    expect(share(a) + share(b)).toBeLessThanOrEqual(100.05);
    expect(scene.surface.note).toBe('PCA plane, path projected');
    // A pair: the two standardized weights themselves (the path ends at the final v1, v3), the others held.
    const s2 = sceneFromOptions({ model: 'poly', degree: 4, plane: 'pair:v1,3', out: join(dir, 'y.png') });
    expect(s2.surface.labels).toEqual(['v1', 'v3']);
    expect(s2.surface.note).toBe('3 others held at the end, path projected');
    const p2 = s2.surface.paths[0];
    expect(p2.u[0]).toBe(0); // the start: every coefficient 0
    expect(p2.v[0]).toBe(0);
    expect(Math.abs(p2.u[p2.u.length - 1])).toBeGreaterThan(0.1);
  });

  it('cuts a straight path (Newton\'s one step) along the start\'s gradient across it, where the bowl shows', () => {
    const scene = sceneFromOptions({ model: 'poly', degree: 9, points: 24, noise: 0.8, optimizer: 'newton', out: join(dir, 'n.png') });
    expect(scene.surface.labels).toEqual(['PC1 (100% of variance)', 'start gradient across PC1']);
    // The grid reaches down to the minimum's loss (an arbitrary steep PC2 left the valley between samples).
    const lowest = Math.min(...scene.grid.values);
    const final = scene.series[0].trajectory.loss[scene.series[0].trajectory.loss.length - 1];
    expect(lowest).toBeLessThan(final * 1.1);
    // The start is off to one side of the end, on the path's own axis.
    const p = scene.surface.paths[0];
    expect(Math.abs(p.u[0])).toBeGreaterThan(1);
    expect(Math.abs(p.v[0])).toBeLessThan(1e-9 * Math.abs(p.u[0]));
  });

  it('takes --plane pair by names or numbers and refuses weights the polynomial does not have, in one line', async () => {
    expect(await usageLine(['poly', '--plane', 'pair:a1,a4'])).toBe('--plane pair:a1,a4: "a4" is not a weight of a degree-3 polynomial; name two different weights from a0 to a3 (or v0 to v3, or 0 to 3), for example --plane pair:a1,a2');
    expect(await usageLine(['poly', '--plane', 'pair:1,v1'])).toMatch(/^--plane pair:1,v1: "1" and "v1" are the same weight; /);
    // The summary's c's are not weights of the descent: said so.
    expect(await usageLine(['poly', '--plane', 'pair:c1,c2'])).toMatch(/"c1" is a coefficient of x itself \(the summary's c's\), not a weight the optimizers move; name two different weights from a0 to a3/);
    expect(await usageLine(['poly', '--plane', 'sideways'])).toMatch(/--plane/);
    expect(await usageLine(['poly', '--degree', '13'])).toMatch(/--degree/);
    const out = join(dir, 'never.gif');
    expect(await usageLine(['poly', '--degree', '0', '--out', out])).toMatch(/--degree/);
    expect(existsSync(out)).toBe(false);
  });

  it('warns that --degree means nothing to linear regression, and --no-standardize nothing to poly', async () => {
    const a = await mlvisInProcess(['linear', '--degree', '4', '--iters', '5']);
    expect(a.code).toBe(0);
    expect(a.stderr).toMatch(/--degree.*it applies to mlvis poly/);
    const b = await mlvisInProcess(['poly', '--no-standardize', '--iters', '5']);
    expect(b.code).toBe(0);
    expect(b.stderr).toMatch(/--no-standardize is ignored: mlvis poly always trains on standardized powers of x/);
  });

  it('refuses a degree the data cannot pin down, naming the count of distinct x', async () => {
    const path = join(dir, 'three.csv');
    writeFileSync(path, 'x,y\n1,1\n1,2\n2,3\n2,4\n3,5\n3,6\n');
    const r = await mlvisInProcess(['poly', '--data', path, '--degree', '3']);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--degree 3 needs at least 4 different x values .* the data have 3/);
  });
});

describe('mlvis poly, hardened after a hostile review', () => {
  it('keeps every digit for years at degree 8: the optimum is the loss reached, and the verdict says converged', async () => {
    const rows = Array.from({ length: 31 }, (_, i) => `${1990 + i},${0.1 * (i - 10) ** 2 + Math.sin(i * 1.7) * 0.7}`);
    const path = join(dir, 'years.csv');
    writeFileSync(path, 'year,value\n' + rows.join('\n') + '\n');
    const { s, stderr } = await summaryOf(['poly', '--data', path, '--degree', '8', '--optimizer', 'newton', '--iters', '50']);
    expect(s.verdict).toBe('converged');
    expect(s.gap_closed).toBeCloseTo(1, 9);
    expect(Math.abs(s.final!.loss - s.optimum!.loss)).toBeLessThan(1e-9 * s.optimum!.loss);
    expect(stderr).not.toMatch(/did not converge|above the optimum/);
    // The coefficients of x itself are huge and alternate, as they must; the curve they make passes the data.
    const c = s.polynomial!.optimum_in_x!;
    expect(Math.abs(c.c0)).toBeGreaterThan(1e12);
  });

  it('takes one --init number per weight, and refuses any other count in one line', async () => {
    const { s } = await summaryOf(['poly', '--init', '1,2,3,4', '--iters', '0']);
    expect(s.final).toMatchObject({ a0: 1, a1: 2, a2: 3, a3: 4 });
    expect(await usageLine(['poly', '--init', '1,2'])).toBe('--init: 2 numbers (1,2), and a degree-3 polynomial has 4 weights a0 to a3; give 4 numbers (for example --init 0,0,0,0) or leave --init out to start at 0');
    expect(await usageLine(['poly', '--degree', '1', '--init', '1,2,3'])).toMatch(/^--init: 3 numbers \(1,2,3\), and a degree-1 polynomial has 2 weights/);
    expect(await usageLine(['linear', '--init', '1,2,3'])).toMatch(/^--init: "1,2,3" is not two numbers W0,W1/);
  });

  it('reads a batch job\'s init text as --init: one number per weight of the job\'s polynomial', async () => {
    const jobs = join(dir, 'jobs.json');
    writeFileSync(jobs, JSON.stringify({ jobs: [{ model: 'poly', degree: 4, init: '1,0,0,0,0.5', iters: 0 }] }));
    const ok = await mlvisInProcess(['batch', jobs, '--summary', join(dir, 'j.json')]);
    expect(ok.code).toBe(0);
    const [s] = JSON.parse(readFileSync(join(dir, 'j.json'), 'utf8'));
    expect(s.final).toMatchObject({ a0: 1, a4: 0.5 });
    writeFileSync(jobs, JSON.stringify({ jobs: [{ model: 'poly', degree: 2, init: '1,2', iters: 0 }] }));
    const bad = await mlvisInProcess(['batch', jobs]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/init: 2 numbers \(1,2\), and a degree-2 polynomial has 3 weights a0 to a2; give 3 numbers \(for example "init": \[0, 0, 0\]\)/);
  });

  it('refuses x whose powers pass double precision with that reason, not a wrong one', async () => {
    const path = join(dir, 'e30.csv');
    writeFileSync(path, 'x,y\n' + Array.from({ length: 20 }, (_, i) => `${(i + 1) * 1e30},${i % 3}`).join('\n') + '\n');
    const r = await mlvisInProcess(['poly', '--data', path, '--degree', '12']);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--degree 12: x spreads by .*, and its 12th power passes double precision; rescale the x column/);
  });

  it('records the degree and the plane in the summary; warns that --plane means nothing at degree 1', async () => {
    const { s } = await summaryOf(['poly', '--degree', '4', '--plane', 'random', '--iters', '5']);
    expect(s.polynomial).toMatchObject({ degree: 4, plane: 'random' });
    const r = await mlvisInProcess(['poly', '--degree', '1', '--plane', 'random', '--iters', '5']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/--plane.*a degree-1 polynomial has two weights/);
  });

  it('names the plane of a path that never moved (--iters 0) by its weights, claiming no variance', () => {
    const scene = sceneFromOptions({ model: 'poly', iterations: 0, out: join(dir, 'z.png') });
    expect(scene.surface.labels).toEqual(['v0', 'v1']);
  });
});

describe('planes through many weights', () => {
  it('a path lying in a plane spans exactly that plane, and projects onto itself', () => {
    const rng = createRng('plane', 'test');
    const origin = [1, -2, 3, 0.5, 4];
    const a = [1, 2, 0, -1, 0.5];
    const b = [0, 1, 1, 1, -2];
    const points = Array.from({ length: 50 }, (_, i) => {
      const s = Math.cos(i / 7) * 3 + normal(rng) * 0.01;
      const t = Math.sin(i / 5) * 2;
      return Float64Array.from(origin, (o, k) => o + s * a[k] + t * b[k]);
    });
    const { directions, explained } = principalDirections(points, 5);
    expect(explained).toBeCloseTo(1, 12);
    const view = planeView(origin, Array.from(directions[0]), Array.from(directions[1]), ['u', 'v']);
    for (const p of points) {
      const [u, v] = view.toPlane(p);
      const back = view.toWeights(u, v);
      for (let k = 0; k < 5; k++) expect(back[k]).toBeCloseTo(p[k], 9);
    }
  });

  it('a path off the plane explains less than all of its variance', () => {
    const points = [f(0, 0, 0), f(1, 0, 0), f(0, 1, 0), f(0, 0, 1), f(1, 1, 1)];
    expect(principalDirections(points, 3).explained).toBeLessThan(0.95);
  });
});

function f(...v: number[]): Float64Array {
  return Float64Array.from(v);
}
