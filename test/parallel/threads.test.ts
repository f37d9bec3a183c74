/**
 * Passes over the rows shared with worker threads (src/parallel/threads.ts): the same bits on 1, 2 and 3
 * threads, whoever sums which block; a stuck or closed worker only makes the passes slower; and workers never
 * keep a process alive or outlive a stop. Workers run dist/ (npm test builds it first).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticDataset } from '../../src/data/synthetic';
import { descendOn, sequentialReducer, setUpProblem, type BlockReducer } from '../../src/engine';
import { messages } from '../../src/errors';
import { run } from '../../src/index';
import { threadedReducer, type ThreadedReducer } from '../../src/parallel/threads';
import { BIN, ROOT } from '../helpers/cli';

/** 4 blocks: three of 2^16 rows and a short one. */
const data = syntheticDataset('logistic', 200_000, 1, 'threads');

/** Runs passes until the workers have summed some blocks (they start in the background), at most 10 s. */
async function warmed(r: ThreadedReducer): Promise<ThreadedReducer> {
  const pass = r.bind('logisticPass', data.x, data.y);
  const t0 = Date.now();
  while (r.helperBlocks === 0 && Date.now() - t0 < 10_000) {
    pass.run(Float64Array.of(0.1, 0.2));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(r.helperBlocks).toBeGreaterThan(0);
  return r;
}

function descend(sums: BlockReducer, optimizer: 'gd' | 'nesterov') {
  const problem = setUpProblem(data, { model: 'logistic', standardize: true, init: [2, -3], sums });
  const d = descendOn(problem, { optimizer, iterations: 150, batchSize: 1, momentum: 0.9, beta1: 0.9, eps: 1e-8, seed: 's' });
  return { optimum: problem.optimum, minCurvature: problem.trained.minCurvature(), lr: d.lr, loss: Array.from(d.trajectory.loss), w: d.trajectory.w.map((c) => Array.from(c)) };
}

describe('passes on worker threads', () => {
  it('give the same bits on 1, 2 and 3 threads: weights, losses, the optimum and the curvature', async () => {
    const two = await warmed(threadedReducer({ threads: 2, minRows: 0 }));
    const three = await warmed(threadedReducer({ threads: 3, minRows: 0 }));
    try {
      for (const optimizer of ['gd', 'nesterov'] as const) {
        const alone = descend(sequentialReducer, optimizer);
        const before = [two.helperBlocks, three.helperBlocks];
        // toEqual compares numbers with Object.is: every bit, and the sign of zero.
        expect(descend(two, optimizer)).toEqual(alone);
        expect(descend(three, optimizer)).toEqual(alone);
        // The workers took part in the descents, not only in the warm-up.
        expect(two.helperBlocks).toBeGreaterThan(before[0]);
        expect(three.helperBlocks).toBeGreaterThan(before[1]);
      }
      expect(two.shared && three.shared).toBe(true);
    } finally {
      await Promise.all([two.close(), three.close()]);
    }
  });

  it('give the whole pipeline the same summary on 1 and 2 threads', async () => {
    const options = { model: 'logistic' as const, points: 150_000, iterations: 60, trajectory: true };
    const one = await run(options, { threads: 1 });
    const two = await run(options, { threads: 2 });
    expect(JSON.stringify(two.summary)).toBe(JSON.stringify(one.summary));
  });

  it('run on the calling thread after close(), with the same bits', async () => {
    const r = await warmed(threadedReducer({ threads: 2, minRows: 0 }));
    const pass = r.bind('logisticPass', data.x, data.y);
    const p = Float64Array.of(-0.4, 1.3);
    const shared = pass.run(p).slice();
    await r.close();
    expect(r.shared).toBe(false);
    expect(Array.from(pass.run(p))).toEqual(Array.from(shared));
    expect(Array.from(sequentialReducer.bind('logisticPass', data.x, data.y).run(p))).toEqual(Array.from(shared));
  });

  it('give up a worker that keeps a block past the patience: the pass is finished here, with the same bits', async () => {
    // Patience 0: given up the first time a worker still holds a block when the caller runs out of blocks.
    const r = threadedReducer({ threads: 2, minRows: 0, patience: 0 });
    const pass = r.bind('newtonPass', data.x, data.y);
    const alone = sequentialReducer.bind('newtonPass', data.x, data.y);
    const t0 = Date.now();
    for (let k = 0; r.shared && Date.now() - t0 < 20_000; k++) {
      const p = Float64Array.of(0.01 * k, -1, 0.5, 2);
      expect(Array.from(pass.run(p))).toEqual(Array.from(alone.run(p)));
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(r.shared).toBe(false);
    const p = Float64Array.of(3, 2, 1, 0.5);
    expect(Array.from(pass.run(p))).toEqual(Array.from(alone.run(p)));
    await r.close();
  });
});

describe('worker threads and the process (subprocess)', () => {
  const script = (end: string) => `
    const { threadedReducer } = require(${JSON.stringify(join(ROOT, 'dist', 'parallel', 'threads.js'))});
    const n = 300000, x = new Float64Array(n).map((_, i) => i / n), y = x.map((v) => (v > 0.5 ? 1 : 0));
    const r = threadedReducer({ threads: 2, minRows: 0 });
    const pass = r.bind('logisticPass', x, y);
    let k = 0;
    const tick = () => { pass.run(Float64Array.of(0, k)); if (++k < 50) setTimeout(tick, 2); else { ${end} } };
    tick();`;

  it('end with the process when it is not closed, and when it throws', () => {
    const left = spawnSync(process.execPath, ['-e', script(`console.log(r.helperBlocks > 0)`)], { encoding: 'utf8', timeout: 20_000 });
    expect(left.status).toBe(0);
    expect(left.stdout).toBe('true\n');
    const thrown = spawnSync(process.execPath, ['-e', script(`throw new Error('boom')`)], { encoding: 'utf8', timeout: 20_000 });
    expect(thrown.status).toBe(1);
    expect(thrown.stderr).toContain('boom');
  });

  it('SIGINT stops a threaded million-row training: exit 130, the interrupted message, no file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlvis-threads-'));
    try {
      const summary = join(dir, 's.json');
      const child = spawn(process.execPath, [BIN, 'logistic', '--points', '1000000', '--iters', '100000', '--summary', summary], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      // A million points are drawn, the optimum found, and the descent under way within a few seconds.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const t0 = Date.now();
      child.kill('SIGINT');
      const exit = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      expect(exit).toBe(130);
      expect(stderr).toBe(`mlvis: ${messages.interrupted()}\n`);
      // Heard within a slice of the descent (about 20 ms), not after it: generous for a loaded machine.
      expect(Date.now() - t0).toBeLessThan(30_000); // liveness on a loaded machine, not speed
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
