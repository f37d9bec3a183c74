import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { createCanvas } from '@napi-rs/canvas';
import * as reclaim from '../../src/pipeline/reclaim';
import { mlvisInProcess } from '../helpers/cli';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('reclaimFrames', () => {
  it('keeps the memory of a frame loop flat: each frame is freed once the next one is drawn', async () => {
    // The pipeline's pattern: draw, hand on, reclaim, let the event loop turn. 40 frames of 256 kB are
    // 10 MB; V8 alone would keep them all (it collects for external memory only past some 64 MB).
    const canvas = createCanvas(320, 200);
    const ctx = canvas.getContext('2d');
    const external = () => process.memoryUsage().external;
    let sum = 0;
    for (let k = 0; k < 2; k++) {
      sum += canvas.data()[0];
      reclaim.reclaimFrames();
      await turn();
    }
    const before = external();
    let peak = before;
    for (let k = 0; k < 40; k++) {
      ctx.fillStyle = `rgb(${k * 6}, 0, 0)`;
      ctx.fillRect(0, 0, 320, 200);
      sum += canvas.data()[0];
      reclaim.reclaimFrames();
      await turn();
      peak = Math.max(peak, external());
    }
    expect(sum).toBeGreaterThan(0);
    expect(peak - before).toBeLessThan(6 * 320 * 200 * 4); // a few frames at most, not 40
  });

  it('leaves no gc function behind for other code to find', () => {
    reclaim.reclaimFrames();
    expect(runInNewContext('typeof gc')).toBe('undefined');
    expect(typeof (globalThis as { gc?: unknown }).gc === 'function' || !('gc' in globalThis)).toBe(true);
  });

  it('runs once for every frame of an animation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlvis-reclaim-'));
    const spy = jest.spyOn(reclaim, 'reclaimFrames');
    try {
      const r = await mlvisInProcess(['linear', '--iters', '50', '--frames', '12', '--size', '320x200', '--out', join(dir, 'a.gif'), '--out', join(dir, 'a.png')]);
      expect(r.code).toBe(0);
      expect(spy).toHaveBeenCalledTimes(12); // the animation's frames; the still is drawn once, outside the loop
    } finally {
      spy.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
