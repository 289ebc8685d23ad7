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

/** Where the log lives. One backend serves one JournalStorage (it keeps the read position). */
export interface JournalBackend {
  /** A file path, or `memory`. */
  readonly location: string;
  /** Complete lines appended (by anyone) since the previous call, in order. */
  readNewLines(): Promise<readonly JournalLine[]>;
  /** Appends the lines (no "\n" inside) as one durable write. Only called while holding the lock. */
  appendLines(lines: readonly string[]): Promise<void>;
  /** Takes the cross-process write lock, waiting as long as needed. */
  lock(): Promise<void>;
  unlock(): Promise<void>;
  close(): Promise<void>;
  /** Things that went wrong but were recovered from (a torn line repaired, a stale lock broken). */
  readonly warnings: readonly string[];
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
