/**
 * Stopping a run from outside: SIGINT (Ctrl-C), SIGTERM and SIGHUP abort it between bounded steps, its
 * files are removed, and the exit code says which signal it was (130, 143, 129).
 */
import { MlvisError, stoppedBy } from './errors';

export interface Stop {
  signal: AbortSignal;
  /**
   * The error to end with: when a signal arrived, the run's message with the signal's exit code (another
   * signal during the clean-up changes nothing: the listeners stay until dispose), else `error` itself.
   */
  reason(error: unknown): unknown;
  dispose(): void;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The first stop signal this process received, whichever run heard it. */
let first: NodeJS.Signals | undefined;

/** The first stop signal this process received (for the last-moment guard of bin/mlvis.js), if any. */
export function signalReceived(): NodeJS.Signals | undefined {
  return first;
}

export function listenForStop(): Stop {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const on = (signal: NodeJS.Signals) => {
    received ??= signal;
    first ??= signal;
    controller.abort();
  };
  for (const s of SIGNALS) process.on(s, on);
  return {
    signal: controller.signal,
    reason: (error) => {
      if (!received || !(error instanceof MlvisError || controller.signal.aborted)) return error;
      // A batch says what had finished; a single run's own words are the interrupted message.
      return stoppedBy(received, error instanceof MlvisError && error.exitCode === 1 ? error.message : undefined);
    },
    dispose: () => {
      for (const s of SIGNALS) process.off(s, on);
    },
  };
}
