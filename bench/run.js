'use strict';
/**
 * `npm run bench`: the speed, size and memory targets of issue 3, measured end to end (Node start-up,
 * training, drawing, encoding, writing) in child processes, printed as a table with each target and a
 * ratio against the original matplotlib workflow (../shared/anchors/seed_pipeline.py) when Debian's
 * python3-matplotlib is installed.
 *
 *   npm run bench            the targets, the 100-frame anchor, the GIF encoder comparison, and the
 *                            per-frame cost of --view 3d against 2d (bench/view3d.js)
 *   npm run bench -- --full  also the 1000-frame anchor (about 20 minutes)
 *   node bench/run.js --csv  only the 1M-row CSV cases (after npm run build)
 *   node bench/run.js --page  only the default GIF and the interactive page of the same run (after npm run build)
 *   npm run bench -- --suite how long the test suite (jest, after the build) takes here, and how many tests
 *   node bench/run.js --ffmpeg  only the default MP4 with the bundled ffmpeg and with a system one on PATH
 *   node bench/run.js --functions  only issue 18's ratios (a function GIF and a race of six on Rosenbrock
 *                            against the default linear GIF, medians of alternate runs) and issue 19's
 *                            (a default poly --degree 5 GIF, a default mlp GIF, the mlp decision region per frame)
 *   node bench/run.js --help  this text
 *
 * The whole of npm run bench takes about 15 minutes on the 2-core development machine.
 * Timings on a shared 2-core machine are noisy: read the ratios, and rerun before believing a miss.
 */
const { spawnSync, execFileSync } = require('node:child_process');
const { existsSync, mkdirSync, statSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const OUT = join(__dirname, '.out');
// A flag it does not know, or --help, prints the usage above instead of starting a 15-minute run.
const KNOWN = ['--full', '--csv', '--ffmpeg', '--suite', '--functions', '--page'];
const unknown = process.argv.slice(2).filter((a) => !KNOWN.includes(a));
if (unknown.length > 0) {
  const usage = require('node:fs').readFileSync(__filename, 'utf8').match(/\/\*\*\n([\s\S]*?) \*\//)[1].replace(/^ \* ?/gm, '');
  process.stderr.write(`${unknown.includes('--help') || unknown.includes('-h') ? '' : `bench/run.js: unknown ${unknown.join(' ')}\n\n`}${usage}`);
  process.exit(unknown.includes('--help') || unknown.includes('-h') ? 0 : 2);
}
const full = process.argv.includes('--full');
const csvOnly = process.argv.includes('--csv');
const ffmpegOnly = process.argv.includes('--ffmpeg');
const suiteOnly = process.argv.includes('--suite');
const functionsOnly = process.argv.includes('--functions');
const pageOnly = process.argv.includes('--page');
const bigCsv = () => existsSync(join(OUT, 'big.csv')) || writeBigCsv(join(OUT, 'big.csv'), 1_000_000);
const ANCHOR = [join(ROOT, '..', 'shared', 'anchors', 'seed_pipeline.py'), join(ROOT, '..', '..', 'shared', 'anchors', 'seed_pipeline.py')].find(existsSync);

function mlvis(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(__dirname, 'child.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`mlvis ${args.join(' ')} failed: ${r.stderr}`);
  const report = JSON.parse(r.output[3].trim().split('\n').pop());
  return { seconds, rssMb: report.maxRssKb / 1024 };
}

/** Median wall times (ms) of several commands ([cmd, args, env?]), run alternately `runs` times each. */
function alternateWalls(commands, runs = 7) {
  const times = commands.map(() => []);
  for (let i = 0; i < runs; i++) {
    commands.forEach(([cmd, args, env], k) => {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'ignore', env: env ?? process.env });
      if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
      times[k].push(Number(process.hrtime.bigint() - t0) / 1e6);
    });
  }
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(runs / 2)]);
}

/** Median wall time of a whole command over `runs` runs (for start-up, where one run is too noisy). */
function medianWall(cmd, args, runs = 7) {
  return alternateWalls([[cmd, args]], runs)[0];
}

const { writeBigCsv } = require('./bigCsv');
const { printTable } = require('./table');

