/**
 * The page's data: every typed array, non-finite number and shared array survives the trip; the transforms
 * (delta, shuffle) are exact inverses on any bits; the grid's rounding stays within its stated bound; and a
 * scene that went through the page's data and came back draws the very pixels the original draws (the same
 * renderer, here in Node: the browser's test is test/page/browser.test.ts).
 */
import { gunzipSync } from 'node:zlib';
import { decodeValue, delta, encodeValue, sceneForPage, shuffle, undelta, unshuffle, type PageData } from '../../src/page/codec';
import { hydrateScene, pageRefusal, planeLossOf, useRecipes } from '../../src/page/hydrate';
import { RECIPES } from '../../src/page/recipes';
import { pageData, roughly } from '../../src/page/writePage';
import { sceneFromOptions } from '../../src';
import { createRenderer } from '../../src/render';
import type { Scene } from '../../src/types';
import type { RunOptions } from '../../src/options/table';

useRecipes(RECIPES);
const decode = (d: PageData) => hydrateScene(decodeValue(d.scene, new Uint8Array(gunzipSync(Buffer.from(d.arrays, 'base64')))) as Record<string, unknown>);

describe('codec', () => {
  test('typed arrays of every kind, shared ones, NaN and infinities come back exactly', () => {
    const f = Float64Array.from([1.5, -0, NaN, Infinity, -Infinity, 5e-324, 1.7976931348623157e308]);
    const value = {
      a: f,
      again: f,
      copy: Float64Array.from(f),
      f32: Float32Array.from([1, 2.5, NaN]),
      i32: Int32Array.from([-5, 2 ** 31 - 1, -(2 ** 31)]),
      u16: Uint16Array.from([0, 65535]),
      u8: Uint8Array.from([0, 255, 7]),
      n: [NaN, Infinity, -Infinity, 3, null, 'text'],
      nested: { deep: { x: Float64Array.from([2, 3]) } },
    };
    const { encoded, bytes } = encodeValue(value);
    // The copy has the same contents: written once.
    expect(encoded.arrays[1].offset).toBe(encoded.arrays[0].offset);
    expect(encoded.arrays.map((a) => a.offset).filter((o) => o === encoded.arrays[0].offset)).toHaveLength(2);
    const back = decodeValue(JSON.parse(JSON.stringify(encoded)), bytes) as typeof value;
    expect(Object.is(back.a[1], -0)).toBe(true);
    expect(Array.from(back.a)).toEqual(Array.from(f));
    expect(back.again).toBe(back.a);
    expect(Array.from(back.copy)).toEqual(Array.from(f));
    expect(back.f32).toBeInstanceOf(Float32Array);
    expect(Array.from(back.f32)).toEqual([1, 2.5, NaN]);
    expect(Array.from(back.i32)).toEqual([-5, 2 ** 31 - 1, -(2 ** 31)]);
    expect(Array.from(back.u16)).toEqual([0, 65535]);
    expect(Array.from(back.u8)).toEqual([0, 255, 7]);
    expect(back.n).toEqual([NaN, Infinity, -Infinity, 3, null, 'text']);
    expect(Array.from(back.nested.deep.x)).toEqual([2, 3]);
  });

  test('delta and shuffle are exact inverses on random bits', () => {
    for (const size of [1, 2, 4, 8]) {
      const bytes = new Uint8Array(8 * 257);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
      const there = shuffle(delta(bytes, size), size);
      expect(Array.from(undelta(unshuffle(there, size), size))).toEqual(Array.from(bytes));
    }
  });

  test('the grid is rounded to 16 bits of mantissa: within 2^-17 relative over the whole double range, non-finite kept', () => {
    // From 1e-300 to 1e300 (single precision would make 0 and Infinity of the ends), both signs, and the largest double.
    const a = Float64Array.from({ length: 6001 }, (_, i) => 10 ** ((i - 3000) / 10) * (i % 2 ? 1 : -1 - 1e-9 * i));
    const r = roughly(Float64Array.from([...a, Number.MAX_VALUE, -Number.MAX_VALUE, 5e-324, NaN, Infinity, -Infinity]));
    for (let i = 0; i < a.length; i++) expect(Math.abs(r[i] - a[i]) / Math.abs(a[i])).toBeLessThanOrEqual(2 ** -17);
    expect(Math.abs(r[6001] - Number.MAX_VALUE) / Number.MAX_VALUE).toBeLessThanOrEqual(2 ** -16);
    expect(r[6001]).toBeLessThan(Infinity);
    expect(r[6002]).toBeGreaterThan(-Infinity);
    expect([r[6004], r[6005], r[6006]]).toEqual([NaN, Infinity, -Infinity]);
  });

  test('the lowest and highest samples stay exact (the levels and the colour bar are made from them)', () => {
    const a = Float64Array.from([148.40366963816075, 1.0123456789, 3.3333333333, 148.40366963816075, 1.0123456789]);
    const r = roughly(a);
    expect([r[0], r[1], r[3], r[4]]).toEqual([a[0], a[1], a[3], a[4]]);
    expect(r[2]).not.toBe(a[2]);
  });
});

