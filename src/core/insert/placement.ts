/**
 * Where inserted items go and what surrounds them, worked out once from the cursor's neighbours so
 * that every language renders the same way: `before + items.join(separator) + after` replaces
 * text[start, end). Code languages find their neighbours as tokens (strings and comments skipped,
 * by apply's tokenizers); the line-based languages build placements from the cursor's line.
 */
import type { SourceToken } from '../apply/sites';
import { cursorLine, isBlank, type TextLayout } from './textLayout';

export interface Placement {
  /** The edit replaces text[start, end): one edit, so one undo step. */
  readonly start: number;
  readonly end: number;
  readonly before: string;
  readonly separator: string;
  readonly after: string;
  /** The indentation of the line the items start on, for values that span lines themselves. */
  readonly indent: string;
}

export function renderPlacement(placement: Placement, items: readonly string[]): string {
  return placement.before + items.join(placement.separator) + placement.after;
}

/** The tokens around the cursor and the innermost bracket still open there. */
export interface BracketScan<T extends SourceToken> {
  readonly tokens: readonly T[];
  /** The last token ending at or before the cursor. */
  readonly previous: T | undefined;
  /** The first token starting at or after the cursor. */
  readonly next: T | undefined;
  /** The innermost `(`, `[` or `{` open at the cursor, and its index in `tokens`. */
  readonly opener: T | undefined;
  readonly openerIndex: number;
}

const CLOSER: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/** The scan, or an error when the cursor stands inside a string or a word, where nothing can go. */
export function scanBrackets<T extends SourceToken>(tokens: readonly T[], offset: number): BracketScan<T> | { readonly error: string } {
  const openers: number[] = [];
  let previousIndex = -1;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (!token || token.start >= offset) break;
    if (token.end > offset) {
      const what = /string|template|unclosed/.test(token.type) ? 'a string' : `\`${token.text}\``;
      return { error: `The cursor is inside ${what}; put it where a new entry can start.` };
    }
    previousIndex = index;
    if (token.type !== 'op') continue;
    if (token.text in CLOSER) openers.push(index);
    else if (/^[)\]}]$/.test(token.text) && CLOSER[tokens[openers.at(-1) ?? -1]?.text ?? ''] === token.text) openers.pop();
  }
  const openerIndex = openers.at(-1) ?? -1;
  return { tokens, previous: tokens[previousIndex], next: tokens[previousIndex + 1], opener: tokens[openerIndex], openerIndex };
}

/** Whether `token` is the bracket closing `opener`'s kind (the scan found no other opener between). */
export function closes(opener: SourceToken | undefined, token: SourceToken | undefined): boolean {
  return opener !== undefined && token?.type === 'op' && CLOSER[opener.text] === token.text;
}

export function isOp(token: SourceToken | undefined, ...texts: string[]): boolean {
  return token?.type === 'op' && texts.includes(token.text);
}

/**
 * Items inside brackets, separated by commas. A comma is added after the previous item when it has
 * none, and after the new ones when an item follows. Three layouts, after the cursor's line:
 * - text on both sides of the cursor, or the bracket closes on the same line: on the cursor's line,
 *   `f(x, |)` → `f(x, lr=0.1, units=64)`;
 * - the cursor starts a line: one item per line at the cursor's indentation;
 * - the cursor ends a line and the items go on below it: one per line, at that line's indentation
 *   (one level deeper when the bracket opens on that line).
 * `trailingCommas`: the language allows a comma after the last item (not JSON), which one-per-line
 * items then get, as formatters write them.
 */