function anchor(frames, out) {
  if (!ANCHOR || !existsSync('/usr/bin/python3')) return null;
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import matplotlib, scipy'], { encoding: 'utf8' });
  if (probe.status !== 0) return null;
  const every = String(Math.max(1, Math.round(1000 / frames)));
  const args = [ANCHOR, '--model', 'linear', '--iters', '1000', '--every', every, '--out', out, '--size', '960x480'];
  const useTime = existsSync('/usr/bin/time');
  // matplotlib's FFMpegWriter runs `ffmpeg` from PATH: give it the same bundled binary mlvis uses.
  const ffmpegDir = require('node:path').dirname(require('@ffmpeg-installer/ffmpeg').path);
  const env = { ...process.env, PATH: `${ffmpegDir}:${process.env.PATH}` };
  const t0 = process.hrtime.bigint();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', 'MAXRSS %M', '/usr/bin/python3', ...args], { encoding: 'utf8', env })
    : spawnSync('/usr/bin/python3', args, { encoding: 'utf8', env });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) {
    console.log(`(original workflow failed: ${r.stderr.trim().split('\n').slice(-3).join(' / ')})`);
    return null;
  }
  const m = /MAXRSS (\d+)/.exec(r.stderr);
  return { seconds, rssMb: m ? Number(m[1]) / 1024 : NaN, bytes: statSync(out).size };
}

function size(path) {
  return statSync(path).size;
}

/**
 * The default MP4 with the bundled ffmpeg (put first on PATH, so that discovery settles on it) and with the
 * system one mlvis finds on PATH, its probe kept in the cache folder or asked on every run (a cache folder
 * that cannot be made): what discovery costs. Medians of 7, alternately.
 */
function mp4ByFfmpeg() {
  const path = require('node:path');
  const { symlinkSync } = require('node:fs');
  const found = spawnSync('sh', ['-c', 'command -v ffmpeg'], { encoding: 'utf8' }).stdout.trim();
  const bundledDir = join(OUT, 'bundled-ffmpeg');
  mkdirSync(bundledDir, { recursive: true });
  if (!existsSync(join(bundledDir, 'ffmpeg'))) symlinkSync(require('@ffmpeg-installer/ffmpeg').path, join(bundledDir, 'ffmpeg'));
  const cache = join(OUT, 'cache');
  writeFileSync(join(OUT, 'no-cache'), ''); // a file: no cache folder can be made under it
  const args = [join(ROOT, 'bin', 'mlvis.js'), 'linear', '--iters', '1000', '--quiet', '--out', join(OUT, 'ffmpeg.mp4')];
  const bundled = { ...process.env, PATH: `${bundledDir}${path.delimiter}${process.env.PATH}`, XDG_CACHE_HOME: cache };
  if (!found || found.startsWith(bundledDir)) {
    const [b] = alternateWalls([[process.execPath, args, bundled]]);
    console.log(`default MP4 (median of 7): ${b.toFixed(0)} ms with the bundled ffmpeg (no ffmpeg on PATH to compare with)\n`);
    return;
  }
  const [b, warm, cold] = alternateWalls([
    [process.execPath, args, bundled],
    [process.execPath, args, { ...process.env, XDG_CACHE_HOME: cache }],
    [process.execPath, args, { ...process.env, XDG_CACHE_HOME: join(OUT, 'no-cache') }],
  ]);
  console.log(
    `default MP4 (medians of 7, alternately): ${b.toFixed(0)} ms with the bundled ffmpeg; with ${found} on PATH ` +
      `${warm.toFixed(0)} ms (its probe cached), ${cold.toFixed(0)} ms asking it every run\n`,
  );
}

const RACE6 = 'gd,momentum,nesterov,rmsprop,adam,newton';

/**
 * Issue 18's targets, as ratios of medians of alternate runs (one run each is too noisy to compare): a test
 * function's default GIF costs no more than the default linear GIF, and a 6-optimizer race on Rosenbrock at
 * 10,000 iterations less than 1.5 times it.
 */
