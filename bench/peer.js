'use strict';
/**
 * mlvis against its peer: the blitting matplotlib script a speed-minded user writes (bench/blit_matplotlib.py:
 * static figure drawn once, moving artists blitted, one global Pillow palette; raw frames piped to the same
 * ffmpeg for MP4), on the same data and trajectory, at the default 960x480 and 100 frames. Issue 10's
 * targets: the GIF at least 3x faster, the MP4 at least 2x. Each side is run ROUNDS times, interleaved, and the
 * median wall time (start-up included) is compared. Skipped without Debian's python3-matplotlib.
 */
const { spawnSync } = require('node:child_process');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const OUT = join(__dirname, '.out', 'peer');
const PY = '/usr/bin/python3';
/**
 * Runs of each side, alternately. mlvis uses both cores and the script one, so mlvis's time moves more with
 * whatever else the machine does: 7 rounds give a steadier median than 3 did.
 */
const ROUNDS = 7;

function wall(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function median(xs) {
  return xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

function main() {
  const probe = spawnSync(PY, ['-c', 'import matplotlib, numpy, PIL'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    console.log('(peer comparison skipped: needs /usr/bin/python3 with python3-matplotlib and python3-pil)\n');
    return;
  }
  mkdirSync(OUT, { recursive: true });
  // The default run's data (synthetic, seed "mlvis") as a CSV, and its trajectory, so both sides draw the same.
  const { syntheticDataset } = require(join(ROOT, 'dist', 'data', 'synthetic.js'));
  const d = syntheticDataset('linear', 100, 1, 'mlvis');
  const csv = join(OUT, 'data.csv');
  writeFileSync(csv, 'x,y\n' + Array.from(d.x, (x, i) => `${x},${d.y[i]}`).join('\n') + '\n');
  const traj = join(OUT, 'traj.json');
  const bin = join(ROOT, 'bin', 'mlvis.js');
  const same = ['linear', '--data', csv, '--no-standardize', '--iters', '1000', '--quiet'];
  wall(process.execPath, [bin, ...same, '--trajectory', '--summary', traj]);
  const ffmpeg = require('@ffmpeg-installer/ffmpeg').path;
  const rows = [['100 frames, 960x480', 'mlvis s', 'matplotlib blit s', 'mlvis faster by', 'target', 'mlvis runs s', 'matplotlib runs s']];
  const range = (xs) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
  for (const [ext, target] of [['gif', 3], ['mp4', 2]]) {
    const ours = [];
    const theirs = [];
    // One round of each side first, not counted (as hyperfine's --warmup): the page cache and the memory the
    // runs before this comparison released (the original workflow's, some 370 MB) then weigh on neither side.
    wall(process.execPath, [bin, ...same, '--out', join(OUT, `ours.${ext}`)]);
    wall(PY, [join(__dirname, 'blit_matplotlib.py'), csv, traj, join(OUT, `peer.${ext}`), '100', ffmpeg]);
    for (let k = 0; k < ROUNDS; k++) {
      ours.push(wall(process.execPath, [bin, ...same, '--out', join(OUT, `ours.${ext}`)]));
      theirs.push(wall(PY, [join(__dirname, 'blit_matplotlib.py'), csv, traj, join(OUT, `peer.${ext}`), '100', ffmpeg]));
    }
    const ratio = median(theirs) / median(ours);
    rows.push([ext.toUpperCase(), median(ours).toFixed(2), median(theirs).toFixed(2), `${ratio.toFixed(2)}x`, `${ratio >= target ? 'ok' : 'MISS'} ≥${target}x`, range(ours), range(theirs)]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  console.log(`mlvis against a blitting matplotlib script (same data and trajectory, medians of ${ROUNDS} after a warm-up run; runs: fastest–slowest)`);
  for (const [k, r] of rows.entries()) {
    console.log(r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  '));
    if (k === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  console.log('');
}

main();
