/**
 * From key paths back to the YAML source: the node a path names, and the key path of the node at an
 * offset (for syntax errors). A path that runs past the document (a missing key) lands on the
 * nearest existing ancestor, so every problem gets a position.
 */
import { isCollection, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { KeyPath, Position } from '../problems';

export interface Span {
  readonly start: Position;
  readonly end: Position;
}

type Range = readonly [number, number];

/**
 * Where the value at `path` is written, or its key when `on` is 'key'. A value that is empty or a
 * multi-line block (a whole section) is marked by its key instead, as editors underline `trial:`
 * rather than twenty lines. A path that runs past the document ends on the deepest key found.
 */
export function spanOfPath(doc: Document, lines: LineIndex, path: KeyPath, on?: 'key'): Span {
  return lines.span(rangeOfPath(doc, path, on));
}

/**
 * Offsets → 1-based line and column (UTF-16 units, as editors count). Computed from the text itself:
 * the yaml package's LineCounter misses line breaks inside some malformed input.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): Position {
    const at = Math.min(Math.max(0, offset), this.text.length);
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, col: at - (this.starts[low] ?? 0) + 1 };
  }

  span([start, end]: Range): Span {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }
}

function rangeOfPath(doc: Document, path: KeyPath, on?: 'key'): Range {
  let node: unknown = doc.contents;
  let valueRange = rangeOf(node) ?? [0, 0];
  // Where a missing key is reported: the key of the deepest map entry found, or the first top-level key.
  let nearestKey = isMap(node) ? (rangeOf(node.items[0]?.key) ?? valueRange) : valueRange;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    if (isMap(node)) {
      const pair = pairsByKey(node).get(String(key));
      const keyRange = rangeOf(pair?.key);
      if (!pair || !keyRange) return nearestKey;
      const range = rangeOf(pair.value);
      const empty = range === null || range[1] <= range[0];
      const block = isCollection(pair.value) && !pair.value.flow;
      if (i === path.length - 1 && (on === 'key' || empty || block)) return keyRange;
      if (empty) return keyRange;
      node = pair.value;
      valueRange = range;
      nearestKey = keyRange;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      const range = rangeOf(node);
      if (!range) return nearestKey;
      valueRange = range;
    } else {
      return nearestKey;
    }
  }
  return valueRange;
}

/**
 * A map's entries by key (the first of a repeated key), built once per map: every problem of a file
 * looks its path up here, and a scan per lookup made a file with thousands of problems quadratic.
 */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairsByKey(map: YAMLMap): Map<string, Pair> {
  let index = pairIndex.get(map);
  if (index === undefined) {
    index = new Map();
    for (const item of map.items) {
      if (!isScalar(item.key)) continue;
      const key = String(item.key.value ?? '');
      if (!index.has(key)) index.set(key, item as Pair);
    }
    pairIndex.set(map, index);
  }
  return index;
}

function rangeOf(node: unknown): Range | null {
  if (!node || typeof node !== 'object' || !('range' in node)) return null;
  const range = (node as Node).range;
  return range ? [range[0], range[1]] : null;
}

/** The key path of the innermost map entry or list item containing `offset` (best effort). */
export function pathAtOffset(doc: Document, offset: number): KeyPath {
  const path: (string | number)[] = [];
  let node: unknown = doc.contents;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((item) => covers(item.key, offset) || covers(item.value, offset));
      if (!pair || !isScalar(pair.key)) return path;
      path.push(String(pair.key.value ?? ''));
      if (covers(pair.key, offset)) return path;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => covers(item, offset));
      if (index < 0) return path;
      path.push(index);
      node = node.items[index];
    } else {
      return path;
    }
  }
}

function covers(node: unknown, offset: number): boolean {
  if (isPair(node)) return false;
  const range = rangeOf(node);
  // End-exclusive, so a block that ends where the next key starts does not claim that key.
  return range !== null && range[0] <= offset && offset < Math.max(range[1], range[0] + 1);
}
