/**
 * The column names of a data file's header, read without blocking: what the editor completes after
 * `target:`. Reads only the head of the file (a header is one line; a data set may be gigabytes) and
 * parses it as the config checks do (fileChecks.ts's columnsOfHead, the trainer's rules). Any failure
 * (no such file, unknown format, a header longer than the head) is no columns: the config's diagnostics
 * already say what is wrong with the file.
 */
import { open, stat } from 'node:fs/promises';
import { columnsOfHead, HEAD_BYTES } from './fileChecks';

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
    const mtimeMs = await modifiedAt(file);
    if (mtimeMs === null) return null;
    const columns = columnsOfHead(await readHead(file), file, format);
    return columns === null ? null : { columns, mtimeMs };
  } catch {
    return null;
  }
}

/** The first HEAD_BYTES of the file, and whether that is all of it. */
async function readHead(file: string): Promise<{ head: string; complete: boolean }> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { head: buffer.subarray(0, Math.min(bytesRead, HEAD_BYTES)).toString('utf8'), complete: bytesRead <= HEAD_BYTES };
  } finally {
    await handle.close();
  }
}
