/**
 * Quick fixes for the problems that the shared tables report: the sampler's and pruner's
 * (samplers/spec.ts, pruners/spec.ts, shared with the study API) and a model trial's parameters
 * (models/modelParams.ts). They report plain messages; the did-you-mean each message names is found
 * again here from the same inputs with the same suggestName, so the fix and the message agree.
 */
import type { Distribution } from '../distributions';
import { checkModelParams, type ModelParamFinding } from '../models/checkModelParams';
import { MODEL_PARAMS, modelParamOf } from '../models/modelParams';
import type { KeyPath, Problem } from '../problems';
import { PRUNER_ALIASES, PRUNER_TYPES, PRUNERS } from '../pruners/spec';
import type { ParsedSpace } from '../space';
import { SAMPLER_OPTIONS, SAMPLER_TYPES } from '../samplers/spec';
import { suggestName } from '../suggest';
import { renameKeyFix, replaceValueFix, type PathFix } from './fixes';
import { isRecord, type PathProblem } from './issues';
import { valueAtPath } from './keyCatalog';
import type { ModelKind } from './types';

interface AlgorithmTable {
  /** Every name a config may give, aliases included. */
  readonly names: readonly string[];
  /** The option names and, for enum options, their values; null for an unknown name. */
  optionsOf(name: string): Readonly<Record<string, readonly string[] | null>> | null;
}

const SAMPLERS: AlgorithmTable = {
  names: SAMPLER_TYPES,
  optionsOf: (name) => {
    if (!Object.hasOwn(SAMPLER_OPTIONS, name)) return null;
    const options: Readonly<Record<string, { readonly kind: string; readonly values?: readonly string[] }>> = SAMPLER_OPTIONS[name as keyof typeof SAMPLER_OPTIONS];
    return Object.fromEntries(Object.entries(options).map(([option, kind]) => [option, kind.values ?? null]));
  },
};

const PRUNER_TABLE: AlgorithmTable = {
  names: [...PRUNER_TYPES, ...Object.keys(PRUNER_ALIASES)],
  optionsOf: (name) => {
    const type = Object.hasOwn(PRUNER_ALIASES, name) ? PRUNER_ALIASES[name] : name;
    if (type === undefined || !Object.hasOwn(PRUNERS, type)) return null;
    return Object.fromEntries(Object.keys(PRUNERS[type as keyof typeof PRUNERS].options).map((option) => [option, null]));
  },
};

/** The sampler's problems (at `path`, written as `raw`), each did-you-mean with its fix. */
export function withSamplerFixes(problems: readonly PathProblem[], raw: unknown, path: KeyPath): PathProblem[] {
  return problems.map((problem) => withFix(problem, fixFor(SAMPLERS, problem, raw, path)));
}

export function withPrunerFixes(problems: readonly PathProblem[], raw: unknown, path: KeyPath): PathProblem[] {
  return problems.map((problem) => withFix(problem, fixFor(PRUNER_TABLE, problem, raw, path)));
}

function withFix(problem: PathProblem, fix: PathFix | null): PathProblem {
  return fix === null ? problem : { ...problem, fix };
}

function fixFor(table: AlgorithmTable, problem: Problem, raw: unknown, path: KeyPath): PathFix | null {
  const name = isRecord(raw) ? raw.type : raw;
  const namePath = isRecord(raw) ? [...path, 'type'] : path;
  if (typeof name !== 'string') return null;
  const options = table.optionsOf(name);
  if (options === null) {
    const hint = samePath(problem.path, namePath) ? suggestName(name, table.names) : null;
    return hint === null ? null : replaceValueFix(namePath, hint);
  }
  const option = problem.path[path.length];
  if (!isRecord(raw) || problem.path.length !== path.length + 1 || !samePath(problem.path.slice(0, -1), path) || typeof option !== 'string' || option === 'type') return null;
  if (!Object.hasOwn(options, option)) {
    const hint = suggestName(option, Object.keys(options));
    return hint === null ? null : renameKeyFix(problem.path, hint);
  }
  const values = options[option];
  const value = raw[option];
  const hint = values && typeof value === 'string' && !values.includes(value) ? suggestName(value, values) : null;
  return hint === null ? null : replaceValueFix(problem.path, hint);
}

function samePath(a: KeyPath, b: KeyPath): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}

/**
 * Each finding at the key that declares its parameter (`paths`: in a branch, or the `each:` original of
 * a per-layer copy). `rawSpace` is the space as written: a choice is fixed in a list, or as the fixed value itself.
 */
export function modelParamProblems(model: ModelKind, { space, conditions, paths }: Omit<ParsedSpace, 'gridPoints'>, rawSpace: unknown): PathProblem[] {
  const declaredAt = (name: string): KeyPath => paths[name] ?? ['space', name];
  return sameProblemOnce(checkModelParams(model, space, conditions), declaredAt).map((finding): PathProblem => {
    const path = declaredAt(finding.param);
    if (finding.severity === 'warning') return { severity: 'warning', message: finding.message, path };
    const fix = fixOf(model, finding, path, space[finding.param], Array.isArray(valueAtPath(rawSpace, path.slice(1))));
    return { severity: 'error', message: finding.message, path, ...(finding.unknown ? { on: 'key' as const } : {}), ...(fix ? { fix } : {}) };
  });
}

/**
 * The copies `each:` makes of one declaration share its range, so they share its problems: one
 * problem at the key, naming the other copies, rather than one per copy.
 */
function sameProblemOnce(findings: readonly ModelParamFinding[], declaredAt: (name: string) => KeyPath): ModelParamFinding[] {
  const groups = new Map<string, ModelParamFinding[]>();
  for (const finding of findings) {
    const key = JSON.stringify([declaredAt(finding.param), finding.severity ?? 'error', finding.message.split(finding.param).join('\0')]);
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  return [...groups.values()].map(([first, ...alike]) => {
    const one = first as ModelParamFinding;
    return alike.length === 0 ? one : { ...one, message: `${one.message} (and so for ${alike.map((f) => f.param).join(', ')})` };
  });
}

function fixOf(model: ModelKind, finding: ModelParamFinding, path: KeyPath, distribution: Distribution | undefined, isList: boolean): PathFix | null {
  if (finding.unknown) {
    // Only a name written as such can be renamed (not a branch's qualified name or an each: copy).
    const hint = path[path.length - 1] === finding.param ? suggestName(finding.param, Object.keys(MODEL_PARAMS[model])) : null;
    return hint === null ? null : renameKeyFix(path, hint);
  }
  const param = modelParamOf(model, finding.param)?.param;
  if (param?.type !== 'choice' || distribution?.type !== 'categorical') return null;
  const choices: readonly unknown[] = distribution.choices;
  const index = choices.findIndex((choice) => typeof choice !== 'string' || !param.choices.includes(choice));
  const bad = choices[index];
  const hint = typeof bad === 'string' ? suggestName(bad, param.choices) : null;
  // `[adam, adamw]` → adam would list adam twice: the message still suggests it, but no fix makes it.
  if (hint === null || choices.includes(hint)) return null;
  return replaceValueFix(isList ? [...path, index] : path, hint);
}
