/**
 * How one param value is spelled in each language Tuneboard writes into: the single rule behind
 * Insert Best Params, its completions and the Copy formats. Code literals come from apply's
 * formatValue, so Apply Best and Insert write a value alike; this adds what a fresh literal needs
 * besides: floats that stay floats, ±inf and NaN where a language can read them, command-line words
 * for shells and Makefiles, and Markdown table cells.
 */
import { formatNumber, formatValue, type QuoteChar } from '../apply/formatValue';
import type { ApplyLanguage } from '../apply/types';
import type { ParamValue } from '../distributions';

export type { QuoteChar } from '../apply/formatValue';

export interface LiteralStyle {
  /** The quote for strings: the file's usual one. */
  readonly quote: QuoteChar;
  /** The param is a float, so a whole value is written `1.0` where the language tells ints apart. */
  readonly float: boolean;
}

/** Python, YAML (PyYAML) and JSON read by Python make `1` an int and `1.0` a float; JavaScript does not. */
const WHOLE_FLOATS_NEED_A_POINT: ReadonlySet<ApplyLanguage> = new Set(['python', 'yaml', 'json']);

/**
 * `value` as a literal of `language`, or null where the language has none (JSON has no inf or NaN;
 * callers say which param it was).
 */
export function codeLiteral(language: ApplyLanguage, value: ParamValue, style: LiteralStyle): string | null {
  if (typeof value === 'number' && !Number.isFinite(value)) return nonFiniteLiteral(language, value, style.quote);
  const text = formatValue(language, value, null, style.quote);
  if (text !== null && typeof value === 'number' && style.float && WHOLE_FLOATS_NEED_A_POINT.has(language) && /^-?\d+$/.test(text)) return `${text}.0`;
  return text;
}

/** What each language reads as ±inf and NaN: Python's float(), JavaScript's globals, YAML's .inf. */
function nonFiniteLiteral(language: ApplyLanguage, value: number, quote: QuoteChar): string | null {
  const sign = value < 0 ? '-' : '';
  switch (language) {
    case 'python':
      return Number.isNaN(value) ? `float(${quote}nan${quote})` : `${sign}float(${quote}inf${quote})`;
    case 'javascript':
    case 'typescript':
      return Number.isNaN(value) ? 'NaN' : `${sign}Infinity`;
    case 'yaml':
      return Number.isNaN(value) ? '.nan' : `${sign}.inf`;
    case 'json':
      return null;
  }
}

/**
 * A value as a program receives it on its command line: numbers in the same short digits as code,
 * booleans as `true`/`false`, null as Python's `None` (argparse's usual default). ±inf and NaN are
 * `Infinity`, `-Infinity` and `NaN`, which Python's float() and JavaScript's Number() both read.
 */
export function argumentWord(value: ParamValue): string {
  if (value === null) return 'None';
  if (typeof value === 'number') return Number.isFinite(value) ? formatNumber(value, null, false) : String(value);
  return String(value);
}

/** A word a POSIX shell reads back as itself: bare when every character is safe, else single-quoted. */
export function shellWord(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A shell word in a Makefile, where make expands `$` before the shell sees the line. */
export function makefileWord(word: string): string {
  return shellWord(word).replace(/\$/g, '$$$$');
}

/** `--name value` as shell words (`$$` in a Makefile); null when a Makefile line cannot hold the value. */
export function flagWords(name: string, value: ParamValue, makefile: boolean): string | null {
  const words = [`--${name}`, argumentWord(value)];
  // A recipe or variable line ends at its line break, quoted or not.
  if (makefile && words.some((word) => /[\r\n]/.test(word))) return null;
  return words.map(makefile ? makefileWord : shellWord).join(' ');
}

/**
 * A value or name in a Markdown table cell: JSON's spelling of true/false/null, short floats and
 * `inf`/`nan` for the rest, with the characters Markdown would read as formatting or a cell border
 * escaped and line breaks as `<br>`. Also used for the caption's names.
 */
export function markdownCell(value: ParamValue): string {
  let text: string;
  if (typeof value === 'number') text = Number.isNaN(value) ? 'nan' : Number.isFinite(value) ? formatNumber(value, null, false) : value > 0 ? 'inf' : '-inf';
  else text = value === null ? 'null' : String(value);
  // An underscore inside a word (`val_accuracy`) never starts emphasis, so only others are escaped.
  return text
    .replace(/[\\`*[\]<>|]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\$&')
    .replace(/\r?\n|\r/g, '<br>');
}
