/**
 * The cursor's context in Python source (a .py file or a notebook's Python cell), from the Python
 * tokens around it: which bracket it is in, and what stands before it.
 */
import { splitPythonString, type PythonToken } from '../apply/pythonTokens';
import type { InsertContext } from './cursorContext';
import { isPythonName } from './insertLanguage';
import { isOp, linesPlacement, listPlacement, scanBrackets, valuePlacement } from './placement';
import { cursorLine, isBlank, type TextLayout } from './textLayout';

/**
 * Calls whose list argument is a command line even before it holds an option: argparse's parsers
 * and subprocess's runners (`subprocess.run(['python', 'train.py', |])`).
 */
const COMMAND_LINE_CALLS = new Set(['parse_args', 'parse_known_args', 'parse_intermixed_args', 'run', 'call', 'check_call', 'check_output', 'Popen']);

export const PYTHON_PLACES = 'on a blank line, after `=`, or inside a call, a dict or a list';

export function pythonContext(text: string, offset: number, tokens: readonly PythonToken[], layout: TextLayout): InsertContext | { readonly error: string } {
  const scan = scanBrackets(tokens, offset);
  if ('error' in scan) return scan;
  const { previous, opener } = scan;
  const gapLastLine = text.slice(previous?.end ?? 0, offset).split('\n').at(-1) ?? '';
  if (gapLastLine.includes('#')) return { error: `The cursor is in a comment; put it ${PYTHON_PLACES}.` };

  // A value position: `x = |`, `f(cfg=|)`, `{'model': |}`, `return |` take a dict.
  if (previous !== undefined && (isOp(previous, '=') || (isOp(previous, ':') && opener?.text === '{') || (previous.type === 'name' && /^(return|yield)$/.test(previous.text)))) {
    return { kind: 'python-dict', placement: valuePlacement(text, offset, previous, ''), multiline: opener === undefined };
  }
  if (opener === undefined) {
    if (isBlank(cursorLine(text, offset).before)) return { kind: 'python-assignments', placement: linesPlacement(text, offset, layout) };
    return { error: `Tuneboard does not know what to write here; put the cursor ${PYTHON_PLACES}.` };
  }
  const placement = listPlacement(text, offset, scan, layout, true);
  switch (opener.text) {
    case '(':
      return isCall(tokens[scan.openerIndex - 1]) ? { kind: 'python-keyword-arguments', placement } : { kind: 'python-dict', placement, multiline: false };
    case '{':
      return { kind: 'python-dict-entries', placement };
    default:
      return isCommandLineList(tokens, scan.openerIndex) ? { kind: 'python-argv', placement } : { kind: 'python-dict', placement, multiline: false };
  }
}

/** A `(` after a name (not a keyword such as `if`) or after a call or subscript opens a call's arguments. */
function isCall(beforeParen: PythonToken | undefined): boolean {
  if (beforeParen === undefined) return false;
  return (beforeParen.type === 'name' && isPythonName(beforeParen.text)) || isOp(beforeParen, ')', ']');
}

/**
 * A list is a command line when every element is a plain string and one of them is an option
 * (`'--epochs'`), or when it is the argument of a call that takes a command line.
 */
function isCommandLineList(tokens: readonly PythonToken[], openerIndex: number): boolean {
  const elements: PythonToken[][] = [[]];
  let depth = 0;
  for (let index = openerIndex + 1; index < tokens.length; index++) {
    const token = tokens[index];
    if (token === undefined) break;
    if (isOp(token, '(', '[', '{')) depth += 1;
    else if (isOp(token, ')', ']', '}') && depth-- === 0) break;
    if (depth === 0 && isOp(token, ',')) elements.push([]);
    else elements.at(-1)?.push(token);
  }
  const filled = elements.filter((element) => element.length > 0);
  const strings = filled.map((element) => (element.length === 1 && element[0]?.type === 'string' ? splitPythonString(element[0].text) : null));
  if (strings.some((string) => string === null || string.prefix.includes('b'))) return false;
  if (strings.some((string) => string?.body.startsWith('-'))) return true;
  const callee = tokens[openerIndex - 2];
  return isOp(tokens[openerIndex - 1], '(') && callee?.type === 'name' && COMMAND_LINE_CALLS.has(callee.text);
}
