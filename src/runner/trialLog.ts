/**
 * One trial's log file. Writing it must never take the study down: the file is opened when the
 * trial starts (a path that cannot be opened fails that trial alone, with the reason), a write that
 * fails later (disk full) is reported once to `onError`, and the file keeps only the most recent
 * `maxBytes` of output, so a chatty command cannot fill the disk.
 */
import { closeSync, ftruncateSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { ignoreLogsOf } from './journalFolderIgnore';

export const DEFAULT_MAX_LOG_BYTES = 8 * 1024 * 1024;
/** Writes are gathered and reach the file at this size, or after FLUSH_MS. */
const FLUSH_BYTES = 64 * 1024;
const FLUSH_MS = 200;

export interface TrialLogOptions {
  /** The file never grows much past this: older output is dropped, the newest half kept. */
  readonly maxBytes?: number;
  /** Called once, with the reason, when a write fails; the log writes nothing more after it. */
  readonly onError?: (reason: string) => void;
}

export class TrialLog {
  private fd: number | null;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private size = 0;
  private droppedBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly maxBytes: number;
  private onError: ((reason: string) => void) | undefined;

  /** Opens (truncates) `file` and writes `head`, which stays on top when older output is dropped. Throws a readable Error. */
  constructor(
    readonly file: string,
    private readonly head: string,
    options: TrialLogOptions = {},
  ) {
    this.maxBytes = Math.max(1024, options.maxBytes ?? DEFAULT_MAX_LOG_BYTES);
    this.onError = options.onError;
    try {
      this.fd = openSync(file, 'w+'); // read too: dropping old output reads back the newest
      this.size = writeAll(this.fd, Buffer.from(head, 'utf8'), 0);
    } catch (error) {
      throw new Error(`cannot write the trial log ${file}: ${describeFsError(error)}`);
    }
  }

  write(text: string): void {
    if (this.fd === null || text === '') return;
    const chunk = Buffer.from(text, 'utf8');
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS).unref();
  }

  /** Writes `trailer`, flushes and closes; later writes are ignored. Never throws. */
  close(trailer = ''): void {
    this.write(trailer);
    this.flush();
    this.onError = undefined;
    this.release();
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.fd === null || this.pendingBytes === 0) return;
    const chunk = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    try {
      if (this.size + chunk.length <= this.maxBytes) this.size += writeAll(this.fd, chunk, this.size);
      else this.keepTail(this.fd, chunk);
    } catch (error) {
      const report = this.onError;
      this.onError = undefined;
      this.release();
      report?.(`cannot write the trial log ${this.file}: ${describeFsError(error)}`);
    }
  }

  /** Rewrites the file as head, a note of what was dropped, and the newest output (half the cap, from a line start). */
  private keepTail(fd: number, chunk: Buffer): void {
    const headBytes = Buffer.byteLength(this.head, 'utf8');
    const keep = Math.floor(this.maxBytes / 2);
    let tail: Buffer;
    if (chunk.length >= keep) {
      tail = chunk.subarray(chunk.length - keep);
    } else {
      const bodyStart = headBytes + this.noteBytes();
      const fromFile = Math.min(keep - chunk.length, this.size - bodyStart);
      const old = Buffer.alloc(fromFile);
      readSync(fd, old, 0, fromFile, this.size - fromFile);
      tail = Buffer.concat([old, chunk]);
    }
    const total = this.size - headBytes - this.noteBytes() + chunk.length;
    const lineStart = tail.indexOf(0x0a);
    tail = lineStart >= 0 && lineStart < tail.length - 1 ? tail.subarray(lineStart + 1) : skipContinuationBytes(tail);
    this.droppedBytes += total - tail.length;
    ftruncateSync(fd, 0);
    const rewritten = Buffer.concat([Buffer.from(this.head + this.note(), 'utf8'), tail]);
    this.size = writeAll(fd, rewritten, 0);
  }

  private note(): string {
    if (this.droppedBytes === 0) return '';
    return `# [tuneboard] ${formatBytes(this.droppedBytes)} of earlier output dropped here: a trial log keeps the newest output, at most ${formatBytes(this.maxBytes)}\n`;
  }

  private noteBytes(): number {
    return Buffer.byteLength(this.note(), 'utf8');
  }

  private release(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
    this.pendingBytes = 0;
    if (this.fd === null) return;
    try {
      closeSync(this.fd);
    } catch {
      // nothing more to do with a log that cannot be closed
    }
    this.fd = null;
  }
}

/**
 * Creates the folder of a study's trial logs; throws a readable Error naming it. In `.tuneboard/` it
 * also leaves the `.gitignore` that keeps the logs out of Source Control (see journalFolderIgnore.ts).
 */
export function createLogDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new Error(`cannot create the trial log folder ${dir}: ${describeFsError(error)}`);
  }
  ignoreLogsOf(dir);
}

function writeAll(fd: number, data: Buffer, position: number): number {
  for (let written = 0; written < data.length; ) written += writeSync(fd, data, written, data.length - written, position + written);
  return data.length;
}

/** A cut in the middle of a UTF-8 character would leave a broken character at the start. */
function skipContinuationBytes(data: Buffer): Buffer {
  let start = 0;
  while (start < data.length && ((data[start] as number) & 0xc0) === 0x80) start++;
  return data.subarray(start);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/** The cause in words; the file is named by the caller. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOENT':
      return 'its folder does not exist';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a file is in the way of a folder on its path';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
