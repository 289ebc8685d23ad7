/**
 * The `trial:` section: what one trial runs. Either the built-in TensorFlow.js trainer
 * (`model:` + `data:`) or the user's own program (`command:` as an argv list, never a shell string).
 */
import { MODEL_METRICS } from '../models/modelParams';
import type { KeyPath } from '../problems';
import type { ParsedSpace } from '../space';
import { suggestName } from '../suggest';
import { placeholderFix, renameKeyFix, replaceValueFix } from './fixes';
import { isInt, isRecord, Issues, kindOf, unknownKeyMessage } from './issues';
import { BACKEND_DOCS, COMMAND_TRIAL_DOCS, DATA_DOCS, FORMAT_DOCS, IDX_DATA_KEYS, keysOf, METRICS_SOURCE_DOCS, MODEL_DOCS, MODEL_TRIAL_DOCS, TABLE_DATA_KEYS, VALIDATION_DOCS, valuesOf } from './keyDocs';
import { placeholdersOf } from './placeholders';
import { optional, readDuration, readEnum, readInt, readString } from './read';
import { dropUndefined } from './sections';
import { modelParamProblems } from './specFixes';
import type { CommandTrialConfig, DataConfig, IdxDataConfig, ModelTrialConfig, TableDataConfig, TrialConfig, ValidationConfig } from './types';

const MODEL_KEYS = keysOf(MODEL_TRIAL_DOCS);
const COMMAND_KEYS = keysOf(COMMAND_TRIAL_DOCS);
const DATA_KEYS = keysOf(DATA_DOCS);
const MODELS = valuesOf(MODEL_DOCS);
const BACKENDS = valuesOf(BACKEND_DOCS);
const FORMATS = valuesOf(FORMAT_DOCS);

/** `paramNames` is null when the space could not be read: `${…}` names are then not checked. */
export function readTrial(raw: unknown, paramNames: readonly string[] | null, issues: Issues): TrialConfig | undefined {
  const at = ['trial'];
  if (raw === undefined || raw === null) {
    issues.missing(at, 'trial is missing: give model: mlp with data: { path, target }, or command: [python, train.py]');
    return undefined;
  }
  if (!isRecord(raw)) {
    issues.error(at, `trial must be a map with model: or command:, got ${kindOf(raw)}`);
    return undefined;
  }
  const hasModel = raw.model !== undefined;
  const hasCommand = raw.command !== undefined;
  if (hasModel && hasCommand) {
    issues.error(at, 'trial has both model and command; keep one (model: the built-in trainer, command: your own program)');
    return undefined;
  }
  if (!hasModel && !hasCommand) {
    const unknown = issues.checkKeys(raw, [...new Set([...MODEL_KEYS, ...COMMAND_KEYS])], at, 'trial');
    // `modle: mlp` already says what is missing.
    if (!unknown.some(({ hint }) => hint === 'model' || hint === 'command')) {
      issues.error(at, 'trial needs model: (the built-in trainer, with data:) or command: (your own program as a list)');
    }
    return undefined;
  }
  checkTrialKeys(raw, hasModel ? MODEL_KEYS : COMMAND_KEYS, hasModel ? 'command' : 'model', issues);
  return hasModel ? readModelTrial(raw, issues) : readCommandTrial(raw, paramNames, issues);
}

/** Unknown keys, explaining the ones that belong to the other kind of trial. */
function checkTrialKeys(raw: Readonly<Record<string, unknown>>, own: readonly string[], other: 'model' | 'command', issues: Issues): void {
  const otherKeys = other === 'model' ? MODEL_KEYS : COMMAND_KEYS;
  for (const key of Object.keys(raw)) {
    if (own.includes(key)) continue;
    if (otherKeys.includes(key)) {
      issues.error(['trial', key], `'${key}' only applies to ${other} trials`, 'key');
      continue;
    }
    const hint = suggestName(key, own);
    // `dta:` in a model trial explains the missing data: it is not reported again.
    if (hint !== null) issues.explain(['trial', hint]);
    issues.error(['trial', key], unknownKeyMessage(key, own, 'trial', hint), 'key', hint === null ? undefined : renameKeyFix(['trial', key], hint));
  }
}

function readModelTrial(raw: Readonly<Record<string, unknown>>, issues: Issues): ModelTrialConfig | undefined {
  const model = readEnum(raw.model, ['trial', 'model'], issues, 'model', MODELS);
  const data = readData(raw.data, issues);
  const backend = optional(raw.backend, (v) => readEnum(v, ['trial', 'backend'], issues, 'backend', BACKENDS)) ?? 'auto';
  const timeoutSeconds = optional(raw.timeout, (v) => readDuration(v, ['trial', 'timeout'], issues, 'timeout'));
  const inputShape = optional(raw.input_shape, (v) => readShape(v, ['trial', 'input_shape'], issues));
  if (model === undefined || data === undefined) return undefined;
  return dropUndefined<ModelTrialConfig>({ kind: 'model', model, data, backend, inputShape, timeoutSeconds });
}

