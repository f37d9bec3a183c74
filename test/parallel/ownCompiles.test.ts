/**
 * Workers started through startCompilingOwnCode optimize their hot code on their own thread, and only they:
 * the main thread, and a worker started plainly afterwards, still hand it to V8's background threads. Seen
 * in V8's own trace (--trace-opt names each compilation's mode), in a child node: the flag is the process's.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startCompilingOwnCode, workersStarting } from '../../src/parallel/ownCompiles';
import { Worker } from 'node:worker_threads';

const ROOT = join(__dirname, '..', '..');
const MODULE = join(ROOT, 'dist', 'parallel', 'ownCompiles.js');

/** A worker (or the main thread) that makes `name` hot enough to be optimized, then says so. */
const HOT = (name: string) => `
  function ${name}(a) { let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * 1.5; return s; }
  { const a = new Float64Array(1000).fill(1); let t = 0; for (let k = 0; k < 4000; k++) t += ${name}(a); }`;

const SCRIPT = `
  const { Worker } = require('node:worker_threads');
  const { startCompilingOwnCode } = require(${JSON.stringify(MODULE)});
  const run = (make) => new Promise((resolve, reject) => { const w = make(); w.on('exit', resolve); w.on('error', reject); });
  (async () => {
    await run(() => startCompilingOwnCode(() => new Worker(${JSON.stringify(HOT('inOwnWorker'))}, { eval: true })));
    await run(() => new Worker(${JSON.stringify(HOT('inPlainWorker'))}, { eval: true }));
    ${HOT('onMain')}
  })();`;

/** The mode V8 compiled `name` in, from its --trace-opt lines. */
function modeOf(trace: string, name: string): string | undefined {
  const line = trace.split('\n').find((l) => l.includes('compiling method') && l.includes(`<JSFunction ${name} `));
  return line?.match(/mode: ConcurrencyMode::(\w+)/)?.[1];
}

describe('workers that compile their own code', () => {
  it('optimize on their own thread; the main thread and later plain workers do not', () => {
    const r = spawnSync(process.execPath, ['--trace-opt', '-e', SCRIPT], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(modeOf(r.stdout, 'inOwnWorker')).toBe('kSynchronous');
    expect(modeOf(r.stdout, 'inPlainWorker')).toBe('kConcurrent');
    expect(modeOf(r.stdout, 'onMain')).toBe('kConcurrent');
  });

  it('leaves everything alone when node was given its own choice', () => {
    const r = spawnSync(process.execPath, ['--trace-opt', '--no-concurrent-recompilation', '-e', SCRIPT], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    // Everything compiles on its own thread, as asked, and the plain worker is not switched back.
    expect(modeOf(r.stdout, 'inOwnWorker')).toBe('kSynchronous');
    expect(modeOf(r.stdout, 'inPlainWorker')).toBe('kSynchronous');
  });

  it('leaves the flag alone on a worker thread, whose execArgv need not be the process\'s', () => {
    // The process compiles on its own threads; a worker started with no arguments of its own starts another.
    const nested = `
      const { Worker } = require('node:worker_threads');
      const run = (make) => new Promise((resolve, reject) => { const w = make(); w.on('exit', resolve); w.on('error', reject); });
      (async () => {
        await run(() => new Worker(${JSON.stringify(`
          const { Worker } = require('node:worker_threads');
          const { startCompilingOwnCode } = require(${JSON.stringify(MODULE)});
          startCompilingOwnCode(() => new Worker('0', { eval: true }));`)}, { eval: true, execArgv: [] }));
        await run(() => new Worker(${JSON.stringify(HOT('plainAfter'))}, { eval: true }));
      })();`;
    const r = spawnSync(process.execPath, ['--trace-opt', '--no-concurrent-recompilation', '-e', nested], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(modeOf(r.stdout, 'plainAfter')).toBe('kSynchronous');
  });

  it('counts a start that throws, and a worker that ends before it runs', async () => {
    expect(() =>
      startCompilingOwnCode(() => {
        throw new Error('no thread');
      }),
    ).toThrow('no thread');
    expect(workersStarting()).toBe(0);
    const w = startCompilingOwnCode(() => new Worker('process.exit(3)', { eval: true }));
    expect(workersStarting()).toBe(1);
    await new Promise((resolve) => w.on('exit', resolve));
    expect(workersStarting()).toBe(0);
  });
});
