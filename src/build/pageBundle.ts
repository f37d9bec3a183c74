/**
 * Builds the interactive page's player (npm run build): mlvis's renderer and the few engine parts a page needs,
 * bundled for the browser by esbuild with src/page/browser/canvas.ts and font.ts in place of @napi-rs/canvas
 * and the font files, and the shipped DejaVu Sans subset (subset-font, harfbuzz) to the characters mlvis
 * draws, as WOFF2 without hinting (the browser's rasterizer does not need it: a third of the bytes). Writes dist/page/page.js and page.js.gz (the HTML page's inline script, an IIFE; page-all.js.gz with the
 * recipes' factories, for the models that need them), dist/page/player.js
 * (the <mlvis-player> element as an ES module) and dist/page/fonts.json. Needs the dev dependencies: a
 * published package ships these files built.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(__dirname, '..', '..');
const SRC = join(ROOT, 'src');
const OUT = join(ROOT, 'dist', 'page');

/**
 * The characters the subset keeps: printable ASCII, the superscripts (powers of ten), and every other
 * character in a string of mlvis's own sources (−, ·, ², ≤, π, …; comments left out): the text a frame
 * draws, bar what a user brings. A character outside it (an accented column name, a title in another
 * script) is drawn in the browser's sans-serif. Each character costs about 40 bytes a face.
 */
export function subsetText(): string {
  const chars = new Set<string>();
  for (let c = 0x20; c <= 0x7e; c++) chars.add(String.fromCharCode(c));
  for (let c = 0x2070; c <= 0x207f; c++) chars.add(String.fromCharCode(c));
  for (const file of sources(SRC)) {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
    for (const m of code.matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)) {
      for (const ch of m[0]) if (ch.codePointAt(0)! > 0x7e) chars.add(ch);
    }
  }
  return [...chars].sort().join('');
}

function sources(dir: string): string[] {
  const { readdirSync, statSync } = require('node:fs') as typeof import('node:fs');
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

async function fonts(): Promise<{ regular: string; bold: string }> {
  const subsetFont = require('subset-font') as (font: Buffer, text: string, o: { targetFormat: 'woff2'; noHinting?: boolean }) => Promise<Buffer>;
  const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  const text = subsetText();
  const face = async (file: string) => (await subsetFont(readFileSync(join(dir, file)), text, { targetFormat: 'woff2', noHinting: true })).toString('base64');
  return { regular: await face('DejaVuSans.ttf'), bold: await face('DejaVuSans-Bold.ttf') };
}

async function main(): Promise<void> {
  const esbuild = require('esbuild') as typeof import('esbuild');
  mkdirSync(OUT, { recursive: true });
  const faces = await fonts();
  writeFileSync(join(OUT, 'fonts.json'), JSON.stringify(faces));
  const shims: import('esbuild').Plugin = {
    name: 'mlvis-browser',
    setup(build) {
      build.onResolve({ filter: /^@napi-rs\/canvas$/ }, () => ({ path: join(SRC, 'page', 'browser', 'canvas.ts') }));
      build.onResolve({ filter: /\/core\/font$|^\.\/font$/ }, (a) =>
        a.importer.includes(`${join('src', 'render')}`) ? { path: join(SRC, 'page', 'browser', 'font.ts') } : undefined,
      );
      // The message catalogue: see src/page/browser/errors.ts.
      build.onResolve({ filter: /\/errors$/ }, (a) => (resolve(a.resolveDir, a.path) === join(SRC, 'errors') ? { path: join(SRC, 'page', 'browser', 'errors.ts') } : undefined));
      // The encoders (loaded by the format registry only when a file is written) never run in a page.
      build.onResolve({ filter: /^\.\/(gif|video|png)$/ }, (a) => (a.importer.endsWith(join('encode', 'registry.ts')) ? { path: a.path, namespace: 'mlvis-empty' } : undefined));
      build.onLoad({ filter: /.*/, namespace: 'mlvis-empty' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
      // The WebAssembly kernels sum a million rows for training, never in a page: their JavaScript loops run
      // there, and the page leaves out the modules' base64 (some 40 kB).
      build.onResolve({ filter: /\/wasm\/logisticKernel$/ }, (a) => ({ path: resolve(a.resolveDir, a.path), namespace: 'mlvis-no-wasm' }));
      // Every function the module exports, as one that returns null: "no WebAssembly here" to each caller.
      build.onLoad({ filter: /.*/, namespace: 'mlvis-no-wasm' }, (a) => ({
        contents: [...readFileSync(`${a.path}.ts`, 'utf8').matchAll(/^export function (\w+)/gm)].map((m) => `export function ${m[1]}() { return null; }`).join('\n'),
        loader: 'js',
      }));
    },
  };
  // The default page's script leaves out the 3-D view and --starts: modules whose exports throw instead.
  const OUT_OF_DEFAULT: Record<string, string[]> = {
    [join(SRC, 'render', 'surface3d', 'surface3d')]: ['surface3dPanel'],
    [join(SRC, 'render', 'fit', 'fit3d')]: ['fit3dPanel'],
    [join(SRC, 'render', 'starts', 'startsFrame')]: ['createStartsDrawer'],
  };
  const leaveOut: import('esbuild').Plugin = {
    name: 'mlvis-default-page',
    setup(build) {
      build.onResolve({ filter: /surface3d$|fit3d$|startsFrame$/ }, (a) => {
        const path = resolve(a.resolveDir, a.path);
        return OUT_OF_DEFAULT[path] ? { path, namespace: 'mlvis-left-out' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'mlvis-left-out' }, (a) => ({
        contents: OUT_OF_DEFAULT[a.path].map((n) => `export function ${n}() { throw new Error('this page was written without the 3-D view and --starts'); }`).join('\n'),
        loader: 'js',
      }));
    },
  };
  const common: import('esbuild').BuildOptions = {
    bundle: true,
    minify: true,
    platform: 'browser',
    target: 'chrome110',
    legalComments: 'none',
    plugins: [shims],
    logLevel: 'warning',
  };
  // The page's script, without the faces (the page declares them in CSS), gzipped once here: a page holds it
  // as base64 and inflates it in the browser (DecompressionStream), a third of its size as plain text.
  // Two: the default page's (linear, logistic, the test functions, 2-D) and one with everything else: the
  // recipes' factories (polynomials, feature columns, networks, softmax), the 3-D view and --starts, which
  // would add a fifth to every default page's bytes (src/page/writePage.ts chooses).
  for (const [entry, name] of [['pageEntry.ts', 'page.js'], ['pageEntryAll.ts', 'page-all.js']]) {
    const plugins = name === 'page.js' ? [shims, leaveOut] : [shims];
    const page = await esbuild.build({ ...common, plugins, define: { __MLVIS_FONTS__: 'null' }, entryPoints: [join(SRC, 'page', 'browser', entry)], format: 'iife', write: false });
    const code = page.outputFiles[0].contents;
    writeFileSync(join(OUT, name), code);
    writeFileSync(join(OUT, `${name}.gz`), gzipSync(code, { level: 9 }));
  }
  await esbuild.build({ ...common, define: { __MLVIS_FONTS__: JSON.stringify(faces) }, entryPoints: [join(SRC, 'page', 'browser', 'module.ts')], format: 'esm', outfile: join(OUT, 'player.js') });
}

if (require.main === module) {
  main().catch((e: Error) => {
    process.stderr.write(`page bundle: ${e.message}\n`);
    process.exit(1);
  });
}