function functionRatios() {
  const bin = join(ROOT, 'bin', 'mlvis.js');
  const [linear, fn, race, poly, mlp] = alternateWalls([
    [process.execPath, [bin, 'linear', '--quiet', '--out', join(OUT, 'r-linear.gif')]],
    [process.execPath, [bin, 'function', 'rosenbrock', '--quiet', '--out', join(OUT, 'r-fn.gif')]],
    [process.execPath, [bin, 'function', 'rosenbrock', '--optimizer', RACE6, '--iters', '10000', '--quiet', '--out', join(OUT, 'r-race.gif')]],
    [process.execPath, [bin, 'poly', '--degree', '5', '--quiet', '--out', join(OUT, 'r-poly.gif')]],
    [process.execPath, [bin, 'mlp', '--quiet', '--out', join(OUT, 'r-mlp.gif')]],
  ]);
  const check = (r, t) => `${r.toFixed(2)}x (${r <= t ? 'ok' : 'MISS'} ≤${t}x)`;
  console.log(`functions (medians of 7 alternate runs): default linear GIF ${linear.toFixed(0)} ms; rosenbrock GIF ${fn.toFixed(0)} ms = ${check(fn / linear, 1)}; race of 6 on rosenbrock, 10,000 iterations ${race.toFixed(0)} ms = ${check(race / linear, 1.5)}`);
  // Issue 19: a default polynomial GIF of degree 5 within twice the default linear GIF.
  console.log(`poly --degree 5 GIF ${poly.toFixed(0)} ms = ${check(poly / linear, 2)}`);
  // Issue 19: a default network GIF (moons, 200 points, 2-8-1, 1000 iterations) within twice the linear GIF.
  console.log(`mlp GIF (moons, 200 points, hidden 8, 1000 iterations) ${mlp.toFixed(0)} ms = ${check(mlp / linear, 2)}`);
  // And its decision region under 2 ms a frame at 960x480.
  execFileSync(process.execPath, [join(__dirname, 'mlpFrame.js'), '5'], { stdio: 'inherit' });
}

/** `--suite`: the test suite's wall time and count, as the README's set-up states them. */
function suite() {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js')], { cwd: ROOT, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const counts = /^Tests:\s+(.*)$/m.exec(r.stderr)?.[1] ?? 'no count (jest printed none)';
  console.log(`test suite (jest, after npm run build): ${(seconds / 60).toFixed(1)} min wall, exit ${r.status}; ${counts}`);
}

