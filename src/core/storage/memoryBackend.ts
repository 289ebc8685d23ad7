/** The journal kept in memory: the same records and replay as a file, for studies that need no file. */
import type { JournalBackend, JournalLine } from './journalBackend';

export class MemoryJournalBackend implements JournalBackend {
  readonly location = 'memory';
  readonly warnings: readonly string[] = [];
  private readonly log: string[] = [];
  private linesRead = 0;
  private locked = false;

  /** The records written so far, one JSON line each (e.g. to save an in-memory study to a file). */
  get lines(): readonly string[] {
    return this.log;
  }

  async readNewLines(): Promise<readonly JournalLine[]> {
    const start = this.linesRead;
    this.linesRead = this.log.length;
    return this.log.slice(start).map((text, i) => ({ text, lineNumber: start + i + 1 }));
  }

  /** Resolves to the lines' numbers, so the storage checks its own records were not ignored. */
  async appendLines(lines: readonly string[]): Promise<readonly number[] | void> {
    if (!this.locked) throw new Error('internal: append to the in-memory journal without the lock');
    const first = this.log.length + 1;
    this.log.push(...lines);
    return lines.map((_, i) => first + i);
  }

  // Only one storage uses a memory backend, and it serialises its own writers, so the lock is a flag.
  async lock(): Promise<void> {
    if (this.locked) throw new Error('internal: the in-memory journal is already locked');
    this.locked = true;
  }

  async unlock(): Promise<void> {
    this.locked = false;
  }

  async close(): Promise<void> {
    this.locked = false;
  }
}
