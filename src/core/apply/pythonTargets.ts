/**
 * Where a Python file gives a name a value: `lr = 0.01` (also `self.lr`, `cfg.lr`, `lr: float = …`),
 * `"lr": 0.01` dict entries, `cfg["lr"] = 0.01`, keyword arguments `f(lr=0.01)`, and
 * argparse/click/optparse options `add_argument("--lr", default=0.01)`. A function's parameter
 * default `def warmup(lr=1e-6)` is reported, not written, unless the map names `warmup.lr` (see
 * functionParams.ts). Works on tokens, so names inside strings and comments never match and `lr`
 * never matches `base_lr`.
 */
import type { ParamValue } from '../distributions';
import { namesParameter, parameterDefaultWhy, pythonParameterOwner } from './functionParams';
import { splitPythonString, tokenizePython, type PythonToken } from './pythonTokens';
import { chainStart, expressionEnd, isOp, literalSite, NOT_A_LITERAL, optionSpellings, sameOptionName, skippedSite, usualQuote } from './sites';
import { decodeEscapes } from './stringEscapes';
import type { ExistingLiteral, NameFinder, NameSite } from './types';

/** Calls that declare a command-line option whose `default=` is the value to set. */
const OPTION_CALLS = new Set(['add_argument', 'add_option', 'option']);

interface OptionCall {
  readonly start: number;
  readonly end: number;
  /** Option strings and plain names (`"--lr"`, click's `"lr"`, `dest="lr"`). */
  readonly names: readonly string[];
  /** Token index of the default's value, if the call has `default=`. */
  readonly defaultAt: number | null;
}

export function pythonFinder(text: string): NameFinder {
  const tokens = tokenizePython(text);
  const optionKeywords = new Set<number>();
  const optionCalls = findOptionCalls(tokens, optionKeywords);
  const endsLine = (index: number): boolean => tokens[index]?.type === 'newline';
  const valueSite = (siteStart: number, valueAt: number, statementLevel = false): NameSite => {
    const read = readLiteral(text, tokens, valueAt);
    // `betas = 0.9, 0.999` is a tuple: its first number is not the whole value.
    const isTuple = statementLevel && read !== null && isOp(tokens[read.after], ',');
    if (read && !isTuple) return literalSite(read.start, read.end, read.literal);
    return skippedSite(text, siteStart, expressionEnd(tokens, valueAt, endsLine), isTuple ? 'its value is a tuple' : NOT_A_LITERAL);
  };

  function find(name: string): NameSite[] {
    const parts = name.split('.');
    const sites: NameSite[] = [];
    // A parameter's default (`def warmup(lr=1e-6)`) is reported, not written, unless the map names it.
    const siteAt = (siteStart: number, at: number, valueAt: number, statementLevel = false): NameSite => {
      const owner = pythonParameterOwner(tokens, at);
      if (owner === null || (namesParameter(owner, parts) && tokens[at]?.text === parts[1])) return valueSite(siteStart, valueAt, statementLevel);
      return skippedSite(text, siteStart, expressionEnd(tokens, valueAt, endsLine), parameterDefaultWhy(owner, name));
    };
    // `warmup.lr` also names the parameter lr of `def warmup`, which no attribute chain spells.
    const namedParameter = (index: number): boolean => {
      const owner = parts.length === 2 && tokens[index]?.text === parts[1] && !isOp(tokens[index - 1], '.') ? pythonParameterOwner(tokens, index) : null;
      return owner !== null && namesParameter(owner, parts);
    };
    tokens.forEach((token, index) => {
      if (token.type === 'name' && !optionKeywords.has(index)) {
        const first = chainStart(tokens, index, parts) ?? (namedParameter(index) ? index : null);
        const valueAt = first === null ? null : assignedValueAt(tokens, first, index);
        if (first !== null && valueAt !== null) sites.push(siteAt(tokens[first]?.start ?? token.start, first, valueAt, startsStatement(tokens, first)));
      } else if (token.type === 'string' && stringValue(token.text) === name) {
        const valueAt = keyedValueAt(tokens, index);
        if (valueAt !== null) sites.push(siteAt(token.start, index, valueAt));
      }
    });
    for (const call of optionCalls) {
      if (!call.names.some((option) => sameOptionName(option, name))) continue;
      if (call.defaultAt === null) sites.push(skippedSite(text, call.start, call.end, 'it has no default='));
      else sites.push(valueSite(call.start, call.defaultAt));
    }
    return sites;
  }

  return {
    find,
    usualQuote: usualQuote(tokens.filter((t) => t.type === 'string').map((t) => splitPythonString(t.text).quote), '"'),
    describe: (name) => {
      const last = name.split('.').at(-1) ?? name;
      return (
        `a \`${name} = …\` assignment (also \`self.${last} = …\`, \`${last}: float = …\`), a "${name}" dict key, ` +
        `a \`${last}=…\` keyword argument, or an add_argument/click option ${optionSpellings(name).join('/')} with a default`
      );
    },
  };
}

/**
 * For a name chain tokens[first..last], the index of the value it is given: `name = v`, or
 * `name: T = v` where an annotation may stand (a statement's start, or a def's parameter).
 */
