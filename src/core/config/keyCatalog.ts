/**
 * Which keys a map at a given key path of a config may hold, and which values an enum key takes, each
 * with its doc: what the editor's completion offers and its hover explains. Some answers depend on the
 * rest of the document (a sampler's options on its type, a model trial's keys on `model:`, the space's
 * names on `trial.model`), so each function takes the document as plain values too.
 */
import { MODEL_METRICS, MODEL_PARAMS, type ModelParam } from '../models/modelParams';
import type { KeyPath } from '../problems';
import { PRUNERS } from '../pruners/spec';
import { SAMPLER_OPTIONS } from '../samplers/spec';
import { isRecord } from './issues';
import { APPLY_ENTRY_DOCS, BACKEND_DOCS, BOOLEAN_DOCS, CHOICE_DOCS, COMMAND_TRIAL_DOCS, CONSTRAINT_DOCS, DATA_DOCS, DIRECTION_DOCS, FORMAT_DOCS, IDX_DATA_KEYS, METRICS_SOURCE_DOCS, MODEL_DOCS, MODEL_TRIAL_DOCS, OBJECTIVE_DOCS, QMC_TYPE_DOCS, RANGE_DOCS, SEARCH_DOCS, SPACE_PARAM_DOC, TABLE_DATA_KEYS, TOP_LEVEL_DOCS, VALIDATION_DOCS } from './keyDocs';
import { algorithmDoc, PRUNER_DOCS, SAMPLER_DOCS } from './samplerDocs';
import { activityOf, eachCounts, isBranchPath, isParamPath, parentValues, referableNames, whenParents } from './spaceCatalog';

export interface KeyEntry {
  readonly name: string;
  readonly doc: string;
  /** Its value is usually a block map written on the lines below (search:, space:, trial:). */
  readonly block?: boolean;
  /** A model parameter: what values it takes and its default. */
  readonly detail?: string;
  readonly modelParam?: ModelParam;
}

export interface ValueEntry {
  readonly value: string;
  readonly doc: string;
}

const BLOCK_SECTIONS = new Set(['search', 'space', 'trial']);