/**
 * A model trial can only tune the parameters its model has, within their ranges, and optimise or
 * constrain metrics the trainer reports. `metrics` are the metrics the config names (objectives,
 * constraints), each with where it is written.
 */
export function checkModelTrial(trial: ModelTrialConfig, parsed: Omit<ParsedSpace, 'gridPoints'>, rawSpace: unknown, metrics: readonly { readonly metric: string; readonly at: KeyPath }[], issues: Issues): void {
  issues.addAll(modelParamProblems(trial.model, parsed, rawSpace));
  for (const { metric, at } of metrics) {
    if ((MODEL_METRICS as readonly string[]).includes(metric)) continue;
    const hint = suggestName(metric, MODEL_METRICS);
    const message = `a model trial reports ${MODEL_METRICS.join(', ')}; '${metric}' is none of them${hint ? `; did you mean '${hint}'?` : ''}`;
    issues.error(at, message, undefined, hint === null ? undefined : replaceValueFix(at, hint));
  }
}

function readData(raw: unknown, issues: Issues): DataConfig | undefined {
  const at = ['trial', 'data'];
  if (raw === undefined) {
    issues.missing(at, 'a model trial needs data: { path, target } for a table, or { images, labels } for IDX files');
    return undefined;
  }
  if (!isRecord(raw)) {
    issues.error(at, `data must be { path, target, validation?, format? } or { images, labels, validation?, limit? }, got ${kindOf(raw)}`);
    return undefined;
  }
  issues.checkKeys(raw, DATA_KEYS, at, 'data');
  const validation = optional(raw.validation, (v) => readValidation(v, [...at, 'validation'], issues));
  if (raw.images !== undefined || raw.labels !== undefined) return readIdxData(raw, validation, issues);
  for (const key of IDX_DATA_KEYS) {
    if (raw[key] !== undefined) issues.error([...at, key], `'${key}' only applies to images and labels (IDX files), not to a table`, 'key');
  }
  if (raw.path === undefined) issues.missing([...at, 'path'], 'data needs path: the CSV or JSON Lines file, relative to the config');
  if (raw.target === undefined) issues.missing([...at, 'target'], 'data needs target: the column to predict');
  const path = optional(raw.path, (v) => readString(v, [...at, 'path'], issues, 'path'));
  const target = optional(raw.target, (v) => readString(v, [...at, 'target'], issues, 'target'));
  const format = optional(raw.format, (v) => readEnum(v, [...at, 'format'], issues, 'format', FORMATS));
  if (path === undefined || target === undefined) return undefined;
  return dropUndefined<TableDataConfig>({ path, target, validation, format });
}

/** `images` and `labels` name the two IDX files; the labels are the target, so a table's keys do not apply. */
function readIdxData(raw: Readonly<Record<string, unknown>>, validation: ValidationConfig | undefined, issues: Issues): IdxDataConfig | undefined {
  const at = ['trial', 'data'];
  for (const key of TABLE_DATA_KEYS) {
    if (raw[key] !== undefined) issues.error([...at, key], `'${key}' is for a table; with images and labels (IDX files) the labels are the target: keep one form of data`, 'key');
  }
  if (raw.images === undefined) issues.missing([...at, 'images'], 'labels needs images beside it: the idx3-ubyte file of the images, relative to the config');
  if (raw.labels === undefined) issues.missing([...at, 'labels'], 'images needs labels beside it: the idx1-ubyte file of their class indices, relative to the config');
  const images = optional(raw.images, (v) => readString(v, [...at, 'images'], issues, 'images'));
  const labels = optional(raw.labels, (v) => readString(v, [...at, 'labels'], issues, 'labels'));
  // One image and one label cannot be split into training and validation.
  const limit = optional(raw.limit, (v) => readInt(v, [...at, 'limit'], issues, 'limit', 2));
  if (images === undefined || labels === undefined) return undefined;
  return dropUndefined<IdxDataConfig>({ images, labels, validation, limit });
}

