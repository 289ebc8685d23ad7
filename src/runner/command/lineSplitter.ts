/**
 * Splits a child's output into lines, keeping at most `maxLength` characters of each: a program that
 * prints hundreds of MB without a newline must not grow one string until V8 gives up (RangeError).
 * What is cut is counted, so the log can say so.
 */
import { StringDecoder } from 'node:string_decoder';

export const DEFAULT_MAX_LINE_LENGTH = 1024 * 1024;

/** `dropped`: characters of this line beyond the limit, not kept. */
export type LineHandler = (line: string, dropped: number) => void;

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';
  private dropped = 0;
  private ended = false;

  constructor(
    private readonly onLine: LineHandler,
    private readonly maxLength = DEFAULT_MAX_LINE_LENGTH,
  ) {}

  push(chunk: Buffer | string): void {
    if (this.ended) return;
    this.feed(typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
  }

  /** The output ended: a last line without a newline is still a line. Safe to call twice. */
  end(): void {
    if (this.ended) return;
    this.feed(this.decoder.end());
    this.ended = true;
    if (this.partial !== '' || this.dropped > 0) this.emit();
  }

  private feed(text: string): void {
    for (let start = 0; ; ) {
      const newline = text.indexOf('\n', start);
      const end = newline < 0 ? text.length : newline;
      const take = Math.max(0, Math.min(this.maxLength - this.partial.length, end - start));
      if (take > 0) this.partial += text.slice(start, start + take);
      this.dropped += end - start - take;
      if (newline < 0) return;
      this.emit();
      start = newline + 1;
    }
  }

  private emit(): void {
    const line = this.partial.endsWith('\r') ? this.partial.slice(0, -1) : this.partial;
    const dropped = this.dropped;
    this.partial = '';
    this.dropped = 0;
    this.onLine(line, dropped);
  }
}
