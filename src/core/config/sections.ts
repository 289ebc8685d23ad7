/** The small sections of a config: name, search, apply and storage. */
import { parseStorageLocation, StorageLocationError } from '../storage/storageLocation';
import type { KeyPath } from '../problems';
import { parsePrunerSpec } from '../pruners/spec';
import type { SearchSpace } from '../samplers/sampler';
import { parseSamplerSpec } from '../samplers/spec';
import { suggestName } from '../suggest';
import { renameKeyFix } from './fixes';
import { isRecord, Issues, kindOf, type PathProblem } from './issues';
import { APPLY_ENTRY_DOCS, keysOf, SEARCH_DOCS, TOP_LEVEL_DOCS } from './keyDocs';
import { optional, readDuration, readInt, readString } from './read';
import { withPrunerFixes, withSamplerFixes } from './specFixes';
import type { ApplyTarget, SearchSettings, StudyConfig } from './types';

export const TOP_LEVEL_KEYS = keysOf(TOP_LEVEL_DOCS);
const SEARCH_KEYS = keysOf(SEARCH_DOCS);

/** The study name: as written, or the config's file name without `.tune.yaml`. */
export function readName(raw: unknown, fileName: string, issues: Issues): string {
  const fallback = defaultStudyName(fileName);
  if (raw === undefined) return fallback;
  const name = readString(raw, ['name'], issues, 'name');
  if (name !== undefined && [...name].some((c) => c === '/' || c === '\\' || c < ' ')) {
    issues.error(['name'], 'name must not contain / or \\ or control characters: it names the journal file');
  }
  return name ?? fallback;
}

export function defaultStudyName(fileName: string): string {
  const base = fileName.split(/[/\\]/).pop() ?? '';
  return base.replace(/(\.tune)?\.ya?ml$/i, '') || 'study';
}

export function defaultStoragePath(studyName: string): string {
  return `.tuneboard/${studyName}.jsonl`;
}

export function readSearch(raw: unknown, issues: Issues): SearchSettings | undefined {
  const at = ['search'];
  if (raw === undefined || raw === null) return { sampler: { type: 'tpe' }, pruner: { type: 'none' } };
  if (!isRecord(raw)) {
    issues.error(at, `search must be a map (sampler, trials, timeout, parallel, seed, pruner, retries, gpus), got ${kindOf(raw)}`);
    return undefined;
  }
  issues.checkKeys(raw, SEARCH_KEYS, at, 'search');
  const sampler = raw.sampler === undefined ? { spec: { type: 'tpe' } as const, problems: [] } : parseSamplerSpec(raw.sampler, [...at, 'sampler']);
  // The sampler table does not say which of its problems are about a key; its unknown options are.
  const samplerProblems = sampler.problems.map((p): PathProblem => (p.message.startsWith('unknown option') ? { ...p, on: 'key' } : p));
  issues.addAll(withSamplerFixes(samplerProblems, raw.sampler, [...at, 'sampler']));
  const pruner = raw.pruner === undefined ? { spec: { type: 'none' } as const, problems: [] } : parsePrunerSpec(raw.pruner, [...at, 'pruner']);
  issues.addAll(withPrunerFixes(pruner.problems, raw.pruner, [...at, 'pruner']));
  const settings = {
    trials: optional(raw.trials, (v) => readInt(v, [...at, 'trials'], issues, 'trials', 1)),
    timeoutSeconds: optional(raw.timeout, (v) => readDuration(v, [...at, 'timeout'], issues, 'timeout')),
    parallel: optional(raw.parallel, (v) => readInt(v, [...at, 'parallel'], issues, 'parallel', 1)),
    seed: optional(raw.seed, (v) => readInt(v, [...at, 'seed'], issues, 'seed', 0)),
    retries: optional(raw.retries, (v) => readInt(v, [...at, 'retries'], issues, 'retries', 0)),
    gpus: optional(raw.gpus, (v) => readGpus(v, [...at, 'gpus'], issues)),
  };
  if (!sampler.spec || !pruner.spec) return undefined;
  return { sampler: sampler.spec, pruner: pruner.spec, ...dropUndefined(settings) };
}

/** Cross-section rules between the sampler and the space. */
export function checkSearchAgainstSpace(search: SearchSettings, space: SearchSpace, gridPoints: Readonly<Record<string, number>>, issues: Issues): void {
  const sampler = search.sampler;
  if (sampler.type === 'grid') {
    for (const [name, d] of Object.entries(space)) {
      if (sampler.points === undefined && !Object.hasOwn(gridPoints, name) && d.type === 'float' && d.step === null) {
        issues.error(['space', name], `grid search needs step or grid: N for this float range (or set search.sampler: { type: grid, points: N })`);
      }
    }
    return;
  }
  for (const name of Object.keys(gridPoints)) {
    issues.warning(['space', name, 'grid'], `grid: is only used by the grid sampler (search.sampler is ${sampler.type})`);
  }
}

