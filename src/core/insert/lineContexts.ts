/**
 * The cursor's context in the line-oriented languages (YAML, shell scripts, Makefiles, Markdown),
 * from the cursor's line and the lines above it.
 */
import type { InsertContext } from './cursorContext';
import { linesPlacement, type Placement } from './placement';
import { cursorLine, isBlank, linesAbove, type CursorLine, type TextLayout } from './textLayout';

type LineLanguage = 'yaml' | 'shell' | 'makefile' | 'markdown';
type Found = InsertContext | { readonly error: string };

export function lineInsertContext(language: LineLanguage, text: string, offset: number, layout: TextLayout): Found {
  const line = cursorLine(text, offset);
  switch (language) {
    case 'yaml':
      return yamlContext(text, offset, line, layout);
    case 'shell':
    case 'makefile':
      return shellContext(text, offset, line, layout, language === 'makefile');
    case 'markdown':
      return { kind: 'markdown-table', placement: blockPlacement(text, offset, line, layout) };
  }
}

/** `key:` with nothing after it but a comment, after any `- ` markers: group 1 is up to the key. */
const KEY_ONLY = /^(\s*(?:- +)*)([^\s#][^#]*?)\s*:\s*(?:#.*)?$/;
/** `key: value`, after any `- ` markers. */
const KEY_VALUE = /^(\s*(?:- +)*)[^\s#][^#]*?:\s+[^\s#]/;

/** A value that starts a block scalar: `|` or `>` with optional chomping and indentation indicators. */
const BLOCK_SCALAR_HEADER = /:\s+[|>][-+0-9]*\s*$/;

const YAML_PLACES = 'on a blank line, after a `key:`, after `- `, or at the end of a `key: value` line';

function yamlContext(text: string, offset: number, line: CursorLine, layout: TextLayout): Found {
  const { before, after } = line;
  if (/(^|\s)#/.test(before)) return { error: `The cursor is in a comment; put it ${YAML_PLACES}.` };
  const restIsBlank = isBlank(after) || /^\s*#/.test(after);
  const end = isBlank(after) ? line.end : offset;
  if (isBlank(before)) {
    // Under a `key:` with no value yet, a cursor not indented past the key means "inside it".
    const parent = nearestContentLine(text, line.start);
    const parentKey = parent === null ? null : KEY_ONLY.exec(parent);
    if (parentKey && isBlank(after) && before.length <= (parentKey[1] ?? '').length) {
      const indent = ' '.repeat((parentKey[1] ?? '').length) + layout.indentUnit;
      const placement = { start: line.start, end, before: indent, separator: layout.eol + indent, after: '', indent };
      return { kind: 'yaml-mapping', placement, parentKey: parentKey[2] ?? '' };
    }
    return { kind: 'yaml-mapping', placement: linesPlacement(text, offset, layout), parentKey: null };
  }
  if (/^\s*(?:- +)+$/.test(before) && isBlank(after)) {
    // `- |` starts a sequence item: its keys line up after the dash.
    const indent = ' '.repeat(before.length);
    return { kind: 'yaml-mapping', placement: { start: offset, end, before: '', separator: layout.eol + indent, after: '', indent }, parentKey: null };
  }
  const keyOnly = KEY_ONLY.exec(before.trimEnd());
  if (keyOnly && restIsBlank) {
    const indent = ' '.repeat((keyOnly[1] ?? '').length) + layout.indentUnit;
    const start = line.start + before.trimEnd().length;
    return { kind: 'yaml-mapping', placement: { start, end: offset, before: layout.eol + indent, separator: layout.eol + indent, after: '', indent }, parentKey: keyOnly[2] ?? '' };
  }
  const entry = KEY_VALUE.exec(before);
  // After `key: |` or `key: >` the lines below are the block scalar's text, not keys.
  if (entry && restIsBlank && !BLOCK_SCALAR_HEADER.test(before)) {
    // The end of `key: value`: the new keys are its siblings, on the lines below.
    const indent = ' '.repeat((entry[1] ?? '').length);
    return { kind: 'yaml-mapping', placement: { start: offset, end: offset, before: layout.eol + indent, separator: layout.eol + indent, after: '', indent }, parentKey: null };
  }
  return { error: `Tuneboard does not know what to write here; put the cursor ${YAML_PLACES}.` };
}

/** The nearest line above that holds more than blanks and a comment. */
function nearestContentLine(text: string, lineStart: number): string | null {
  for (const above of linesAbove(text, lineStart)) if (!isBlank(above.text) && !/^\s*#/.test(above.text)) return above.text;
  return null;
}

function shellContext(text: string, offset: number, line: CursorLine, layout: TextLayout, makefile: boolean): Found {
  const open = openQuoteOrComment(line.before);
  if (open !== null) return { error: `The cursor is in ${open}; put it between the words of a command.` };
  const lineAbove = linesAbove(text, line.start).next().value;
  if (isBlank(line.before) && lineAbove !== undefined && /\\$/.test(lineAbove.text)) {
    // A command continued over lines with `\`: one flag per line, continued the same way.
    const indent = line.before;
    const separator = ` \\${layout.eol}${indent}`;
    const placement = { start: offset, end: isBlank(line.after) ? line.end : offset, before: '', separator, after: isBlank(line.after) ? '' : separator, indent };
    return { kind: 'shell-flags', placement, makefile };
  }
  const before = line.before === '' || /\s$/.test(line.before) ? '' : ' ';
  const after = line.after === '' || /^\s/.test(line.after) ? '' : ' ';
  return { kind: 'shell-flags', placement: { start: offset, end: offset, before, separator: ' ', after, indent: line.indent }, makefile };
}

/** What the cursor is inside, in a shell word sense: `a quoted string`, `a comment`, or null. */
function openQuoteOrComment(before: string): string | null {
  let quote: string | null = null;
  for (let index = 0; index < before.length; index++) {
    const char = before[index] ?? '';
    if (quote !== null) {
      if (char === quote) quote = null;
      else if (char === '\\' && quote === '"') index += 1;
    } else if (char === '\\') index += 1;
    else if (char === "'" || char === '"') quote = char;
    else if (char === '#' && (index === 0 || /\s/.test(before[index - 1] ?? ''))) return 'a comment';
  }
  return quote === null ? null : 'a quoted string';
}

/**
 * A block that needs lines of its own with a blank line on either side (a Markdown table): the
 * cursor's line is split if it holds text, and blank lines are added only where missing.
 */
function blockPlacement(text: string, offset: number, line: CursorLine, layout: TextLayout): Placement {
  const { eol } = layout;
  let start = offset;
  let before = '';
  if (!isBlank(line.before)) before = eol + eol;
  else {
    start = line.start;
    const lineAbove = linesAbove(text, line.start).next().value;
    if (lineAbove !== undefined && !isBlank(lineAbove.text)) before = eol;
  }
  let end = offset;
  let after = '';
  if (!isBlank(line.after)) after = eol + eol;
  else {
    end = line.end;
    const nextLineStart = text.indexOf('\n', line.end) + 1;
    const nextLine = nextLineStart > 0 ? cursorLine(text, nextLineStart) : null;
    if (nextLine !== null && !isBlank(nextLine.before + nextLine.after)) after = eol;
  }
  return { start, end, before, separator: eol, after, indent: '' };
}
