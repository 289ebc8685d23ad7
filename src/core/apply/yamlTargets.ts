/**
 * Where a YAML file gives a key a value: `lr: 0.01` at the top level (or the nested path a dotted
 * name spells from the top, `optimizer.lr`), in block or flow maps, in every document of the file;
 * the same key deeper down is reported as skipped (see keyPathMatch). The yaml package parses with source ranges, so only the scalar's own text
 * is replaced and its comment, anchor and neighbours stay as they are.
 */
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Scalar } from 'yaml';
import type { ParamValue } from '../distributions';
import { keyPathMatch, literalSite, nestedKeyWhy, skippedSite } from './sites';
import type { ExistingLiteral, NameFinder, NameSite } from './types';

export interface YamlEntry {
  /** Keys from the document's root to this entry, the entry's own key last. */
  readonly path: readonly string[];
  readonly keyStart: number;
  readonly keyEnd: number;
  /** The value node; null for an entry without one. */
  readonly value: unknown;
}

const QUOTE_OF_STYLE: Readonly<Record<string, string>> = { PLAIN: 'plain', QUOTE_SINGLE: "'", QUOTE_DOUBLE: '"', BLOCK_LITERAL: 'block', BLOCK_FOLDED: 'block' };

export function yamlFinder(text: string): NameFinder {
  const entries = yamlEntries(text);
  return {
    find: (name) =>
      entries.flatMap((entry) => {
        const match = keyPathMatch(entry.path, name);
        if (match === 'nested') return [skippedSite(text, entry.keyStart, entryLineEnd(text, entry), nestedKeyWhy(entry.path))];
        return match === 'exact' ? (yamlValueSite(text, entry) ?? []) : [];
      }),
    usualQuote: '"',
    describe: (name) =>
      name.includes('.') ? `the nested keys ${name.split('.').join(' → ')} from the top level (or a "${name}:" key there)` : `a "${name}:" key at the top level (nested ones only through apply: map:)`,
  };
}

/** Every map entry with a scalar key, in every document, outermost first. */
export function yamlEntries(text: string): YamlEntry[] {
  const entries: YamlEntry[] = [];
  const walk = (node: unknown, path: readonly string[]): void => {
    if (isSeq(node)) for (const item of node.items) walk(item, path);
    if (!isMap(node)) return;
    for (const pair of node.items) {
      const key = pair.key;
      if (!isScalar(key) || !key.range || (key.value !== null && typeof key.value === 'object')) continue;
      const entryPath = [...path, String(key.value)];
      entries.push({ path: entryPath, keyStart: key.range[0], keyEnd: key.range[1], value: pair.value });
      walk(pair.value, entryPath);
    }
  };
  // logLevel 'silent': the yaml package would otherwise print warnings to the console itself.
  for (const doc of parseAllDocuments(text, { logLevel: 'silent' })) walk(doc.contents, []);
  return entries;
}

/** The entry's value as a literal to rewrite, or why it is left alone; null for a bare `? key`. */
export function yamlValueSite(text: string, entry: YamlEntry): NameSite | null {
  const value = entry.value;
  const keyLine = (): NameSite => skippedSite(text, entry.keyStart, entryLineEnd(text, entry), whyNotLiteral(value));
  if (isAlias(value) || isMap(value) || isSeq(value)) return keyLine();
  if (!isScalar(value) || !value.range) return null;
  const literal = yamlLiteral(text, value);
  if (!literal) return keyLine();
  return literalSite(value.range[0], value.range[0] + literal.text.length, literal);
}

function yamlLiteral(text: string, scalar: Scalar): ExistingLiteral | null {
  const [start, valueEnd] = scalar.range ?? [0, 0];
  const plainValue: unknown = scalar.value;
  // An explicit tag (`!!str 1`) would reinterpret whatever is written after it.
  if (scalar.tag !== undefined) return null;
  if (!(plainValue === null || typeof plainValue === 'string' || typeof plainValue === 'number' || typeof plainValue === 'boolean')) return null;
  const quote = QUOTE_OF_STYLE[scalar.type ?? 'PLAIN'] ?? 'plain';
  let source = text.slice(start, valueEnd);
  // A block scalar's range includes the line break after its last line; that break stays.
  if (quote === 'block') source = source.replace(/[\r\n]+$/, '');
  const value: ParamValue = plainValue;
  return { text: source, value, quote };
}

function whyNotLiteral(value: unknown): string {
  if (isAlias(value)) return `its value is an alias (*${value.source})`;
  if (isMap(value)) return 'its value is a map';
  if (isSeq(value)) return 'its value is a list';
  if (isScalar(value) && value.tag !== undefined) return `its value has an explicit tag (${value.tag})`;
  return 'its value is not a plain scalar';
}

/** Where the entry's text on its key's line ends: `lr: 0.1` without a comment, `model:` before a block. */
function entryLineEnd(text: string, entry: YamlEntry): number {
  const lineBreak = text.indexOf('\n', entry.keyStart);
  const valueEnd = hasRange(entry.value) ? entry.value.range[1] : entry.keyEnd;
  return Math.min(valueEnd, lineBreak < 0 ? text.length : lineBreak);
}

function hasRange(node: unknown): node is { range: [number, number, number] } {
  return (isAlias(node) || isMap(node) || isSeq(node) || isScalar(node)) && node.range !== undefined && node.range !== null;
}
