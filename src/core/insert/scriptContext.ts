/**
 * The cursor's context in JavaScript/TypeScript and in JSON (with or without comments), from the
 * script tokens around it: which bracket it is in, whether a `{` is an object or a block, and what
 * stands before the cursor.
 */
import type { ScriptToken } from '../apply/scriptTokens';
import type { InsertContext } from './cursorContext';
import { closes, isOp, linesPlacement, listPlacement, scanBrackets, valuePlacement, type Placement } from './placement';
import { cursorLine, isBlank, type TextLayout } from './textLayout';

export const SCRIPT_PLACES = 'on a blank line, after `=`, or inside an object literal, a call or an array';

/** Tokens after which a `{` opens an object literal rather than a block. */
const BEFORE_OBJECT_OPS = new Set(['=', '(', '[', ',', ':', '?', '||', '&&', '??', '...']);
const BEFORE_OBJECT_WORDS = new Set(['return', 'yield', 'await', 'default', 'typeof', 'in', 'of']);
/** Words after which a value follows: `return |` and `export default |` take an object. */
const VALUE_WORDS = new Set(['return', 'yield', 'default']);

export function scriptContext(text: string, offset: number, tokens: readonly ScriptToken[], layout: TextLayout): InsertContext | { readonly error: string } {
  const scan = scanBrackets(tokens, offset);
  if ('error' in scan) return scan;
  const { previous, opener } = scan;
  if (inComment(text, previous?.end ?? 0, offset)) return { error: `The cursor is in a comment; put it ${SCRIPT_PLACES}.` };
  const inObject = opener?.text === '{' && opensObject(tokens[scan.openerIndex - 1]);
  // Outside any bracket, or in a block's braces: statements go here.
  const atStatementLevel = opener === undefined || (opener.text === '{' && !inObject);
  // A file that ends no statement with `;` does not get one from us either.
  const semicolons = tokens.length === 0 || tokens.some((token) => isOp(token, ';'));

  if (previous !== undefined && (isOp(previous, '=') || (isOp(previous, ':') && inObject) || (previous.type === 'name' && VALUE_WORDS.has(previous.text)))) {
    const placement = valuePlacement(text, offset, previous, atStatementLevel && semicolons ? ';' : '');
    return { kind: 'script-object', placement, multiline: atStatementLevel };
  }
  if (atStatementLevel) {
    if (!isBlank(cursorLine(text, offset).before)) return { error: `Tuneboard does not know what to write here; put the cursor ${SCRIPT_PLACES}.` };
    // A class body holds fields, not declarations.
    if (opener !== undefined && isClassBody(tokens, scan.openerIndex)) return { kind: 'script-class-fields', placement: linesPlacement(text, offset, layout), semicolons };
    return { kind: 'script-constants', placement: linesPlacement(text, offset, layout), semicolons };
  }
  const placement = listPlacement(text, offset, scan, layout, true);
  return inObject ? { kind: 'script-object-properties', placement } : { kind: 'script-object', placement, multiline: false };
}

export function jsonContext(text: string, offset: number, tokens: readonly ScriptToken[], layout: TextLayout): InsertContext | { readonly error: string } {
  const scan = scanBrackets(tokens, offset);
  if ('error' in scan) return scan;
  const { previous, next, opener } = scan;
  if (inComment(text, previous?.end ?? 0, offset)) return { error: 'The cursor is in a comment; put it inside an object or an array.' };
  if (tokens.length === 0) {
    // An empty document (or only comments) gets a whole object where the cursor is.
    const line = cursorLine(text, offset);
    const placement: Placement = { start: offset, end: isBlank(line.after) ? line.end : offset, before: '', separator: '', after: '', indent: line.before };
    return { kind: 'json-object', placement, multiline: true };
  }
  if (opener === undefined) return { error: 'The cursor is outside the document’s top-level value; put it inside an object or an array.' };
  if (previous !== undefined && isOp(previous, ':') && opener.text === '{') {
    const memberFollows = next !== undefined && !closes(opener, next) && !isOp(next, ',');
    // Over several lines where the cursor ends its line, as pretty JSON is; `{"a": |}` stays on one.
    const multiline = isBlank(cursorLine(text, offset).after);
    return { kind: 'json-object', placement: valuePlacement(text, offset, previous, memberFollows ? ',' : ''), multiline };
  }
  const placement = listPlacement(text, offset, scan, layout, false);
  return opener.text === '{' ? { kind: 'json-members', placement } : { kind: 'json-object', placement, multiline: false };
}

/** Whether a `{` after `before` opens an object literal (`x = {`, `f({`, `return {`) rather than a block. */
function opensObject(before: ScriptToken | undefined): boolean {
  if (before === undefined) return false;
  if (before.type === 'op') return BEFORE_OBJECT_OPS.has(before.text);
  return before.type === 'name' && BEFORE_OBJECT_WORDS.has(before.text);
}

/** Whether the `{` at `openerIndex` opens a class body: `class` comes first in its statement's head. */
function isClassBody(tokens: readonly ScriptToken[], openerIndex: number): boolean {
  for (let index = openerIndex - 1; index >= 0; index--) {
    const token = tokens[index];
    if (token === undefined || isOp(token, ';', '{', '}', '=', '(')) return false;
    if (token.type === 'name' && token.text === 'class') return true;
  }
  return false;
}

/** The tokenizer drops comments, so a comment is what the gap between the last token and the cursor holds. */
function inComment(text: string, gapStart: number, offset: number): boolean {
  const gap = text.slice(gapStart, offset);
  if (gap.lastIndexOf('/*') > gap.lastIndexOf('*/')) return true;
  return (gap.split('\n').at(-1) ?? '').includes('//');
}
