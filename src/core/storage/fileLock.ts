/**
 * The journal's write lock, `<journal>.lock`, created with O_EXCL: it excludes (and is excluded by)
 * both of Optuna's locks, JournalFileOpenLock (the same O_EXCL file, left empty) and
 * JournalFileSymlinkLock (a symlink at the same path). Optuna never reads the lock's content, so ours
 * records its holder (pid, host, since) as one JSON line; a lock whose holder on this host is gone is
 * broken at once. A lock with no holder recorded (Optuna's) is broken once it has not changed for
 * `staleLockMs`, or at once when it is older than an hour. A wait says what it waits for, and stops
 * when the caller's signal aborts.
 */
import { randomUUID } from 'node:crypto';
import { link, lstat, open, readdir, readFile, rename, unlink, utimes } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Who we are and how to tell a process is alive: passed in, as the engine does not touch `process`. */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  isAlive(pid: number): boolean;
}

export interface FileLockOptions {
  /** How long a lock may stay unchanged before it counts as left by a dead process (Optuna's `grace_period`). */
  readonly staleLockMs: number;
  /** Recorded in our lock; lets a waiter on this host break a lock whose holder is gone at once. */
  readonly owner?: LockOwner;
  /** Aborting it ends a wait for the lock with a LockWaitAbortedError. */
  readonly signal?: AbortSignal;
  /** Told once per wait, after `waitNoticeMs`, what the wait is for. */
  readonly onWait?: (message: string) => void;
  readonly waitNoticeMs: number;
  readonly warn: (message: string) => void;
}

/** The caller's signal ended a wait for the lock. */
export class LockWaitAbortedError extends Error {
  override name = 'LockWaitAbortedError';
}

/** A lock unchanged this long is abandoned whoever holds it: ours touch theirs every few seconds, Optuna's last milliseconds. */
const ABANDONED_AFTER_MS = 60 * 60_000;
/** Optuna's release renames, then deletes; a `.rename` file this old was left by a process that died between. */
const LEFTOVER_RENAME_AFTER_MS = 10 * 60_000;
/** When the caller's signal aborted before the wait began (stopping, still recording), wait this long at most. */
const ABORTED_GRACE_MS = 2000;
const MAX_BACKOFF_MS = 1000;

interface Holder { readonly pid?: number; readonly host?: string; readonly since?: string }
/** A lock file as last seen by a waiter: changes of inode or mtime mean its holder is alive. */
interface Sighting { readonly identity: string; readonly ino: number; readonly mtimeMs: number; readonly holder: Holder | 'symlink' | null; readonly since: number }

export class FileLock {
  private held = false;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private leftoversSwept = false;

  constructor(readonly path: string, private readonly journal: string, private readonly options: FileLockOptions) {}

  async acquire(): Promise<void> {
    if (this.held) throw new Error(`internal: ${this.path} is already held by this process`);
    const startedAt = performance.now();
    const { signal } = this.options;
    const abortedAtStart = signal?.aborted === true;
    let backoffMs = 1;
    let sighting: Sighting | undefined;
    let told = false;
    while (!(await this.tryCreate())) {
      sighting = await this.watch(sighting);
      if (sighting === undefined) continue; // released or broken just now: try again at once
      const waited = performance.now() - startedAt;
      if (!told && waited >= this.options.waitNoticeMs) {
        told = true;
        this.options.onWait?.(`waiting for the lock on ${this.journal}: ${describeHolder(sighting)}`);
      }
      if (abortedAtStart && waited >= ABORTED_GRACE_MS) throw this.aborted(sighting);
      await sleep(backoffMs, abortedAtStart ? undefined : signal);
      if (!abortedAtStart && signal?.aborted) throw this.aborted(sighting);
      backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    }
    this.held = true;
    // Keep our lock's mtime moving so waiters (ours or Optuna's) never take a slow holder for a dead one.
    this.heartbeat = setInterval(() => {
      const now = new Date();
      utimes(this.path, now, now).catch(() => undefined);
    }, Math.max(10, this.options.staleLockMs / 3));
    this.heartbeat.unref();
    if (!this.leftoversSwept) {
      this.leftoversSwept = true;
      await this.sweepLeftoverRenames();
    }
  }

  async release(): Promise<void> {
    if (!this.held) return;
    this.held = false;
    clearInterval(this.heartbeat);
    // As Optuna: rename first (atomic, so exactly one remover wins), then delete.
    const renamed = this.renamePath();
    try {
      await rename(this.path, renamed);
    } catch {
      this.options.warn(`${this.path} was removed by another process while this one held it`);
      return;
    }
    await unlink(renamed);
  }

