/**
 * Whether a name in code is a function's parameter (`def warmup(lr=1e-6)`, `function f(lr = 1e-6)`,
 * a method, an arrow function, a lambda) or sits inside a parameter's default value. Apply leaves
 * those alone: a default is what the function does when called without the argument, often for
 * another purpose than the study's param (a warmup's rate is not the optimizer's), so writing it
 * would change behaviour nobody asked to change. A map: entry naming `warmup.lr` writes it.
 */
import { isOp, type SourceToken } from './sites';

/** The function whose parameters hold a name; `name` is null for a lambda or an anonymous function. */
export interface ParameterOwner {
  readonly name: string | null;
}

/** Words before `(` that start a block, not a method: `if (lr = 1) {` is no parameter list. */
const CONTROL_WORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'with', 'return', 'typeof', 'await', 'yield']);

/** Completes "found `lr=1e-6` at line 3, but …" for a default that is not written. */
export function parameterDefaultWhy(owner: ParameterOwner, name: string): string {
  const last = name.split('.').at(-1) ?? name;
  if (owner.name === null) return 'it is a default of an anonymous function, not a setting';
  return `it is a default of ${owner.name}(), not a setting; map the param to ${owner.name}.${last} (apply: map:) to write it`;
}

/** Whether the map named this parameter on purpose: `warmup.lr` for `def warmup(lr=…)`. */
export function namesParameter(owner: ParameterOwner, parts: readonly string[]): boolean {
  return parts.length === 2 && owner.name !== null && owner.name === parts[0];
}

/** The Python function (def or lambda) whose parameter list holds the token at `index`, if any. */
export function pythonParameterOwner(tokens: readonly SourceToken[], index: number): ParameterOwner | null {
  if (isLambdaParameter(tokens, index)) return { name: null };
  const opener = parameterListOpener(tokens, index);
  if (opener === null) return null;
  const name = tokens[opener - 1];
  return name?.type === 'name' && tokens[opener - 2]?.text === 'def' ? { name: name.text } : null;
}

/** The JavaScript/TypeScript function, method or arrow whose parameter list holds the token at `index`. */
export function scriptParameterOwner(tokens: readonly SourceToken[], index: number): ParameterOwner | null {
  const opener = parameterListOpener(tokens, index);
  if (opener === null) return null;
  let before = opener - 1;
  if (isOp(tokens[before], '>')) before = matching(tokens, before, -1, true) - 1; // `function f<T>(…)`
  const name = tokens[before];
  if (name?.type === 'name' && name.text === 'function') return { name: null };
  if (name?.type === 'name' && (tokens[before - 1]?.text === 'function' || isOp(tokens[before - 1], '*'))) return { name: name.text };
  const body = bodyAfter(tokens, matching(tokens, opener, 1));
  if (body === '=>') return { name: arrowName(tokens, opener) };
  return body === '{' && name?.type === 'name' && !CONTROL_WORDS.has(name.text) ? { name: name.text } : null;
}

/**
 * The `(` of the parameter list around `index`: the innermost bracket, or, through the `{`/`[` of a
 * destructured parameter or of a default's value (`def f(cfg={"lr": 0.1})`), the `(` around that.
 */
function parameterListOpener(tokens: readonly SourceToken[], index: number): number | null {
  let at = index;
  for (;;) {
    const opener = enclosingOpener(tokens, at);
    if (opener === null || tokens[opener]?.text === '(') return opener;
    // A `{` after `)` or `=>` is a body, after a name a class: no parameter list lies outside it.
    if (!isOp(tokens[opener - 1], '(', ',', ':', '=')) return null;
    at = opener;
  }
}

/** The unmatched opening bracket before `index`, or null (a Python statement's end stops the search). */
function enclosingOpener(tokens: readonly SourceToken[], index: number): number | null {
  let depth = 0;
  for (let at = index - 1; at >= 0; at--) {
    const token = tokens[at];
    if (!token || (depth === 0 && token.type === 'newline')) return null;
    if (isOp(token, ')', ']', '}')) depth += 1;
    else if (isOp(token, '(', '[', '{') && depth-- === 0) return at;
  }
  return null;
}

/** `lambda a, lr=0.1: …`: back over the parameters before `index` (brackets skipped) to `lambda`. */
function isLambdaParameter(tokens: readonly SourceToken[], index: number): boolean {
  for (let at = index - 1; at >= 0; at--) {
    const token = tokens[at];
    if (!token || token.type === 'newline' || isOp(token, ':', ';', '(', '[', '{')) return false;
    if (token.type === 'name' && token.text === 'lambda') return true;
    if (isOp(token, ')', ']', '}')) at = matching(tokens, at, -1);
  }
  return false;
}

/**
 * The index of the bracket matching the one at `index`, searching forward (1) or back (-1); `<>`
 * count as brackets only in TypeScript type positions (`angles`), elsewhere they compare.
 */
function matching(tokens: readonly SourceToken[], index: number, step: 1 | -1, angles = false): number {
  const left = angles ? ['(', '[', '{', '<'] : ['(', '[', '{'];
  const right = angles ? [')', ']', '}', '>'] : [')', ']', '}'];
  const [open, close] = step === 1 ? [left, right] : [right, left];
  let depth = 0;
  for (let at = index; at >= 0 && at < tokens.length; at += step) {
    if (isOp(tokens[at], ...open)) depth += 1;
    else if (isOp(tokens[at], ...close) && --depth === 0) return at;
  }
  return index;
}

/** After a parameter list's `)`: `=>` or `{`, past a TypeScript return type; null for anything else. */
function bodyAfter(tokens: readonly SourceToken[], closer: number): '=>' | '{' | null {
  let at = closer + 1;
  if (isOp(tokens[at], ':')) {
    // Skip the return type (its own brackets balanced) up to the body.
    for (at += 1; at < tokens.length && at < closer + 40; at++) {
      if (isOp(tokens[at], '=>', '{') && !isOp(tokens[at - 1], ':', '|', '&', '<', ',')) break;
      if (isOp(tokens[at], '(', '[', '<')) at = matching(tokens, at, 1, true);
    }
  }
  return isOp(tokens[at], '=>') ? '=>' : isOp(tokens[at], '{') ? '{' : null;
}

/** `const warmup = (lr = 1e-6) => …` or `warmup: async (lr) => …`: the name it is given. */
function arrowName(tokens: readonly SourceToken[], opener: number): string | null {
  let before = opener - 1;
  if (tokens[before]?.type === 'name' && tokens[before]?.text === 'async') before -= 1;
  const name = tokens[before - 1];
  return isOp(tokens[before], '=', ':') && name?.type === 'name' ? name.text : null;
}
