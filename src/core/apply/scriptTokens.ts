/**
 * A small JavaScript/TypeScript tokenizer (also used for JSON and JSONC, a subset): enough to find
 * names outside strings, templates, regular expressions and comments. Comments are dropped; each
 * token notes whether a line break precedes it, as automatic semicolons depend on that.
 */

/** `unclosed`: a string or template missing its closing quote, which is never read as a value. */
export type ScriptTokenType = 'name' | 'number' | 'string' | 'template' | 'unclosed' | 'regex' | 'op';

export interface ScriptToken {
  readonly type: ScriptTokenType;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly newlineBefore: boolean;
}

const NAME = /[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*/uy;
const NUMBER = /(?:0[xXoObB][\da-fA-F_]+n?|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][-+]?\d[\d_]*)?n?)/y;
// Longest first, so `==` is never read as `=` and `=`, nor `=>` as `=`.
const OPERATOR = />>>=|\.\.\.|===|!==|\*\*=|<<=|>>=|>>>|&&=|\|\|=|\?\?=|=>|==|!=|<=|>=|&&|\|\||\?\?|\?\.|\+\+|--|\+=|-=|\*=|\/=|%=|&=|\|=|\^=|\*\*|<<|>>|[^\s\w$]/y;
/** After these words a `/` starts a regular expression rather than a division. */
const KEYWORDS_BEFORE_EXPRESSION = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'instanceof', 'yield', 'await']);

export function tokenizeScript(text: string): ScriptToken[] {
  const tokens: ScriptToken[] = [];
  let pos = 0;
  let newlineBefore = false;
  const push = (type: ScriptTokenType, end: number): void => {
    tokens.push({ type, start: pos, end, text: text.slice(pos, end), newlineBefore });
    newlineBefore = false;
    pos = end;
  };
  while (pos < text.length) {
    const char = text[pos] ?? '';
    const next = text[pos + 1] ?? '';
    if (char === '\n' || char === '\u2028' || char === '\u2029') {
      newlineBefore = true;
      pos += 1;
    } else if (/\s/.test(char)) {
      pos += 1;
    } else if (char === '/' && next === '/') {
      const lineEnd = text.indexOf('\n', pos);
      pos = lineEnd < 0 ? text.length : lineEnd;
    } else if (char === '/' && next === '*') {
      const close = text.indexOf('*/', pos + 2);
      const end = close < 0 ? text.length : close + 2;
      if (text.slice(pos, end).includes('\n')) newlineBefore = true;
      pos = end;
    } else if (char === '"' || char === "'") {
      const { end, closed } = stringEnd(text, pos);
      push(closed ? 'string' : 'unclosed', end);
    } else if (char === '`') {
      const { end, closed } = templateEnd(text, pos);
      push(closed ? 'template' : 'unclosed', end);
    } else if (char === '/' && regexMayStart(tokens.at(-1))) {
      const end = regexEnd(text, pos);
      if (end === null) push('op', pos + 1);
      else push('regex', end);
    } else {
      const word = matchAt(NAME, text, pos) ?? (/[\d.]/.test(char) ? matchAt(NUMBER, text, pos) : null);
      if (word !== null) push(/[\d.]/.test(char) ? 'number' : 'name', pos + word.length);
      else push('op', pos + (matchAt(OPERATOR, text, pos) ?? char).length);
    }
  }
  return tokens;
}

function matchAt(pattern: RegExp, text: string, pos: number): string | null {
  pattern.lastIndex = pos;
  return pattern.exec(text)?.[0] ?? null;
}

function regexMayStart(previous: ScriptToken | undefined): boolean {
  if (!previous) return true;
  if (previous.type === 'name') return KEYWORDS_BEFORE_EXPRESSION.has(previous.text);
  return previous.type === 'op' && !/^[)\]}]$/.test(previous.text) && previous.text !== '++' && previous.text !== '--';
}

/** The offset after a quoted string; an unclosed one ends at its line. */
function stringEnd(text: string, quoteAt: number): { end: number; closed: boolean } {
  const quote = text[quoteAt];
  for (let pos = quoteAt + 1; pos < text.length; pos++) {
    const char = text[pos];
    if (char === '\\') pos += 1;
    else if (char === quote) return { end: pos + 1, closed: true };
    else if (char === '\n') return { end: pos, closed: false };
  }
  return { end: text.length, closed: false };
}

/** The offset after a template literal, stepping over `${ … }` substitutions (which may nest). */
function templateEnd(text: string, tickAt: number): { end: number; closed: boolean } {
  for (let pos = tickAt + 1; pos < text.length; pos++) {
    const char = text[pos];
    if (char === '\\') pos += 1;
    else if (char === '`') return { end: pos + 1, closed: true };
    else if (char === '$' && text[pos + 1] === '{') pos = substitutionEnd(text, pos + 2) - 1;
  }
  return { end: text.length, closed: false };
}

/** The offset after the `}` closing a substitution whose expression starts at `from`. */
function substitutionEnd(text: string, from: number): number {
  let depth = 0;
  for (let pos = from; pos < text.length; pos++) {
    const char = text[pos];
    if (char === '"' || char === "'") pos = stringEnd(text, pos).end - 1;
    else if (char === '`') pos = templateEnd(text, pos).end - 1;
    else if (char === '{') depth += 1;
    else if (char === '}' && depth-- === 0) return pos + 1;
  }
  return text.length;
}

/** The offset after a regular expression literal and its flags, or null if the line ends first. */
function regexEnd(text: string, slashAt: number): number | null {
  let inClass = false;
  for (let pos = slashAt + 1; pos < text.length; pos++) {
    const char = text[pos];
    if (char === '\n') return null;
    if (char === '\\') pos += 1;
    else if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    else if (char === '/' && !inClass) return pos + 1 + (/^[a-z]*/.exec(text.slice(pos + 1))?.[0].length ?? 0);
  }
  return null;
}
