/**
 * What a quoted string in Python or JS/TS source means, so that a string param equal to it counts
 * as unchanged. Only the escapes people write in configs need to be exact; an escape this does not
 * know (Python's \N{…}) makes the string compare unequal, which only costs a no-op rewrite.
 */

const SIMPLE: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '`': '`' };

export function decodeEscapes(body: string, flavour: 'python' | 'script'): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i] ?? '';
    if (char !== '\\') {
      out += char;
      continue;
    }
    const next = body[i + 1] ?? '';
    i += 1;
    if (next in SIMPLE) out += SIMPLE[next];
    else if (next === '\n') continue; // a line continuation inside the string
    else if (next === '\r') i += body[i + 1] === '\n' ? 1 : 0;
    else if (next === 'a' && flavour === 'python') out += '\u0007';
    else if (next === 'x') out += hexEscape(body, i + 1, 2, (length) => (i += length));
    else if (next === 'u' && body[i + 1] === '{' && flavour === 'script') {
      const close = body.indexOf('}', i);
      out += String.fromCodePoint(parseInt(body.slice(i + 2, close), 16) || 0);
      i = close;
    } else if (next === 'u') out += hexEscape(body, i + 1, 4, (length) => (i += length));
    else if (next === 'U' && flavour === 'python') out += hexEscape(body, i + 1, 8, (length) => (i += length));
    else if (/[0-7]/.test(next)) {
      const digits = /^[0-7]{1,3}/.exec(body.slice(i))?.[0] ?? next;
      out += String.fromCharCode(parseInt(digits, 8));
      i += digits.length - 1;
    } else out += flavour === 'python' ? '\\' + next : next; // Python keeps unknown escapes as written
  }
  return out;
}

function hexEscape(body: string, from: number, length: number, advance: (length: number) => void): string {
  const digits = body.slice(from, from + length);
  if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(digits)) return '\\?';
  advance(length);
  return String.fromCodePoint(parseInt(digits, 16));
}
