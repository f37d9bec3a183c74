/**
 * The series title measures each loss and iteration count by its pattern of digits when the font's digits
 * are tabular (seriesTitle.ts): that is exact only if, in the shipped font, a number's width never depends on
 * which digits it holds. Checked here on the texts the title writes, at the sizes it uses.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { ensureFont, font } from '../../../src/render/core/font';
import { formatNumber } from '../../../src/render/core/format';
import { tabularDigits } from '../../../src/render/frame/seriesTitle';

describe('tabularDigits', () => {
  beforeAll(() => ensureFont());

  it.each([9, 12.1, 14.7])('holds for the shipped font at %s px: every loss and count is as wide as its digit pattern', (px) => {
    const ctx = createCanvas(10, 10).getContext('2d');
    for (const bold of [false, true]) {
      ctx.font = font(px, bold);
      expect(tabularDigits(ctx)).toBe(true);
      let seed = 11;
      const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
      for (let n = 0; n < 300; n++) {
        const v = (rand() - 0.3) * 10 ** Math.floor(rand() * 30 - 15);
        for (const text of [formatNumber(v, 3), formatNumber(v, 4), `iteration ${Math.floor(rand() * 1e6)} / ${Math.floor(rand() * 1e6)}`]) {
          expect(ctx.measureText(text).width).toBe(ctx.measureText(text.replace(/[0-9]/g, '0')).width);
        }
      }
    }
  });

  it('is false for a font whose digits differ in width', () => {
    // A context that measures "1" narrower than the other digits, as a proportional-figure font would.
    const ctx = { measureText: (t: string) => ({ width: [...t].reduce((w, c) => w + (c === '1' ? 4 : 7), 0) }) } as unknown as SKRSContext2D;
    expect(tabularDigits(ctx)).toBe(false);
  });
});

describe('a race title that cannot fit on one row at a small size', () => {
  // Six optimizers at 480×240: the labels alone are wider than the frame at the smallest font.
  const { sceneFromOptions } = require('../../../src/index') as typeof import('../../../src/index');
  const { seriesTitle, wrapEntries } = require('../../../src/render/frame/seriesTitle') as typeof import('../../../src/render/frame/seriesTitle');
  const { panelStyle } = require('../../../src/render/core/layout') as typeof import('../../../src/render/core/layout');
  const { createCanvas } = require('@napi-rs/canvas') as typeof import('@napi-rs/canvas');
  const scene = sceneFromOptions({ model: 'function', function: 'rosenbrock', optimizer: ['gd', 'momentum', 'nesterov', 'adam', 'amsgrad', 'lion'], lr: 0.001, iterations: 300, width: 480, height: 240 });

  it('wraps its series onto rows: every text it draws ends inside the frame, and every label is drawn whole', () => {
    const ctx = createCanvas(480, 240).getContext('2d');
    const title = seriesTitle(ctx, 480, scene, panelStyle(scene));
    const drawn: { text: string; right: number; y: number }[] = [];
    const fill = ctx.fillText.bind(ctx);
    ctx.fillText = (text: string, x: number, y: number) => {
      drawn.push({ text, right: x + ctx.measureText(text).width, y });
      fill(text, x, y);
    };
    title.drawStatic(ctx);
    title.draw(ctx, scene.iterations);
    for (const s of scene.series) expect(drawn.map((d) => d.text)).toContain(s.label);
    for (const d of drawn) expect([d.text, d.right <= 480]).toEqual([d.text, true]);
    for (const d of drawn) expect([d.text, d.y < title.height]).toEqual([d.text, true]);
    // More than the heading's row and one row of series.
    expect(new Set(drawn.map((d) => Math.round(d.y))).size).toBeGreaterThan(2);
  });

  it('wrapEntries keeps the order, the room and the fewest rows, and evens the rows out', () => {
    expect(wrapEntries([40, 40, 40, 90, 10], 5, 100)).toEqual([[0, 1], [2], [3], [4]]);
    expect(wrapEntries([30, 30, 30], 5, 100)).toEqual([[0, 1, 2]]);
    expect(wrapEntries([150], 5, 100)).toEqual([[0]]);
    // Six entries of which four fit a row: three and three, not four and two.
    expect(wrapEntries([20, 20, 20, 20, 20, 20], 5, 100)).toEqual([[0, 1, 2], [3, 4, 5]]);
    // Five entries, three rows either way: none narrower than greedy's widest (95) keeps to three.
    expect(wrapEntries([45, 45, 5, 45, 45], 5, 100)).toEqual([[0, 1], [2, 3], [4]]);
    // Seven of which four fit: four and three (the rows as even as two allow).
    expect(wrapEntries([20, 20, 20, 20, 20, 20, 20], 5, 100)).toEqual([[0, 1, 2, 3], [4, 5, 6]]);
    // Five of which three fit: three and two.
    expect(wrapEntries([30, 30, 30, 30, 30], 5, 100)).toEqual([[0, 1, 2], [3, 4]]);
    expect(wrapEntries([45, 5, 45, 45], 5, 100)).toEqual([[0, 1], [2, 3]]);
    // An entry wider than the room keeps a row of its own.
    expect(wrapEntries([150, 30, 30, 30, 30], 5, 100)).toEqual([[0], [1, 2, 3, 4]]);
  });
});

describe('tiny losses are written as they are, never as "0" (newcomer review)', () => {
  const { sceneFromOptions } = require('../../../src/index') as typeof import('../../../src/index');
  const { seriesTitle } = require('../../../src/render/frame/seriesTitle') as typeof import('../../../src/render/frame/seriesTitle');
  const { titleLine } = require('../../../src/render/frame/title') as typeof import('../../../src/render/frame/title');
  const { panelStyle } = require('../../../src/render/core/layout') as typeof import('../../../src/render/core/layout');
  const { createCanvas } = require('@napi-rs/canvas') as typeof import('@napi-rs/canvas');
  // (x² − 1)² + y² from (−0.5, 1): both optimizers end within 1e-14 of its minimum 0, far under 1e-12 of the start's f.
  const options = { model: 'function' as const, expr: '(x^2-1)^2 + y^2', init: [-0.5, 1], iterations: 1000, width: 960, height: 480 };

  /** The texts a drawer writes at iteration k. */
  function texts(draw: (ctx: SKRSContext2D) => void): string[] {
    const ctx = createCanvas(960, 480).getContext('2d');
    const out: string[] = [];
    const fill = ctx.fillText.bind(ctx);
    ctx.fillText = (text: string, x: number, y: number) => {
      out.push(text);
      fill(text, x, y);
    };
    draw(ctx);
    return out;
  }

  it('in a race legend: each series\' final loss to four digits', () => {
    const scene = sceneFromOptions({ ...options, optimizer: ['gd', 'adam'] });
    const finals = scene.series.map((s) => s.trajectory.loss[scene.iterations]);
    for (const f of finals) expect(f > 0 && f < 1e-12 * scene.series[0].trajectory.loss[0]).toBe(true);
    const title = seriesTitle(createCanvas(960, 480).getContext('2d'), 960, scene, panelStyle(scene));
    const drawn = texts((ctx) => title.draw(ctx, scene.iterations));
    for (const f of finals) expect(drawn).toContain(formatNumber(f, 4));
    expect(drawn.filter((t) => t === '0')).toEqual([]);
  });

  it('in a single run\'s title: "loss = 1.36e−17", not "loss = 0"', () => {
    const scene = sceneFromOptions({ ...options, optimizer: 'gd' });
    const f = scene.series[0].trajectory.loss[scene.iterations];
    const ctx = createCanvas(960, 480).getContext('2d');
    const style = panelStyle(scene);
    const line = titleLine(ctx, { x: 0, y: 0, w: 960, h: 2 * style.f }, scene, style);
    const drawn = texts((c) => line(c, scene.iterations)).join(' ');
    expect(drawn).toContain(`loss = ${formatNumber(f, 4)}`);
    expect(drawn).not.toMatch(/loss = 0(?![.\d])/);
  });
});

