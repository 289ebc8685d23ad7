/**
 * A run's journal writes (reports, results, asks, its once-a-second looks), one at a time, in the order
 * things happened. Once the journal could not be reached at all (Redis down past its retries), the
 * writes queued behind fail at once instead of each waiting out the same retries, so a run whose
 * server is gone ends with the reason in well under a minute.
 */
import { JournalUnreachableError } from '../core';

export class JournalWriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private unreachable: JournalUnreachableError | null = null;

  /** Runs `task` after every write queued before it; rejects as it does (or at once, once the journal is unreachable). */
  readonly write = <T>(task: () => Promise<T>): Promise<T> => {
    const next = this.tail.then(() => {
      if (this.unreachable) throw this.unreachable;
      return task().catch((error: unknown) => {
        if (error instanceof JournalUnreachableError) this.unreachable = error;
        throw error;
      });
    });
    this.tail = next.catch(() => undefined);
    return next;
  };

  /** Resolves once every write queued so far has settled. */
  drained(): Promise<unknown> {
    return this.tail;
  }
}
