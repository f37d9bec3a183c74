'use strict';
/**
 * Loading the command: dist/mlvis.cjs, the bundle of dist/cli.js and its imports (npm run build), compiled
 * with V8's code cache when dist/mlvis.cjs.cache fits it. The cache is written at build time after a small
 * run (src/build/codeCache.ts), so it holds the code a run compiles: a default GIF then spends ~30 ms less
 * compiling (bench/run.js measures it). V8 checks only the source's length, and in a release build nothing
 * of the cache's body: given a cache made from other bytes of the same length it runs the old code, and a
 * damaged body crashes it. So the cache starts with the SHA-1 of the Node version, the bundle's bytes and its
 * own body, and is used only when that matches (about 1 ms to check). V8 may still refuse a cache (other
 * flags), which costs nothing but the time saved.
 *
 * npm run build writes the bundle after the modules; the bundle is what runs, so a build by tsc alone is
 * not seen by the command. dist/cli.js and its modules run when there is no bundle, and for --verbose,
 * whose stack traces then name the modules' files and lines.
 */
const { readFileSync, writeFileSync } = require('node:fs');
const { createHash } = require('node:crypto');
const { join } = require('node:path');
const Module = require('node:module');
const vm = require('node:vm');

const DIST = join(__dirname, '..', 'dist');
const BUNDLE = join(DIST, 'mlvis.cjs');
const CACHE = `${BUNDLE}.cache`;
const MODULES = join(DIST, 'cli.js');
const KEY_BYTES = 20;

/** What a cache must be made for: this Node, these bundle bytes, and this body. */
const cacheKey = (source, body) => createHash('sha1').update(process.version).update('\0').update(source).update(body).digest();

const compile = (source, cachedData) => new vm.Script(Module.wrap(source.toString('utf8')), { filename: BUNDLE, cachedData });

/** Runs the compiled bundle as the CommonJS module it is, and returns its exports. */
function run(script) {
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(BUNDLE), module, BUNDLE, DIST);
  return module.exports;
}

/**
 * The command's exports (main, runCli) and how they were loaded: from the bundle, with its code cache if it
 * fits; from dist/cli.js when asked (`modules`) or when there is no bundle.
 */
function loadCommand({ modules = false } = {}) {
  let source;
  if (!modules) {
    try {
      source = readFileSync(BUNDLE);
    } catch {
      // not bundled: the modules
    }
  }
  if (source === undefined) return { command: require(MODULES), how: 'dist/cli.js' };
  let cachedData;
  try {
    const file = readFileSync(CACHE);
    const body = file.subarray(KEY_BYTES);
    if (file.length > KEY_BYTES && cacheKey(source, body).equals(file.subarray(0, KEY_BYTES))) cachedData = body;
  } catch {
    // no cache: compiled from source
  }
  const script = compile(source, cachedData);
  const used = cachedData !== undefined && !script.cachedDataRejected;
  return { command: run(script), how: used ? 'dist/mlvis.cjs with its code cache' : 'dist/mlvis.cjs' };
}

/** Build step: loads the bundle, lets `work` run it, then writes the code cache of all it compiled. */
async function writeCodeCache(work) {
  const source = readFileSync(BUNDLE);
  const script = compile(source);
  await work(run(script));
  const body = script.createCachedData();
  writeFileSync(CACHE, Buffer.concat([cacheKey(source, body), body]));
  return CACHE;
}

module.exports = { loadCommand, writeCodeCache };
