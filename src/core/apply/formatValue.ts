/**
 * A param value written as a literal of the target language, in the style of the literal it
 * replaces: the same quote character, the same float-or-exponent look, the original text itself
 * when the value did not change.
 */
import type { Distribution, ParamValue } from '../distributions';
import type { ApplyLanguage, ExistingLiteral } from './types';

export type QuoteChar = "'" | '"';

/** Same value and same type: 64 and "64" differ, 0.1 written as `1e-1` does not. */
export function sameValue(a: ParamValue, b: ParamValue): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

/**
 * The literal text for `value` replacing `existing`, or null when the language has no literal for
 * it (NaN and infinities: params never hold them, but a hand-made value might).
 * `preferredQuote` is the file's usual quote, for a string that replaces a non-string.
 */
export function formatLiteral(language: ApplyLanguage, value: ParamValue, existing: ExistingLiteral, preferredQuote: QuoteChar): string | null {
  if (sameValue(existing.value, value)) return existing.text;
  return formatValue(language, value, existing, preferredQuote);
}

/** `value` as a literal where no literal stood before (or, with `existing`, in its style). */
export function formatValue(language: ApplyLanguage, value: ParamValue, existing: ExistingLiteral | null, preferredQuote: QuoteChar): string | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    return formatNumber(value, typeof existing?.value === 'number' ? existing.text : null, language === 'yaml');
  }
  if (typeof value === 'boolean') return formatBoolean(language, value, existing);
  if (value === null) return language === 'python' ? 'None' : 'null';
  return formatString(language, value, existing?.quote ?? (language === 'yaml' ? 'plain' : null), preferredQuote);
}

/**
 * Short digits (see shortFloatText), then the original's look: `1.0` rather than `1` where a
 * float was written (so Python keeps a float), exponent form where the original used one.
 * YAML floats always get a dot and a signed exponent (`1.0e-7`), because YAML 1.1 readers such as
 * PyYAML read `1e-7` as a string; the yaml package (YAML 1.2) reads both forms as the same float.
 */
export function formatNumber(value: number, originalText: string | null, yamlSafe: boolean): string {
  const original = originalText !== null && /^[-+]?(\d[\d_]*)?(\.[\d_]*)?([eE][-+]?\d+)?$/.test(originalText) ? originalText : null;
  const originalIsFloat = original !== null && /[.eE]/.test(original);
  const originalIsExponent = original !== null && /[eE]/.test(original);
  let text = shortFloatText(value);
  if (Number.isInteger(value)) {
    if (originalIsFloat && !text.includes('e')) text += '.0';
  } else if (originalIsExponent && !text.includes('e')) {
    text = value.toExponential();
  }
  if (yamlSafe && text.includes('e')) text = text.replace(/^(-?\d+)e/, '$1.0e').replace(/e(\d)/, 'e+$1');
  if (original !== null && original.includes('E')) text = text.toUpperCase();
  return text;
}

/** How close a shorter decimal must stay to a sampled float: this fraction of the range (of the value on a log scale). */
export const PARAM_PRECISION = 1e-4;
/** Never fewer significant digits than this, so a written value still reads as a tuned one. */
const MIN_DIGITS = 4;

/**
 * A float param's value as it is written into code, configs and Copy formats: the fewest significant
 * digits (at least 4) whose decimal stays inside the distribution and within PARAM_PRECISION of the
 * range (of the value itself for a log range) of the sampled value. A sampler draws
 * 0.02320496157929085 from a continuous range; its last digits change nothing a model does, so the
 * file gets 0.0232 (range [0, 0.1]) or 0.023205 (log range [1e-4, 0.1]), which behaves as the trial did. A step grid keeps every step's digits (only
 * arithmetic noise goes: 0.35000000000000003 is 0.35); ints, choices and values of unknown
 * distribution are written as they are. JSON for programs keeps full precision and does not call this.
 */
export function valueAsWritten(value: ParamValue, distribution: Distribution | undefined): ParamValue {
  if (typeof value !== 'number' || !Number.isFinite(value) || Number.isInteger(value) || distribution?.type !== 'float') return value;
  const { low, high, log, step } = distribution;
  // A step grid's values are exact choices: only noise far below a step may go.
  const tolerance = step !== null ? step * 1e-8 : log ? Math.abs(value) * PARAM_PRECISION : (high - low) * PARAM_PRECISION;
  const inside = value >= low && value <= high;
  for (let digits = MIN_DIGITS; digits < 17; digits++) {
    const rounded = Number(value.toPrecision(digits));
    if (Math.abs(rounded - value) > tolerance) continue;
    if (inside && (rounded < low || rounded > high)) continue;
    return rounded;
  }
  return value;
}

