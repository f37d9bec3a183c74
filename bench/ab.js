#!/usr/bin/env node
/**
 * This build against another checkout of mlvis (built), case by case, in alternate runs: the "no slower than
 * before" checks of a change (issue 18: the default GIF, MP4, race, 1000-frame and 1M-row rows within 5 % of
 * the previous commit). Alternating the two sides in one run keeps a shared machine's drift out of the ratio.
 *
 *   git worktree add /tmp/prev HEAD~1 && (cd /tmp/prev && npm ci && npm run build)
 *   node bench/ab.js /tmp/prev [--runs 7] [--functions]
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { writeBigCsv } = require('./bigCsv');

const ROOT = resolve(__dirname, '..');
const other = process.argv[2];
if (!other || !existsSync(join(other, 'bin', 'mlvis.js'))) {
  console.error('usage: node bench/ab.js DIR [--runs N] [--functions]   (DIR: another built checkout of mlvis, e.g.\n  git worktree add /tmp/prev HEAD~1 && (cd /tmp/prev && npm ci && npm run build); --functions: the\n  default linear GIF and the two function rows only)');
  process.exit(2);
}
const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 7;
const OUT = join(ROOT, 'bench', '.out', 'ab');
mkdirSync(OUT, { recursive: true });

const CASES = [
  { name: 'linear GIF, 100 frames (default)', args: ['linear', '--out', 'fit.gif'] },
  { name: 'linear MP4, 100 frames (default)', args: ['linear', '--out', 'fit.mp4'] },
  { name: 'race of 3 optimizers, 3 panels', args: ['linear', '--optimizer', 'gd,momentum,adam', '--panels', 'surface,fit,loss', '--out', 'race.gif'] },
  { name: 'linear GIF, 1000 frames', args: ['linear', '--frames', '1000', '--out', 'fit1000.gif'] },
  { name: '1M-row CSV, linear GIF', csv: true, args: ['linear', '--data', 'big.csv', '--out', 'big.gif'] },
  { name: '1M-row CSV, logistic GIF, 1000 iterations', csv: true, runs: 3, args: ['logistic', '--data', 'big.csv', '--x', 'x', '--y', 'label', '--out', 'biglog.gif'] },
  { name: 'function GIF, rosenbrock (defaults)', fn: true, args: ['function', 'rosenbrock', '--out', 'fn.gif'] },
  { name: 'race of 6 on rosenbrock, 10,000 iterations', fn: true, args: ['function', 'rosenbrock', '--optimizer', 'gd,momentum,nesterov,rmsprop,adam,newton', '--iters', '10000', '--out', 'race6.gif'] },
];
// --functions: the default linear GIF and the two function cases only (issue 18's ratios, before and after).
const functionsOnly = process.argv.includes('--functions');

function wall(dir, args) {
  const full = args.map((a) => (/\.(gif|mp4|csv)$/.test(a) ? join(OUT, a) : a));
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(dir, 'bin', 'mlvis.js'), ...full, '--quiet'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${dir}: mlvis ${args.join(' ')} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The million-row CSV only when a case reads it (not under --functions).
if (!functionsOnly && !existsSync(join(OUT, 'big.csv'))) writeBigCsv(join(OUT, 'big.csv'), 1_000_000);
console.log(`this build (${ROOT}) against ${resolve(other)}: medians of alternate runs, ms`);
for (const c of CASES.filter((c) => !functionsOnly || c.fn || c.name === 'linear GIF, 100 frames (default)')) {
  const here = [];
  const there = [];
  wall(ROOT, c.args); // warm both sides' caches once
  wall(other, c.args);
  for (let i = 0; i < (c.runs ?? RUNS); i++) {
    // Alternate which side goes first, so neither always follows the other's file writes.
    if (i % 2) here.push(wall(ROOT, c.args)), there.push(wall(other, c.args));
    else there.push(wall(other, c.args)), here.push(wall(ROOT, c.args));
  }
  const [a, b] = [median(here), median(there)];
  const ratio = a / b;
  console.log(`${c.name.padEnd(44)} ${a.toFixed(0).padStart(6)} against ${b.toFixed(0).padStart(6)}  ${ratio.toFixed(3)}x  ${ratio <= 1.05 ? 'ok (within 5 %)' : 'SLOWER by more than 5 %'}`);
}
