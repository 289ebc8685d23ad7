/**
 * What the CLI hands the journal storage (src/core does not touch `process`): who holds its lock and
 * how to tell that process is alive, and where recovered problems are printed.
 */
import { hostname } from 'node:os';

/** The storage's `LockOwner`, restated so this file needs no engine import. */
export interface ProcessIdentity {
  readonly pid: number;
  readonly host: string;
  isAlive(pid: number): boolean;
}

/** This process, for the lock file; a waiter on this host breaks the lock at once when it is gone. */
export function thisProcessLockOwner(): ProcessIdentity {
  return { pid: process.pid, host: hostname(), isAlive: isProcessAlive };
}

/** Signal 0 checks existence only. EPERM: it exists but is someone else's. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Prints a storage warning on stderr, where it does not mix with a command's output. */
export function printStorageWarning(message: string): void {
  process.stderr.write(`tuneboard: warning: ${message}\n`);
}

/** Prints what the storage is doing that takes a while (waiting for another process's lock). */
export function printStorageNotice(message: string): void {
  process.stderr.write(`tuneboard: ${message}\n`);
}