function readValidation(raw: unknown, at: KeyPath, issues: Issues): ValidationConfig | undefined {
  if (typeof raw === 'number' && raw > 0 && raw < 1) return raw;
  if (isRecord(raw)) {
    issues.checkKeys(raw, keysOf(VALIDATION_DOCS), at, 'validation');
    if (isInt(raw.kfold) && raw.kfold >= 2) return { kfold: raw.kfold };
    issues.error(raw.kfold === undefined ? at : [...at, 'kfold'], `kfold must be a whole number ≥ 2, got ${kindOf(raw.kfold)}`);
    return undefined;
  }
  issues.error(at, `validation must be a fraction in (0, 1) such as 0.2, or { kfold: 5 }, got ${kindOf(raw)}`);
  return undefined;
}

function readShape(raw: unknown, at: KeyPath, issues: Issues): number[] | undefined {
  if (!Array.isArray(raw) || raw.length === 0) {
    issues.error(at, `input_shape must be a non-empty list of sizes such as [8, 8, 1], got ${kindOf(raw)}`);
    return undefined;
  }
  const bad = raw.findIndex((size: unknown) => !(isInt(size) && size >= 1));
  if (bad < 0) return raw as number[];
  issues.error([...at, bad], `each size in input_shape must be a whole number ≥ 1, got ${kindOf(raw[bad])}`);
  return undefined;
}

function readCommandTrial(raw: Readonly<Record<string, unknown>>, paramNames: readonly string[] | null, issues: Issues): CommandTrialConfig | undefined {
  const command = readCommand(raw.command, paramNames, issues);
  const cwd = optional(raw.cwd, (v) => readString(v, ['trial', 'cwd'], issues, 'cwd'));
  const env = readEnv(raw.env, issues);
  const metrics = optional(raw.metrics, (v) => readEnum(v, ['trial', 'metrics'], issues, 'metrics', valuesOf(METRICS_SOURCE_DOCS))) ?? 'stdout';
  const timeoutSeconds = optional(raw.timeout, (v) => readDuration(v, ['trial', 'timeout'], issues, 'timeout'));
  if (command === undefined) return undefined;
  return dropUndefined<CommandTrialConfig>({ kind: 'command', command, cwd, env, metrics, timeoutSeconds });
}

function readCommand(raw: unknown, paramNames: readonly string[] | null, issues: Issues): string[] | undefined {
  const at = ['trial', 'command'];
  if (typeof raw === 'string') {
    issues.error(at, 'give the command as a list (argv), e.g. [python, train.py]; it runs without a shell');
    return undefined;
  }
  if (!Array.isArray(raw) || raw.length === 0) {
    issues.error(at, `command must be a non-empty list (argv), e.g. [python, train.py], got ${kindOf(raw)}`);
    return undefined;
  }
  const args: string[] = [];
  raw.forEach((arg: unknown, i) => {
    if (typeof arg === 'string' || (typeof arg === 'number' && Number.isFinite(arg))) {
      args.push(String(arg));
      checkPlaceholders(String(arg), [...at, i], paramNames, issues);
    } else {
      issues.error([...at, i], `each command argument must be a string or number, got ${kindOf(arg)}`);
    }
  });
  return args.length === raw.length ? args : undefined;
}

/** `${name}` in an argument must name a space parameter; it is replaced by the trial's value. `$${` is a literal `${`. */
function checkPlaceholders(arg: string, at: KeyPath, paramNames: readonly string[] | null, issues: Issues): void {
  const { refs, unclosed } = placeholdersOf(arg);
  for (const { name, optional } of paramNames === null ? [] : refs) {
    if (paramNames === null || paramNames.includes(name)) continue;
    const hint = suggestName(name, paramNames);
    // As written: `${units_5?}` stays optional in the message and the fix.
    const written = optional ? `${name}?` : name;
    const escape = hint ? '' : `; for a literal \${${written}} write $\${${written}}`;
    const message = `\${${written}} is not a space parameter${hint ? `; did you mean '${hint}'?` : ''} (parameters: ${paramNames.join(', ') || 'none'})${escape}`;
    issues.error(at, message, undefined, hint === null ? undefined : placeholderFix(at, written, optional ? `${hint}?` : hint));
  }
  if (unclosed) issues.error(at, 'unclosed ${ in command argument: write ${name}, or $${ for a literal ${');
}

function readEnv(raw: unknown, issues: Issues): Record<string, string> {
  const at = ['trial', 'env'];
  if (raw === undefined) return {};
  if (!isRecord(raw)) {
    issues.error(at, `env must be a map of variable → value, got ${kindOf(raw)}`);
    return {};
  }
  const env = new Map<string, string>();
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) env.set(key, String(value));
    else issues.error([...at, key], `env values must be strings or numbers, got ${kindOf(value)}`);
  }
  return Object.fromEntries(env);
}
