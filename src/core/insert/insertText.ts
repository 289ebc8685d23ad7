/**
 * Insert Best Params at the cursor: the text that fits the document's language and the cursor's
 * context (see cursorContext), as one replacement the editor applies in one undo step. Also the
 * literal alone, for completion items. Values are spelled by literals.ts, the rule every writer shares.
 */
import type { ApplyLanguage } from '../apply/types';
import type { ParamValue } from '../distributions';
import { cursorContext, type DocumentStyle, type InsertContext } from './cursorContext';
import { insertLanguageOf, isPythonName, isScriptBindingName, isScriptPropertyName, unsupportedLanguageMessage, type InsertLanguage } from './insertLanguage';
import { argumentWord, codeLiteral, flagWords, makefileWord, markdownCell, shellWord, type QuoteChar } from './literals';
import { renderPlacement } from './placement';

/** Which trial the params come from: a Markdown table names it. */
export interface InsertSource {
  readonly study: string;
  readonly trial: number;
  /**
   * Each objective's name and the trial's value (null: it has none). One entry: the params are the
   * study's best (or one of its top trials); several: a trade-off on a multi-objective study's front.
   */
  readonly objectives: readonly { readonly metric: string; readonly value: number | null }[];
}

export interface ParamsInsertionRequest {
  /** The document's (or notebook cell's) VS Code language id. */
  readonly languageId: string;
  readonly text: string;
  /** The cursor, as a UTF-16 offset into `text` (document.offsetAt). */
  readonly offset: number;
  /** In the order they are written. */
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly source: InsertSource;
  /** Params whose distribution is a float, so a whole value is written `1.0` where the language tells ints apart. */
  readonly floatParams?: readonly string[];
  /** The editor's indent unit, used when no indented line in the document shows the document's own. */
  readonly editorIndent?: string;
}

export interface ParamsInsertion {
  /** Replace text[start, end) with `text`: one edit, one undo step. Usually start = end = the cursor. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly context: InsertContext;
  /** What is inserted, for a preview or a quick pick: "keyword arguments", "a YAML mapping under model". */
  readonly description: string;
}

interface Param {
  readonly name: string;
  readonly value: ParamValue;
  readonly float: boolean;
}

type Rendered = { readonly items: readonly string[]; readonly description: string } | { readonly error: string };

export function paramsInsertion(request: ParamsInsertionRequest): ParamsInsertion | { readonly error: string } {
  const language = insertLanguageOf(request.languageId);
  if (language === null) return { error: unsupportedLanguageMessage(request.languageId) };
  const floats = new Set(request.floatParams ?? []);
  const params = Object.entries(request.params).map(([name, value]) => ({ name, value, float: floats.has(name) }));
  if (params.length === 0) return { error: `Trial #${request.source.trial} of study ${request.source.study} has no params to insert.` };
  const found = cursorContext(language, request.text, request.offset, request.editorIndent);
  if ('error' in found) return found;
  const rendered = renderItems(found.context, new Writer(language, found.style), params, request.source);
  if ('error' in rendered) return rendered;
  const { placement } = found.context;
  return { start: placement.start, end: placement.end, text: renderPlacement(placement, rendered.items), context: found.context, description: rendered.description };
}

/**
 * One value as the literal `languageId` reads (a shell word for shell and Makefile, a table cell
 * for Markdown), for a completion item; null for an unsupported language or a value it cannot hold.
 */
export function paramValueText(languageId: string, value: ParamValue, options: { readonly float?: boolean; readonly quote?: QuoteChar } = {}): string | null {
  const language = insertLanguageOf(languageId);
  if (language === null) return null;
  const quote = options.quote ?? (language === 'python' || language === 'javascript' || language === 'typescript' ? "'" : '"');
  return new Writer(language, { eol: '\n', indentUnit: '  ', quote }).value(value, options.float ?? false);
}

const CODE_LANGUAGES: ReadonlyMap<InsertLanguage, ApplyLanguage> = new Map([
  ['python', 'python'],
  ['javascript', 'javascript'],
  ['typescript', 'typescript'],
  ['json', 'json'],
  ['yaml', 'yaml'],
]);

/** The document's conventions applied to names and values. */
class Writer {
  constructor(
    readonly language: InsertLanguage,
    readonly style: DocumentStyle,
  ) {}

  value(value: ParamValue, float: boolean): string | null {
    switch (this.language) {
      case 'shell':
        return shellWord(argumentWord(value));
      case 'makefile':
        return /[\r\n]/.test(argumentWord(value)) ? null : makefileWord(argumentWord(value));
      case 'markdown':
        return markdownCell(value);
      default:
        return codeLiteral(CODE_LANGUAGES.get(this.language) ?? 'json', value, { quote: this.style.quote, float });
    }
  }

  /** A name as a string literal: a Python dict key, a quoted JS key, a YAML key (plain where it can be). */
  string(text: string): string {
    const language = CODE_LANGUAGES.get(this.language);
    return (language && codeLiteral(language, text, { quote: this.style.quote, float: false })) ?? JSON.stringify(text);
  }

  /** A dict or object over several lines: members one level deeper than `indent`, the brace back at it. */
  block(members: readonly string[], indent: string, trailingComma: boolean): string {
    const { eol, indentUnit } = this.style;
    const inner = members.map((member) => indent + indentUnit + member).join(`,${eol}`);
    return `{${eol}${inner}${trailingComma ? ',' : ''}${eol}${indent}}`;
  }
}

