/**
 * Completion candidates for a config at the cursor: the keys a map may still take, enum values, the
 * forms of a space parameter, the parameters a model trial's trainer accepts, the data file's columns
 * for `target:`, and space parameter names inside `${…}`. Insert texts use the editor snippet syntax
 * (`${1:low}` is a placeholder the user tabs through, `$0` the final cursor).
 */
import type { ModelParam } from '../models/modelParams';
import { cursorContext, type CursorContext } from './cursorContext';
import { describeModelParam, keysAt, trialModel, valueAtPath, valuesAt, type KeyEntry } from './keyCatalog';
import { DISTRIBUTION_FORM_DOCS, SPACE_PARAM_DOC } from './keyDocs';
import { MODEL_PARAMS } from '../models/modelParams';
import { isParamPath, placeholderNames } from './spaceCatalog';

export type CompletionKind = 'key' | 'value' | 'distribution' | 'modelParam' | 'param' | 'column';

export interface ConfigCompletion {
  readonly label: string;
  readonly kind: CompletionKind;
  /** Snippet syntax. */
  readonly insertText: string;
  readonly doc: string;
  readonly detail?: string;
  /** Offsets of the text the item replaces (the word at the cursor). */
  readonly replace: readonly [number, number];
}

export interface CompletionInputs {
  /**
   * The header columns of the data file a config names (`trial.data.path`, relative to the config, and
   * its `format` if written), or undefined when they are not known (yet). Asked only when `target:` is
   * completed; reading files is the caller's business, as this module stays pure.
   */
  readonly columnsOf?: (data: { readonly path: string; readonly format?: string }) => readonly string[] | undefined;
}

/** The candidates at `offset`; the editor filters them by the typed prefix. */
export function configCompletions(text: string, offset: number, inputs: CompletionInputs = {}): ConfigCompletion[] {
  const context = cursorContext(text, offset);
  if (context === null) return [];
  switch (context.kind) {
    case 'key':
      return keyCompletions(context);
    case 'placeholder': {
      // An editor that closed the brace itself left the `}` after the word.
      const close = text[context.replace[1]] === '}' ? '' : '}';
      return placeholderNames(context.root).map(({ name, doc }) => ({ label: name, kind: 'param', insertText: `${literal(name)}${close}`, doc, replace: context.replace }));
    }
    case 'value':
      return valueCompletions(context, inputs);
  }
}

function keyCompletions(context: Extract<CursorContext, { kind: 'key' }>): ConfigCompletion[] {
  const entries = keysAt(context.path, context.root) ?? [];
  return entries
    .filter((entry) => !context.present.includes(entry.name))
    .map((entry) => ({
      label: entry.name,
      kind: entry.modelParam ? 'modelParam' : 'key',
      insertText: context.hasColon ? literal(entry.name) : `${literal(entry.name)}:${valueStart(entry, context.flow)}`,
      doc: entry.doc,
      ...(entry.detail === undefined ? {} : { detail: entry.detail }),
      replace: context.replace,
    }));
}

/** What follows `key:`: a model parameter's range, an indented block for a section, else a space. */
function valueStart(entry: KeyEntry, flow: boolean): string {
  if (entry.modelParam) return ` ${modelParamSnippet(entry.modelParam)}`;
  return entry.block && !flow ? '\n\t$0' : ' ';
}

/** A range or choices the trainer accepts, with its bounds as placeholders where they are usable numbers. */
function modelParamSnippet(param: ModelParam): string {
  switch (param.type) {
    case 'int':
      return `{ int: [\${1:${param.min}}, \${2:${param.max}}] }`;
    case 'float': {
      const low = param.minExclusive ? 'low' : String(param.min);
      const high = param.maxExclusive || !Number.isFinite(param.max) ? 'high' : String(param.max);
      return `{ float: [\${1:${low}}, \${2:${high}}] }`;
    }
    case 'choice':
      return `[${param.choices.slice(0, 2).map((choice, i) => `\${${i + 1}:${choice}}`).join(', ')}]`;
    case 'bool':
      return '[true, false]';
  }
}

const DISTRIBUTION_FORMS: readonly { readonly label: string; readonly insertText: string; readonly doc: string }[] = [
  { label: '{ float: [low, high], log: true }', insertText: '{ float: [${1:1.0e-4}, ${2:1.0e-1}], log: true }', doc: `${DISTRIBUTION_FORM_DOCS.float} Sampled on a log scale.` },
  { label: '{ float: [low, high] }', insertText: '{ float: [${1:0.0}, ${2:1.0}] }', doc: DISTRIBUTION_FORM_DOCS.float },
  { label: '{ int: [low, high] }', insertText: '{ int: [${1:1}, ${2:10}] }', doc: DISTRIBUTION_FORM_DOCS.int },
  { label: '[choice, …]', insertText: '[${1:a}, ${2:b}]', doc: DISTRIBUTION_FORM_DOCS.choices },
  { label: '{ choice: { branch: { … }, … } }', insertText: '{ choice: { ${1:a}: { ${2:param}: ${3:[x, y]} }, ${4:b}: null } }', doc: DISTRIBUTION_FORM_DOCS.choice },
  { label: 'fixed value', insertText: '${1:value}', doc: DISTRIBUTION_FORM_DOCS.fixed },
];

function valueCompletions(context: Extract<CursorContext, { kind: 'value' }>, inputs: CompletionInputs): ConfigCompletion[] {
  const { path, root, replace } = context;
  if (isParamPath(path) && !context.inList) {
    return DISTRIBUTION_FORMS.map((form) => ({ ...form, kind: 'distribution', detail: SPACE_PARAM_DOC, replace }));
  }
  if (path[0] === 'space' && path.length === 3 && context.inList) return remainingChoices(context);
  if (path.join('.') === 'trial.data.target') {
    const dataPath = valueAtPath(root, ['trial', 'data', 'path']);
    const format = valueAtPath(root, ['trial', 'data', 'format']);
    if (typeof dataPath !== 'string' || inputs.columnsOf === undefined) return [];
    const columns = inputs.columnsOf(typeof format === 'string' ? { path: dataPath, format } : { path: dataPath }) ?? [];
    return columns.map((column) => ({ label: column, kind: 'column', insertText: literal(column), doc: `A column of ${dataPath}.`, replace }));
  }
  return valuesAt(path, root).map((entry) => ({ label: entry.value, kind: 'value', insertText: literal(entry.value), doc: entry.doc, replace }));
}

/** In a model parameter's list of choices: the choices the trainer has that the list does not hold yet. */
function remainingChoices(context: Extract<CursorContext, { kind: 'value' }>): ConfigCompletion[] {
  const model = trialModel(context.root);
  const name = String(context.path[1]);
  const param = model === null || !Object.hasOwn(MODEL_PARAMS[model], name) ? undefined : MODEL_PARAMS[model][name];
  if (param?.type !== 'choice') return [];
  const written = valueAtPath(context.root, context.path.slice(0, 2));
  const taken = Array.isArray(written) ? written : [];
  return param.choices
    .filter((choice) => !taken.includes(choice))
    .map((choice) => ({ label: choice, kind: 'value', insertText: literal(choice), doc: param.description, detail: describeModelParam(param), replace: context.replace }));
}

/** Text inserted as is: `$`, `}` and `\\` would otherwise be read as snippet syntax. */
function literal(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}
