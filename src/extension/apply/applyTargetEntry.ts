/**
 * Where a new `apply:` entry goes in a config's text, found with the YAML document so the edit lands
 * in the list the config already has (block or flow, however indented) or, without one, as a new
 * section at the end, where the design's layout puts it. Pure: the editor turns the result into one
 * WorkspaceEdit, so adding a target is one undo step.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';

/** Replace configText[start, end) with `text`. */
export interface TextInsertion {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** `{ file: train.py }` for `file` (relative to the config, `/`-separated), quoted when YAML needs it. */
export function applyEntry(file: string): string {
  return `{ file: ${/^[\w][\w./-]*$/.test(file) ? file : JSON.stringify(file)} }`;
}

/** The edit that adds `file` to the config's `apply:` list, or why it cannot (a config that is not a mapping, an `apply:` that is not a list). */
export function applyEntryInsertion(configText: string, file: string): TextInsertion | { readonly error: string } {
  const entry = applyEntry(file);
  const document = parseDocument(configText);
  if (document.errors.length > 0) return { error: `the config does not parse as YAML (${document.errors[0]?.message.split('\n')[0] ?? ''}); fix it first` };
  const root = document.contents;
  if (root !== null && !isMap(root)) return { error: 'the config is not a mapping of sections' };
  const pair = root?.items.find((item) => isScalar(item.key) && item.key.value === 'apply');
  if (!pair) {
    const end = configText.length;
    const lineBreak = end === 0 || configText.endsWith('\n') ? '' : '\n';
    return { start: end, end, text: `${lineBreak}apply:\n  - ${entry}\n` };
  }
  const key = pair.key as Node;
  const value = pair.value as Node | null;
  const keyEnd = key.range?.[1] ?? 0;
  const colon = configText.indexOf(':', keyEnd);
  if (value === null || (isScalar(value) && value.value === null)) {
    // `apply:` or `apply: ~`: the list takes the place of the empty value, below the key.
    const from = colon + 1;
    const to = value?.range ? Math.max(from, value.range[1]) : from;
    const keyColumn = keyEnd - lineStart(configText, keyEnd) - 'apply'.length;
    return { start: from, end: to, text: `\n${' '.repeat(Math.max(0, keyColumn) + 2)}- ${entry}` };
  }
  if (!isSeq(value)) return { error: 'apply: is not a list of files' };
  const [start, valueEnd] = value.range ?? [0, 0];
  if (value.flow === true) {
    const close = configText.lastIndexOf(']', valueEnd);
    const inner = configText.slice(start + 1, close).trim();
    return { start: close, end: close, text: inner === '' ? entry : `, ${entry}` };
  }
  const last = value.items.at(-1) as Node | undefined;
  const lastEnd = trimmedEnd(configText, last?.range?.[1] ?? valueEnd);
  const dashColumn = start - lineStart(configText, start);
  return { start: lastEnd, end: lastEnd, text: `\n${' '.repeat(dashColumn)}- ${entry}` };
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset after the last non-blank character before `offset` (a node's range may run into the next line). */
function trimmedEnd(text: string, offset: number): number {
  let end = offset;
  while (end > 0 && /\s/.test(text[end - 1] ?? '')) end -= 1;
  return end;
}
