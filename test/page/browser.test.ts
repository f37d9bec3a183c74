/**
 * The interactive page in a real browser: Debian's chromium, driven by playwright-core. The page is opened
 * from disk with every request that is not the file itself refused and recorded (none may happen); it must
 * draw what the PNG still of the same iteration draws, play, pause, answer the keyboard, read the engine's
 * loss under the pointer, start paused for prefers-reduced-motion, draw at devicePixelRatio, and log no
 * error. The <mlvis-player> element is served its module and data by the test itself.
 *
 * Where no chromium is installed the suite is skipped with a notice, except under CI (CI=true), where it
 * fails: .ci/run installs chromium. MLVIS_CHROMIUM names another binary.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { run, sceneFromOptions } from '../../src';
import { createRenderer } from '../../src/render';
import { roughly } from '../../src/page/writePage';
import { ROOT } from '../helpers/cli';

const CHROMIUM = process.env.MLVIS_CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const suite = CHROMIUM ? describe : describe.skip;
if (!CHROMIUM) {
  if (process.env.CI) throw new Error('the browser tests need chromium (apt-get install chromium), and CI must run them');
  console.warn('test/page/browser.test.ts: skipped, no chromium found (apt-get install chromium, or set MLVIS_CHROMIUM)');
}

/** Pixels of a PNG (a file or a screenshot) as RGBA. */
async function rgba(png: Buffer): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const image = await loadImage(png);
  const ctx = createCanvas(image.width, image.height).getContext('2d');
  ctx.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, data: ctx.getImageData(0, 0, image.width, image.height).data };
}

/** Each pixel's largest channel difference between two RGBA images of one size. */
function channelDiff(a: ArrayLike<number>, b: ArrayLike<number>, n: number): Uint8Array {
  const d = new Uint8Array(n);
  for (let i = 0; i < n; i++) d[i] = Math.max(Math.abs(a[4 * i] - b[4 * i]), Math.abs(a[4 * i + 1] - b[4 * i + 1]), Math.abs(a[4 * i + 2] - b[4 * i + 2]));
  return d;
}

/**
 * Where a frame has text: the pixels that change when the renderer's fillText and strokeText draw nothing,
 * grown by 2 pixels. The browser's Skia and @napi-rs/canvas rasterize the same unhinted glyphs apart (up to
 * 80 levels on a glyph's edge), so text is compared only for being there; everything else to 2 levels.
 */
function textMask(draw: () => Uint8Array, width: number, height: number): Uint8Array {
  const withText = draw();
  const proto = Object.getPrototypeOf(createCanvas(1, 1).getContext('2d')) as { fillText: unknown; strokeText: unknown };
  const [fill, stroke] = [proto.fillText, proto.strokeText];
  proto.fillText = proto.strokeText = () => undefined;
  let without: Uint8Array;
  try {
    without = draw();
  } finally {
    [proto.fillText, proto.strokeText] = [fill, stroke];
  }
  const d = channelDiff(withText, without, width * height);
  const mask = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      if (!d[y * width + x]) continue;
      for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) {
        const [u, v] = [x + dx, y + dy];
        if (u >= 0 && v >= 0 && u < width && v < height) mask[v * width + u] = 1;
      }
    }
  return mask;
}

/** Pixels off the mask that differ by more than 2 levels, as a share of the pixels off the mask. */
function offMask(a: ArrayLike<number>, b: ArrayLike<number>, mask: Uint8Array): number {
  const d = channelDiff(a, b, mask.length);
  let over = 0;
  let off = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i]) continue;
    off++;
    if (d[i] > 2) over++;
  }
  return over / off;
}

/** What dragging the scrubber to `value` does: the input's value, and its input event. */
async function drag(slider: import('playwright-core').Locator, value: number): Promise<void> {
  await slider.evaluate((e, v) => {
    const input = e as unknown as { value: string; dispatchEvent(ev: unknown): void };
    input.value = String(v);
    input.dispatchEvent(new (globalThis as unknown as { Event: new (t: string, o: object) => unknown }).Event('input', { bubbles: true }));
  }, value);
}

