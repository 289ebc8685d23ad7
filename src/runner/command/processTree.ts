/**
 * Starting a program in its own process group, and ending the whole group: a `python train.py`
 * that forks data-loader processes must not leave them running after a stop, prune or timeout.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export function spawnGroup(file: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  // detached: on POSIX the child leads a new process group, so kill(-pid) reaches its descendants.
  return spawn(file, [...args], { ...options, detached: process.platform !== 'win32', windowsHide: true });
}

/** Sends `signal` to the child and everything it started. Never throws: the group may be gone already. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') {
      spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    } else {
      process.kill(-child.pid, signal);
    }
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already exited
    }
  }
}

/** SIGTERM now, SIGKILL after `graceMs` if the group is still there. */
export function terminateGroup(child: ChildProcess, graceMs: number): void {
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
  timer.unref();
  child.once('exit', () => {
    // The leader exited; make sure nothing it started lingers.
    clearTimeout(timer);
    killGroup(child, 'SIGKILL');
  });
}
