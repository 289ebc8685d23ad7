/**
 * Where a JavaScript or TypeScript file gives a name a value: `const lr = 0.01` (let/var, with an
 * optional type `const lr: number = …`), `this.lr = …` / `obj.lr = …`, class fields, object entries
 * `lr: 0.01` / `"lr": 0.01`, `obj["lr"] = …`. A function's parameter default `function warmup(lr = 1e-6)`
 * (methods and arrows too) is reported, not written, unless the map names `warmup.lr`. Works on tokens,
 * so names inside strings, templates and comments never match and `lr` never matches `base_lr`.
 */
import type { ParamValue } from '../distributions';
import { namesParameter, parameterDefaultWhy, scriptParameterOwner } from './functionParams';
import { tokenizeScript, type ScriptToken } from './scriptTokens';
import { chainStart, expressionEnd, isOp, literalSite, NOT_A_LITERAL, skippedSite, usualQuote } from './sites';
import { decodeEscapes } from './stringEscapes';
import type { ExistingLiteral, NameFinder, NameSite } from './types';

/** After a value, a line break ends the statement unless the next line continues the expression. */
const CONTINUES_EXPRESSION = /^(?:\.|\?\.|[-+*/%&|^<>=!?:]+|\(|\[|`)$/;
/** Type names that make `lr: number` a declaration rather than a value worth reporting. */
const TYPE_WORDS = new Set(['number', 'string', 'boolean', 'bigint', 'any', 'unknown', 'never', 'object', 'symbol']);

export function scriptFinder(text: string): NameFinder {
  const tokens = tokenizeScript(text);
  const endsStatement = (index: number): boolean => {
    const token = tokens[index];
    return token !== undefined && token.newlineBefore && !(token.type === 'op' && CONTINUES_EXPRESSION.test(token.text));
  };
  const valueSite = (siteStart: number, valueAt: number): NameSite | null => {
    const read = readScriptLiteral(text, tokens, valueAt, endsStatement);
    if (read) return literalSite(read.start, read.end, read.literal);
    const valueToken = tokens[valueAt];
    // `lr: number` in an interface or a type is a declaration, not a value someone forgot to write.
    if (valueToken?.type === 'name' && TYPE_WORDS.has(valueToken.text)) return null;
    return skippedSite(text, siteStart, expressionEnd(tokens, valueAt, endsStatement), NOT_A_LITERAL);
  };

  function find(name: string): NameSite[] {
    const parts = name.split('.');
    const sites: NameSite[] = [];
    // `warmup.lr` also names the parameter lr of `function warmup`, which no property chain spells.
    const namedParameter = (index: number): boolean => {
      const owner = parts.length === 2 && tokens[index]?.text === parts[1] && !isOp(tokens[index - 1], '.', '?.') ? scriptParameterOwner(tokens, index) : null;
      return owner !== null && namesParameter(owner, parts);
    };
    tokens.forEach((token, index) => {
      let valueAt: number | null = null;
      let siteStart = token.start;
      let at = index;
      if (token.type === 'name') {
        const first = chainStart(tokens, index, parts) ?? (namedParameter(index) ? index : null);
        if (first === null) return;
        siteStart = tokens[first]?.start ?? token.start;
        at = first;
        valueAt = assignedValueAt(text, tokens, first, index, endsStatement);
      } else if (token.type === 'string' && stringValue(token.text) === name) {
        valueAt = keyedValueAt(tokens, index);
      }
      if (valueAt === null) return;
      // A parameter's default (`function f(lr = 1e-6)`) is reported, not written, unless the map names it.
      const owner = scriptParameterOwner(tokens, at);
      const site =
        owner === null || (namesParameter(owner, parts) && tokens[at]?.text === parts[1])
          ? valueSite(siteStart, valueAt)
          : skippedSite(text, siteStart, expressionEnd(tokens, valueAt, endsStatement), parameterDefaultWhy(owner, name));
      if (site) sites.push(site);
    });
    return sites;
  }

  return {
    find,
    usualQuote: usualQuote(tokens.filter((t) => t.type === 'string').map((t) => t.text), '"'),
    describe: (name) => {
      const last = name.split('.').at(-1) ?? name;
      return `a \`const ${last} = …\` / \`let\` / \`var\` declaration or a \`${name} = …\` assignment (also \`this.${last} = …\`), or an object entry \`${last}: …\` / "${last}": …`;
    },
  };
}

/**
 * For a name chain tokens[first..last], the index of its value: `name = v`, `name: T = v` (a typed
 * declaration, parameter or class field, `?`/`!` allowed before the colon), or an object entry
 * `{ name: v }`.
 */
