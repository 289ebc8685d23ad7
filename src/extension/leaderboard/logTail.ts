/** The end of a trial's log for the detail pane: the last lines, read without loading a huge file. */
import { open } from 'node:fs/promises';

const TAIL_BYTES = 16 * 1024;

/** The last `lines` lines of `file` (at most 16 KB of them), or null when it cannot be read. */
export async function readLogTail(file: string, lines = 40): Promise<string | null> {
  let handle;
  try {
    handle = await open(file, 'r');
    const { size } = await handle.stat();
    const start = Math.max(0, size - TAIL_BYTES);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    let text = buffer.toString('utf8');
    // Reading from the middle of the file: drop the partial first line.
    if (start > 0) text = text.slice(text.indexOf('\n') + 1);
    return text.replace(/\n$/, '').split('\n').slice(-lines).join('\n');
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}