/** Every param of a trial as valueAsWritten spells it (`distributions`: the trial's). */
export function paramsAsWritten(params: Readonly<Record<string, ParamValue>>, distributions: Readonly<Record<string, Distribution>>): Record<string, ParamValue> {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, valueAsWritten(value, distributions[name])]));
}

/**
 * The text a person would write for a float: String(x), the shortest text that reads back as x,
 * unless x is a decimal of at most 12 significant digits plus arithmetic noise. A step grid or a sum
 * leaves such noise (31 × 0.0001 is 0.0031000000000000003, 0.1 + 0.2 is 0.30000000000000004), and
 * Optuna stores it as computed; nobody chose those last digits, so the decimal is written instead.
 * Rounding to 15 digits only removes noise below 5e-16 of the value; a sampled float such as
 * 0.0003338320367040979 keeps its 15th digit and so all of its digits.
 */
export function shortFloatText(value: number): string {
  const exact = String(value);
  if (!Number.isFinite(value) || Number.isInteger(value)) return exact;
  const rounded = String(Number(value.toPrecision(15)));
  return significantDigits(rounded) <= 12 && significantDigits(rounded) < significantDigits(exact) ? rounded : exact;
}

function significantDigits(text: string): number {
  const mantissa = text.replace(/^-/, '').replace(/e.*$/, '').replace('.', '');
  return mantissa.replace(/^0+/, '').replace(/0+$/, '').length;
}

function formatBoolean(language: ApplyLanguage, value: boolean, existing: ExistingLiteral | null): string {
  if (language === 'python') return value ? 'True' : 'False';
  const word = value ? 'true' : 'false';
  // YAML also reads True and TRUE; keep the file's capitalisation when it wrote a boolean that way.
  if (language === 'yaml' && existing !== null && typeof existing.value === 'boolean') {
    if (/^[A-Z]+$/.test(existing.text)) return word.toUpperCase();
    if (/^[A-Z]/.test(existing.text)) return word[0]?.toUpperCase() + word.slice(1);
  }
  return word;
}

function formatString(language: ApplyLanguage, value: string, quote: string | null, preferredQuote: QuoteChar): string {
  switch (language) {
    case 'json':
      return JSON.stringify(value);
    case 'yaml':
      return yamlString(value, quote);
    case 'python':
      return quoteString(value, quote === "'" || quote === '"' ? quote : preferredQuote, 'python');
    case 'javascript':
    case 'typescript':
      if (quote === '`') return templateString(value);
      return quoteString(value, quote === "'" || quote === '"' ? quote : preferredQuote, 'script');
  }
}

/** Python and JS/TS share these escapes; only the form for other control characters differs. */
export function quoteString(value: string, quote: QuoteChar, flavour: 'python' | 'script'): string {
  let body = '';
  for (const char of value) body += escapeChar(char, quote, flavour);
  return quote + body + quote;
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(char: string, quote: string, flavour: 'python' | 'script'): string {
  const short = SHORT_ESCAPES[char];
  if (short !== undefined) return short;
  if (char === quote) return '\\' + char;
  const code = char.codePointAt(0) ?? 0;
  // Other controls, and the line separators JS source cannot hold raw in a string before ES2019.
  if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) {
    const hex = code.toString(16).padStart(flavour === 'python' && code < 0x100 ? 2 : 4, '0');
    return flavour === 'python' && code < 0x100 ? `\\x${hex}` : `\\u${hex}`;
  }
  return char;
}

function templateString(value: string): string {
  let body = '';
  for (const char of value) body += char === '`' ? '\\`' : char === '$' ? '\\$' : escapeChar(char, '`', 'script');
  return '`' + body + '`';
}

/** YAML 1.1 and 1.2 words that a plain scalar would turn into a boolean or null. */
const YAML_RESERVED = /^(y|yes|n|no|true|false|on|off|null|~)$/i;

/** Controls, DEL and the C1 controls: YAML readers refuse them raw (PyYAML: "special characters are not allowed"). */
function unprintableInYaml(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

function yamlString(value: string, quote: string | null): string {
  const hasControl = [...value].some(unprintableInYaml);
  if (quote === 'plain' && /^[A-Za-z_][A-Za-z0-9_./-]*$/.test(value) && !YAML_RESERVED.test(value)) return value;
  if ((quote === 'plain' || quote === "'") && !hasControl) return `'${value.replace(/'/g, "''")}'`;
  // JSON's escapes are a subset of YAML's double-quoted ones; JSON leaves DEL and C1 controls raw.
  let escaped = '';
  for (const char of JSON.stringify(value)) escaped += unprintableInYaml(char) ? `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}` : char;
  return escaped;
}