function renderItems(context: InsertContext, writer: Writer, params: readonly Param[], source: InsertSource): Rendered {
  const values: string[] = [];
  for (const param of params) {
    const text = writer.value(param.value, param.float);
    if (text === null) return { error: cannotHold(writer.language, param) };
    values.push(text);
  }
  const each = (render: (name: string, value: string) => string): string[] => params.map((param, i) => render(param.name, values[i] ?? ''));
  const pythonEntries = (): string[] => each((name, value) => `${writer.string(name)}: ${value}`);
  const scriptProperties = (): string[] => each((name, value) => `${isScriptPropertyName(name) ? name : writer.string(name)}: ${value}`);
  const jsonMembers = (): string[] => each((name, value) => `${JSON.stringify(name)}: ${value}`);
  const indent = context.placement.indent;
  const notAName = (test: (name: string) => boolean, what: string): string => {
    const name = params.find((param) => !test(param.name))?.name ?? '';
    return `${JSON.stringify(name)} is not ${what}`;
  };
  const allNames = (test: (name: string) => boolean): boolean => params.every((param) => test(param.name));

  switch (context.kind) {
    case 'python-keyword-arguments':
      if (allNames(isPythonName)) return { items: each((name, value) => `${name}=${value}`), description: 'keyword arguments' };
      return { items: [`**{${pythonEntries().join(', ')}}`], description: `keyword arguments from a **dict (${notAName(isPythonName, 'a Python name')})` };
    case 'python-dict-entries':
      return { items: pythonEntries(), description: 'dict entries' };
    case 'python-argv':
      return { items: params.map((param) => `${writer.string(`--${param.name}`)}, ${writer.string(argumentWord(param.value))}`), description: 'command-line arguments' };
    case 'python-assignments':
      if (allNames(isPythonName)) return { items: each((name, value) => `${name} = ${value}`), description: 'assignments' };
      return { items: [`best_params = ${writer.block(pythonEntries(), indent, true)}`], description: `a dict assigned to best_params (${notAName(isPythonName, 'a Python name')})` };
    case 'python-dict':
      return { items: [context.multiline ? writer.block(pythonEntries(), indent, true) : `{${pythonEntries().join(', ')}}`], description: 'a dict literal' };
    case 'script-object-properties':
      return { items: scriptProperties(), description: 'object properties' };
    case 'script-object':
      return { items: [context.multiline ? writer.block(scriptProperties(), indent, true) : `{ ${scriptProperties().join(', ')} }`], description: 'an object literal' };
    case 'script-constants': {
      const semicolon = context.semicolons ? ';' : '';
      if (allNames(isScriptBindingName)) return { items: each((name, value) => `const ${name} = ${value}${semicolon}`), description: 'const declarations' };
      return { items: [`const bestParams = ${writer.block(scriptProperties(), indent, true)}${semicolon}`], description: `an object assigned to bestParams (${notAName(isScriptBindingName, 'a valid const name')})` };
    }
    case 'script-class-fields':
      return { items: each((name, value) => `${isScriptPropertyName(name) ? name : writer.string(name)} = ${value}${context.semicolons ? ';' : ''}`), description: 'class fields' };
    case 'json-members':
      return { items: jsonMembers(), description: 'JSON members' };
    case 'json-object':
      return { items: [context.multiline ? writer.block(jsonMembers(), indent, false) : `{${jsonMembers().join(', ')}}`], description: 'a JSON object' };
    case 'yaml-mapping':
      return { items: each((name, value) => `${writer.string(name)}: ${value}`), description: context.parentKey === null ? 'YAML keys' : `a YAML mapping under ${context.parentKey}` };
    case 'shell-flags': {
      const flags = params.map((param) => flagWords(param.name, param.value, context.makefile));
      const unwritable = params.find((_, i) => flags[i] === null);
      if (unwritable) return { error: cannotHold(writer.language, unwritable) };
      return { items: flags.map((flag) => flag ?? ''), description: '--name value flags' };
    }
    case 'markdown-table':
      return { items: markdownTable(params, values, source), description: 'a Markdown table' };
  }
}

function cannotHold(language: InsertLanguage, param: Param): string {
  if (language === 'makefile') return `A Makefile line cannot hold the param ${JSON.stringify(param.name)}: its name or value has a line break.`;
  return `JSON has no literal for ${param.name} = ${String(param.value)}; NaN and infinities cannot be written in JSON.`;
}

function markdownTable(params: readonly Param[], cells: readonly string[], source: InsertSource): string[] {
  const values = source.objectives.filter((o) => o.value !== null).map((o) => `, ${markdownCell(o.metric)} = ${markdownCell(o.value as number)}`);
  const caption = source.objectives.length > 1
    ? `Params of study ${markdownCell(source.study)}, Pareto front trial #${source.trial}${values.join('')}`
    : `Best params of study ${markdownCell(source.study)}: trial #${source.trial}${values.join('')}`;
  const rows = params.map((param, i) => `| ${markdownCell(param.name)} | ${cells[i] ?? ''} |`);
  return [caption, '', '| param | value |', '| --- | --- |', ...rows];
}