suite('the interactive page in chromium', () => {
  let browser: Browser;
  let dir: string;
  const K = 30;
  const K2 = 1000;

  /** A page opened from disk, every other request refused and recorded, console errors recorded. */
  async function open(file: string, o: { dpr?: number; reducedMotion?: 'reduce' | 'no-preference' } = {}) {
    const context = await browser.newContext({ viewport: { width: 1100, height: 760 }, deviceScaleFactor: o.dpr ?? 1, reducedMotion: o.reducedMotion ?? 'no-preference' });
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    await page.route('**/*', (r) => {
      const url = r.request().url();
      if (url === `file://${file}`) return r.continue();
      requests.push(url);
      return r.abort();
    });
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`file://${file}`);
    await page.waitForFunction(() => (globalThis as unknown as { mlvisPlayer?: unknown }).mlvisPlayer, null, { timeout: 20_000 });
    return { page, requests, errors, close: () => context.close() };
  }
  const iteration = (page: Page) => page.evaluate(() => (globalThis as unknown as { mlvisPlayer: { iteration(): number } }).mlvisPlayer.iteration());
  const playing = (page: Page) => page.evaluate(() => (globalThis as unknown as { mlvisPlayer: { playing(): boolean } }).mlvisPlayer.playing());
  const seek = (page: Page, k: number) => page.evaluate((k) => (globalThis as unknown as { mlvisPlayer: { seek(k: number): void } }).mlvisPlayer.seek(k), k);
  /** The page's readout under frame pixel (x, y): the weights there and the loss (null where it has none), or null off the surfaces. */
  const hoverAt = (page: Page, x: number, y: number) =>
    page.evaluate(([x, y]) => (globalThis as unknown as { mlvisPlayer: { hoverAt(x: number, y: number): { w: number[]; loss: number | null } | null } }).mlvisPlayer.hoverAt(x, y), [x, y]);
  const turn = (page: Page) => page.evaluate(() => (globalThis as unknown as { mlvisPlayer: { turn(): number | null } }).mlvisPlayer.turn());

  beforeAll(async () => {
    const { chromium } = require('playwright-core') as typeof import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    dir = await mkdtemp(join(tmpdir(), 'mlvis-page-'));
    await run({ model: 'linear', out: [join(dir, 'fit.html'), join(dir, 'still.png')], frame: [K, K2] });
    await run({ model: 'linear', out: join(dir, 'run.json'), format: 'player' });
    await run({ model: 'function', function: 'rosenbrock', optimizer: ['gd', 'momentum', 'adam'], iterations: 400, out: join(dir, 'race.html') });
    await run({ model: 'linear', view: '3d', iterations: 200, out: [join(dir, 'view3d.html'), join(dir, 'view3d.png')] });
    await run({ model: 'linear', iterations: 20, frames: 5, fps: 50, hold: 0, loop: 2, title: 'Twice </title><b>', out: join(dir, 'twice.html') });
    await run({ model: 'function', function: 'himmelblau', starts: 12, iterations: 300, out: join(dir, 'starts.html') });
    await run({ model: 'mlp', iterations: 300, out: [join(dir, 'mlp.html'), join(dir, 'mlp.png')], frame: 300 });
    await run({ model: 'linear', lr: [0.05, 0.3], layout: 'grid', iterations: 100, out: join(dir, 'grid.html') });
    await run({ model: 'function', function: 'booth', iterations: 50, out: join(dir, 'booth.json'), format: 'player' });
    await run({ model: 'function', expr: 'log(x)+y^2', domain: [[0.1, 3], [-2, 2]], init: [1, 1], optimizer: ['gd', 'adam'], iterations: 100, out: join(dir, 'undefined.html') });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('asks for nothing, logs no error, and draws what the PNG still of the same iteration draws', async () => {
    const { page, requests, errors, close } = await open(join(dir, 'fit.html'));
    try {
      await seek(page, K);
      const shot = await rgba(await page.locator('#mlvis canvas').screenshot());
      const [still, other] = [await rgba(await readFile(join(dir, `still-${K}.png`))), await rgba(await readFile(join(dir, `still-${K2}.png`)))];
      expect([shot.width, shot.height]).toEqual([still.width, still.height]);
      // The page's surface grid is sent to 16 bits of mantissa: the Node frame of that grid is what it must draw.
      const scene = sceneFromOptions({ model: 'linear' });
      const rounded = { ...scene, grid: { ...scene.grid, values: roughly(scene.grid.values) } };
      const mask = textMask(() => createRenderer(rounded).drawFrame(K), scene.width, scene.height);
      const node = createRenderer(rounded).drawFrame(K);
      // Off the text, every pixel within 2 levels of the Node renderer's frame (measured: every one, on 95 %
      // of the frame), and the PNG still differs from that frame only where the rounding moved a contour's
      // anti-aliased edge (measured 0.03 %).
      expect(offMask(shot.data, node, mask)).toBeLessThan(0.0001);
      expect(offMask(still.data, node, mask)).toBeLessThan(0.003);
      // Another iteration's still is far from it: the path, the fit line and the markers moved (measured 0.9 %).
      expect(offMask(shot.data, other.data, mask)).toBeGreaterThan(0.005);
      // On the text, the same words: within a mean of 12 levels (measured 6.7).
      const d = channelDiff(shot.data, node, mask.length);
      let sum = 0;
      let count = 0;
      for (let i = 0; i < mask.length; i++) if (mask[i]) (sum += d[i]), count++;
      expect(sum / count).toBeLessThan(12);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
      expect(await page.locator('.mlvis-readout').textContent()).toMatch(new RegExp(`^iteration ${K} / 1000\\nGD: w0 = [-−0-9.]+, w1 = [-−0-9.]+; MSE [0-9.]+$`));
    } finally {
      await close();
    }
  });

  it('plays, pauses and holds, and answers the keyboard', async () => {
    const { page, close } = await open(join(dir, 'fit.html'));
    try {
      expect(await playing(page)).toBe(true);
      await page.waitForFunction(() => (globalThis as unknown as { mlvisPlayer: { iteration(): number } }).mlvisPlayer.iteration() > 0);
      await page.getByRole('button', { name: 'Pause' }).click();
      const held = await iteration(page);
      await page.waitForTimeout(300);
      expect(await iteration(page)).toBe(held);
      expect(await playing(page)).toBe(false);
      await page.locator('#mlvis').focus();
      await page.keyboard.press('End');
      expect(await iteration(page)).toBe(1000);
      await page.keyboard.press('Home');
      expect(await iteration(page)).toBe(0);
      await page.keyboard.press('Shift+ArrowRight');
      expect(await iteration(page)).toBe(1);
      await page.keyboard.press('ArrowRight');
      const next = await iteration(page);
      expect(next).toBeGreaterThan(1);
      await page.keyboard.press('ArrowLeft');
      expect(await iteration(page)).toBeLessThan(next);
      await page.keyboard.press(' ');
      expect(await playing(page)).toBe(true);
      await page.keyboard.press(' ');
      expect(await playing(page)).toBe(false);
      // The scrubber reaches any iteration, not only the frames'.
      await drag(page.getByRole('slider', { name: 'Iteration' }), 437);
      expect(await iteration(page)).toBe(437);
    } finally {
      await close();
    }
  });

  it('reads the engine loss under the pointer, in the data units', async () => {
    const { page, close } = await open(join(dir, 'fit.html'));
    try {
      const canvas = page.locator('#mlvis canvas');
      const box = (await canvas.boundingBox())!;
      // A point inside the surface's plot, at frame pixel (200, 200).
      await page.mouse.move(box.x + 200, box.y + 200);
      const text = await page.locator('.mlvis-hover').textContent();
      const h = (await hoverAt(page, 200, 200))!;
      const { x, y } = sceneFromOptions({ model: 'linear', iterations: 1 }).data;
      let sum = 0;
      for (let i = 0; i < x.length; i++) sum += (h.w[1] * x[i] + h.w[0] - y[i]) ** 2;
      expect(Math.abs(h.loss! - sum / x.length) / (sum / x.length)).toBeLessThan(1e-12);
      expect(text).toContain(`under the pointer: w0 = `);
      expect(text).toMatch(/; MSE [0-9.]+$/);
      // The README's picture of the controls (MLVIS_SCREENSHOTS=1): mid-run, with the pointer's readout.
      if (process.env.MLVIS_SCREENSHOTS === '1') {
        await seek(page, 60);
        await page.mouse.move(box.x + 200, box.y + 200);
        await page.locator('#mlvis').screenshot({ path: join(ROOT, 'output', 'page-controls.png') });
      }
      await page.mouse.move(box.x + 900, box.y + 20);
      expect(await page.locator('.mlvis-hover').textContent()).toBe('');
    } finally {
      await close();
    }
  });

  it('starts paused under prefers-reduced-motion, and draws at devicePixelRatio', async () => {
    const { page, close } = await open(join(dir, 'fit.html'), { dpr: 2, reducedMotion: 'reduce' });
    try {
      expect(await playing(page)).toBe(false);
      expect(await iteration(page)).toBe(0);
      expect(await page.locator('#mlvis canvas').evaluate((c) => { const e = c as unknown as { width: number; height: number; clientWidth: number }; return [e.width, e.height, e.clientWidth]; })).toEqual([1920, 960, 960]);
      // Buttons are buttons with names, and focus shows.
      for (const name of ['Step back', 'Play', 'Step forward']) expect(await page.getByRole('button', { name }).count()).toBe(1);
      await page.getByRole('button', { name: 'Play' }).focus();
      expect(await page.getByRole('button', { name: 'Play' }).evaluate((b) => (globalThis as unknown as { getComputedStyle(e: unknown): { outlineStyle: string } }).getComputedStyle(b).outlineStyle)).toBe('solid');
    } finally {
      await close();
    }
  });

  it('shows a race of three on a test function with a readout per series', async () => {
    const { page, requests, errors, close } = await open(join(dir, 'race.html'));
    try {
      await seek(page, 400);
      const lines = (await page.locator('.mlvis-readout').textContent())!.split('\n');
      expect(lines[0]).toBe('iteration 400 / 400');
      expect(lines.slice(1).map((l) => l.split(':')[0])).toEqual([expect.stringMatching(/^GD/), expect.stringMatching(/^momentum/), expect.stringMatching(/^Adam/)]);
      const h = (await hoverAt(page, 200, 250))!;
      const [a, b] = h.w;
      expect(h.loss).toBe((1 - a) ** 2 + 100 * (b - a * a) ** 2);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('says a path that stepped where f is not defined stopped as "f undefined", as the legend and the warning do', async () => {
    const { page, errors, close } = await open(join(dir, 'undefined.html'));
    try {
      await seek(page, 100);
      const lines = (await page.locator('.mlvis-readout').textContent())!.split('\n');
      expect(lines[1]).toMatch(/^GD · lr 0\.5: x = 0\.5, y = 0; f [-0-9.]+ \(f undefined: stopped after update 1\)$/);
      expect(lines.join('\n')).not.toMatch(/diverged/);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('turns the 3-D view when dragged, and draws the file\'s framing until then', async () => {
    const { page, errors, close } = await open(join(dir, 'view3d.html'));
    try {
      await seek(page, 200);
      const canvas = page.locator('#mlvis canvas');
      const before = await rgba(await canvas.screenshot());
      const still = await rgba(await readFile(join(dir, 'view3d.png')));
      // Untouched, the page frames the box as the file does: off the text, its pixels agree (measured 0.2 % apart).
      const scene = sceneFromOptions({ model: 'linear', view: '3d', iterations: 200 });
      const mask = textMask(() => createRenderer(scene).drawFrame(200), scene.width, scene.height);
      expect(offMask(before.data, still.data, mask)).toBeLessThan(0.01);
      expect(await turn(page)).toBeNull();
      const box = (await canvas.boundingBox())!;
      await page.mouse.move(box.x + 240, box.y + 240);
      await page.mouse.down();
      await page.mouse.move(box.x + 340, box.y + 240, { steps: 5 });
      await page.mouse.up();
      expect(await turn(page)).toBe(-50);
      const after = await rgba(await canvas.screenshot());
      expect(offMask(after.data, before.data, mask)).toBeGreaterThan(0.05);
      expect(await iteration(page)).toBe(200);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('--loop 2 plays twice and stops; the loop box and browser shortcuts keep their keys; --title names the page', async () => {
    const { page, errors, close } = await open(join(dir, 'twice.html'));
    try {
      expect(await page.title()).toBe('Twice </title><b>');
      await page.waitForFunction(() => !(globalThis as unknown as { mlvisPlayer: { playing(): boolean } }).mlvisPlayer.playing(), null, { timeout: 5000 });
      expect(await iteration(page)).toBe(20);
      const box = page.getByRole('checkbox', { name: 'Loop' });
      expect(await box.isChecked()).toBe(false);
      await box.focus();
      await page.keyboard.press(' ');
      expect(await box.isChecked()).toBe(true);
      expect(await playing(page)).toBe(false);
      await page.locator('#mlvis').focus();
      await page.keyboard.press('Alt+ArrowLeft');
      expect(await iteration(page)).toBe(20);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('reads out how many starts have reached a minimum', async () => {
    const { page, errors, close } = await open(join(dir, 'starts.html'));
    try {
      await seek(page, 0);
      expect((await page.locator('.mlvis-readout').textContent())!.split('\n')[1]).toMatch(/^12 random starts · gradient descent: 0 of 12 at a minimum; lowest f [0-9.]+$/);
      await seek(page, 300);
      const [, reached] = /: (\d+) of 12 at a minimum/.exec((await page.locator('.mlvis-readout').textContent())!)!;
      expect(Number(reached)).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('draws a network the way its PNG still does (its descriptor made again from its recipe)', async () => {
    const { page, requests, errors, close } = await open(join(dir, 'mlp.html'));
    try {
      await seek(page, 300);
      const shot = await rgba(await page.locator('#mlvis canvas').screenshot());
      const still = await rgba(await readFile(join(dir, 'mlp.png')));
      const scene = sceneFromOptions({ model: 'mlp', iterations: 300 });
      const rounded = { ...scene, grid: { ...scene.grid, values: roughly(scene.grid.values) } };
      const mask = textMask(() => createRenderer(rounded).drawFrame(300), scene.width, scene.height);
      // The decision region is smoothed up from its cells in both (measured: 0.0 % apart off the text).
      expect(offMask(shot.data, createRenderer(rounded).drawFrame(300), mask)).toBeLessThan(0.001);
      expect(offMask(shot.data, still.data, mask)).toBeLessThan(0.01);
      // 33 weights: their count and length, not a line of 33 numbers.
      expect((await page.locator('.mlvis-readout').textContent())!.split('\n')[1]).toMatch(/^GD: 33 weights, \|w\| = [0-9.]+; cross-entropy [0-9.]+$/);
      // The pointer reads the weights; a network's loss is its fit's, not the page's.
      const h = (await hoverAt(page, 200, 250))!;
      expect(h.loss).toBeNull();
      expect(h.w).toHaveLength(scene.series[0].trajectory.w.length);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('reads the loss under the pointer in every cell of a grid', async () => {
    const { page, errors, close } = await open(join(dir, 'grid.html'));
    try {
      const { x, y } = sceneFromOptions({ model: 'linear', iterations: 1 }).data;
      const mse = (w: number[]) => {
        let sum = 0;
        for (let i = 0; i < x.length; i++) sum += (w[1] * x[i] + w[0] - y[i]) ** 2;
        return sum / x.length;
      };
      // A point in the left cell and one in the right cell, on the same surface.
      for (const px of [200, 680]) {
        const h = await hoverAt(page, px, 250);
        expect(h).not.toBeNull();
        expect(Math.abs(h!.loss! - mse(h!.w)) / mse(h!.w)).toBeLessThan(1e-12);
      }
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('<mlvis-player src> plays the --format player data from a docs page', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const page = await context.newPage();
    const served: Record<string, [string, Buffer]> = {
      '/index.html': ['text/html', Buffer.from('<!doctype html><meta charset="utf-8"><body style="background:#111;color:#eee"><script type="module" src="player.js"></script><mlvis-player src="run.json"></mlvis-player><mlvis-player id="second" src="run.json" paused></mlvis-player><mlvis-player id="cut" src="cut.json"></mlvis-player><mlvis-player id="frames" src="frames.json"></mlvis-player><mlvis-player id="late"></mlvis-player><mlvis-player id="switch" src="slow.json" paused></mlvis-player>')],
      '/player.js': ['text/javascript', await readFile(join(ROOT, 'dist', 'page', 'player.js'))],
      '/run.json': ['application/json', await readFile(join(dir, 'run.json'))],
      '/cut.json': ['application/json', Buffer.from(JSON.stringify({ ...JSON.parse(await readFile(join(dir, 'run.json'), 'utf8')), arrays: 'H4sIAAAAAAAA' }))],
      '/booth.json': ['application/json', await readFile(join(dir, 'booth.json'))],
      '/frames.json': ['application/json', Buffer.from(JSON.stringify({ ...JSON.parse(await readFile(join(dir, 'run.json'), 'utf8')), frames: [0, 5000] }))],
    };
    const others: string[] = [];
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.route('**/*', async (r) => {
      const url = new URL(r.request().url());
      // A slow answer, overtaken by a later src: its data must not be shown.
      if (url.href === 'http://docs.test/slow.json') {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        return r.fulfill({ contentType: 'application/json', body: served['/run.json'][1] });
      }
      const file = url.origin === 'http://docs.test' ? served[url.pathname] : undefined;
      if (!file) {
        others.push(url.href);
        return r.abort();
      }
      return r.fulfill({ contentType: file[0], body: file[1] });
    });
    try {
      await page.goto('http://docs.test/index.html');
      await page.locator('mlvis-player').first().locator('canvas').waitFor();
      await drag(page.locator('mlvis-player').first().getByRole('slider', { name: 'Iteration' }), 1000);
      expect(await page.locator('mlvis-player').first().locator('.mlvis-readout').textContent()).toMatch(/^iteration 1000 \/ 1000\nGD: w0 = /);
      // `paused` holds the second at the start; its text takes the page's colour (a dark docs theme).
      const second = page.locator('#second');
      await second.locator('canvas').waitFor();
      expect(await second.evaluate((e) => (e as unknown as { handle: Promise<{ playing(): boolean; iteration(): number }> }).handle.then((h) => [h.playing(), h.iteration()]))).toEqual([false, 0]);
      expect(await second.locator('.mlvis-readout').evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(e).color)).toBe('rgb(238, 238, 238)');
      // Damaged data: one message in the element, no uncaught error.
      await page.waitForFunction(() => (globalThis as unknown as { document: { getElementById(id: string): { textContent: string } } }).document.getElementById('frames').textContent.startsWith('mlvis-player:'));
      expect(await page.locator('#cut').textContent()).toBe('mlvis-player: the data is damaged: its arrays do not inflate (was the file cut short or edited?)');
      expect(await page.locator('#frames').textContent()).toBe('mlvis-player: the data\'s frames are not increasing iterations from 0 to 1000');
      // The src changed while its first answer was on the way: the later one is shown, and stays.
      await page.locator('#switch').evaluate((e) => (e as unknown as { setAttribute(k: string, v: string): void }).setAttribute('src', 'booth.json'));
      await page.locator('#switch canvas').waitFor();
      await page.waitForTimeout(1800);
      expect(await page.locator('#switch .mlvis-readout').textContent()).toMatch(/^iteration 0 \/ 50\nGD: x = /);
      expect(await page.locator('#switch canvas').count()).toBe(1);
      // A src given later loads.
      await page.locator('#late').evaluate((e) => (e as unknown as { setAttribute(k: string, v: string): void }).setAttribute('src', 'run.json'));
      await page.locator('#late canvas').waitFor();
      expect(others).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
