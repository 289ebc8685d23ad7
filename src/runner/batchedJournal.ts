/**
 * The study process's journal, able to write a run of records as one append. A command printing a
 * metric line per batch would otherwise cost a locked, fsynced append per line (20,000 lines took
 * about a minute). Inside `batch(fn)`, which holds the journal lock throughout, the storage's appends
 * are kept in memory and handed straight back to its replay, so the study still reads its own
 * writes (the pruner sees every report); they reach the file as one append before the lock is released.
 */
import { type AppendOptions, type JournalBackend, type JournalLine, JournalStorage } from '../core';
import { openJournalBackend, type JournalOpenOptions } from '../redis/openJournal';
import { RedisJournalBackend } from '../redis/redisJournalBackend';
import type { TrialLeases } from '../redis/trialLeases';

export interface BatchedJournal {
  readonly storage: JournalStorage;
  /** Runs `fn` under the journal lock; every record it writes reaches the file in one append at its end. */
  batch<T>(fn: () => Promise<T>): Promise<T>;
  /** Heartbeats of running trials, on a journal other hosts share (Redis); null for a file. */
  readonly trialLeases: TrialLeases | null;
}

/** `location`: a journal file path or a redis:// URL. */
export async function openBatchedJournal(location: string, options: JournalOpenOptions & { readonly trialLeaseMs?: number } = {}): Promise<BatchedJournal> {
  const inner = await openJournalBackend(location, options);
  const backend = new BatchingBackend(inner);
  const storage = await JournalStorage.open(backend, options);
  const trialLeases = inner instanceof RedisJournalBackend ? inner.trialLeases(options.trialLeaseMs ?? 15_000) : null;
  return { storage, batch: (fn) => storage.withLock(() => backend.holdAppends(fn)), trialLeases };
}

class BatchingBackend implements JournalBackend {
  /** Lines appended in the current batch; null outside one. */
  private held: string[] | null = null;
  /** How many of `held` the replay has read. */
  private handedOut = 0;
  private lastLineNumber = 0;
  /** Other writers' records that landed around a batch, for the replay to read next. */
  private readonly pending: JournalLine[] = [];

  constructor(private readonly inner: JournalBackend) {}

  get location(): string {
    return this.inner.location;
  }

  get warnings(): readonly string[] {
    return this.inner.warnings;
  }

  get lockFreePeers(): boolean | undefined {
    return this.inner.lockFreePeers;
  }

  /** Called holding the lock: no other writer can append until `fn` and the flush are done. */
  async holdAppends<T>(fn: () => Promise<T>): Promise<T> {
    if (this.held) return fn();
    this.held = [];
    this.handedOut = 0;
    try {
      return await fn();
    } finally {
      // Flushed even when fn failed part-way: what the replay has seen must be what the file holds.
      const lines = this.held;
      this.held = null;
      if (lines.length > 0) await this.flush(lines);
    }
  }

  async readNewLines(): Promise<readonly JournalLine[]> {
    if (!this.held) return this.track([...this.pending.splice(0), ...(await this.inner.readNewLines())]);
    const fresh = this.held.slice(this.handedOut).map((text) => ({ text, lineNumber: ++this.lastLineNumber }));
    this.handedOut = this.held.length;
    return fresh;
  }

  /**
   * Outside a batch the append goes through with its options: an ask's last write releases the lock in
   * the same step (on Redis, one round trip less, and the others wait that much less). This backend never
   * claims `atomicAppend`, so the storage writes a trial's records under the lock: on Redis a run's
   * tell and reports then check the trial under the lock first, and a trial another host failed as stale
   * never gets a record after its end (which the faults tests ask of the runner). Where the lines
   * landed is passed on, so the storage learns when the replay ignored one of them (a waiting trial a
   * Python worker took first); inside a batch nothing lands until its end, and nothing is said.
   */
  async appendLines(lines: readonly string[], options?: AppendOptions): Promise<readonly number[] | void> {
    if (this.held) this.held.push(...lines);
    else return this.inner.appendLines(lines, options);
  }

  lock(): Promise<void> {
    return this.inner.lock();
  }

  unlock(): Promise<void> {
    return this.inner.unlock();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /**
   * One append; then the log's new records: ours, which the replay already has, are skipped. Writers
   * that do not take this lock (Python Optuna on a Redis journal) may have appended around them; a batch
   * holds only reports and attrs of this process's running trials, which their records never touch, so
   * those are replayed after it. Our records must come back whole and in order (one append is atomic).
   */
  private async flush(lines: readonly string[]): Promise<void> {
    await this.inner.appendLines(lines);
    const echoed = await this.inner.readNewLines();
    const at = echoed.findIndex((_, start) => lines.every((text, i) => echoed[start + i]?.text === text));
    if (at < 0) throw new Error(`${this.location} changed while this process held its lock: restart the study to read it afresh`);
    this.pending.push(...echoed.slice(0, at), ...echoed.slice(at + lines.length));
    this.track(echoed);
  }

  private track(lines: readonly JournalLine[]): readonly JournalLine[] {
    const last = lines[lines.length - 1];
    if (last) this.lastLineNumber = last.lineNumber;
    return lines;
  }
}
