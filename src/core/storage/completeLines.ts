/**
 * Reads the complete lines of a journal from a byte offset: every "\n"-terminated line, none of a
 * half-written tail. Shared by the journal's own backend and the editor's read-only reader.
 */
import type { FileHandle } from 'node:fs/promises';
import type { JournalLine } from './journalBackend';

const NEWLINE = 0x0a;
const READ_CHUNK = 1 << 20;

export interface CompleteLines {
  readonly lines: JournalLine[];
  /** Byte offset just after the last complete line. */
  readonly offset: number;
  /** Number of the last line read (1-based count of lines consumed so far). */
  readonly lineNumber: number;
  readonly bytesRead: number;
}

export async function readCompleteLines(file: FileHandle, offset: number, size: number, lineNumber: number): Promise<CompleteLines> {
  const lines: JournalLine[] = [];
  let pending = Buffer.alloc(0); // bytes after the last "\n": a line still being written
  let bytesRead = 0;
  for (let position = offset; position < size; ) {
    const chunk = Buffer.alloc(Math.min(READ_CHUNK, size - position));
    const read = (await file.read(chunk, 0, chunk.length, position)).bytesRead;
    if (read === 0) break;
    position += read;
    bytesRead += read;
    // Split bytes, not text, so a multi-byte character cut by the chunk boundary stays whole.
    const data = Buffer.concat([pending, chunk.subarray(0, read)]);
    let start = 0;
    for (let end = data.indexOf(NEWLINE); end >= 0; end = data.indexOf(NEWLINE, start)) {
      lines.push({ text: data.toString('utf8', start, end), lineNumber: ++lineNumber });
      offset += end + 1 - start;
      start = end + 1;
    }
    pending = data.subarray(start);
  }
  return { lines, offset, lineNumber, bytesRead };
}
