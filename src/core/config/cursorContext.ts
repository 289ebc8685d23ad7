/**
 * Where the cursor is in a config being typed: on a key (and in which map), on a value (of which key,
 * or as an item of which list), or on a parameter name inside `${…}` of a command argument.
 *
 * A half-typed line is rarely valid YAML (`  lea` under `space:` is a key without a colon), so the
 * word at the cursor is replaced by a marker shaped like what belongs there — `marker:` where a key
 * starts a line, the bare marker elsewhere — and the marked text is parsed with the same `yaml`
 * package as the parser. Where the marker lands in the tree is the context.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import type { KeyPath } from '../problems';
import { isRecord } from './issues';

const MARKER = 'tuneboardCursorMarker';
/** Letters, digits and the characters a key, a parameter name or an enum value may hold. */
const WORD_CHAR = /[\p{L}\p{N}_.-]/u;

interface Common {
  /** The part of the word before the cursor, which completions are filtered by. */
  readonly prefix: string;
  /** Offsets of the whole word at the cursor: what a completion replaces. */
  readonly replace: readonly [number, number];
  /** The document as plain values (the word at the cursor left out), for what depends on other keys. */
  readonly root: unknown;
}

export type CursorContext =
  | (Common & {
      readonly kind: 'key';
      /** The map the key is (being) written in. */
      readonly path: KeyPath;
      /** The other keys of that map. */
      readonly present: readonly string[];
      /** The map is `{ … }` on one line, so a key is written `key: value` rather than on lines of its own. */
      readonly flow: boolean;
      /** A colon already follows the word (`samp|ler: tpe`): only the name is replaced. */
      readonly hasColon: boolean;
    })
  | (Common & {
      readonly kind: 'value';
      /** The key whose value this is, or the list and index of an item. */
      readonly path: KeyPath;
      readonly inList: boolean;
    })
  | (Common & {
      readonly kind: 'placeholder';
      /** The command argument holding `${…}`. */
      readonly path: KeyPath;
    });

export function cursorContext(text: string, offset: number): CursorContext | null {
  const at = Math.max(0, Math.min(offset, text.length));
  let start = at;
  while (start > 0 && WORD_CHAR.test(text[start - 1] ?? '')) start--;
  let end = at;
  while (end < text.length && WORD_CHAR.test(text[end] ?? '')) end++;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end) < 0 ? text.length : text.indexOf('\n', end);
  const before = text.slice(lineStart, start);
  const hasColon = /^\s*:(\s|$)/.test(text.slice(end, lineEnd));
  const startsBlockKey = /^\s*(-\s+)*$/.test(before) && !hasColon;
  const marked = text.slice(0, start) + MARKER + (startsBlockKey ? ':' : '') + text.slice(end);
  const doc = parseDocument(marked, { uniqueKeys: false, prettyErrors: false, logLevel: 'silent' });
  const found = findMarker(doc.contents, []);
  if (found === null) return null;
  const common = { prefix: text.slice(start, at), replace: [start, end] as const, root: plainWithoutMarker(doc) };
  if (found.role === 'key') return { ...common, kind: 'key', path: found.path, present: found.siblings, flow: found.flow, hasColon };
  const itemPath = found.role === 'item' ? [...found.path, found.index] : found.path;
  // `$${` is an escaped `${`, not a placeholder.
  if (/(^|[^$])\$\{$/.test(before)) return { ...common, kind: 'placeholder', path: itemPath };
  return { ...common, kind: 'value', path: itemPath, inList: found.role === 'item' };
}

type Found =
  | { readonly role: 'key'; readonly path: KeyPath; readonly siblings: string[]; readonly flow: boolean }
  | { readonly role: 'value'; readonly path: KeyPath }
  | { readonly role: 'item'; readonly path: KeyPath; readonly index: number };

function findMarker(node: unknown, path: KeyPath): Found | null {
  if (isMap(node)) {
    const keys = node.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : ''));
    for (const [i, pair] of node.items.entries()) {
      const key = keys[i] ?? '';
      if (key.includes(MARKER)) return { role: 'key', path, siblings: keys.filter((k) => !k.includes(MARKER)), flow: node.flow === true };
      if (holdsMarker(pair.value)) return { role: 'value', path: [...path, key] };
      const inner = findMarker(pair.value, [...path, key]);
      if (inner !== null) return inner;
    }
  } else if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) {
      if (holdsMarker(item)) return { role: 'item', path, index };
      const inner = findMarker(item, [...path, index]);
      if (inner !== null) return inner;
    }
  }
  return null;
}

function holdsMarker(node: unknown): boolean {
  return isScalar(node) && typeof node.value === 'string' && node.value.includes(MARKER);
}

/** The marked document as plain values, minus the marker's own key (a key being typed is not there yet). */
function plainWithoutMarker(doc: Document): unknown {
  let plain: unknown;
  try {
    plain = doc.toJS({ maxAliasCount: 1000 });
  } catch {
    return undefined;
  }
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (!isRecord(value)) return value;
    return Object.fromEntries(Object.entries(value).filter(([key]) => !key.includes(MARKER)).map(([key, inner]) => [key, strip(inner)]));
  };
  return strip(plain);
}
