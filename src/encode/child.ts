/**
 * An external encoder as a child process that mlvis can always end: it runs in its own process group
 * (spawned detached), so a stop reaches whatever it started (a wrapper script's children) too; a stop is
 * SIGTERM, then SIGKILL after a short grace for one that ignores it; a grandchild that left the group (setsid)
 * is found through /proc while its parent lives. Its pipes are let go once it has exited, so a grandchild
 * that holds one open never holds mlvis.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** How long a child has to end on SIGTERM before SIGKILL. */
export const TERM_GRACE_MS = 1000;
/** How long to wait for a SIGKILLed child to be reaped before going on without it. */
const KILL_WAIT_MS = 5000;

/** The environment variable that marks a child's whole family (see familyOf). */
export const FAMILY_VARIABLE = 'MLVIS_CHILD_OF';

/**
 * Spawns `binary` as the leader of a new process group; throws what spawn throws (a pipe it cannot make).
 * `family`, when given, marks it and everything it starts (the environment is inherited): familyOf finds
 * them, even those that left its group (setsid) or were orphaned by its exit.
 */
export function spawnInGroup(binary: string, args: string[], stdio: StdioOptions, family?: string): ChildProcess {
  return spawn(binary, args, { stdio, detached: true, ...(family ? { env: { ...process.env, [FAMILY_VARIABLE]: family } } : {}) });
}

/**
 * The pids of the living processes marked with `family` (spawnInGroup), this process excepted: a child's
 * descendants whatever they did with their group or session, found by their environment in /proc (Linux;
 * none elsewhere). A process that cleared its environment is not found.
 */
export function familyOf(family: string): number[] {
  let names: string[];
  try {
    names = readdirSync('/proc').filter((n) => /^\d+$/.test(n) && Number(n) !== process.pid);
  } catch {
    return [];
  }
  const mark = `${FAMILY_VARIABLE}=${family}\0`;
  const found: number[] = [];
  for (const name of names) {
    try {
      if (readFileSync(`/proc/${name}/environ`, 'latin1').includes(mark)) found.push(Number(name));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

/**
 * The pids of the living descendants of `pid`, from each process's parent in /proc/PID/stat (Linux; none
 * elsewhere). Only those whose parents are still alive can be found: an orphan is re-parented to init.
 */
export function descendants(pid: number): number[] {
  let names: string[];
  try {
    names = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const name of names) {
    try {
      // Fields after the command (which may hold spaces and parentheses): state, then the parent's pid.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // gone since the listing
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** Sends a signal to a process group and to single processes; those already gone are skipped. */
export function signalGroup(leader: number, others: readonly number[], signal: NodeJS.Signals): void {
  for (const target of [-leader, ...others]) {
    try {
      process.kill(target, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Ends a child whatever it does: SIGTERM to its group and to every descendant, SIGKILL to all of them after
 * `graceMs` if the child has not exited, and resolves once it has exited (`exited`, which never rejects) or
 * the wait for it has run out. Its pipes are destroyed: nothing of it can hold the event loop.
 */
export async function endChild(child: ChildProcess, exited: Promise<void>, graceMs = TERM_GRACE_MS, mark?: string): Promise<void> {
  child.stdin?.destroy();
  if (child.pid !== undefined) {
    const pid = child.pid;
    const marked = () => (mark ? familyOf(mark) : []);
    const family = [...new Set([...descendants(pid), ...marked()])];
    signalGroup(pid, family, 'SIGTERM');
    if (!(await settledWithin(exited, graceMs))) {
      signalGroup(pid, [...new Set([...family, ...descendants(pid), ...marked()])], 'SIGKILL');
      await settledWithin(exited, KILL_WAIT_MS);
    } else {
      // The child is gone; what it started and that stayed (ignoring SIGTERM) is not wanted either.
      signalGroup(pid, [...new Set([...family, ...marked()])], 'SIGKILL');
    }
  }
  releasePipes(child);
}

/** Lets go of a child's pipes (a grandchild may hold the other end open for as long as it likes). */
export function releasePipes(child: ChildProcess): void {
  child.stdin?.destroy();
  child.stdout?.destroy();
  child.stderr?.destroy();
}

/** Waits for `promise` (which never rejects) or `ms`; true when the promise settled first. */
export async function settledWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = await Promise.race([promise.then(() => true), timeout]);
  clearTimeout(timer);
  return settled;
}
