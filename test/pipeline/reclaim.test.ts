import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { createCanvas } from '@napi-rs/canvas';
import * as reclaim from '../../src/pipeline/reclaim';
import { mlvisInProcess } from '../helpers/cli';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('reclaimFrames', () => {
  it('keeps the memory of a frame loop flat: dead frames are freed every RECLAIM_BYTES', async () => {
    // The pipeline's pattern: draw, hand on, reclaim, let the event loop turn. 48 frames of 960x480 are
    // 88 MB; V8 alone would keep most of them (it collects for external memory only past some 64 MB).
    const canvas = createCanvas(960, 480);
    const ctx = canvas.getContext('2d');
    const frameBytes = 960 * 480 * 4;
    const external = () => process.memoryUsage().external;
    let sum = 0;
    reclaim.reclaimFrames(0, 0); // a collection now: start from a clean slate
    await turn();
    const before = external();
    let peak = before;
    // How much external memory reading one frame adds: proves the measure sees frames at all. Taken across
    // the read alone: `before` can include dead frames of earlier tests that a collection frees meanwhile.
    let counted = 0;
    for (let k = 0; k < 48; k++) {
      ctx.fillStyle = `rgb(${k * 5}, 0, 0)`;
      ctx.fillRect(0, 0, 960, 480);
      const unread = external();
      const frame = canvas.data();
      counted = Math.max(counted, external() - unread);
      sum += frame[0];
      reclaim.reclaimFrames(frame.byteLength);
      await turn();
      peak = Math.max(peak, external());
    }
    expect(sum).toBeGreaterThan(0);
    // At most the frames of two reclaim periods are alive at once, not 48.
    expect(peak - before).toBeLessThan(2 * reclaim.RECLAIM_BYTES + 2 * frameBytes);
    expect(counted).toBeGreaterThanOrEqual(frameBytes); // frames are drawn and counted
  });

  it('leaves no gc function behind for other code to find', () => {
    reclaim.reclaimFrames(0, 0);
    expect(runInNewContext('typeof gc')).toBe('undefined');
    expect(typeof (globalThis as { gc?: unknown }).gc === 'function' || !('gc' in globalThis)).toBe(true);
  });

  it("never calls a program's own function that happens to be named gc", () => {
    const own = jest.fn();
    (globalThis as { gc?: unknown }).gc = own;
    try {
      jest.isolateModules(() => {
        const fresh = require('../../src/pipeline/reclaim') as typeof reclaim;
        fresh.reclaimFrames(0, 0);
        fresh.reclaimFrames(0, 0);
      });
      expect(own).not.toHaveBeenCalled();
    } finally {
      delete (globalThis as { gc?: unknown }).gc;
    }
  });

  /**
   * reclaim.ts loaded afresh with node:v8's setFlagsFromString recorded (and still applied), as if node had
   * been started with `execArgv`, on the main thread or a worker's.
   */
  function flagsSetBy(execArgv: string[], run: (fresh: typeof reclaim) => void, mainThread = true): string[] {
    const set: string[] = [];
    const saved = process.execArgv;
    process.execArgv = execArgv;
    try {
      jest.isolateModules(() => {
        jest.doMock('node:v8', () => {
          const real = jest.requireActual('node:v8') as typeof import('node:v8');
          return { ...real, setFlagsFromString: (flags: string) => (set.push(flags), real.setFlagsFromString(flags)) };
        });
        jest.doMock('node:worker_threads', () => ({ ...jest.requireActual('node:worker_threads'), isMainThread: mainThread }));
        run(require('../../src/pipeline/reclaim') as typeof reclaim);
      });
    } finally {
      jest.dontMock('node:v8');
      jest.dontMock('node:worker_threads');
      process.execArgv = saved;
    }
    return set;
  }

  it('collects on this thread alone, and turns parallel scavenging back on after each collection', () => {
    const set = flagsSetBy(['--max-old-space-size=4096'], (fresh) => {
      fresh.reclaimFrames(100, 200); // not yet due: nothing happens
      fresh.reclaimFrames(100, 200);
      fresh.reclaimFrames(200, 200);
    });
    // Taking the gc function (on, off), then two collections, each between off and on again.
    expect(set).toEqual(['--expose-gc', '--no-expose-gc', '--no-parallel-scavenge', '--parallel-scavenge', '--no-parallel-scavenge', '--parallel-scavenge']);
  });

  it("leaves V8's parallel scavenging alone when node was started with a choice about it, and on worker threads", () => {
    const twice = (fresh: typeof reclaim) => {
      fresh.reclaimFrames(0, 0);
      fresh.reclaimFrames(0, 0);
    };
    for (const argv of [['--no-parallel-scavenge'], ['--max-old-space-size=4096', '--single-threaded-gc'], ['--single_threaded'], ['--predictable']]) {
      expect(flagsSetBy(argv, twice)).toEqual(['--expose-gc', '--no-expose-gc']);
    }
    // A worker's execArgv need not be the process's (new Worker(file, { execArgv: [] })), and the flag is the process's.
    expect(flagsSetBy([], twice, false)).toEqual(['--expose-gc', '--no-expose-gc']);
  });

  it('is told the size of every frame of an animation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlvis-reclaim-'));
    const spy = jest.spyOn(reclaim, 'reclaimFrames');
    try {
      const r = await mlvisInProcess(['linear', '--iters', '50', '--frames', '12', '--size', '320x200', '--out', join(dir, 'a.gif'), '--out', join(dir, 'a.png')]);
      expect(r.code).toBe(0);
      expect(spy).toHaveBeenCalledTimes(12); // the animation's frames; the still is drawn once, outside the loop
      for (const call of spy.mock.calls) expect(call).toEqual([320 * 200 * 4]);
    } finally {
      spy.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
