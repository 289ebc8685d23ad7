/**
 * The columns of the data files configs name, for completing `target:`. Completion must never wait
 * for a disk: the first request for a file starts reading its header in the background and offers no
 * columns, later requests get the columns read. Each file is read again only when its modification
 * time changed (one stat per request, also in the background), and only one read per file runs at once.
 */
import * as path from 'node:path';
import { modifiedAt, readDataColumns } from '../../configChecks/dataColumns';

interface Entry {
  readonly columns: readonly string[];
  readonly mtimeMs: number;
}

export class DataColumnsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly reading = new Map<string, Promise<void>>();

  private readCount = 0;

  /** How many times a header was read, for tests to tell a cache hit. */
  get reads(): number {
    return this.readCount;
  }

  /**
   * The columns of `data.path` (relative to the config at `configPath`) as last read, or undefined
   * when it has not been read yet; either way a check for a newer file starts in the background.
   */
  columnsOf(configPath: string, data: { readonly path: string; readonly format?: string }): readonly string[] | undefined {
    const file = path.resolve(path.dirname(configPath), data.path);
    const format = data.format === 'csv' || data.format === 'jsonl' ? data.format : undefined;
    const key = `${file}\0${format ?? ''}`;
    if (!this.reading.has(key)) {
      const done = this.refresh(key, file, format).finally(() => this.reading.delete(key));
      this.reading.set(key, done);
    }
    return this.entries.get(key)?.columns;
  }

  /** Settles when every read started so far has finished. */
  async whenIdle(): Promise<void> {
    await Promise.all([...this.reading.values()]);
  }

  private async refresh(key: string, file: string, format: 'csv' | 'jsonl' | undefined): Promise<void> {
    const mtimeMs = await modifiedAt(file);
    if (mtimeMs !== null && this.entries.get(key)?.mtimeMs === mtimeMs) return;
    this.readCount += 1;
    const read = mtimeMs === null ? null : await readDataColumns(file, format);
    if (read === null) this.entries.delete(key);
    else this.entries.set(key, read);
  }
}
