/**
 * Optuna's JournalFileStorage on disk: UTF-8 JSON Lines, appended under `<real path>.lock` (see
 * fileLock.ts). Reads are incremental from the byte offset just past the last complete line. A file
 * that is not a journal is refused, never rewritten; a whole last record lacking its "\n" is read
 * (as Optuna does) and kept; only a torn last line is dropped, with a warning.
 */
import { mkdir, open, realpath } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { readCompleteLines } from './completeLines';
import { FileLock, errorCode, type LockOwner } from './fileLock';
import { assertLooksLikeJournal, isWholeRecord, repairTail } from './journalFileChecks';
import { JournalError } from './journalOps';
import type { JournalBackend, JournalLine } from './journalBackend';

export interface FileBackendOptions {
  /** How long a lock may stay unchanged before it counts as left by a dead process (Optuna's `grace_period`). */
  readonly staleLockMs?: number;
  /** Only read: the file must exist, is opened `r` only, and the lock cannot be taken. */
  readonly readOnly?: boolean;
  /** Recorded in the lock file, so a waiter on this host can break the lock at once when we are gone. */
  readonly lockOwner?: LockOwner;
  /** Aborting it (e.g. on Ctrl-C) ends a wait for the lock with a LockWaitAbortedError. */
  readonly signal?: AbortSignal;
  /** Told, once per wait that lasts `lockWaitNoticeMs` (default 1 s), whose lock we are waiting for. */
  readonly onLockWait?: (message: string) => void;
  readonly lockWaitNoticeMs?: number;
  /** Told of each recovered problem (torn line dropped, stale lock broken) as it happens. */
  readonly onWarning?: (message: string) => void;
}

const NEWLINE = '\n';

export class FileJournalBackend implements JournalBackend {
  /** Bytes read from the journal so far (a refresh reads only what was appended since the last one). */
  bytesRead = 0;
  private readonly warningList: string[] = [];
  private readonly fileLock: FileLock | null;
  private offset = 0; // just past the last complete line consumed
  private linesConsumed = 0;
  /** The last line consumed had no "\n" yet. */
  private afterTail = false;
  private locked = false;

  private constructor(readonly location: string, realLocation: string, private readonly options: FileBackendOptions) {
    // The lock follows the real file: two paths to one journal (a symlink) must share one lock.
    this.fileLock = options.readOnly ? null : new FileLock(`${realLocation}.lock`, location, {
      staleLockMs: options.staleLockMs ?? 30_000,
      waitNoticeMs: options.lockWaitNoticeMs ?? 1000,
      warn: (message) => this.warn(message),
      ...(options.lockOwner ? { owner: options.lockOwner } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onLockWait ? { onWait: options.onLockWait } : {}),
    });
  }

  /**
   * Opens the journal at `path`, creating it and its folders if missing (unless read-only). Throws a
   * JournalError naming the file when it exists, is not empty and is not a journal.
   */
  static async open(path: string, options: FileBackendOptions = {}): Promise<FileJournalBackend> {
    const location = resolve(path);
    const file = await openExisting(location, options.readOnly === true);
    if (file) {
      try {
        await assertLooksLikeJournal(file, location);
      } finally {
        await file.close();
      }
    } else {
      await mkdir(dirname(location), { recursive: true });
      await (await open(location, 'a')).close();
    }
    return new FileJournalBackend(location, await realpath(location), options);
  }

  get warnings(): readonly string[] {
    return this.warningList;
  }

  async readNewLines(): Promise<readonly JournalLine[]> {
    const file = await open(this.location, 'r');
    try {
      const { size } = await file.stat();
      if (size < this.offset) {
        throw new JournalError(`the file shrank from ${this.offset} to ${size} bytes: another program truncated or replaced it`, this.location);
      }
      const read = await readCompleteLines(file, this.offset, size, this.linesConsumed, { afterTail: this.afterTail, isWholeRecord });
      this.offset = read.offset;
      this.linesConsumed = read.lineNumber;
      this.afterTail = read.endsInTail;
      this.bytesRead += read.bytesRead;
      return read.lines;
    } finally {
      await file.close();
    }
  }

  async appendLines(lines: readonly string[]): Promise<void> {
    if (!this.locked) throw new Error(`internal: append to ${this.location} without holding its lock`);
    const file = await open(this.location, 'a+');
    try {
      const repair = await repairTail(file, this.location);
      if (repair.kind === 'dropped') {
        this.warn(`${this.location}: dropped ${repair.bytes} bytes of an incomplete last line left by a writer that stopped mid-write`);
      }
      // A whole last record without "\n" gets one first, so the file stays JSON Lines for Optuna.
      const text = (repair.kind === 'needs-newline' ? NEWLINE : '') + lines.map((line) => `${line}${NEWLINE}`).join('');
      const data = Buffer.from(text, 'utf8');
      for (let written = 0; written < data.length; ) written += (await file.write(data, written)).bytesWritten;
      await file.sync();
    } finally {
      await file.close();
    }
  }

  async lock(): Promise<void> {
    if (!this.fileLock) throw new Error(`internal: ${this.location} is open read-only; it cannot be locked for writing`);
    await this.fileLock.acquire();
    this.locked = true;
  }

  async unlock(): Promise<void> {
    if (!this.locked) return;
    this.locked = false;
    await this.fileLock?.release();
  }

  async close(): Promise<void> {
    await this.unlock();
  }

  private warn(message: string): void {
    this.warningList.push(message);
    this.options.onWarning?.(message);
  }
}

/** The journal opened for reading, or null when it does not exist (an error when read-only). */
async function openExisting(location: string, readOnly: boolean): Promise<Awaited<ReturnType<typeof open>> | null> {
  try {
    return await open(location, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT' && !readOnly) return null;
    throw error;
  }
}
