/**
 * Who this process is, and whether another process on this host still exists: recorded on the trials a
 * run starts (`tuneboard:runner`) and in the journal's lock, so a later run can tell work left by a dead
 * process from work still going. One answer for both.
 */
import { hostname } from 'node:os';
import type { LockOwner } from '../core';

export interface ProcessIdentity {
  readonly host: string;
  readonly pid: number;
}

export function thisProcess(): ProcessIdentity {
  return { host: hostname(), pid: process.pid };
}

/** Signal 0 checks existence only. EPERM: it exists but belongs to someone else. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This process as the journal lock's owner: a waiter on this host breaks the lock at once when it is gone. */
export function thisProcessLockOwner(): LockOwner {
  return { ...thisProcess(), isAlive: isProcessAlive };
}
