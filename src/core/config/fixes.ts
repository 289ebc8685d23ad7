/**
 * Quick fixes carried by problems, so an editor offers them without reading messages. Validators know
 * key paths, not offsets, so they describe a fix by path (rename this key, replace this value, swap
 * these two values); resolveFix turns it into text edits on the document once its YAML tree is known.
 */
import { isMap, isScalar, isSeq, parseDocument, Scalar, type Document, type Node } from 'yaml';
import type { KeyPath, Problem } from '../problems';
import { isRecord, type PathProblem } from './issues';

/** One change, by key path. */
export type PathEdit =
  /** Rename the key at `path`. */
  | { readonly kind: 'key'; readonly path: KeyPath; readonly text: string }
  /** Replace the scalar value at `path` (inside its quotes, if it has them). */
  | { readonly kind: 'value'; readonly path: KeyPath; readonly text: string }
  /** Write the value at `from` as it is spelt in the file (`1.0e-4` stays `1.0e-4`) in place of the value at `path`. */
  | { readonly kind: 'copy'; readonly path: KeyPath; readonly from: KeyPath }
  /** Replace `name` in the `${name}` of the string at `path`. */
  | { readonly kind: 'placeholder'; readonly path: KeyPath; readonly name: string; readonly text: string };

export interface PathFix {
  readonly title: string;
  readonly edits: readonly PathEdit[];
}

/** A change to the document's text, by UTF-16 offsets (as editors and JavaScript strings count). */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface ProblemFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

/** A located problem of a config, with the quick fix that solves it when there is an obvious one. */
export interface ConfigProblem extends Problem {
  readonly fix?: ProblemFix;
}

export function renameKeyFix(path: KeyPath, to: string): PathFix {
  return { title: `Change to '${to}'`, edits: [{ kind: 'key', path, text: to }] };
}

export function replaceValueFix(path: KeyPath, to: string): PathFix {
  return { title: `Change to '${to}'`, edits: [{ kind: 'value', path, text: to }] };
}

export function placeholderFix(path: KeyPath, name: string, to: string): PathFix {
  return { title: `Change to '\${${to}}'`, edits: [{ kind: 'placeholder', path, name, text: to }] };
}

/** `float: [5, 2]` → `float: [2, 5]`. */
export function swapBoundsFix(boundsPath: KeyPath): PathFix {
  const low = [...boundsPath, 0];
  const high = [...boundsPath, 1];
  return { title: 'Swap low and high', edits: [{ kind: 'copy', path: low, from: high }, { kind: 'copy', path: high, from: low }] };
}

/** A range written `[high, low]` gets the fix that swaps them (the parser reports it at `space.<name>.<kind>`). */
export function withSwapFixes(problems: readonly PathProblem[], rawSpace: unknown): PathProblem[] {
  return problems.map((problem) => {
    const [section, name, kind] = problem.path;
    if (problem.path.length !== 3 || section !== 'space' || (kind !== 'float' && kind !== 'int') || !isRecord(rawSpace)) return problem;
    const spec = rawSpace[String(name)];
    const bounds: unknown = isRecord(spec) ? spec[kind] : undefined;
    if (!Array.isArray(bounds) || bounds.length !== 2) return problem;
    const [low, high] = bounds as unknown[];
    const reversed = typeof low === 'number' && typeof high === 'number' && Number.isFinite(low) && Number.isFinite(high) && low > high;
    return reversed ? { ...problem, fix: swapBoundsFix(problem.path) } : problem;
  });
}

/**
 * A fix found outside the parser (a target column the data file lacks), as text edits on the config:
 * replace the scalar value at `path` with `replacement`. Null when there is no scalar there.
 */
export function replaceValueAt(text: string, path: KeyPath, replacement: string): ProblemFix | null {
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, logLevel: 'silent' });
  return resolveFix(doc, text, replaceValueFix(path, replacement));
}

/** The fix as text edits, or null when a node it names is not in the document (it then offers nothing). */
export function resolveFix(doc: Document, text: string, fix: PathFix): ProblemFix | null {
  const edits: TextEdit[] = [];
  for (const edit of fix.edits) {
    const node = nodeAtPath(doc, edit.path, edit.kind === 'key' ? 'key' : 'value');
    if (!isScalar(node) || !node.range) return null;
    const [start, end] = innerRange(node);
    switch (edit.kind) {
      case 'key':
      case 'value':
        edits.push({ start, end, newText: edit.text });
        break;
      case 'copy': {
        const from = nodeAtPath(doc, edit.from, 'value');
        if (!isScalar(from) || !from.range) return null;
        edits.push({ start: node.range[0], end: node.range[1], newText: text.slice(from.range[0], from.range[1]) });
        break;
      }
      case 'placeholder': {
        const at = text.slice(start, end).indexOf(`\${${edit.name}}`);
        if (at < 0) return null;
        edits.push({ start: start + at + 2, end: start + at + 2 + edit.name.length, newText: edit.text });
        break;
      }
    }
  }
  return { title: fix.title, edits };
}

/** The key or value node at `path` (the first of a repeated key, as the parser reads it). */
function nodeAtPath(doc: Document, path: KeyPath, part: 'key' | 'value'): Node | null {
  let node: unknown = doc.contents;
  for (const [i, key] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
      if (pair === undefined) return null;
      if (last && part === 'key') return pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
    } else {
      return null;
    }
  }
  return (node as Node | null) ?? null;
}

/** A scalar's text without its quotes: a quoted value stays quoted after the fix. */
function innerRange(node: Scalar): readonly [number, number] {
  const [start, end] = node.range as [number, number, number];
  const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
  return quoted ? [start + 1, end - 1] : [start, end];
}
