/**
 * Optuna's JournalFileStorage on disk: UTF-8 JSON Lines, appended under `<file>.lock`. The lock is
 * created with O_EXCL, so it excludes (and is excluded by) both of Optuna's locks, JournalFileOpenLock
 * (the same O_EXCL file) and JournalFileSymlinkLock (a symlink at the same path). Reads are incremental
 * from the byte offset just past the last complete line.
 */
import { randomUUID } from 'node:crypto';
import { lstat, mkdir, open, rename, unlink, utimes, type FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { readCompleteLines } from './completeLines';
import { JournalError } from './journalOps';
import type { JournalBackend, JournalLine } from './journalBackend';

export interface FileBackendOptions {
  /** How long a lock may stay unchanged before it counts as left by a dead process (Optuna's `grace_period`). */
  readonly staleLockMs?: number;
}

const NEWLINE = 0x0a;
const MAX_BACKOFF_MS = 1000;

/** A lock file as last seen by a waiter: changes of inode or mtime mean its holder is alive. */
interface LockSighting { readonly identity: string; readonly since: number }

export class FileJournalBackend implements JournalBackend {
  /** Bytes read from the journal so far (a refresh reads only what was appended since the last one). */
  bytesRead = 0;
  private readonly lockPath: string;
  private readonly warningList: string[] = [];
  private offset = 0; // just past the last complete line consumed
  private linesConsumed = 0;
  private locked = false;
  private heartbeat: ReturnType<typeof setInterval> | undefined;

  private constructor(readonly location: string, private readonly staleLockMs: number) {
    this.lockPath = `${location}.lock`;
  }

  /** Opens the journal at `path`, creating it and its folders if missing. */
  static async open(path: string, options: FileBackendOptions = {}): Promise<FileJournalBackend> {
    const backend = new FileJournalBackend(resolve(path), options.staleLockMs ?? 30_000);
    await mkdir(dirname(backend.location), { recursive: true });
    await (await open(backend.location, 'a')).close();
    return backend;
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
      const read = await readCompleteLines(file, this.offset, size, this.linesConsumed);
      this.offset = read.offset;
      this.linesConsumed = read.lineNumber;
      this.bytesRead += read.bytesRead;
      return read.lines;
    } finally {
      await file.close();
    }
  }

  async appendLines(lines: readonly string[]): Promise<void> {
    if (!this.locked) throw new Error(`internal: append to ${this.location} without holding its lock`);
    const data = Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8');
    const file = await open(this.location, 'a+');
    try {
      await this.dropTornTail(file);
      for (let written = 0; written < data.length; ) written += (await file.write(data, written)).bytesWritten;
      await file.sync();
    } finally {
      await file.close();
    }
  }

  async lock(): Promise<void> {
    if (this.locked) throw new Error(`internal: ${this.lockPath} is already held by this process`);
    let backoffMs = 1;
    let sighting: LockSighting | undefined;
    for (;;) {
      try {
        await (await open(this.lockPath, 'wx')).close();
        break;
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
      }
      sighting = await this.watchLock(sighting);
      if (sighting === undefined) continue; // released or broken just now: try again at once
      await new Promise((done) => setTimeout(done, backoffMs));
      backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    }
    this.locked = true;
    // Keep our lock's mtime moving so waiters (ours or Optuna's) never take a slow holder for a dead one.
    this.heartbeat = setInterval(() => {
      const now = new Date();
      utimes(this.lockPath, now, now).catch(() => undefined);
    }, Math.max(10, this.staleLockMs / 3));
    this.heartbeat.unref();
  }

  async unlock(): Promise<void> {
    if (!this.locked) return;
    this.locked = false;
    clearInterval(this.heartbeat);
    // As Optuna: rename first (atomic, so exactly one remover wins), then delete.
    const renamed = `${this.lockPath}${randomUUID()}.rename`;
    try {
      await rename(this.lockPath, renamed);
    } catch {
      this.warningList.push(`${this.lockPath} was removed by another process while this one held it`);
      return;
    }
    await unlink(renamed);
  }

  async close(): Promise<void> {
    await this.unlock();
  }

  /**
   * Tracks a lock held by someone else and breaks it once it has not changed for `staleLockMs`, as
   * Optuna's grace period does (timed on our clock, so clock skew between NFS hosts does not matter).
   * Returns undefined when the lock is gone.
   */
  private async watchLock(previous: LockSighting | undefined): Promise<LockSighting | undefined> {
    let identity: string;
    try {
      const stats = await lstat(this.lockPath); // lstat: Optuna's symlink lock points at the journal itself
      identity = `${stats.ino}:${stats.mtimeMs}`;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
    const now = performance.now();
    if (previous?.identity !== identity) return { identity, since: now };
    if (now - previous.since < this.staleLockMs) return previous;
    const renamed = `${this.lockPath}${randomUUID()}.rename`;
    try {
      await rename(this.lockPath, renamed);
      await unlink(renamed);
      this.warningList.push(`${this.lockPath}: broke a lock unchanged for ${(this.staleLockMs / 1000).toFixed(1)} s; its holder probably died`);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error; // another waiter broke it first
    }
    return undefined;
  }

  /** A writer that died mid-line leaves bytes without "\n"; Optuna could not read past them once we append. */
  private async dropTornTail(file: FileHandle): Promise<void> {
    const { size } = await file.stat();
    const lastByte = Buffer.alloc(1);
    if (size === 0 || ((await file.read(lastByte, 0, 1, size - 1)).bytesRead === 1 && lastByte[0] === NEWLINE)) return;
    const chunk = Buffer.alloc(64 * 1024);
    let keep = 0;
    for (let end = size; end > 0; ) {
      const start = Math.max(0, end - chunk.length);
      const { bytesRead } = await file.read(chunk, 0, end - start, start);
      const lastNewline = chunk.subarray(0, bytesRead).lastIndexOf(NEWLINE);
      if (lastNewline >= 0) {
        keep = start + lastNewline + 1;
        break;
      }
      end = start;
    }
    await file.truncate(keep);
    this.warningList.push(`${this.location}: dropped ${size - keep} bytes of an incomplete last line left by a writer that stopped mid-write`);
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}
