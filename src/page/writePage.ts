/**
 * Writes the interactive page (`--out page.html`) and the player's data (`--out run.json --format player`)
 * from a run's scene: the scene's data, not frames (see codec.ts), with the player built by npm run build
 * (src/build/pageBundle.ts). The page is one file: its script, the font's two subset faces and the data are
 * inline, and nothing it does asks the network for anything.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { messages, runError, usageError } from '../errors';
import type { Scene } from '../types';
import { encodeValue, PAGE_DATA_VERSION, sceneForPage, type PageData, type TypedArray } from './codec';
import { needsRecipes, pageRefusal } from './hydrate';
import { MAX_PAGE_MB } from './limits';
import { theme } from '../render/core/theme';

/** How the animation plays, as the run's files do. */
export interface PageTiming {
  frames: number[];
  fps: number;
  hold: number;
  loop: number;
}

/** The player's data for a scene; refuses (a usage error) a scene a page cannot show yet. */
export function pageData(scene: Scene, timing: PageTiming, writer: string): PageData {
  const why = pageRefusal(scene);
  if (why) throw usageError(messages.pageUnsupported(why));
  const mb = sceneBytes(scene) / 1024 / 1024;
  if (mb > MAX_PAGE_MB) throw runError(messages.pageTooLarge(mb, MAX_PAGE_MB));
  // The surface's samples only place its contours and colours: to 16 bits of mantissa (see roughly).
  const grids = new Set<unknown>([scene.grid.values, ...(scene.sides ?? []).map((s) => s.grid.values)]);
  const { encoded, bytes } = encodeValue(sceneForPage(scene), (a) => (grids.has(a) && a instanceof Float64Array ? roughly(a) : a) as TypedArray);
  return {
    format: 'mlvis-player',
    version: PAGE_DATA_VERSION,
    writer,
    scene: encoded,
    arrays: gzipSync(bytes, { level: 9 }).toString('base64'),
    frames: timing.frames,
    fps: timing.fps,
    hold: timing.hold,
    loop: timing.loop,
  };
}

/**
 * The samples rounded to 16 bits of mantissa (a relative 2^-17), the lowest and highest exact, kept in double precision: single
 * precision would lose a surface whose losses pass 3.4e38 or fall below 1.2e-38 (a CSV in the units of
 * physics; 1e-300·(x² + y²)). The 36 bits dropped are zeros, which the delta and the shuffle (codec.ts)
 * turn into bytes that gzip to almost nothing. NaN and ±Infinity are kept as they are.
 */
export function roughly(a: Float64Array): Float64Array {
  const out = Float64Array.from(a);
  const words = new Uint32Array(out.buffer); // little-endian: the low word, then the high word
  for (let i = 0; i < out.length; i++) {
    const hi = words[2 * i + 1];
    if ((hi & 0x7ff00000) === 0x7ff00000) continue; // NaN, ±Infinity
    // The high word holds 20 bits of mantissa: keep its top 16, rounding on the first dropped bit (but
    // never up past the largest finite double).
    const up = ((hi + 0x8) & 0xfffffff0) >>> 0;
    words[2 * i + 1] = (up & 0x7ff00000) === 0x7ff00000 ? (hi & 0xfffffff0) >>> 0 : up;
    words[2 * i] = 0;
  }
  // The lowest and highest samples stay exact: the contour levels and the colour bar are made from them,
  // and a top sample rounded up past the top level drew one band more than the file (the second hostile
  // review: half of all pages).
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of a) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  for (let i = 0; i < a.length; i++) if (a[i] === lo || a[i] === hi) out[i] = a[i];
  return out;
}


/** The bytes of the scene's typed arrays, each once. */
function sceneBytes(scene: Scene): number {
  const seen = new Set<unknown>();
  let bytes = 0;
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) bytes += v.byteLength;
    else for (const x of Object.values(v)) walk(x);
  };
  walk(scene);
  return bytes;
}

/** The player's files, built by npm run build; a clear error when they are missing. */
function built(name: string): Buffer {
  // dist/page/NAME beside this module (dist/page/writePage.js), under the bundle's folder (dist/mlvis.cjs), or
  // the build's from the sources (src/page/writePage.ts under ts-jest).
  const path = [join(__dirname, name), join(__dirname, 'page', name), join(__dirname, '..', '..', 'dist', 'page', name)].find((p) => existsSync(p)) ?? join(__dirname, name);
  try {
    return readFileSync(path);
  } catch (e) {
    throw runError(`the interactive page's player is missing (${path}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}); run npm run build in mlvis's folder`);
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page: the player's script (gzipped, base64) and the data (gzipped JSON, base64), with the faces in CSS. */
export function pageHtml(data: PageData, title: string, colours: { background: string; text: string } = { background: '#ffffff', text: '#1a1a1a' }, script = 'page.js.gz'): string {
  const fonts = JSON.parse(built('fonts.json').toString('utf8')) as { regular: string; bold: string };
  const code = built(script).toString('base64');
  const payload = gzipSync(Buffer.from(JSON.stringify(data), 'utf8'), { level: 9 }).toString('base64');
  const face = (b64: string, weight: string) => `@font-face{font-family:mlvis-sans;src:url(data:font/woff2;base64,${b64}) format('woff2');font-weight:${weight}}`;
  // The loader inflates the player's script with the browser's own DecompressionStream and runs it.
  const loader =
    "(async()=>{const b=t=>Uint8Array.from(atob(t),c=>c.charCodeAt(0));" +
    "const s=new Blob([b(document.getElementById('mlvis-code').textContent.trim())]).stream().pipeThrough(new DecompressionStream('gzip'));" +
    "(0,eval)(await new Response(s).text())})().catch(e=>{document.getElementById('mlvis').textContent='mlvis: this page could not start: '+e.message;console.error(e)})";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="mlvis ${escapeHtml(data.writer)}">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${face(fonts.regular, 'normal')}${face(fonts.bold, 'bold')}
body{margin:16px;background:${colours.background};color:${colours.text};font-family:mlvis-sans,system-ui,sans-serif}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
</style>
</head>
<body>
<main>
<h1 class="visually-hidden">${escapeHtml(title)}</h1>
<div id="mlvis" tabindex="0" aria-label="${escapeHtml(title)}: an animation you can play, pause and scrub (space, arrow keys, Home, End)"></div>
<noscript>This page draws its animation with JavaScript; turn it on to see it.</noscript>
</main>
<script id="mlvis-data" type="application/octet-stream">${payload}</script>
<script id="mlvis-code" type="application/octet-stream">${code}</script>
<script>${loader}</script>
</body>
</html>
`;
}

/** The bytes of a page or a player file for the scene. */
export function sceneFile(format: 'html' | 'player', scene: Scene, timing: PageTiming, writer: string): Buffer {
  const data = pageData(scene, timing, writer);
  if (format === 'player') return Buffer.from(`${JSON.stringify(data)}\n`, 'utf8');
  // The page around the frame in the frame's own theme (--theme dark: a dark page).
  const t = theme(scene.theme);
  const title = scene.text?.title?.trim() ? scene.text.title : `${scene.model.title} · mlvis`;
  return Buffer.from(pageHtml(data, title, { background: t.background, text: t.text }, needsRecipes(scene) ? 'page-all.js.gz' : 'page.js.gz'), 'utf8');
}
