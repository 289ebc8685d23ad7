/**
 * Checks on the YAML tree itself, before its values are validated: keys written twice, and whether
 * the file is a config at all. Both run on every keystroke in the editor, so each is one pass.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { KeyPath } from '../problems';
import { suggestName } from '../suggest';
import { TOP_LEVEL_KEYS } from './sections';

export interface DuplicateKey {
  readonly path: KeyPath;
  readonly message: string;
  /** Source offsets of the second (or later) occurrence of the key. */
  readonly range: readonly [number, number];
}

/**
 * Every key that repeats an earlier key of the same map, with the path it sits at. One hash set per
 * map (the yaml package's own `uniqueKeys` check compares each key with all earlier ones).
 */
export function findDuplicateKeys(doc: Document): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const visit = (node: unknown, path: KeyPath): void => {
    if (isMap(node)) {
      // Scalar keys are equal when their values are, as the yaml package compares them (1 ≠ "1").
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (!isScalar(key)) continue;
        const at = [...path, String(key.value ?? '')];
        if (seen.has(key.value) && key.range) {
          found.push({ path: at, range: [key.range[0], key.range[1]], message: `duplicate key '${String(key.value)}': each key may appear once in a map` });
        }
        seen.add(key.value);
        visit(pair.value, at);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, [...path, i]));
    }
    // Aliases are not followed: their anchor was checked where it is written.
  };
  visit(doc.contents, []);
  return found;
}

/**
 * Null when the document reads as a config (or is empty), else what it is instead. A config is a map
 * with at least one section name, or a near miss of one (`objectiv:` is a config being typed). Any
 * other file (a binary, a symlink to a system file) is no config: its problems must not quote it.
 */
export function notAConfig(doc: Document): string | null {
  const contents = doc.contents as unknown;
  if (contents === null || contents === undefined || (isScalar(contents) && contents.value === null)) return null;
  if (isSeq(contents)) return 'a list';
  if (isAlias(contents)) return 'an alias';
  if (isScalar(contents)) return typeof contents.value === 'string' ? 'text' : kindOfScalar(contents.value);
  if (!isMap(contents)) return 'something else';
  const sections = contents.items.some((pair) => {
    const key = pair.key as Node | null;
    if (!isScalar(key) || typeof key.value !== 'string') return false;
    return TOP_LEVEL_KEYS.includes(key.value) || suggestName(key.value, TOP_LEVEL_KEYS) !== null;
  });
  return sections ? null : 'a map without any of these sections';
}

function kindOfScalar(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return 'a number';
  if (typeof value === 'boolean') return 'true or false';
  return 'a single value';
}