  private async tryCreate(): Promise<boolean> {
    let file;
    try {
      file = await open(this.path, 'wx');
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return false;
      throw error;
    }
    try {
      const { owner } = this.options;
      const holder: Holder = { ...(owner ? { pid: owner.pid, host: owner.host } : {}), since: new Date().toISOString() };
      await file.writeFile(`${JSON.stringify(holder)}\n`);
    } finally {
      await file.close();
    }
    return true;
  }

  /** Looks at the lock someone else holds and breaks it if abandoned. Returns undefined when it is gone. */
  private async watch(previous: Sighting | undefined): Promise<Sighting | undefined> {
    let sighting: Sighting;
    try {
      const stats = await lstat(this.path); // lstat: Optuna's symlink lock points at the journal itself
      const identity = `${stats.ino}:${stats.mtimeMs}`;
      if (previous?.identity === identity) sighting = previous;
      else {
        const holder = stats.isSymbolicLink() ? 'symlink' : await readHolder(this.path);
        sighting = { identity, ino: stats.ino, mtimeMs: stats.mtimeMs, holder, since: performance.now() };
      }
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
    const reason = this.abandonedBecause(sighting);
    if (reason === null) return sighting;
    await this.breakLock(sighting, reason);
    return undefined;
  }

  private abandonedBecause(sighting: Sighting): string | null {
    const { owner, staleLockMs } = this.options;
    const holder = typeof sighting.holder === 'object' ? sighting.holder : null;
    if (owner && holder?.pid !== undefined && holder.host === owner.host && holder.pid !== owner.pid && !owner.isAlive(holder.pid)) {
      return `its holder, pid ${holder.pid} on ${holder.host}, is gone`;
    }
    if (Date.now() - sighting.mtimeMs > ABANDONED_AFTER_MS) return `it has not changed since ${new Date(sighting.mtimeMs).toISOString()}`;
    const unchangedMs = performance.now() - sighting.since;
    if (unchangedMs >= staleLockMs) return `it stayed unchanged for ${(staleLockMs / 1000).toFixed(1)} s; its holder probably died`;
    return null;
  }

  private async breakLock(sighting: Sighting, reason: string): Promise<void> {
    const renamed = this.renamePath();
    try {
      await rename(this.path, renamed);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return; // released, or another waiter broke it first
      throw error;
    }
    // Between our look and the rename the lock may have changed hands: then put the new one back.
    if ((await lstat(renamed)).ino !== sighting.ino) {
      await link(renamed, this.path).catch(() => undefined);
      await unlink(renamed).catch(() => undefined);
      return;
    }
    await unlink(renamed).catch(() => undefined);
    this.options.warn(`${this.path}: broke the lock (${describeHolder(sighting)}): ${reason}`);
  }

  private aborted(sighting: Sighting): LockWaitAbortedError {
    return new LockWaitAbortedError(`stopped waiting for the lock on ${this.journal} (${describeHolder(sighting)})`);
  }

  private renamePath(): string {
    return `${this.path}${randomUUID()}.rename`;
  }

  /** Deletes `<lock><uuid>.rename` files of processes that died mid-release. Never fatal. */
  private async sweepLeftoverRenames(): Promise<void> {
    const prefix = basename(this.path);
    const folder = dirname(this.path);
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names) {
      if (!name.startsWith(prefix) || !name.endsWith('.rename') || name === prefix) continue;
      const path = join(folder, name);
      try {
        if (Date.now() - (await lstat(path)).mtimeMs > LEFTOVER_RENAME_AFTER_MS) await unlink(path);
      } catch {
        // gone already, or not ours to delete
      }
    }
  }
}

async function readHolder(path: string): Promise<Holder | null> {
  try {
    const text = await readFile(path, 'utf8');
    const parsed: unknown = JSON.parse(text.length > 1024 ? '' : text);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { pid, host, since } = parsed as Record<string, unknown>;
    return {
      ...(Number.isSafeInteger(pid) ? { pid: pid as number } : {}),
      ...(typeof host === 'string' ? { host: host.slice(0, 255) } : {}),
      ...(typeof since === 'string' ? { since: since.slice(0, 40) } : {}),
    };
  } catch {
    return null; // empty (Optuna's lock, or ours a moment before its holder is written), or gone
  }
}

function describeHolder(sighting: Sighting): string {
  const changed = new Date(sighting.mtimeMs).toISOString();
  if (sighting.holder === 'symlink') return `held by a Python Optuna process (symlink lock, which records no holder) since ${changed}`;
  const holder = sighting.holder;
  if (holder === null) return `held by another process (Optuna's lock, which records no holder) since ${changed}`;
  if (holder.pid === undefined) return `held by another process since ${holder.since ?? changed}`;
  return `held by pid ${holder.pid}${holder.host === undefined ? '' : ` on ${holder.host}`} since ${holder.since ?? changed}`;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((done) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      done();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      done();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}