describe('a path that stepped where f is not defined is said so in the legend and the notices (hostile review)', () => {
  const { sceneFromOptions } = require('../../../src/index') as typeof import('../../../src/index');
  const { seriesTitle } = require('../../../src/render/frame/seriesTitle') as typeof import('../../../src/render/frame/seriesTitle');
  const { drawSurfaceNotices } = require('../../../src/render/surface2d/notices') as typeof import('../../../src/render/surface2d/notices');
  const { panelStyle } = require('../../../src/render/core/layout') as typeof import('../../../src/render/core/layout');
  const { createCanvas } = require('@napi-rs/canvas') as typeof import('@napi-rs/canvas');
  // log(x) + y² from (1, 1): each of the three steps to x ≤ 0 at some iteration (its warning: "it did not blow up").
  const scene = sceneFromOptions({ model: 'function', expr: 'log(x)+y^2', domain: [[0.1, 3], [-2, 2]], init: [1, 1], optimizer: ['gd', 'adam', 'newton'], width: 960, height: 480 });

  function written(draw: (ctx: SKRSContext2D) => void): { text: string; right: number }[] {
    const ctx = createCanvas(960, 480).getContext('2d');
    const out: { text: string; right: number }[] = [];
    const fill = ctx.fillText.bind(ctx);
    ctx.fillText = (text: string, x: number, y: number) => {
      out.push({ text, right: x + ctx.measureText(text).width });
      fill(text, x, y);
    };
    draw(ctx);
    return out;
  }

  it('the legend writes "f undefined", not "diverged"', () => {
    expect(scene.series.map((s) => s.diverged?.why)).toEqual(['undefined', 'undefined', 'undefined']);
    const title = seriesTitle(createCanvas(960, 480).getContext('2d'), 960, scene, panelStyle(scene));
    const texts = written((ctx) => title.draw(ctx, scene.iterations)).map((t) => t.text);
    expect(texts.filter((t) => t === 'f undefined')).toHaveLength(3);
    expect(texts).not.toContain('diverged');
  });

  it('each notice fits a narrow surface, in the longest wording that does', () => {
    const style = panelStyle(scene);
    for (const w of [340, 220, 180]) {
      const rect = { x: 10, y: 10, w, h: 300 };
      const drawn = written((ctx) => drawSurfaceNotices(ctx, rect, scene, style, scene.iterations, false)).filter((t) => /defined|undefined/.test(t.text));
      expect(drawn).toHaveLength(3);
      for (const d of drawn) expect([d.text, d.right <= rect.x + rect.w]).toEqual([d.text, true]);
      // One wording for the panel: every notice ends the same way ("at iteration N", "at N", or "f undefined at N").
      const tails = new Set(drawn.map((d) => d.text.replace(/^.*?(left where f is defined at iteration|left where f is defined at|f undefined at) \d+$/, '$1')));
      expect([w, tails.size]).toEqual([w, 1]);
    }
  });
});