/** A valid config without a budget runs until stopped: worth a word, not an error. */
export function budgetWarning(config: StudyConfig): PathProblem | null {
  if (config.sampler.type === 'grid' || config.trials !== undefined || config.timeoutSeconds !== undefined) return null;
  return { severity: 'warning', message: 'no trials or timeout in search: the study runs until you stop it', path: ['search'] };
}

/**
 * `apply: [{ file: train.py, map: { lr: learning_rate } }]`: where "apply best params" writes.
 * `paramNames` is null when the space could not be read: a map's names are then not checked.
 */
export function readApply(raw: unknown, paramNames: readonly string[] | null, issues: Issues): ApplyTarget[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    issues.error(['apply'], `apply must be a list of { file, map }, got ${kindOf(raw)}`);
    return [];
  }
  const targets: ApplyTarget[] = [];
  raw.forEach((item: unknown, i) => {
    const at = ['apply', i];
    if (!isRecord(item)) {
      issues.error(at, `each apply entry must be { file: path, map?: { param: name } }, got ${kindOf(item)}`);
      return;
    }
    issues.checkKeys(item, keysOf(APPLY_ENTRY_DOCS), at, 'apply entry');
    if (item.file === undefined) issues.missing([...at, 'file'], 'apply entry needs file: path');
    const file = optional(item.file, (v) => readString(v, [...at, 'file'], issues, 'file'));
    const map = readParamMap(item.map, [...at, 'map'], paramNames, issues);
    if (file !== undefined) targets.push({ file, map });
  });
  return targets;
}

function readParamMap(raw: unknown, at: KeyPath, paramNames: readonly string[] | null, issues: Issues): Record<string, string> {
  if (raw === undefined) return {};
  if (!isRecord(raw)) {
    issues.error(at, `map must be a map of space parameter → name in the file, got ${kindOf(raw)}`);
    return {};
  }
  const map = new Map<string, string>();
  for (const [param, name] of Object.entries(raw)) {
    if (paramNames !== null && !paramNames.includes(param)) {
      const hint = suggestName(param, paramNames);
      issues.error([...at, param], `'${param}' is not a space parameter${hint ? `; did you mean '${hint}'?` : ''}`, 'key', hint === null ? undefined : renameKeyFix([...at, param], hint));
    }
    const target = readString(name, [...at, param], issues, `the name for '${param}'`);
    // `optimizer.lr` is a path of names (a nested key, an attribute, a function's parameter): none may be empty.
    if (target !== undefined && target.split('.').some((part) => part === '' || part.trim() !== part)) {
      issues.error([...at, param], `the name for '${param}' must be a name or a dotted path of names such as optimizer.lr, got '${target}'`);
    } else if (target !== undefined) map.set(param, target);
  }
  return Object.fromEntries(map);
}

/**
 * `gpus: [0, 1]` or `gpus: "0,1"`: the GPU ids of this host a study may use, one trial on each at a time.
 * Ids as CUDA_VISIBLE_DEVICES takes them (numbers, or GPU UUIDs); each at most once.
 */
export function readGpus(raw: unknown, at: KeyPath, issues: Issues): readonly string[] | undefined {
  const ids = typeof raw === 'string' ? raw.split(',').map((id) => id.trim()) : Array.isArray(raw) ? raw.map((id) => (typeof id === 'number' || typeof id === 'string' ? String(id).trim() : '')) : null;
  if (ids === null || ids.length === 0) {
    issues.error(at, `gpus must be a list of GPU ids such as [0, 1] (or "0,1"), got ${kindOf(raw)}`);
    return undefined;
  }
  const bad = ids.find((id) => !/^(\d+|GPU-[0-9a-fA-F-]+|MIG-[\w/-]+)$/.test(id));
  if (bad !== undefined) {
    issues.error(at, `'${bad}' is not a GPU id: use the numbers nvidia-smi lists (0, 1, …) or GPU UUIDs`);
    return undefined;
  }
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) {
    issues.error(at, `GPU ${twice} is listed twice; each GPU runs one trial at a time`);
    return undefined;
  }
  return ids;
}

/** `--gpus 0,1` on the command line: the ids, or why not (the same rules as `search.gpus`). */
export function parseGpuList(text: string): { readonly gpus: readonly string[] } | { readonly error: string } {
  const issues = new Issues();
  const gpus = readGpus(text, ['gpus'], issues);
  return gpus ? { gpus } : { error: issues.list[0]?.message ?? 'not a list of GPU ids' };
}

/** A journal path (relative to the config) or a Redis URL, checked now so a typo is a problem at its line. */
export function readStorage(raw: unknown, studyName: string, issues: Issues): string {
  if (raw === undefined) return defaultStoragePath(studyName);
  const text = readString(raw, ['storage'], issues, 'storage');
  if (text === undefined) return defaultStoragePath(studyName);
  try {
    parseStorageLocation(text);
  } catch (error) {
    if (!(error instanceof StorageLocationError)) throw error;
    issues.error(['storage'], error.message);
  }
  return text;
}

/** Leaves optional fields out rather than set to undefined, so configs compare and print cleanly. */
export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
