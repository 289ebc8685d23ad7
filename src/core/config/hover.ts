/**
 * Hover text for a config: what a key means (a model parameter: what the trainer does with it and what
 * it accepts), what an enum value such as `tpe` or `maximize` does, and how a `${name}` in a command
 * is defined in the space. Markdown; null where there is nothing to say.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { KeyPath } from '../problems';
import { docOfKey, valuesAt } from './keyCatalog';
import { definitionOf } from './spaceCatalog';
import { describeDistribution } from '../distributions';

export interface ConfigHover {
  readonly markdown: string;
  /** Offsets of the word the hover is about. */
  readonly range: readonly [number, number];
}

interface ScalarAt {
  readonly role: 'key' | 'value';
  /** The key's own path, or the path of the key (or list item) whose value this is. */
  readonly path: KeyPath;
  readonly range: readonly [number, number];
  readonly value: unknown;
}

export function configHover(text: string, offset: number): ConfigHover | null {
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, logLevel: 'silent' });
  const found = scalarAt(doc.contents, [], offset);
  if (found === null) return null;
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: 1000 });
  } catch {
    return null;
  }
  const name = String(found.value);
  if (found.role === 'key') {
    const meaning = docOfKey(found.path, root);
    return meaning === null ? null : { markdown: `**${name}**: ${meaning}`, range: found.range };
  }
  const placeholder = placeholderAt(text, found, offset);
  if (placeholder !== null) return placeholderHover(text, doc.contents, placeholder, root);
  const value = valuesAt(found.path, root).find((entry) => entry.value === name);
  return value === undefined ? null : { markdown: `**${name}**: ${value.doc}`, range: found.range };
}

/** The key or value scalar holding `offset`, with its key path. */
function scalarAt(node: unknown, path: KeyPath, offset: number): ScalarAt | null {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if (covers(pair.key, offset)) return { role: 'key', path: [...path, key], range: rangeOf(pair.key), value: pair.key.value };
      const inner = scalarAt(pair.value, [...path, key], offset);
      if (inner !== null) return inner;
    }
  } else if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) {
      const inner = scalarAt(item, [...path, index], offset);
      if (inner !== null) return inner;
    }
  } else if (isScalar(node) && covers(node, offset)) {
    return { role: 'value', path, range: rangeOf(node), value: node.value };
  }
  return null;
}

function covers(node: Node, offset: number): boolean {
  const range = node.range;
  return range !== undefined && range !== null && range[0] <= offset && offset < range[1];
}

function rangeOf(node: Node): readonly [number, number] {
  return node.range ? [node.range[0], node.range[1]] : [0, 0];
}

/** `${name}` around `offset` in a command argument: the name and its offsets. */
function placeholderAt(text: string, found: ScalarAt, offset: number): { name: string; range: readonly [number, number] } | null {
  if (found.path[0] !== 'trial' || found.path[1] !== 'command' || typeof found.value !== 'string') return null;
  const source = text.slice(found.range[0], found.range[1]);
  for (const match of source.matchAll(/(^|[^$])\$\{([^}]*)\}/g)) {
    const start = found.range[0] + (match.index ?? 0) + (match[1] ?? '').length;
    const end = start + match[0].length - (match[1] ?? '').length;
    if (start <= offset && offset < end) return { name: match[2] ?? '', range: [start, end] };
  }
  return null;
}

function placeholderHover(text: string, contents: unknown, placeholder: { name: string; range: readonly [number, number] }, root: unknown): ConfigHover {
  const optional = placeholder.name.endsWith('?');
  const name = optional ? placeholder.name.slice(0, -1) : placeholder.name;
  const title = `**\${${placeholder.name}}**`;
  const definition = definitionOf(name, root);
  if (definition === null) return { markdown: `${title}: not a space parameter`, range: placeholder.range };
  const source = sourceAt(text, contents, definition.at);
  // A choice that opens branches is written over many lines: its values say it better.
  const written = source.length > 80 && definition.distribution ? describeDistribution(definition.distribution) : source;
  if (definition.variants.length > 0) {
    return { markdown: `${title}: the trial's value of ${definition.variants.map((v) => `\`${v}\``).join(' or ')}, whichever branch the trial took: \`${written}\``, range: placeholder.range };
  }
  const activity = definition.activity === null ? '' : optional ? `; ${definition.activity}, and in a trial without it this argument and the flag before it are left out` : `; ${definition.activity}, so write \${${name}?}`;
  return { markdown: `${title}: the trial's value of space parameter \`${name}\`: \`${written}\`${activity}`, range: placeholder.range };
}

/** A space parameter's definition as written (`{ float: [1.0e-4, 1.0e-1], log: true }`), at its key path. */
function sourceAt(text: string, contents: unknown, path: KeyPath): string {
  let node: unknown = contents;
  for (const key of path) {
    if (!isMap(node)) return '';
    node = node.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === String(key))?.value;
  }
  const range = (node as Node | undefined)?.range;
  return range ? text.slice(range[0], range[1]).replace(/\s+/g, ' ').trim() : '';
}