/** The plain value at `path` of the document, or undefined. */
export function valueAtPath(root: unknown, path: KeyPath): unknown {
  let node = root;
  for (const key of path) {
    if (typeof key === 'number' ? !Array.isArray(node) : !isRecord(node)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** The keys a map at `path` may hold; null where any name goes (env) or nothing is known. */
export function keysAt(path: KeyPath, root: unknown): KeyEntry[] | null {
  const where = path.map((key) => (typeof key === 'number' ? '[]' : key)).join('.');
  const here = valueAtPath(root, path);
  switch (where) {
    case '':
      return entries(TOP_LEVEL_DOCS).map((entry) => (BLOCK_SECTIONS.has(entry.name) ? { ...entry, block: true } : entry));
    case 'objective':
    case 'objective.[]':
      return entries(OBJECTIVE_DOCS);
    case 'constraints.[]':
      return entries(CONSTRAINT_DOCS);
    case 'search':
      return entries(SEARCH_DOCS);
    case 'search.sampler':
    case 'search.pruner': {
      const section = where === 'search.sampler' ? 'sampler' : 'pruner';
      const type = isRecord(here) ? here.type : undefined;
      const doc = algorithmDoc(section, type);
      return [{ name: 'type', doc: doc?.doc ?? SEARCH_DOCS[section] }, ...entries(doc?.options ?? {})];
    }
    case 'space':
      return modelParamEntries(root);
    case 'trial.data':
      return entries(dataDocsFor(here));
    case 'trial.data.validation':
      return entries(VALIDATION_DOCS);
    case 'apply.[]':
      return entries(APPLY_ENTRY_DOCS);
    case 'apply.[].map':
      return referableNames(root).map((name) => ({ name, doc: `Space parameter '${name}'.` }));
    case 'trial':
      if (isRecord(here) && here.command !== undefined) return entries(COMMAND_TRIAL_DOCS);
      if (isRecord(here) && here.model !== undefined) return entries(MODEL_TRIAL_DOCS);
      return entries({ ...MODEL_TRIAL_DOCS, ...COMMAND_TRIAL_DOCS });
  }
  if (isBranchPath(path)) return modelParamEntries(root);
  if (isParamPath(path)) return entries(paramKeyDocs(here));
  const last = path[path.length - 1];
  if (last === 'when' && isParamPath(path.slice(0, -1))) return whenParents(path.slice(0, -1), root);
  return null;
}

/** The keys of a parameter's map, by the form written so far; every form's before one is. */
function paramKeyDocs(param: unknown): Readonly<Record<string, string>> {
  if (isRecord(param) && param.choice !== undefined) return CHOICE_DOCS;
  if (isRecord(param) && param.int !== undefined) return RANGE_DOCS.int;
  if (isRecord(param) && param.float !== undefined) return RANGE_DOCS.float;
  const { float, ...rest } = RANGE_DOCS.float;
  return { float, int: RANGE_DOCS.int.int, choice: CHOICE_DOCS.choice, ...rest };
}

/** The keys of the form of data already written (a table, or IDX images and labels); every key before either. */
function dataDocsFor(data: unknown): Readonly<Record<string, string>> {
  const written = isRecord(data) ? Object.keys(data) : [];
  const table = TABLE_DATA_KEYS.some((key) => written.includes(key));
  const idx = IDX_DATA_KEYS.some((key) => written.includes(key));
  if (table === idx) return DATA_DOCS;
  const other: readonly string[] = table ? IDX_DATA_KEYS : TABLE_DATA_KEYS;
  return Object.fromEntries(Object.entries(DATA_DOCS).filter(([key]) => !other.includes(key)));
}

/** The doc of the key at `path` (its last element names the key), or null for a key the config does not know. */
export function docOfKey(path: KeyPath, root: unknown): string | null {
  const name = path[path.length - 1];
  if (name === undefined) return null;
  const parent = path.slice(0, -1);
  if (isParamPath(path)) {
    const param = keysAt(parent, root)?.find((entry) => entry.name === name);
    const doc = param ? `${param.doc} (${param.detail ?? ''})` : SPACE_PARAM_DOC;
    const activity = activityOf(path, root);
    return activity === null ? doc : `${doc} ${activity}`;
  }
  return keysAt(parent, root)?.find((entry) => entry.name === name)?.doc ?? null;
}

/** The values an enum key at `path` takes, each with its doc; empty where values are free. */
export function valuesAt(path: KeyPath, root: unknown): ValueEntry[] {
  const where = path.map((key) => (typeof key === 'number' ? '[]' : key)).join('.');
  switch (where) {
    case 'objective.direction':
    case 'objective.[].direction':
      return values(DIRECTION_DOCS);
    case 'objective':
    case 'objective.metric':
    case 'objective.[]':
    case 'objective.[].metric':
    case 'constraints.[].metric':
      return trialModel(root) === null ? [] : MODEL_METRICS.map((metric) => ({ value: metric, doc: 'Reported by the built-in trainer each epoch (which ones depends on the task).' }));
    case 'search.sampler':
    case 'search.sampler.type':
      return Object.entries(SAMPLER_DOCS).map(([value, doc]) => ({ value, doc: doc.doc }));
    case 'search.pruner':
    case 'search.pruner.type':
      return Object.entries(PRUNER_DOCS).map(([value, doc]) => ({ value, doc: doc.doc }));
    case 'trial.model':
      return values(MODEL_DOCS);
    case 'trial.backend':
      return values(BACKEND_DOCS);
    case 'trial.data.format':
      return values(FORMAT_DOCS);
    case 'trial.metrics':
      return values(METRICS_SOURCE_DOCS);
  }
  const conditionValues = conditionValuesAt(path, root);
  if (conditionValues !== null) return conditionValues;
  if (path[path.length - 1] === 'log' && isParamPath(path.slice(0, -1))) return values(BOOLEAN_DOCS);
  if (path.length === 3 && (where.startsWith('search.sampler.') || where.startsWith('search.pruner.'))) return optionValues(path, root);
  return [];
}

/** After `each:` the int parameters that can count layers; after `when: { model:` (or in its list) model's values. */
function conditionValuesAt(path: KeyPath, root: unknown): ValueEntry[] | null {
  const each = path.length - 1;
  if (path[each] === 'each' && isParamPath(path.slice(0, each))) return eachCounts(path.slice(0, each), root).map((entry) => ({ value: entry.name, doc: entry.doc }));
  const whenAt = typeof path[path.length - 1] === 'number' ? path.length - 3 : path.length - 2;
  if (whenAt < 2 || path[whenAt] !== 'when' || !isParamPath(path.slice(0, whenAt))) return null;
  const parent = String(path[whenAt + 1]);
  const written = valueAtPath(root, path.slice(0, whenAt + 2));
  const taken = new Set(Array.isArray(written) ? written.map(String) : []);
  return parentValues(parent, root)
    .filter((value) => !taken.has(value))
    .map((value) => ({ value, doc: `Active when ${parent} = ${value}.` }));
}

/** Option values: true/false, qmc_type's sequences, or auto where a pruner takes it. */
function optionValues(path: KeyPath, root: unknown): ValueEntry[] {
  const option = String(path[2]);
  const type = valueAtPath(root, [...path.slice(0, 2), 'type']);
  if (path[1] === 'sampler') {
    const options: Readonly<Record<string, { readonly kind: string }>> = typeof type === 'string' && Object.hasOwn(SAMPLER_OPTIONS, type) ? SAMPLER_OPTIONS[type as keyof typeof SAMPLER_OPTIONS] : {};
    const kind = Object.hasOwn(options, option) ? options[option]?.kind : undefined;
    if (kind === 'boolean') return values(BOOLEAN_DOCS);
    return option === 'qmc_type' && kind === 'enum' ? values(QMC_TYPE_DOCS) : [];
  }
  const name = type === 'successive_halving' ? 'asha' : type;
  const options: Readonly<Record<string, { readonly auto?: boolean }>> = typeof name === 'string' && Object.hasOwn(PRUNERS, name) ? PRUNERS[name as keyof typeof PRUNERS].options : {};
  return Object.hasOwn(options, option) && options[option]?.auto ? [{ value: 'auto', doc: algorithmDoc('pruner', name)?.options[option] ?? '' }] : [];
}

/** `trial.model` when it names a model the trainer has, else null. */
export function trialModel(root: unknown): keyof typeof MODEL_PARAMS | null {
  const model = valueAtPath(root, ['trial', 'model']);
  return typeof model === 'string' && Object.hasOwn(MODEL_PARAMS, model) ? (model as keyof typeof MODEL_PARAMS) : null;
}

function modelParamEntries(root: unknown): KeyEntry[] | null {
  const model = trialModel(root);
  if (model === null) return null;
  return Object.entries(MODEL_PARAMS[model]).map(([name, param]) => ({ name, doc: param.description, detail: describeModelParam(param), modelParam: param }));
}

/** `int in [1, 8192], default 64`: what the trainer accepts for a parameter. */
export function describeModelParam(param: ModelParam): string {
  switch (param.type) {
    case 'float':
      if (!Number.isFinite(param.max)) return `float ≥ ${param.min}, default ${param.default}`;
      return `float in ${param.minExclusive ? '(' : '['}${param.min}, ${param.max}${param.maxExclusive ? ')' : ']'}, default ${param.default}`;
    case 'int':
      return `int in [${param.min}, ${param.max}], default ${param.default}`;
    case 'choice':
      return `one of ${param.choices.join(', ')}; default ${param.default}`;
    case 'bool':
      return `true or false, default ${String(param.default)}`;
  }
}

function entries(docs: Readonly<Record<string, string>>): KeyEntry[] {
  return Object.entries(docs).map(([name, doc]) => ({ name, doc }));
}

function values(docs: Readonly<Record<string, string>>): ValueEntry[] {
  return Object.entries(docs).map(([value, doc]) => ({ value, doc }));
}
