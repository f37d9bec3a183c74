'use strict';
/**
 * The batch targets: a 12-job batch of default GIFs with --jobs 2 against the same 12 runs as separate
 * processes one after another (target: at most 0.6 of the time), the whole batch's peak memory (the parent
 * and its workers together, sampled from /proc; target: under 600 MB), and an unchanged batch run again
 * (every job up to date by its manifests; target: under 1 s). Run by `npm run bench`, or on its own after a build.
 */
const { spawn, spawnSync } = require('node:child_process');
const { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'mlvis.js');
const OUT = join(__dirname, '.out', 'batch');
const JOBS = 12;

/** RSS in KB of a process and all its descendants, from /proc (Linux). */
function treeRssKb(root) {
  const parent = new Map();
  const rss = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      parent.set(Number(name), Number(/PPid:\s+(\d+)/.exec(status)[1]));
      const m = /VmRSS:\s+(\d+)/.exec(status);
      rss.set(Number(name), m ? Number(m[1]) : 0);
    } catch {
      // the process ended while we looked
    }
  }
  const inTree = (pid) => {
    for (let p = pid; p; p = parent.get(p)) if (p === root) return true;
    return false;
  };
  let sum = 0;
  for (const [pid, kb] of rss) if (inTree(pid)) sum += kb;
  return sum;
}

/** Runs a command, sampling its process tree's memory every 20 ms; resolves to seconds and peak MB. */
function measured(args) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let peak = 0;
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setInterval(() => (peak = Math.max(peak, treeRssKb(child.pid))), 20);
    child.on('exit', (code) => {
      clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (code !== 0) reject(new Error(`mlvis ${args.join(' ')} failed: ${stderr}`));
      else resolve({ seconds, peakMb: peak / 1024 });
    });
  });
}

async function main() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const jobs = Array.from({ length: JOBS }, (_, i) => ({ model: 'linear', seed: `job${i}`, out: `seq/fit${i}.gif` }));

  const t0 = process.hrtime.bigint();
  for (const job of jobs) {
    const r = spawnSync(process.execPath, [BIN, 'linear', '--seed', job.seed, '--out', join(OUT, job.out), '--quiet'], { cwd: ROOT });
    if (r.status !== 0) throw new Error(`a sequential run failed: ${r.stderr}`);
  }
  const sequential = Number(process.hrtime.bigint() - t0) / 1e9;

  writeFileSync(join(OUT, 'jobs.json'), JSON.stringify({ defaults: { model: 'linear', manifest: true }, jobs: jobs.map((j) => ({ seed: j.seed, out: j.out.replace('seq/', 'pool/') })) }));
  const batch = await measured([BIN, 'batch', join(OUT, 'jobs.json'), '--jobs', '2', '--quiet']);
  const again = await measured([BIN, 'batch', join(OUT, 'jobs.json'), '--jobs', '2', '--quiet']);

  const ratio = batch.seconds / sequential;
  console.log(`Batch: ${JOBS} default GIFs (960x480, 100 frames)`);
  console.log(`  one after another as separate processes   ${sequential.toFixed(2)} s`);
  console.log(`  mlvis batch --jobs 2                     ${batch.seconds.toFixed(2)} s  (${ratio.toFixed(2)} of the time; target ≤ 0.6: ${ratio <= 0.6 ? 'ok' : 'MISS'})`);
  console.log(`  peak memory of the whole batch            ${batch.peakMb.toFixed(0)} MB  (target < 600 MB: ${batch.peakMb < 600 ? 'ok' : 'MISS'})`);
  console.log(`  the same batch again, all up to date      ${again.seconds.toFixed(2)} s  (target < 1 s: ${again.seconds < 1 ? 'ok' : 'MISS'})\n`);
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
