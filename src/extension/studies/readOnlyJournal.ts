/**
 * Reading a journal without ever writing to it. The CLI (`openStudyForReading`) checks that the file
 * exists and then uses `openStorage`, whose file backend creates missing files and folders: fine for
 * a one-shot read, but a watcher racing a deletion would bring the journal back. This backend opens
 * with `r` only, and notices a file replaced or truncated under it, so the index can start over.
 */
import { open } from 'node:fs/promises';
import { isWholeRecord, type JournalBackend, type JournalLine, JournalStorage, parseStorageLocation, readCompleteLines } from '../../core';
import { RedisJournalBackend } from '../../redis/redisJournalBackend';

/** The file is not the one we were reading (deleted and rewritten, truncated): replay it from the start. */
export class JournalReplacedError extends Error {
  override name = 'JournalReplacedError';
}

class ReadOnlyJournalBackend implements JournalBackend {
  readonly warnings: readonly string[] = [];
  /** Just past the last complete line consumed; a half-written last line is left for the next read. */
  private offset = 0;
  private linesConsumed = 0;
  /** The last line consumed was a whole record still lacking its "\n". */
  private afterTail = false;
  private identity: string | null = null;
  private primed = false;

  constructor(readonly location: string) {}

  async readNewLines(): Promise<readonly JournalLine[]> {
    // JournalStorage.open replays at once and throws on a bad line, losing the storage. An empty
    // first read lets open succeed; the caller's refresh() then keeps what replayed before the bad line.
    if (!this.primed) {
      this.primed = true;
      return [];
    }
    const file = await open(this.location, 'r');
    try {
      const stats = await file.stat();
      const identity = `${stats.dev}:${stats.ino}`;
      if (this.identity !== null && identity !== this.identity) throw new JournalReplacedError(`${this.location} was replaced by a new file`);
      if (stats.size < this.offset) throw new JournalReplacedError(`${this.location} shrank from ${this.offset} to ${stats.size} bytes`);
      this.identity = identity;
      const read = await readCompleteLines(file, this.offset, stats.size, this.linesConsumed, { afterTail: this.afterTail, isWholeRecord });
      this.offset = read.offset;
      this.linesConsumed = read.lineNumber;
      this.afterTail = read.endsInTail;
      return read.lines;
    } finally {
      await file.close();
    }
  }

  appendLines(): Promise<void> {
    return Promise.reject(new Error(`internal: ${this.location} is open read-only`));
  }

  lock(): Promise<void> {
    return Promise.reject(new Error(`internal: ${this.location} is open read-only`));
  }

  async unlock(): Promise<void> {}

  async close(): Promise<void> {}
}

/**
 * A storage over `path` that only reads. Nothing is replayed yet: call `refresh()`, which throws
 * ENOENT for a missing file, a JournalError (file:line) for a bad line, or JournalReplacedError.
 */
export function openJournalForReading(path: string): Promise<JournalStorage> {
  return JournalStorage.open(new ReadOnlyJournalBackend(path));
}

/** How long a read of a server waits for it to come back before the view says it is unreachable. */
const REMOTE_RECONNECT_MS = 2000;

/** The same for a journal on a server: reads only, never takes its lock; throws what the server says. */
class ReadOnlyRemoteBackend implements JournalBackend {
  private primed = false;

  constructor(private readonly inner: JournalBackend) {}

  get location(): string {
    return this.inner.location;
  }

  get warnings(): readonly string[] {
    return this.inner.warnings;
  }

  readNewLines(): Promise<readonly JournalLine[]> {
    if (this.primed) return this.inner.readNewLines();
    this.primed = true; // as above: open succeeds, refresh() reports the problem and keeps what replayed
    return Promise.resolve([]);
  }

  appendLines(): Promise<void> {
    return Promise.reject(new Error(`internal: ${this.location} is open read-only`));
  }

  lock(): Promise<void> {
    return Promise.reject(new Error(`internal: ${this.location} is open read-only`));
  }

  async unlock(): Promise<void> {}

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** A storage that only reads the journal at a Redis URL; connects now, and fails naming host:port. */
export async function openRemoteJournalForReading(url: string): Promise<JournalStorage> {
  const location = parseStorageLocation(url);
  if (location.kind !== 'redis') throw new Error(`internal: ${url} is not a server`);
  const backend = await RedisJournalBackend.open(location, { reconnectMs: REMOTE_RECONNECT_MS });
  return JournalStorage.open(new ReadOnlyRemoteBackend(backend));
}
