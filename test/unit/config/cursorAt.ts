/**
 * Real configs for the editing tests (completion, hover, cursor context, quick fixes), with a cursor
 * put in them or a fix's edits applied to them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TextEdit } from '../../../src/core/config/fixes';
import { REPO_ROOT } from '../../fixtures/configs';

/** A config of the repository by its path from the repository root. */
export function config(path: string): string {
  return readFileSync(join(REPO_ROOT, path), 'utf8');
}

/** The built-in trainer: an mlp on iris, with data/iris.csv beside it. */
export const IRIS_PATH = 'examples/iris/iris.tune.yaml';
export const IRIS = config(IRIS_PATH);
/** A command trial whose arguments are `${…}` placeholders. */
export const COMMAND_CONFIG = config('examples/command-python/iris-softmax.tune.yaml');
/** A cnn on the digits images. */
export const DIGITS = config('examples/digits/digits.tune.yaml');
/** A conditional space (choice branches, when, each) of a command trial with `${name?}` arguments. */
export const CONDITIONAL = config('examples/conditional/conditional.tune.yaml');

export interface AtCursor {
  readonly text: string;
  readonly offset: number;
}

/**
 * `text` with `find` replaced by `replace` (when given), and the cursor where `|` stands in the
 * replacement (or in `find`): `cursor(iris, '  sampler: |tpe')` is on the t of tpe.
 */
export function cursor(text: string, find: string, replace?: string): AtCursor {
  const target = find.replace('|', '');
  const at = text.indexOf(target);
  if (at < 0) throw new Error(`not in the config: ${target}`);
  const written = replace ?? find;
  if (!written.includes('|')) throw new Error(`no | cursor in ${written}`);
  return { text: text.slice(0, at) + written.replace('|', '') + text.slice(at + target.length), offset: at + written.indexOf('|') };
}

/** The text after the edits, applied from the last to the first so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}

/** The first offset of `word` in `text` plus `into` characters: where a hover over it points. */
export function offsetOf(text: string, word: string, into = 1): number {
  const at = text.indexOf(word);
  if (at < 0) throw new Error(`not in the config: ${word}`);
  return at + into;
}
