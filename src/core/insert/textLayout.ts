/**
 * The document's own layout, so inserted lines look like their neighbours: its line break (LF or
 * CRLF), its indent unit (a tab, or the step its indented lines use), and the line the cursor is on.
 */

export interface TextLayout {
  readonly eol: '\n' | '\r\n';
  /** One level of indentation: '\t' or some spaces. */
  readonly indentUnit: string;
}

/**
 * The layout of `text`. `fallbackIndent` (the editor's tab settings, or the language's custom) is
 * used when no indented line shows the file's own; YAML never takes a tab, which it forbids.
 */
export function detectLayout(text: string, fallbackIndent: string, allowTabs = true): TextLayout {
  const firstBreak = text.indexOf('\n');
  const eol = firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
  const detected = detectIndentUnit(text);
  const indentUnit = detected === null || (detected === '\t' && !allowTabs) ? fallbackIndent : detected;
  return { eol, indentUnit };
}

/**
 * Tabs when more indented lines start with a tab than with spaces; otherwise the most frequent
 * change of indentation between consecutive lines (as VS Code guesses it), ignoring steps of one
 * space, which are block-comment stars (` * `) rather than indentation.
 */
function detectIndentUnit(text: string): string | null {
  let tabLines = 0;
  let spaceLines = 0;
  let previousWidth = 0;
  const stepCounts = new Map<number, number>();
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const leading = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (leading.startsWith('\t')) {
      tabLines += 1;
      continue;
    }
    if (leading.length > 0) spaceLines += 1;
    const step = Math.abs(leading.length - previousWidth);
    if (step >= 2 && step <= 8) stepCounts.set(step, (stepCounts.get(step) ?? 0) + 1);
    previousWidth = leading.length;
  }
  if (tabLines > spaceLines) return '\t';
  let best: [number, number] | null = null;
  for (const [step, count] of stepCounts) if (best === null || count > best[1] || (count === best[1] && step < best[0])) best = [step, count];
  return best === null ? null : ' '.repeat(best[0]);
}

/** The cursor's line, split at the cursor. `end` is before the line break (`\r\n` included). */
export interface CursorLine {
  readonly start: number;
  readonly end: number;
  /** The line's text before and after the cursor. */
  readonly before: string;
  readonly after: string;
  /** The line's leading whitespace. */
  readonly indent: string;
}

export function cursorLine(text: string, offset: number): CursorLine {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const lineBreak = text.indexOf('\n', offset);
  let end = lineBreak < 0 ? text.length : lineBreak;
  if (end > offset && text[end - 1] === '\r') end -= 1;
  const line = text.slice(start, end);
  return { start, end, before: text.slice(start, offset), after: text.slice(offset, end), indent: /^[ \t]*/.exec(line)?.[0] ?? '' };
}

/** The lines before the cursor's line, nearest first, with their start offsets (for looking upwards). */
export function* linesAbove(text: string, lineStart: number): Generator<{ readonly start: number; readonly text: string }> {
  let end = lineStart - 1;
  while (end >= 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    yield { start, text: text.slice(start, end).replace(/\r$/, '') };
    end = start - 1;
  }
}

export function isBlank(text: string): boolean {
  return text.trim() === '';
}
