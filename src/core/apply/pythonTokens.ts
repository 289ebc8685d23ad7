/**
 * A small Python tokenizer: just enough to find names outside strings and comments. Comments are
 * dropped, strings are single tokens, and `newline` marks the end of a logical line (line breaks
 * inside brackets or after a backslash do not end a statement, as in Python itself).
 */

/** `unclosed`: a string missing its closing quote, which is never read as a value. */
export type PythonTokenType = 'name' | 'number' | 'string' | 'unclosed' | 'op' | 'newline';

export interface PythonToken {
  readonly type: PythonTokenType;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const NAME = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;
const NUMBER = /(?:0[xXoObB][\da-fA-F_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][-+]?\d[\d_]*)?[jJ]?)/y;
// Longest first, so `==` is never read as two `=`.
const OPERATOR = /\*\*=|\/\/=|>>=|<<=|\.\.\.|->|:=|==|!=|<=|>=|\+=|-=|\*=|\/=|%=|&=|\|=|\^=|@=|\*\*|\/\/|<<|>>|[^\s\w]/y;
const STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;

export function tokenizePython(text: string): PythonToken[] {
  const tokens: PythonToken[] = [];
  let depth = 0;
  let pos = 0;
  const push = (type: PythonTokenType, start: number, end: number): void => {
    tokens.push({ type, start, end, text: text.slice(start, end) });
  };
  while (pos < text.length) {
    const char = text[pos] ?? '';
    if (char === '\n') {
      // Blank lines and repeated breaks end nothing new.
      if (depth === 0 && tokens.length > 0 && tokens.at(-1)?.type !== 'newline') push('newline', pos, pos + 1);
      pos += 1;
    } else if (char === '\\' && /^\\\r?\n/.test(text.slice(pos, pos + 3))) {
      pos += text[pos + 1] === '\r' ? 3 : 2;
    } else if (/\s/.test(char)) {
      pos += 1;
    } else if (char === '#') {
      const lineEnd = text.indexOf('\n', pos);
      pos = lineEnd < 0 ? text.length : lineEnd;
    } else if (char === '"' || char === "'") {
      const { end, closed } = stringEnd(text, pos);
      push(closed ? 'string' : 'unclosed', pos, end);
      pos = end;
    } else if (/[\d.]/.test(char) && matchAt(NUMBER, text, pos) !== null) {
      const end = pos + (matchAt(NUMBER, text, pos) ?? '').length;
      push('number', pos, end);
      pos = end;
    } else {
      const name = matchAt(NAME, text, pos);
      if (name !== null) {
        const quote = text[pos + name.length];
        if ((quote === '"' || quote === "'") && STRING_PREFIX.test(name)) {
          const { end, closed } = stringEnd(text, pos + name.length);
          push(closed ? 'string' : 'unclosed', pos, end);
          pos = end;
        } else {
          push('name', pos, pos + name.length);
          pos += name.length;
        }
        continue;
      }
      const op = matchAt(OPERATOR, text, pos) ?? char;
      if (op === '(' || op === '[' || op === '{') depth += 1;
      else if ((op === ')' || op === ']' || op === '}') && depth > 0) depth -= 1;
      push('op', pos, pos + op.length);
      pos += op.length;
    }
  }
  return tokens;
}

function matchAt(pattern: RegExp, text: string, pos: number): string | null {
  pattern.lastIndex = pos;
  return pattern.exec(text)?.[0] ?? null;
}

/** The offset after the string opening at `quoteAt`; an unclosed one-line string ends at its line. */
function stringEnd(text: string, quoteAt: number): { end: number; closed: boolean } {
  const quote = text[quoteAt] ?? '"';
  const triple = text.startsWith(quote.repeat(3), quoteAt);
  let pos = quoteAt + (triple ? 3 : 1);
  while (pos < text.length) {
    const char = text[pos];
    if (char === '\\') pos += 2;
    else if (triple && text.startsWith(quote.repeat(3), pos)) return { end: pos + 3, closed: true };
    else if (!triple && char === quote) return { end: pos + 1, closed: true };
    else if (!triple && char === '\n') return { end: pos, closed: false };
    else pos += 1;
  }
  return { end: text.length, closed: false };
}

/** A string token's parts: prefix letters (lower-cased), quote as written (one or three chars) and body. */
export function splitPythonString(token: string): { prefix: string; quote: string; body: string } {
  const prefix = /^[a-zA-Z]*/.exec(token)?.[0] ?? '';
  const rest = token.slice(prefix.length);
  const quoteChar = rest[0] ?? '"';
  const quote = rest.startsWith(quoteChar.repeat(3)) && rest.length >= 6 ? quoteChar.repeat(3) : quoteChar;
  const closed = rest.length >= quote.length * 2 && rest.endsWith(quote);
  return { prefix: prefix.toLowerCase(), quote, body: rest.slice(quote.length, closed ? rest.length - quote.length : rest.length) };
}