describe('a scene through the page data', () => {
  // The original with its grid rounded as the page rounds it: then every pixel must agree.
  const rounded = (s: Scene): Scene => ({
    ...s,
    grid: { ...s.grid, values: roughly(s.grid.values) },
    ...(s.sides ? { sides: s.sides.map((side) => ({ ...side, grid: { ...side.grid, values: roughly(side.grid.values) } })) } : {}),
  });
  const frame = (s: Scene, k: number) => createRenderer(s).drawFrame(k);

  test.each([
    ['linear', { model: 'linear' as const, iterations: 200 }],
    ['logistic', { model: 'logistic' as const, iterations: 200 }],
    ['a race on rosenbrock', { model: 'function' as const, function: 'rosenbrock', optimizer: ['gd', 'momentum', 'adam'] as ('gd' | 'momentum' | 'adam')[], iterations: 300 }],
    ['an expression', { model: 'function' as const, expr: 'x^2 + 3*y^2 - x*y', iterations: 100 }],
    ['a polynomial', { model: 'poly' as const, degree: 4, iterations: 200 }],
    ['a network', { model: 'mlp' as const, iterations: 100 }],
    ['softmax', { model: 'softmax' as const, iterations: 100 }],
    ['linear on two features', { model: 'linear' as const, data: 'cars', x: 'Weight_in_lbs,Horsepower', y: 'Miles_per_Gallon', iterations: 100 }],
    ['logistic on two features', { model: 'logistic' as const, data: 'penguins', x: 'Beak Length (mm),Beak Depth (mm)', y: 'Sex', iterations: 100 }],
    ['linear on four features', { model: 'linear' as const, data: 'cars', x: 'Weight_in_lbs,Horsepower,Displacement,Acceleration', y: 'Miles_per_Gallon', iterations: 100 }],
    ['raw against standardized x (two surfaces)', { model: 'linear' as const, data: 'cars', compareStandardize: true, iterations: 300 }],
    ['linear on two features in 3-D', { model: 'linear' as const, data: 'cars', x: 'Weight_in_lbs,Horsepower', y: 'Miles_per_Gallon', view: '3d' as const, iterations: 100 }],
  ])('%s draws the same pixels after the trip', (_, options) => {
    const scene = sceneFromOptions(options as RunOptions);
    expect(pageRefusal(scene)).toBeNull();
    const back = decode(pageData(scene, { frames: [0, 5, 50], fps: 20, hold: 1, loop: 0 }, 'test'));
    for (const k of [0, 37, scene.iterations]) expect(Buffer.compare(Buffer.from(frame(back, k)), Buffer.from(frame(rounded(scene), k)))).toBe(0);
  });

  test('the loss under the pointer is the engine loss at the weights there, in the data units', () => {
    const scene = sceneFromOptions({ model: 'linear', data: 'cars', x: 'Weight_in_lbs', y: 'Miles_per_Gallon', iterations: 50 });
    const back = decode(pageData(scene, { frames: [0], fps: 20, hold: 1, loop: 0 }, 'test'));
    const loss = planeLossOf(back)!;
    const { x, y } = scene.data;
    for (const [u, v] of [[0, 0], [1.5, -2], [-3, 0.25]]) {
      const { w, loss: l } = loss(u, v) as { w: number[]; loss: number };
      let sum = 0;
      for (let i = 0; i < x.length; i++) sum += (w[1] * x[i] + w[0] - y[i]) ** 2;
      expect(l).toBeCloseTo(sum / x.length, 8);
      expect(Math.abs(l - sum / x.length) / (sum / x.length)).toBeLessThan(1e-12);
    }
  });

  test('a test function reads the function itself under the pointer', () => {
    const scene = sceneFromOptions({ model: 'function', function: 'himmelblau', iterations: 20 });
    const back = decode(pageData(scene, { frames: [0], fps: 20, hold: 1, loop: 0 }, 'test'));
    const { w, loss } = planeLossOf(back)!(3, 2);
    expect(w).toEqual([3, 2]);
    expect(loss).toBe(0);
    expect(planeLossOf(back)!(-1, 0.5).loss).toBe((1 + 0.5 - 11) ** 2 + (-1 + 0.25 - 7) ** 2);
  });

  test('a descriptor neither the registry\'s nor made by a recipe is refused by name', () => {
    const scene = sceneFromOptions({ model: 'linear', iterations: 5 });
    expect(pageRefusal({ ...scene, model: { ...scene.model } })).toBe('mlvis linear');
    expect(sceneForPage(scene).model).not.toHaveProperty('predict');
  });

  test('a polynomial reads its loss under the pointer at every weight of the plane', () => {
    const scene = sceneFromOptions({ model: 'poly', degree: 3, iterations: 50 });
    const back = decode(pageData(scene, { frames: [0], fps: 20, hold: 1, loop: 0 }, 'test'));
    const { w, loss } = planeLossOf(back)!(0.3, -0.7) as { w: number[]; loss: number };
    expect(w).toHaveLength(4);
    const centre = (scene.model.recipe as unknown as { args: [number, number] }).args[1];
    const { x, y } = scene.data;
    let sum = 0;
    for (let i = 0; i < x.length; i++) {
      const t = x[i] - centre;
      sum += (w[0] + w[1] * t + w[2] * t * t + w[3] * t * t * t - y[i]) ** 2;
    }
    expect(Math.abs(loss - sum / x.length) / (sum / x.length)).toBeLessThan(1e-12);
  });

  test('damaged or foreign recipes are refused with one message, before anything is built', () => {
    const data = pageData(sceneFromOptions({ model: 'mlp', iterations: 5 }), { frames: [0], fps: 20, hold: 1, loop: 0 }, 'test');
    const withRecipe = (recipe: unknown) => {
      const value = JSON.parse(JSON.stringify(data.scene.value)) as { model: { recipe: unknown } };
      value.model.recipe = recipe;
      return () => decode({ ...data, scene: { ...data.scene, value } });
    };
    const shape = { inputs: 2, hidden: [8], activation: 'tanh', task: 'classes' };
    expect(withRecipe({ of: 'mlp', args: [{ ...shape, hidden: [100000, 100000] }, ['x1', 'x2']] })).toThrow("the data is damaged: its mlp recipe's arguments are not ones mlvis writes");
    expect(withRecipe({ of: 'constructor', args: [] })).toThrow('the data is damaged: its model\'s recipe "constructor" is none of mlvis\'s');
    expect(withRecipe({ of: 'mlp', args: [{ ...shape, hidden: [4] }, ['x1', 'x2']] })).toThrow("the data is damaged: a series' weights are not the 17 of its mlp model");
    expect(withRecipe({ of: 'mlp', args: [shape, ['x1', 'x2']] })).not.toThrow();
  });

  test('a network reads the weights under the pointer, and no loss it cannot compute', () => {
    const back = decode(pageData(sceneFromOptions({ model: 'mlp', iterations: 5 }), { frames: [0], fps: 20, hold: 1, loop: 0 }, 'test'));
    const h = planeLossOf(back)!(0.1, 0.2);
    expect(h.loss).toBeNull();
    expect(h.w).toHaveLength(back.series[0].trajectory.w.length);
  });
});
