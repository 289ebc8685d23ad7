/**
 * What the CLI hands the journal storage (src/core does not touch `process`): who holds its lock (see
 * src/runner/processIdentity.ts) and where recovered problems and long lock waits are printed.
 */
export { thisProcessLockOwner } from '../runner/processIdentity';

/** Prints a storage warning on stderr, where it does not mix with a command's output. */
export function printStorageWarning(message: string): void {
  process.stderr.write(`tuneboard: warning: ${message}\n`);
}

/** Prints what the storage is doing that takes a while (waiting for another process's lock). */
export function printStorageNotice(message: string): void {
  process.stderr.write(`tuneboard: ${message}\n`);
}
