'use strict';
/**
 * Loading the command: dist/mlvis.cjs, the bundle of dist/cli.js and its imports (npm run build), compiled
 * with V8's code cache when dist/mlvis.cjs.cache fits it. The cache is written at build time after a small
 * run (src/build/codeCache.ts), so it holds the code a run compiles: a default GIF then spends ~30 ms less
 * compiling (bench/run.js and bench/peer.js measure the runs). A cache is used only for the bytes it was made
 * from and the Node that made it (its first 20 bytes are their SHA-1; V8 itself checks only the source's
 * length), and V8 may still refuse it (other flags), which costs nothing but the time saved.
 */
const { readFileSync, statSync, writeFileSync } = require('node:fs');
const { createHash } = require('node:crypto');
const { join } = require('node:path');
const Module = require('node:module');
const vm = require('node:vm');

const DIST = join(__dirname, '..', 'dist');
const BUNDLE = join(DIST, 'mlvis.cjs');
const CACHE = `${BUNDLE}.cache`;
const MODULES = join(DIST, 'cli.js');
const KEY_BYTES = 20;

const builtAt = (path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? -1;

/** What a cache must be made for: these bundle bytes, run by this Node. */
const cacheKey = (source) => createHash('sha1').update(process.version).update('\0').update(source).digest();

const compile = (source, cachedData) => new vm.Script(Module.wrap(source.toString('utf8')), { filename: BUNDLE, cachedData });

/** Runs the compiled bundle as the CommonJS module it is, and returns its exports. */
function run(script) {
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(BUNDLE), module, BUNDLE, DIST);
  return module.exports;
}

/**
 * The command's exports (main, runCli) and how they were loaded: from the bundle, with its code cache if it
 * fits; from dist/cli.js when that is newer than the bundle (dist/ rebuilt by tsc alone) or there is none.
 */
function loadCommand() {
  if (builtAt(BUNDLE) < builtAt(MODULES)) return { command: require(MODULES), how: 'dist/cli.js' };
  const source = readFileSync(BUNDLE);
  let cachedData;
  try {
    const file = readFileSync(CACHE);
    if (file.length > KEY_BYTES && cacheKey(source).equals(file.subarray(0, KEY_BYTES))) cachedData = file.subarray(KEY_BYTES);
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
  writeFileSync(CACHE, Buffer.concat([cacheKey(source), script.createCachedData()]));
  return CACHE;
}

module.exports = { loadCommand, writeCodeCache };
