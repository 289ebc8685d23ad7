/**
 * The column names of a data file's header, read without blocking: what the editor completes after
 * `target:`. Reads only the head of the file (a header is one line; a data set may be gigabytes) and
 * parses it with the same rules as the trainer (src/runner/data/readTable.ts). Any failure (no such
 * file, unknown format, a header longer than the head) is no columns: the config's diagnostics already
 * say what is wrong with the file.
 */
import { open, stat } from 'node:fs/promises';
import { parseCsvHeader, tableLayoutOf } from '../runner/data/readTable';

/** Enough for any real header; a longer first record gives no columns. */
const HEAD_BYTES = 256 * 1024;

export interface DataColumns {
  readonly columns: readonly string[];
  /** The file's modification time when it was read, to tell when to read it again. */
  readonly mtimeMs: number;
}

/** The modification time of `file`, or null when it is not there. */
export async function modifiedAt(file: string): Promise<number | null> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return null;
  }
}

/** The header columns of `file` (an absolute path) read as `format`, or null when there are none to offer. */
export async function readDataColumns(file: string, format?: 'csv' | 'jsonl'): Promise<DataColumns | null> {
  try {
    const layout = tableLayoutOf(file, format);
    const mtimeMs = await modifiedAt(file);
    if (mtimeMs === null) return null;
    const { head, cut } = await readHead(file);
    // Only whole lines: a head cut inside the header would give a cut column name.
    const whole = cut ? head.slice(0, Math.max(0, head.lastIndexOf('\n'))) : head;
    if (whole.trim() === '') return null;
    const columns = layout.format === 'jsonl' ? firstObjectKeys(whole) : parseCsvHeader(whole, file, layout.delimiter);
    return columns === null ? null : { columns, mtimeMs };
  } catch {
    return null;
  }
}

/** JSON Lines: the keys of the first object, the columns a trial's rows have. */
function firstObjectKeys(text: string): string[] | null {
  const line = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/).find((candidate) => candidate.trim() !== '');
  if (line === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? Object.keys(parsed) : null;
  } catch {
    return null;
  }
}

/** The first HEAD_BYTES of the file, and whether there was more. */
async function readHead(file: string): Promise<{ head: string; cut: boolean }> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { head: buffer.subarray(0, Math.min(bytesRead, HEAD_BYTES)).toString('utf8'), cut: bytesRead > HEAD_BYTES };
  } finally {
    await handle.close();
  }
}