function assignedValueAt(tokens: readonly PythonToken[], first: number, last: number): number | null {
  const next = tokens[last + 1];
  if (isOp(next, '=')) return last + 2;
  if (!isOp(next, ':')) return null;
  const annotationMayStand = startsStatement(tokens, first) || isOp(tokens[targetStart(tokens, first) - 1], '(', ',');
  if (!annotationMayStand) return null;
  // Skip the annotation (brackets balanced) up to its `=`; a `,` or line end first means no value.
  let depth = 0;
  for (let index = last + 2; index < tokens.length && index < last + 40; index++) {
    const token = tokens[index];
    if (!token || token.type === 'newline') return null;
    if (isOp(token, '(', '[', '{')) depth += 1;
    else if (isOp(token, ')', ']', '}')) {
      if (depth === 0) return null;
      depth -= 1;
    } else if (depth === 0 && isOp(token, ',', ';')) return null;
    else if (depth === 0 && isOp(token, '=')) return index + 1;
  }
  return null;
}

/** The first token of the target whose last names start at `first`: `self` in `self.lr`. */
function targetStart(tokens: readonly PythonToken[], first: number): number {
  let start = first;
  while (isOp(tokens[start - 1], '.') && tokens[start - 2]?.type === 'name') start -= 2;
  return start;
}

/** Whether the target starting at `first` begins a statement (so `lr: float = …` may annotate it). */
function startsStatement(tokens: readonly PythonToken[], first: number): boolean {
  const before = tokens[targetStart(tokens, first) - 1];
  return before === undefined || before.type === 'newline' || isOp(before, ';');
}

/** For a string key at `index`: a dict entry `{…, "lr": v}` or a subscript assignment `cfg["lr"] = v`. */
function keyedValueAt(tokens: readonly PythonToken[], index: number): number | null {
  const before = tokens[index - 1];
  if (isOp(before, '{', ',') && isOp(tokens[index + 1], ':')) return index + 2;
  if (isOp(before, '[') && isOp(tokens[index + 1], ']') && isOp(tokens[index + 2], '=')) return index + 3;
  return null;
}

/** A plain (or raw) string's value; f-strings and bytes are not plain values, so never a key. */
function stringValue(token: string): string | null {
  const { prefix, body } = splitPythonString(token);
  if (/[fb]/.test(prefix)) return null;
  return prefix.includes('r') ? body : decodeEscapes(body, 'python');
}

/** The literal at `at` if the expression there is exactly one: a number (maybe signed), string, True/False/None. */
function readLiteral(text: string, tokens: readonly PythonToken[], at: number): { start: number; end: number; after: number; literal: ExistingLiteral } | null {
  const first = tokens[at];
  if (!first) return null;
  const signed = isOp(first, '-', '+') && tokens[at + 1]?.type === 'number';
  const last = signed ? tokens[at + 1] : first;
  const after = tokens[signed ? at + 2 : at + 1];
  if (!last || !(after === undefined || after.type === 'newline' || isOp(after, ',', ')', ']', '}', ';', ':'))) return null;
  let value: ParamValue;
  let quote: string | null = null;
  if (last.type === 'number') {
    if (/[jJ]$/.test(last.text)) return null;
    value = Number(`${signed ? first.text : ''}${last.text}`.replace(/_/g, ''));
    if (Number.isNaN(value)) return null;
  } else if (last.type === 'string') {
    const decoded = stringValue(last.text);
    if (decoded === null) return null;
    value = decoded;
    quote = splitPythonString(last.text).quote[0] ?? '"';
  } else if (last.type === 'name' && (last.text === 'True' || last.text === 'False' || last.text === 'None')) {
    value = last.text === 'None' ? null : last.text === 'True';
  } else {
    return null;
  }
  // The text as written, spaces after a sign included, so an unchanged value is left byte for byte.
  return { start: first.start, end: last.end, after: signed ? at + 2 : at + 1, literal: { text: text.slice(first.start, last.end), value, quote } };
}

/** Every add_argument/add_option/option call, with its option names and `default=` position. */
function findOptionCalls(tokens: readonly PythonToken[], keywordIndexes: Set<number>): OptionCall[] {
  const calls: OptionCall[] = [];
  tokens.forEach((token, index) => {
    if (token.type !== 'name' || !OPTION_CALLS.has(token.text) || !isOp(tokens[index + 1], '(')) return;
    const names: string[] = [];
    let defaultAt: number | null = null;
    let depth = 0;
    let argStart = index + 2;
    for (let at = index + 2; at < tokens.length; at++) {
      const current = tokens[at];
      if (!current) break;
      const closes = isOp(current, ')', ']', '}');
      if (depth === 0 && (closes || isOp(current, ','))) {
        // One argument is tokens[argStart, at): a lone string names the option, `k=v` is a keyword.
        const head = tokens[argStart];
        if (at - argStart === 1 && head?.type === 'string') names.push(stringValue(head.text) ?? '');
        if (head?.type === 'name' && isOp(tokens[argStart + 1], '=')) {
          keywordIndexes.add(argStart);
          const valueToken = tokens[argStart + 2];
          if (head.text === 'default') defaultAt = argStart + 2;
          if (head.text === 'dest' && valueToken?.type === 'string') names.push(stringValue(valueToken.text) ?? '');
        }
        argStart = at + 1;
      }
      if (isOp(current, '(', '[', '{')) depth += 1;
      else if (closes && depth-- === 0) {
        calls.push({ start: token.start, end: current.end, names, defaultAt });
        break;
      }
    }
  });
  return calls;
}
