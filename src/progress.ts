/**
 * Progress on stderr for a single run: a bar on a terminal (the default), one JSON line per finished frame
 * and one for the finished run (`--progress json`, the same lines a batch writes), or nothing.
 */
import type { SingleBar } from 'cli-progress';
import type { WrittenFile } from './summary';

export type ProgressMode = 'bar' | 'json' | 'none';

export interface Progress {
  frame?: (done: number, total: number) => void;
  /** The run ended: its outputs (the library's shape, as a batch's job events give them), or its error. */
  end(seconds: number, outputs: WrittenFile[], error?: string): void;
}

export function progressReporter(mode: ProgressMode | undefined, stderr: NodeJS.WritableStream & { isTTY?: boolean }, quiet: boolean): Progress {
  if (mode === 'json') {
    const line = (o: object) => stderr.write(JSON.stringify(o) + '\n');
    return {
      frame: (done, total) => line({ event: 'frame', job: 0, done, total }),
      end: (seconds, outputs, error) => line({ event: 'job', job: 0, status: error ? 'failed' : 'ok', seconds, outputs, ...(error ? { error } : {}) }),
    };
  }
  if (mode === 'none' || quiet || (mode === undefined && !stderr.isTTY)) return { end: () => {} };
  let bar: SingleBar | undefined;
  return {
    frame(done, total) {
      // A file sweep draws several animations: the bar starts again for each.
      if (!bar || done === 1) {
        bar?.stop();
        const { Presets, SingleBar } = require('cli-progress') as typeof import('cli-progress');
        bar = new SingleBar({ stream: stderr, format: 'mlvis [{bar}] {value}/{total} frames', hideCursor: true }, Presets.shades_classic);
        bar.start(total, 0);
      }
      bar.update(done);
    },
    end: () => bar?.stop(),
  };
}
