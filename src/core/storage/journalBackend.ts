/**
 * What a journal storage needs from where the log lives (a file, or memory), and the small mutex
 * the storage uses to keep its own async callers in order.
 */

/** One complete line of the log, without its "\n". */
export interface JournalLine {
  readonly text: string;
  /** 1-based position in the log, for error messages. */
  readonly lineNumber: number;
}

export interface AppendOptions {
  /** False: the caller does not hold the lock (only with `atomicAppend`). Default true. */
  readonly locked?: boolean;
  /**
   * The last write of the caller's locked section: the backend may release the lock in the same step
   * (Redis: the append script deletes the lease, one round trip less, and others wait that much less);
   * unlock() then finds nothing to release. A backend that ignores it releases at unlock() as ever.
   */
  readonly release?: boolean;
}

/** Where the log lives. One backend serves one JournalStorage (it keeps the read position). */
export interface JournalBackend {
  /** A file path, or `memory`. */
  readonly location: string;
  /**
   * True when appendLines may be called without the lock: each append lands whole and in one order with
   * every other writer's, whatever else is written at the same time (Redis: one Lua script), and says
   * where its lines landed. The storage then writes what needs no check of shared state (a trial's
   * reports, attrs and end) without the lock, as Optuna does: the replay ignores a record that is no
   * longer valid (a finished trial cannot change), and the writer learns so by replaying its own lines.
   */
  readonly atomicAppend?: boolean;
  /**
   * True when other writers append without taking this lock at all (Python Optuna on Redis: its
   * JournalRedisStorage has no lock, and pops a waiting trial by appending its RUNNING record, the first
   * of which owns the trial). The storage then takes a waiting trial with its RUNNING record alone and
   * writes the params only once the replay gave it the trial, which needs appendLines to say where its
   * lines landed.
   */
  readonly lockFreePeers?: boolean;
  /** Complete lines appended (by anyone) since the previous call, in order. */
  readNewLines(): Promise<readonly JournalLine[]>;
  /**
   * Appends the lines (no "\n" inside) as one durable write. Called holding the lock, or with
   * `locked: false` when `atomicAppend`. Resolves to the lines' numbers in the log (as readNewLines
   * numbers them) when the backend knows them.
   */
  appendLines(lines: readonly string[], options?: AppendOptions): Promise<readonly number[] | void>;
  /** Takes the cross-process write lock, waiting as long as needed. */
  lock(): Promise<void>;
  unlock(): Promise<void>;
  close(): Promise<void>;
  /** Things that went wrong but were recovered from (a torn line repaired, a stale lock broken). */
  readonly warnings: readonly string[];
}

/**
 * The log cannot be reached at all (its server is down or cut off), after the backend's own retries:
 * a writer should give up on further writes rather than wait out the same retries for each.
 */
export class JournalUnreachableError extends Error {
  override name = 'JournalUnreachableError';
}

/** Runs async sections one at a time, in call order. */
export class AsyncMutex {
  private tail: Promise<void> = Promise.resolve();

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release = (): void => {};
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