function assignedValueAt(text: string, tokens: readonly ScriptToken[], first: number, last: number, endsStatement: (index: number) => boolean): number | null {
  let next = last + 1;
  if (isOp(tokens[next], '?', '!') && isOp(tokens[next + 1], ':')) next += 1;
  if (isOp(tokens[next], '=')) return next + 1;
  if (!isOp(tokens[next], ':')) return null;
  const before = tokens[first - 1];
  if (first === last && isOp(before, '{', ',') && next === last + 1) {
    // An object entry `{ lr: 0.1 }`, unless a typed parameter `(a, lr: number = 0.1)` or a
    // destructuring default `{ lr: rate = 0.1 }` follows; a non-literal entry is reported as such.
    if (readScriptLiteral(text, tokens, next + 1, endsStatement)) return next + 1;
    return annotatedValueAt(tokens, next, endsStatement) ?? next + 1;
  }
  // `c ? lr : x` and `case lr:` are not declarations.
  if (isOp(before, '?') || (before?.type === 'name' && before.text === 'case')) return null;
  return annotatedValueAt(tokens, next, endsStatement);
}

/** After the colon at `colon`: skip a type (brackets balanced) up to its `=`; the statement ending first means no value. */
function annotatedValueAt(tokens: readonly ScriptToken[], colon: number, endsStatement: (index: number) => boolean): number | null {
  let depth = 0;
  for (let index = colon + 1; index < tokens.length && index < colon + 60; index++) {
    const token = tokens[index];
    // A type may start on the colon's next line, but a statement ending after it means no value.
    if (!token || (depth === 0 && endsStatement(index) && index > colon + 1)) return null;
    if (isOp(token, '(', '[', '{', '<')) depth += 1;
    else if (isOp(token, ')', ']', '}', '>')) {
      if (depth === 0) return null;
      depth -= 1;
    } else if (isOp(token, '>>')) depth -= 2;
    else if (depth === 0 && isOp(token, ',', ';')) return null;
    else if (depth === 0 && isOp(token, '=')) return index + 1;
  }
  return null;
}

/** For a quoted key at `index`: an entry `{ …, "lr": v }` or an assignment `obj["lr"] = v`. */
function keyedValueAt(tokens: readonly ScriptToken[], index: number): number | null {
  const before = tokens[index - 1];
  if (isOp(before, '{', ',') && isOp(tokens[index + 1], ':')) return index + 2;
  if (isOp(before, '[') && isOp(tokens[index + 1], ']') && isOp(tokens[index + 2], '=')) return index + 3;
  return null;
}

export function stringValue(token: string): string {
  const closed = token.length >= 2 && token.endsWith(token[0] ?? '');
  return decodeEscapes(token.slice(1, closed ? -1 : undefined), 'script');
}

/**
 * The literal at `at` if the expression there is exactly one: a number (maybe signed), a string, a
 * template without substitutions, true/false/null/undefined; TypeScript's `as const` may follow.
 */
export function readScriptLiteral(
  text: string,
  tokens: readonly ScriptToken[],
  at: number,
  endsStatement: (index: number) => boolean,
): { start: number; end: number; literal: ExistingLiteral } | null {
  const first = tokens[at];
  if (!first) return null;
  const signed = isOp(first, '-', '+') && tokens[at + 1]?.type === 'number';
  const lastAt = signed ? at + 1 : at;
  const last = tokens[lastAt];
  if (!last || !endsHere(tokens, lastAt + 1, endsStatement)) return null;
  let value: ParamValue;
  let quote: string | null = null;
  if (last.type === 'number') {
    if (/n$/.test(last.text)) return null; // a BigInt: a plain number would change its type
    value = Number(`${signed ? first.text : ''}${last.text}`.replace(/_/g, ''));
    if (Number.isNaN(value)) return null;
  } else if (last.type === 'string' || (last.type === 'template' && !/(^|[^\\])\$\{/.test(last.text))) {
    value = stringValue(last.text);
    quote = last.text[0] ?? '"';
  } else if (last.type === 'name' && ['true', 'false', 'null', 'undefined'].includes(last.text)) {
    value = last.text === 'true' ? true : last.text === 'false' ? false : null;
  } else {
    return null;
  }
  // The text as written, spaces after a sign included, so an unchanged value is left byte for byte.
  return { start: first.start, end: last.end, literal: { text: text.slice(first.start, last.end), value, quote } };
}

function endsHere(tokens: readonly ScriptToken[], index: number, endsStatement: (index: number) => boolean): boolean {
  const after = tokens[index];
  if (after?.type === 'name' && after.text === 'as' && tokens[index + 1]?.text === 'const') return endsHere(tokens, index + 2, endsStatement);
  return after === undefined || isOp(after, ',', ';', ')', ']', '}') || endsStatement(index);
}