function main() {
  if (suiteOnly) return suite();
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  if (ffmpegOnly) return mp4ByFfmpeg();
  if (functionsOnly) return functionRatios();
  const cases = [
    { name: 'linear GIF, 100 frames (default)', args: ['linear', '--iters', '1000', '--out', join(OUT, 'fit.gif')], out: 'fit.gif', time: 2, kb: 400, rss: 250 },
    { name: 'linear MP4, 100 frames (default)', args: ['linear', '--iters', '1000', '--out', join(OUT, 'fit.mp4')], out: 'fit.mp4', time: 2, rss: 250 },
    { name: 'linear WebM, 100 frames', args: ['linear', '--iters', '1000', '--out', join(OUT, 'fit.webm')], out: 'fit.webm' },
    { name: 'logistic GIF, 3 panels, penguins', args: ['logistic', '--data', 'penguins', '--panels', 'surface,fit,loss', '--out', join(OUT, 'logistic.gif'), '--quiet'], out: 'logistic.gif' },
    { name: 'linear GIF, 1000 frames', args: ['linear', '--iters', '1000', '--frames', '1000', '--out', join(OUT, 'fit1000.gif')], out: 'fit1000.gif', time: 3.5, kb: 2500, rss: 250 },
    { name: 'race of 3 optimizers, 3 panels', args: ['linear', '--optimizer', 'gd,momentum,adam', '--panels', 'surface,fit,loss', '--out', join(OUT, 'race.gif')], out: 'race.gif' },
    // A long noisy path (~1,900 vertices): drawn on layers, a frame's new segments at a time (src/render/surface2d/surfacePath.ts).
    { name: 'sgd GIF, 100,000 iterations', args: ['linear', '--optimizer', 'sgd', '--iters', '100000', '--out', join(OUT, 'sgd.gif'), '--quiet'], out: 'sgd.gif' },
    { name: 'lr sweep, 4 values, --layout grid', args: ['linear', '--lr', '0.02,0.2,0.4,0.5', '--layout', 'grid', '--out', join(OUT, 'grid.gif'), '--quiet'], out: 'grid.gif' },
    {
      name: 'GIF + MP4 + WebM + PNG from one training',
      args: ['linear', '--iters', '1000', ...['all.gif', 'all.mp4', 'all.webm', 'all.png'].flatMap((f) => ['--out', join(OUT, f)])],
      out: ['all.gif', 'all.mp4', 'all.webm', 'all.png'],
    },
    { name: '1M-row CSV, linear GIF', csv: true, before: bigCsv, args: ['linear', '--data', join(OUT, 'big.csv'), '--out', join(OUT, 'big.gif'), '--quiet'], out: 'big.gif', time: 3 },
    { name: '1M-row CSV, linear summary', csv: true, before: bigCsv, args: ['linear', '--data', join(OUT, 'big.csv'), '--summary', join(OUT, 'big.json')], out: 'big.json', time: 2, rss: 250 },
    { name: '1M-row CSV, logistic GIF, 1000 iterations', csv: true, before: bigCsv, args: ['logistic', '--data', join(OUT, 'big.csv'), '--x', 'x', '--y', 'label', '--iters', '1000', '--out', join(OUT, 'biglog.gif'), '--quiet'], out: 'biglog.gif', time: 15 },
    // The same training without the drawing: what the passes over the rows cost (on every core, see src/parallel).
    { name: '1M-row CSV, logistic summary, 1000 iterations', csv: true, before: bigCsv, args: ['logistic', '--data', join(OUT, 'big.csv'), '--x', 'x', '--y', 'label', '--iters', '1000', '--summary', join(OUT, 'biglog.json')], out: 'biglog.json' },
    { name: 'summary only, 1M iterations', args: ['linear', '--iters', '1000000', '--summary', join(OUT, 's.json')], out: 's.json' },
    // Issue 18: a test function at the defaults, and a 6-optimizer race on Rosenbrock at 10,000 iterations.
    { name: 'function GIF, rosenbrock (defaults)', args: ['function', 'rosenbrock', '--out', join(OUT, 'rosenbrock.gif'), '--quiet'], out: 'rosenbrock.gif' },
    { name: 'race of 6 on rosenbrock, 10,000 iterations', args: ['function', 'rosenbrock', '--optimizer', RACE6, '--iters', '10000', '--out', join(OUT, 'rosenbrock6.gif'), '--quiet'], out: 'rosenbrock6.gif' },
    // Issue 20: the interactive page of the default run, at most half the default GIF's bytes.
    { name: 'linear interactive page (default)', args: ['linear', '--iters', '1000', '--out', join(OUT, 'fit.html')], out: 'fit.html' },
  ];
  const rows = [['run', 'wall s', 'size KB', 'peak RSS MB', 'targets']];
  const results = {};
  // --csv: only the 1M-row CSV cases (issue 10), without the anchor and encoder comparisons; --page: the page's row and the GIF it is set against.
  const chosen = csvOnly ? cases.filter((x) => x.csv) : pageOnly ? cases.filter((x) => x.out === 'fit.gif' || x.out === 'fit.html') : cases;
  for (const c of chosen) {
    c.before?.();
    const r = mlvis(c.args);
    const kb = [c.out].flat().reduce((sum, f) => sum + size(join(OUT, f)), 0) / 1024;
    results[[c.out].flat()[0]] = { ...r, kb };
    const checks = [];
    if (c.time) checks.push(`${r.seconds <= c.time ? 'ok' : 'MISS'} ≤${c.time} s`);
    if (c.kb) checks.push(`${kb <= c.kb ? 'ok' : 'MISS'} ≤${c.kb} KB`);
    if (c.rss) checks.push(`${r.rssMb <= c.rss ? 'ok' : 'MISS'} ≤${c.rss} MB`);
    rows.push([c.name, r.seconds.toFixed(2), kb.toFixed(0), r.rssMb.toFixed(0), checks.join(', ')]);
  }
  printTable('mlvis end to end (960x480, 1000 iterations)', rows);
  if (csvOnly) return;
  const pageShare = results['fit.html'].kb / results['fit.gif'].kb;
  console.log(`interactive page: ${results['fit.html'].kb.toFixed(0)} KB, ${pageShare.toFixed(2)} of the default GIF's ${results['fit.gif'].kb.toFixed(0)} KB (${pageShare <= 0.5 ? 'ok' : 'MISS'} ≤0.5)`);
  if (pageOnly) return;
  functionRatios();
  const node = medianWall(process.execPath, ['-e', '0']);
  const version = medianWall(process.execPath, [join(ROOT, 'bin', 'mlvis.js'), '--version']);
  console.log(`start-up (median of 7): node -e 0 ${node.toFixed(0)} ms, mlvis --version ${version.toFixed(0)} ms (+${(version - node).toFixed(0)} ms)`);
  // The command as it runs (bin/mlvis.js: the bundle, compiled from its code cache) against the same code
  // loaded module by module from dist/cli.js, alternately.
  const fromModules = (args) => ['-e', `require(${JSON.stringify(join(ROOT, 'dist', 'cli.js'))}).main([process.argv[0], 'mlvis', ...process.argv.slice(1)])`, '--', ...args];
  const gif = ['linear', '--iters', '1000', '--quiet', '--out', join(OUT, 'loading.gif')];
  const bin = join(ROOT, 'bin', 'mlvis.js');
  const [vBundle, vModules, gBundle, gModules] = alternateWalls([
    [process.execPath, [bin, '--version']],
    [process.execPath, fromModules(['--version'])],
    [process.execPath, [bin, ...gif]],
    [process.execPath, fromModules(gif)],
  ]);
  console.log(
    `loading (medians of 7, alternately): --version ${vBundle.toFixed(0)} ms bundled with its code cache against ${vModules.toFixed(0)} ms from dist/cli.js's modules; ` +
      `the default GIF ${gBundle.toFixed(0)} ms against ${gModules.toFixed(0)} ms`,
  );
  const apart = results['fit.gif'].seconds + results['fit.mp4'].seconds + results['fit.webm'].seconds;
  console.log(`four files from one run: ${results['all.gif'].seconds.toFixed(2)} s against ${apart.toFixed(2)} s for GIF, MP4 and WebM as three runs (${(apart / results['all.gif'].seconds).toFixed(1)}x)`);
  const growth = results['fit1000.gif'].rssMb - results['fit.gif'].rssMb;
  // Frames in flight to the GIF thread are bounded (256 frames, 64 MB of deltas), not proportional to the count.
  console.log(`peak memory, 1000 GIF frames against 100: ${growth >= 0 ? '+' : ''}${growth.toFixed(0)} MB\n`);

  const anchors = [[100, 'gif', 'fit.gif'], [100, 'mp4', 'fit.mp4']];
  if (full) anchors.push([1000, 'gif', 'fit1000.gif']);
  const arows = [['original (matplotlib)', 'wall s', 'size KB', 'peak RSS MB', 'mlvis is faster by']];
  for (const [frames, ext, ours] of anchors) {
    const a = anchor(frames, join(OUT, `anchor-${frames}.${ext}`));
    if (!a) {
      console.log('(original workflow skipped: needs /usr/bin/python3 with python3-matplotlib and python3-scipy, and ../shared/anchors)\n');
      break;
    }
    arows.push([`${frames} frames -> ${ext.toUpperCase()}`, a.seconds.toFixed(1), (a.bytes / 1024).toFixed(0), a.rssMb.toFixed(0), `${(a.seconds / results[ours].seconds).toFixed(1)}x`]);
  }
  if (arows.length > 1) printTable('The original workflow on the same run', arows);
  if (!full) console.log('(the 1000-frame original takes 10 to 20 minutes: npm run bench -- --full)\n');

  mp4ByFfmpeg();
  execFileSync(process.execPath, [join(__dirname, 'peer.js')], { stdio: 'inherit' });
  execFileSync(process.execPath, [join(__dirname, 'batch.js')], { stdio: 'inherit' });
  execFileSync(process.execPath, [join(__dirname, 'encoders.js'), '100', '960x480'], { stdio: 'inherit' });
  console.log('');
  execFileSync(process.execPath, [join(__dirname, 'view3d.js')], { stdio: 'inherit' });
}

main();
