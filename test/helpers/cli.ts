import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runCli } from '../../src/cli';

export const ROOT = join(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'mlvis.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Folder the command runs in; relative paths in the arguments resolve against it (default: the repository). */
  cwd?: string;
  /** Variables added to process.env for this run. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs the built CLI as a subprocess, as a user would (npm test builds dist/ first). Only for what needs a real
 * process: its exit status, signals, pipes, a child's faults; everything else uses mlvisInProcess.
 */
export function mlvis(args: string[], opts: CliOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...opts.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The argv runCli takes for the user's arguments. Today runCli hands argv to commander's parse() in
 * process.argv form (bin/mlvis.js passes process.argv), so two placeholder entries come first. If runCli comes
 * to take the user's arguments alone, this is the one line to change.
 */
export function cliArgv(args: string[]): string[] {
  return ['node', 'mlvis', ...args];
}

/** A stream that keeps what is written to it, as a pipe would deliver it. */
export function captureStream(isTTY = false): { stream: Writable & { isTTY?: boolean; columns?: number }; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += chunk.toString();
      done();
    },
  }) as Writable & { isTTY?: boolean; columns?: number };
  stream.isTTY = isTTY;
  stream.columns = 100;
  return { stream, text: () => text };
}

type RunCli = (argv: string[], io: { stdout: Writable & { isTTY?: boolean }; stderr: Writable & { isTTY?: boolean } }, env?: NodeJS.ProcessEnv) => Promise<number>;

/**
 * Runs the CLI in this process through runCli, with stdout and stderr captured as pipes (not terminals), and the
 * same defaults as mlvis(): the repository as working folder. Relative paths resolve against process.cwd(), so
 * the call changes into opts.cwd and back; tests in one file run one after another, so this is safe there.
 * opts.env, merged over process.env, is passed as runCli's third argument.
 */
export async function mlvisInProcess(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  const stdout = captureStream(false);
  const stderr = captureStream(false);
  const before = process.cwd();
  process.chdir(opts.cwd ?? ROOT);
  try {
    const env = opts.env === undefined ? undefined : { ...process.env, ...opts.env };
    const code = await (runCli as RunCli)(cliArgv(args), { stdout: stdout.stream, stderr: stderr.stream }, env);
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  } finally {
    process.chdir(before);
  }
}

/** A run with `--summary -` that must succeed: its parsed summary, stderr (warnings) and stdout. */
export async function summaryOf(args: string[]): Promise<{ s: import('../../src/summary').Summary; stderr: string; stdout: string }> {
  const r = await mlvisInProcess([...args, '--summary', '-']);
  expect([r.code, r.stderr]).toEqual([0, expect.any(String)]);
  return { s: JSON.parse(r.stdout), stderr: r.stderr, stdout: r.stdout };
}

/** A run with `--summary -` that must be refused: exit 2, nothing on stdout, one line on stderr (returned without "mlvis: "). */
export async function usageLine(args: string[]): Promise<string> {
  const r = await mlvisInProcess([...args, '--summary', '-']);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.split('\n')).toHaveLength(2); // one line and its newline
  return r.stderr.replace(/^mlvis: /, '').trimEnd();
}
