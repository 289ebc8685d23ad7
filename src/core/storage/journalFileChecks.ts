/**
 * What a journal file must look like before we read or append to it: a non-empty file is only taken
 * for a journal when its first line is a journal record (so a mistyped `--storage notes.txt` is
 * refused, never rewritten), and the only bytes ever dropped are a last line that is not a whole record.
 */
import type { FileHandle } from 'node:fs/promises';
import { JournalError, decodeOp, parseJson } from './journalOps';

const NEWLINE = 0x0a;
const FIRST_LINE_WINDOW = 64 * 1024;
const TAIL_CHUNK = 64 * 1024;
/** How every writer (Optuna's json.dumps, ours) begins a record: a torn record keeps at least this prefix. */
const RECORD_START = /^\{\s*"op_code"\s*:/;

/** A line holding one complete record Optuna or we could replay (an unknown newer op code included). */
export function isWholeRecord(text: string): boolean {
  try {
    decodeOp(parseJson(text));
    return true;
  } catch {
    return false;
  }
}

/**
 * Throws unless the file is empty or starts like a journal. The file's content is never quoted: it
 * may be anything (a config with secrets, notes) that was given as storage by mistake.
 */
export async function assertLooksLikeJournal(file: FileHandle, path: string): Promise<void> {
  const window = Buffer.alloc(FIRST_LINE_WINDOW);
  const { bytesRead } = await file.read(window, 0, window.length, 0);
  const text = window.toString('utf8', 0, bytesRead);
  const firstLine = /^[ \t\r\n]*([^\n]*)(\n?)/.exec(text);
  const line = firstLine?.[1] ?? '';
  if (line.trim() === '') return; // empty or blank: nothing a journal would lose
  const terminated = firstLine?.[2] === '\n';
  const truncatedByWindow = !terminated && bytesRead === FIRST_LINE_WINDOW;
  if (truncatedByWindow ? RECORD_START.test(line) : startsAJournal(line, terminated)) return;
  throw notAJournal(path);
}

function notAJournal(path: string): JournalError {
  return new JournalError(
    `${path} is not a Tuneboard/Optuna journal (its first line is not a journal record); refusing to use it as storage: give a new or existing .jsonl journal path`,
  );
}

/** A whole first line must be a record with an op code; an unterminated one may be a torn first write. */
function startsAJournal(line: string, terminated: boolean): boolean {
  let record: unknown;
  try {
    record = parseJson(line);
  } catch {
    return !terminated && RECORD_START.test(line);
  }
  return typeof record === 'object' && record !== null && !Array.isArray(record) && 'op_code' in record;
}

export type TailRepair =
  | { readonly kind: 'none' }
  /** The last record is whole but lacks its "\n": the next append must write one first. */
  | { readonly kind: 'needs-newline' }
  /** A record cut off mid-write: these bytes were dropped. */
  | { readonly kind: 'dropped'; readonly bytes: number };

/**
 * Makes the file end with "\n" or a whole record, so an append yields valid JSON Lines. Called under
 * the lock, when no well-behaved writer is mid-write.
 */
export async function repairTail(file: FileHandle, path: string): Promise<TailRepair> {
  const { size } = await file.stat();
  if (size === 0) return { kind: 'none' };
  const lastByte = Buffer.alloc(1);
  if ((await file.read(lastByte, 0, 1, size - 1)).bytesRead === 1 && lastByte[0] === NEWLINE) return { kind: 'none' };
  const start = await startOfLastLine(file, size);
  const tail = Buffer.alloc(size - start);
  await file.read(tail, 0, tail.length, start);
  const text = tail.toString('utf8');
  if (isWholeRecord(text)) return { kind: 'needs-newline' };
  // The whole file is one unterminated line that is no record: it was replaced since we opened it.
  if (start === 0 && !RECORD_START.test(text.trimStart())) throw notAJournal(path);
  await file.truncate(start);
  return { kind: 'dropped', bytes: size - start };
}

async function startOfLastLine(file: FileHandle, size: number): Promise<number> {
  const chunk = Buffer.alloc(TAIL_CHUNK);
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - chunk.length);
    const { bytesRead } = await file.read(chunk, 0, end - start, start);
    const lastNewline = chunk.subarray(0, bytesRead).lastIndexOf(NEWLINE);
    if (lastNewline >= 0) return start + lastNewline + 1;
    end = start;
  }
  return 0;
}
