/**
 * Quick fixes for the problems that the shared tables report: the sampler's and pruner's
 * (samplers/spec.ts, pruners/spec.ts, shared with the study API) and a model trial's parameters
 * (models/modelParams.ts). They report plain messages; the did-you-mean each message names is found
 * again here from the same inputs with the same suggestName, so the fix and the message agree.
 */
import type { Distribution } from '../distributions';
import { checkModelParams, MODEL_PARAMS, type ModelParamFinding } from '../models/modelParams';
import type { KeyPath, Problem } from '../problems';
import { PRUNER_ALIASES, PRUNER_TYPES, PRUNERS } from '../pruners/spec';
import type { SearchSpace } from '../samplers/sampler';
import { SAMPLER_OPTIONS, SAMPLER_TYPES } from '../samplers/spec';
import { suggestName } from '../suggest';
import { renameKeyFix, replaceValueFix, type PathFix } from './fixes';
import { isRecord, type PathProblem } from './issues';
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

/** `written` is the parameter's value as written: a choice is fixed in a list, or as the fixed value itself. */
export function modelParamProblems(model: ModelKind, space: SearchSpace, written: (param: string) => unknown): PathProblem[] {
  return checkModelParams(model, space).map((finding): PathProblem => {
    const path = ['space', finding.param];
    if (finding.severity === 'warning') return { severity: 'warning', message: finding.message, path };
    const fix = fixOf(model, finding, space[finding.param], Array.isArray(written(finding.param)));
    return { severity: 'error', message: finding.message, path, ...(finding.unknown ? { on: 'key' as const } : {}), ...(fix ? { fix } : {}) };
  });
}

function fixOf(model: ModelKind, finding: ModelParamFinding, distribution: Distribution | undefined, isList: boolean): PathFix | null {
  const table = MODEL_PARAMS[model];
  if (finding.unknown) {
    const hint = suggestName(finding.param, Object.keys(table));
    return hint === null ? null : renameKeyFix(['space', finding.param], hint);
  }
  const param = Object.hasOwn(table, finding.param) ? table[finding.param] : undefined;
  if (param?.type !== 'choice' || distribution?.type !== 'categorical') return null;
  const choices: readonly unknown[] = distribution.choices;
  const index = choices.findIndex((choice) => typeof choice !== 'string' || !param.choices.includes(choice));
  const bad = choices[index];
  const hint = typeof bad === 'string' ? suggestName(bad, param.choices) : null;
  // `[adam, adamw]` → adam would list adam twice: the message still suggests it, but no fix makes it.
  if (hint === null || choices.includes(hint)) return null;
  return replaceValueFix(isList ? ['space', finding.param, index] : ['space', finding.param], hint);
}