export function listPlacement<T extends SourceToken>(text: string, offset: number, scan: BracketScan<T>, layout: TextLayout, trailingCommas: boolean): Placement {
  const { previous, next, opener } = scan;
  const line = cursorLine(text, offset);
  const commaBefore = previous !== undefined && previous !== opener && !isOp(previous, ',');
  const commaAfter = next !== undefined && !closes(opener, next) && !isOp(next, ',');
  const lastComma = trailingCommas || commaAfter ? ',' : '';
  if (isBlank(line.before)) return linesFromCursor(text, offset, scan, layout, commaBefore, lastComma);
  if (isBlank(line.after) && (next === undefined || next.start > line.end)) {
    const indent = nextItemIndent(text, next, opener) ?? (opener !== undefined && opener.start >= line.start ? line.indent + layout.indentUnit : line.indent);
    const start = previous !== undefined && previous.end >= line.start ? previous.end : offset;
    const before = `${commaBefore ? ',' : ''}${layout.eol}${indent}`;
    return { start, end: line.end, before, separator: `,${layout.eol}${indent}`, after: lastComma, indent };
  }
  const separator = ', ';
  const after = commaAfter ? (line.after === '' || /^\s/.test(line.after) ? ',' : ', ') : '';
  if (commaBefore) return { start: previous.end, end: offset, before: ', ', separator, after, indent: line.indent };
  return { start: offset, end: offset, before: line.before.endsWith(',') ? ' ' : '', separator, after, indent: line.indent };
}

/** The column of the item after the cursor, when it starts its own line (items below line up with it). */
function nextItemIndent(text: string, next: SourceToken | undefined, opener: SourceToken | undefined): string | null {
  if (next === undefined || closes(opener, next)) return null;
  const before = cursorLine(text, next.start).before;
  return isBlank(before) ? before : null;
}

/**
 * One item per line from a cursor that starts its line. Before a closing bracket the cursor stands
 * at the bracket's indentation, so the items go one level deeper and the bracket keeps its place.
 */
function linesFromCursor<T extends SourceToken>(text: string, offset: number, scan: BracketScan<T>, layout: TextLayout, commaBefore: boolean, lastComma: string): Placement {
  const { previous, next, opener } = scan;
  const line = cursorLine(text, offset);
  const firstAfterCursor = offset + line.after.length - line.after.trimStart().length;
  const beforeCloser = closes(opener, next) && next?.start === firstAfterCursor;
  const indent = beforeCloser ? line.indent + layout.indentUnit : line.before;
  let start = beforeCloser ? line.start : offset;
  let before = beforeCloser ? indent : '';
  const tail = isBlank(line.after) ? '' : layout.eol + (beforeCloser ? line.indent : indent);
  if (commaBefore && previous !== undefined) {
    // The comma goes right after the previous item; the line breaks between stay as they are.
    before = `,${text.slice(previous.end, start)}${before}`;
    start = previous.end;
  }
  return { start, end: isBlank(line.after) ? line.end : offset, before, separator: `,${layout.eol}${indent}`, after: lastComma + tail, indent };
}

/**
 * A value right after `=`, `:` or `return`: written at the cursor, after a space unless the cursor
 * is already past one or the file writes `=` unspaced (`x = |` → `x = {…}`, `f(x=|)` → `f(x={…})`).
 */
export function valuePlacement(text: string, offset: number, operator: SourceToken, after: string): Placement {
  const line = cursorLine(text, offset);
  // A keyword (`return`) or a colon is followed by a space; `=` only where the file spaces it.
  const spaced = operator.type === 'name' || operator.text === ':' || text[operator.start - 1] === ' ';
  const before = operator.end === offset && spaced ? ' ' : '';
  const end = after !== '' && isBlank(line.after) ? line.end : offset;
  return { start: offset, end, before, separator: '', after, indent: line.indent };
}

/**
 * Whole lines (statements, YAML keys) at the cursor's indentation, on a line that is blank up to the
 * cursor. Text after the cursor keeps its own line; trailing blanks on the cursor's line are dropped.
 */
export function linesPlacement(text: string, offset: number, layout: TextLayout): Placement {
  const line = cursorLine(text, offset);
  const indent = line.before;
  const restIsBlank = isBlank(line.after);
  // On the empty line after a file's last line break, the file keeps ending with one.
  const keepsFinalBreak = line.start === line.end && line.end === text.length && line.start > 0;
  return { start: offset, end: restIsBlank ? line.end : offset, before: '', separator: layout.eol + indent, after: restIsBlank ? (keepsFinalBreak ? layout.eol : '') : layout.eol + indent, indent };
}
