/**
 * How a command fails in a way the user can act on: one line `tuneboard: message` on stderr (after
 * any `file:line:col: problem` lines) and an exit code, never a stack trace. Storage that cannot be
 * opened (a malformed URL, a Redis server that does not answer) is such a failure wherever it surfaces:
 * the address and what to check are in the message, so a stack would only hide them.
 */
import { StorageLocationError } from '../core';
import { RedisUnreachableError } from '../redis/redisJournalBackend';
import { EXIT } from './validateCommand';

/** A failure the user can act on: printed as `tuneboard: message`, then the process exits with `exitCode`. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
    /** Lines printed as they are before the message, e.g. `file:line:col: problem`. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

/**
 * Prints a failure the user can act on and returns its exit code; anything else is a bug, and is
 * thrown on so that its stack is printed.
 */
export function reportCliError(error: unknown, stderr: { write(text: string): unknown } = process.stderr): number {
  const failure = asCliError(error);
  if (failure === null) throw error;
  for (const line of failure.details) stderr.write(`${line}\n`);
  stderr.write(`tuneboard: ${failure.message}\n`);
  return failure.exitCode;
}

function asCliError(error: unknown): CliError | null {
  if (error instanceof CliError) return error;
  // Both already name the address and what to check; like an unreadable file, they are exit 2.
  if (error instanceof RedisUnreachableError || error instanceof StorageLocationError) return new CliError(error.message, EXIT.usage);
  return null;
}

/** Runs a command's action, turning a failure the user can act on into its message and exit code. */
export async function runCliAction(action: () => Promise<number>): Promise<void> {
  // `tuneboard export --csv | head` closes the pipe early: that is the reader's choice, not a crash.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(EXIT.ok);
  });
  try {
    process.exitCode = await action();
  } catch (error) {
    process.exitCode = reportCliError(error);
  }
}
