/** Helpers the code finders (Python, JS/TS, JSON) share: dotted names, snippets, skip reasons. */
import type { ExistingLiteral, NameSite } from './types';

/** The fields every tokenizer here produces. */
export interface SourceToken {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export const NOT_A_LITERAL = 'its value is not a literal';

/**
 * For a name like `optimizer.lr`, whether the tokens ending at `last` spell `optimizer . lr`; the
 * index of the chain's first token, or null. A plain name is a chain of one, so `self.lr` matches
 * `lr` (the attribute is what counts) and `base_lr` does not (tokens compare whole).
 */
export function chainStart(tokens: readonly SourceToken[], last: number, parts: readonly string[]): number | null {
  let index = last;
  for (let part = parts.length - 1; part >= 0; part--) {
    const token = tokens[index];
    if (token?.type !== 'name' || token.text !== parts[part]) return null;
    if (part > 0) {
      if (!isOp(tokens[index - 1], '.')) return null;
      index -= 2;
    }
  }
  return index;
}

export function isOp(token: SourceToken | undefined, ...texts: string[]): boolean {
  return token?.type === 'op' && texts.includes(token.text);
}

/** Source text on one line, shortened, for messages such as "found `lr = compute()` at line 12". */
export function snippet(text: string, start: number, end: number): string {
  const flat = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}

/**
 * The end offset of the expression starting at token `from`: the first `,` `;` or closing bracket at
 * its own depth, or the end of its logical line. Used only to show a skipped value in a message.
 */
export function expressionEnd(tokens: readonly SourceToken[], from: number, endsLine: (index: number) => boolean): number {
  let depth = 0;
  let end = tokens[from]?.start ?? 0;
  for (let index = from; index < tokens.length; index++) {
    const token = tokens[index];
    if (!token || (depth === 0 && index > from && endsLine(index))) break;
    if (isOp(token, '(', '[', '{')) depth += 1;
    else if (isOp(token, ')', ']', '}')) {
      if (depth === 0) break;
      depth -= 1;
    } else if (depth === 0 && isOp(token, ',', ';')) break;
    end = token.end;
  }
  return end;
}

export function literalSite(start: number, end: number, literal: ExistingLiteral): NameSite {
  return { kind: 'literal', start, end, literal };
}

export function skippedSite(text: string, start: number, end: number, why: string): NameSite {
  return { kind: 'skipped', start, snippet: snippet(text, start, end), why };
}

/** The quote a file uses most for its strings: a new string in code is written the same way. */
export function usualQuote(strings: readonly string[], fallback: "'" | '"'): "'" | '"' {
  let single = 0;
  let double = 0;
  for (const token of strings) {
    const quote = /['"]/.exec(token)?.[0];
    if (quote === "'") single += 1;
    else if (quote === '"') double += 1;
  }
  return single === double ? fallback : single > double ? "'" : '"';
}

/** Forms of a name as a command-line option: `learning_rate` also as `learning-rate`. */
export function optionSpellings(name: string): string[] {
  const dashed = name.replace(/_/g, '-');
  return dashed === name ? [`--${name}`] : [`--${name}`, `--${dashed}`];
}

/** Option strings compare without leading dashes and with `-` and `_` alike, as argparse makes dests. */
export function sameOptionName(option: string, name: string): boolean {
  return option.replace(/^-+/, '').replace(/-/g, '_') === name.replace(/-/g, '_');
}

/**
 * For keyed formats (YAML, JSON), how a key at `path` (root first) stands to a name: `exact` when the
 * name spells the whole path, so a plain name is a top-level key and a dotted one such as
 * `optimizer.lr` is `optimizer: {lr: …}` from the root (a key spelled `optimizer.lr` also counts);
 * `nested` when only its last keys match (`scheduler.warmup.lr` for `lr`), which Apply leaves alone:
 * that key usually means something else (a warmup's rate, not the study's), so only a map: naming
 * its whole path writes it; null otherwise.
 */
export function keyPathMatch(path: readonly string[], name: string): 'exact' | 'nested' | null {
  if (path.join('.') === name) return 'exact';
  const parts = name.split('.');
  const tail = path.slice(-parts.length);
  const endsWithName = path.at(-1) === name || (tail.length === parts.length && tail.every((key, i) => key === parts[i]));
  return endsWithName ? 'nested' : null;
}

/** Completes "found `lr: 0.1` at line 7, but …" for a key `keyPathMatch` calls nested. */
export function nestedKeyWhy(path: readonly string[]): string {
  const whole = path.join('.');
  return `it is nested under ${path.slice(0, -1).join('.')}; a name matches top-level keys only, so map the param to ${whole} (apply: map:) to write this one`;
}
