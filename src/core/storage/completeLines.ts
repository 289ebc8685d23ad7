/**
 * Reads the complete lines of a journal from a byte offset: every "\n"-terminated line, none of a
 * half-written tail. Shared by the journal's own backend and the editor's read-only reader.
 *
 * A last line without "\n" that already holds a whole record is read too when the caller says how to
 * recognise one (Optuna reads such a line): the caller then passes `afterTail` on its next read, so
 * the "\n" a writer adds later ends that line instead of counting as a blank one.
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
  /** The last line read had no "\n" (a whole record at the very end of the file). */
  readonly endsInTail: boolean;
}

export interface ReadLinesOptions {
  /** The previous read ended in a tail: a "\n" right at `offset` belongs to it and is skipped. */
  readonly afterTail?: boolean;
  /** Whether the text after the last "\n" is a whole record; without it such text is never read. */
  readonly isWholeRecord?: (text: string) => boolean;
}

export async function readCompleteLines(
  file: FileHandle, offset: number, size: number, lineNumber: number, options: ReadLinesOptions = {},
): Promise<CompleteLines> {
  const lines: JournalLine[] = [];
  let pending = Buffer.alloc(0); // bytes after the last "\n": a line still being written
  let bytesRead = 0;
  let skipNewline = options.afterTail === true;
  for (let position = offset; position < size; ) {
    const chunk = Buffer.alloc(Math.min(READ_CHUNK, size - position));
    const read = (await file.read(chunk, 0, chunk.length, position)).bytesRead;
    if (read === 0) break;
    position += read;
    bytesRead += read;
    // Split bytes, not text, so a multi-byte character cut by the chunk boundary stays whole.
    let data = Buffer.concat([pending, chunk.subarray(0, read)]);
    if (skipNewline) {
      skipNewline = false;
      if (data[0] === NEWLINE) {
        data = data.subarray(1);
        offset += 1;
      }
    }
    let start = 0;
    for (let end = data.indexOf(NEWLINE); end >= 0; end = data.indexOf(NEWLINE, start)) {
      lines.push({ text: data.toString('utf8', start, end), lineNumber: ++lineNumber });
      offset += end + 1 - start;
      start = end + 1;
    }
    pending = data.subarray(start);
  }
  const tail = pending.toString('utf8');
  if (pending.length > 0 && options.isWholeRecord?.(tail)) {
    lines.push({ text: tail, lineNumber: ++lineNumber });
    return { lines, offset: offset + pending.length, lineNumber, bytesRead, endsInTail: true };
  }
  // Nothing new past a tail read before: its "\n" may still come, so keep expecting it.
  return { lines, offset, lineNumber, bytesRead, endsInTail: skipNewline };
}
