/**
 * Where a JSON file (JSONC and JSON5-style files too: comments, trailing commas, unquoted keys)
 * gives a key a value: `"lr": 0.01` at the top level; a dotted name such as `optimizer.lr` matches
 * the nested key `{"optimizer": {"lr": …}}` from the top. The same key deeper down, and keys whose
 * value is an object or array, are left alone and reported.
 */
import { tokenizeScript, type ScriptToken } from './scriptTokens';
import { isOp, keyPathMatch, literalSite, nestedKeyWhy, NOT_A_LITERAL, skippedSite, usualQuote } from './sites';
import { readScriptLiteral, stringValue } from './scriptTargets';
import type { NameFinder, NameSite } from './types';

interface KeyedValue {
  /** Keys from the document's root to this entry, the entry's own key last. */
  readonly path: readonly string[];
  readonly keyToken: ScriptToken;
  readonly valueAt: number;
}

export function jsonFinder(text: string): NameFinder {
  const tokens = tokenizeScript(text);
  const entries = keyedValues(tokens);
  // JSON has no statements: a value ends at `,` or a closing bracket, never at a line break.
  const neverEndsLine = (): boolean => false;

  function find(name: string): NameSite[] {
    const sites: NameSite[] = [];
    for (const entry of entries) {
      const match = keyPathMatch(entry.path, name);
      if (match === null) continue;
      const valueToken = tokens[entry.valueAt];
      const read = readScriptLiteral(text, tokens, entry.valueAt, neverEndsLine);
      // Shown as `"lr": 0.1`, or up to the bracket that opens a container value.
      const shownEnd = read?.end ?? valueToken?.end ?? entry.keyToken.end;
      if (match === 'nested') sites.push(skippedSite(text, entry.keyToken.start, shownEnd, nestedKeyWhy(entry.path)));
      else if (isOp(valueToken, '{', '[')) sites.push(skippedSite(text, entry.keyToken.start, shownEnd, `its value is ${valueToken?.text === '{' ? 'an object' : 'an array'}`));
      else if (read) sites.push(literalSite(read.start, read.end, read.literal));
      else sites.push(skippedSite(text, entry.keyToken.start, shownEnd, NOT_A_LITERAL));
    }
    return sites;
  }

  return {
    find,
    usualQuote: usualQuote(tokens.filter((t) => t.type === 'string').map((t) => t.text), '"'),
    describe: (name) =>
      name.includes('.')
        ? `the nested keys ${name.split('.').map((part) => `"${part}"`).join(' → ')} from the top level (or a "${name}" key there)`
        : `a "${name}" key at the top level (nested ones only through apply: map:)`,
  };
}

/** Every `key: value` entry of every object, with its key path, in source order. */
function keyedValues(tokens: readonly ScriptToken[]): KeyedValue[] {
  const entries: KeyedValue[] = [];
  // One frame per open bracket: the key path of that container (arrays keep their parent's path).
  const frames: { readonly path: readonly string[]; readonly isObject: boolean }[] = [];
  let pendingPath: readonly string[] = [];
  tokens.forEach((token, index) => {
    const frame = frames.at(-1);
    if (isOp(token, '{', '[')) {
      frames.push({ path: pendingPath, isObject: token.text === '{' });
      return;
    }
    if (isOp(token, '}', ']')) {
      frames.pop();
      pendingPath = frames.at(-1)?.path ?? [];
      return;
    }
    const isKey = (token.type === 'string' || token.type === 'name') && frame?.isObject === true && isOp(tokens[index - 1], '{', ',') && isOp(tokens[index + 1], ':');
    if (!isKey) return;
    const key = token.type === 'string' ? stringValue(token.text) : token.text;
    const path = [...frame.path, key];
    entries.push({ path, keyToken: token, valueAt: index + 2 });
    // If the value is a container, it is opened with this entry's path.
    pendingPath = path;
  });
  return entries;
}
