/**
 * Which pruners exist and which options each takes, with Optuna's names and keyword arguments.
 * Configs (`search.pruner`) and the study API (`pruner: 'median'` or `{ type: 'asha', reduction_factor: 3 }`)
 * are both checked against this table. The pruners themselves live beside this file.
 */
import { isInt, isRecord, Issues, kindOf, show } from '../config/issues';
import type { KeyPath, Problem } from '../problems';
import { suggestName } from '../suggest';

type OptionKind =
  | { readonly kind: 'int'; readonly min: number; readonly auto?: true }
  | { readonly kind: 'number'; readonly min: number; readonly max: number };

interface PrunerInfo {
  readonly options: Readonly<Record<string, OptionKind>>;
  readonly required?: readonly string[];
  /** Judges every objective of a multi-objective study (the others judge one value per step). */
  readonly multiObjective?: true;
}

const MEDIAN_OPTIONS = {
  n_startup_trials: { kind: 'int', min: 0 },
  n_warmup_steps: { kind: 'int', min: 0 },
  interval_steps: { kind: 'int', min: 1 },
  n_min_trials: { kind: 'int', min: 1 },
} as const;

export const PRUNERS = {
  none: { options: {} },
  median: { options: MEDIAN_OPTIONS },
  percentile: { options: { percentile: { kind: 'number', min: 0, max: 100 }, ...MEDIAN_OPTIONS }, required: ['percentile'] },
  asha: {
    options: {
      min_resource: { kind: 'int', min: 1, auto: true },
      reduction_factor: { kind: 'int', min: 2 },
      min_early_stopping_rate: { kind: 'int', min: 0 },
      bootstrap_count: { kind: 'int', min: 0 },
    },
  },
  hyperband: {
    options: {
      min_resource: { kind: 'int', min: 1 },
      max_resource: { kind: 'int', min: 1, auto: true },
      reduction_factor: { kind: 'int', min: 2 },
      bootstrap_count: { kind: 'int', min: 0 },
    },
  },
  pareto_asha: {
    options: {
      min_resource: { kind: 'int', min: 1, auto: true },
      reduction_factor: { kind: 'int', min: 2 },
      min_early_stopping_rate: { kind: 'int', min: 0 },
    },
    multiObjective: true,
  },
} as const satisfies Record<string, PrunerInfo>;

export type PrunerType = keyof typeof PRUNERS;
export const PRUNER_TYPES = Object.keys(PRUNERS) as PrunerType[];
/** Other names accepted for a pruner (Optuna's class name for ASHA). */
export const PRUNER_ALIASES: Readonly<Record<string, PrunerType>> = { successive_halving: 'asha' };
const KNOWN_NAMES = [...PRUNER_TYPES, ...Object.keys(PRUNER_ALIASES)];

export interface NonePrunerSpec { readonly type: 'none' }
export interface MedianPrunerSpec {
  readonly type: 'median';
  readonly n_startup_trials?: number;
  readonly n_warmup_steps?: number;
  readonly interval_steps?: number;
  readonly n_min_trials?: number;
}
export interface PercentilePrunerSpec extends Omit<MedianPrunerSpec, 'type'> {
  readonly type: 'percentile';
  readonly percentile: number;
}
export interface AshaPrunerSpec {
  readonly type: 'asha';
  readonly min_resource?: number | 'auto';
  readonly reduction_factor?: number;
  readonly min_early_stopping_rate?: number;
  readonly bootstrap_count?: number;
}
export interface ParetoAshaPrunerSpec {
  readonly type: 'pareto_asha';
  readonly min_resource?: number | 'auto';
  readonly reduction_factor?: number;
  readonly min_early_stopping_rate?: number;
}
export interface HyperbandPrunerSpec {
  readonly type: 'hyperband';
  readonly min_resource?: number;
  readonly max_resource?: number | 'auto';
  readonly reduction_factor?: number;
  readonly bootstrap_count?: number;
}
export type PrunerSpec = NonePrunerSpec | MedianPrunerSpec | PercentilePrunerSpec | AshaPrunerSpec | ParetoAshaPrunerSpec | HyperbandPrunerSpec;

/** The pruners that judge several objectives (pareto_asha); every other one judges the first objective's value only. */
export const MULTI_OBJECTIVE_PRUNERS: readonly PrunerType[] = PRUNER_TYPES.filter((type) => (PRUNERS[type] as PrunerInfo).multiObjective === true);

/**
 * Null when pruner `type` can judge a study of `objectives` objectives, else why not (configs and the
 * API alike): a multi-objective pruner needs several, every other one but `none` judges one value per step.
 */
export function prunerObjectivesProblem(type: PrunerType, objectives: number): string | null {
  const severalOnly = MULTI_OBJECTIVE_PRUNERS.includes(type);
  if (objectives < 2) return severalOnly ? `${type} ranks several objectives and this study has one: use pruner: asha (the same rule for one objective)` : null;
  if (type === 'none' || severalOnly) return null;
  const instead = MULTI_OBJECTIVE_PRUNERS.map((name) => `pruner: ${name}`).join(' or ');
  return `a study with ${objectives} objectives is not pruned by ${type} (it compares one value per step): use ${instead}, which ranks every objective, or remove pruner`;
}

/** Checks a pruner given as a name or an object with a `type`; problems carry key paths below `path`. */
export function parsePrunerSpec(raw: unknown, path: KeyPath): { spec: PrunerSpec | null; problems: Problem[] } {
  const issues = new Issues();
  const fail = (message: string, at: KeyPath): { spec: null; problems: Problem[] } => {
    issues.error(at, message);
    return { spec: null, problems: issues.list };
  };
  let name: unknown = raw;
  let options: Readonly<Record<string, unknown>> = {};
  let namePath = path;
  if (isRecord(raw)) {
    options = raw;
    name = raw.type;
    namePath = [...path, 'type'];
    if (name === undefined) return fail(`pruner needs a type: one of ${KNOWN_NAMES.join(', ')}`, path);
  } else if (typeof raw !== 'string') {
    return fail(`pruner must be a name (${KNOWN_NAMES.join(', ')}) or a map with a type, got ${kindOf(raw)}`, path);
  }
  const type = typeof name === 'string' ? resolveType(name) : null;
  if (type === null) {
    const hint = typeof name === 'string' ? suggestName(name, KNOWN_NAMES) : null;
    return fail(`unknown pruner ${show(name)}${hint ? `; did you mean '${hint}'?` : ''} (known: ${KNOWN_NAMES.join(', ')})`, namePath);
  }

  const info: PrunerInfo = PRUNERS[type];
  const optionNames = Object.keys(info.options);
  const spec = new Map<string, unknown>([['type', type]]);
  for (const [key, value] of Object.entries(options)) {
    if (key === 'type') continue;
    const at = [...path, key];
    const kind = Object.hasOwn(info.options, key) ? info.options[key] : undefined;
    if (!kind) {
      const hint = suggestName(key, optionNames);
      const known = optionNames.length ? ` (options: ${optionNames.join(', ')})` : ' (it takes no options)';
      issues.error(at, `unknown option '${key}' for pruner '${type}'${hint ? `; did you mean '${hint}'?` : ''}${known}`, 'key');
      continue;
    }
    const problem = checkOption(kind, value);
    if (problem) issues.error(at, `${key} ${problem}`);
    else spec.set(key, value);
  }
  for (const key of info.required ?? []) {
    if (!Object.hasOwn(options, key)) issues.error(path, `pruner '${type}' needs ${key}`);
  }
  checkCombinations(type, spec, path, issues);
  return { spec: issues.hasErrors ? null : (Object.fromEntries(spec) as unknown as PrunerSpec), problems: issues.list };
}

function resolveType(name: string): PrunerType | null {
  if (Object.hasOwn(PRUNERS, name)) return name as PrunerType;
  return Object.hasOwn(PRUNER_ALIASES, name) ? (PRUNER_ALIASES[name] as PrunerType) : null;
}

function checkOption(kind: OptionKind, value: unknown): string | null {
  if (kind.kind === 'number') {
    const ok = typeof value === 'number' && Number.isFinite(value) && value >= kind.min && value <= kind.max;
    return ok ? null : `must be a number in [${kind.min}, ${kind.max}], got ${kindOf(value)}`;
  }
  if (kind.auto && value === 'auto') return null;
  if (isInt(value) && value >= kind.min) return null;
  return `must be an integer ≥ ${kind.min}${kind.auto ? ' or "auto"' : ''}, got ${kindOf(value)}`;
}

/** Rules Optuna enforces across options when it builds the pruner. */
function checkCombinations(type: PrunerType, spec: ReadonlyMap<string, unknown>, path: KeyPath, issues: Issues): void {
  const bootstrap = spec.get('bootstrap_count');
  if (type === 'asha' && typeof bootstrap === 'number' && bootstrap > 0 && (spec.get('min_resource') ?? 'auto') === 'auto') {
    issues.error([...path, 'bootstrap_count'], 'bootstrap_count > 0 needs an explicit min_resource (not "auto")');
  }
  const min = spec.get('min_resource');
  const max = spec.get('max_resource');
  if (type === 'hyperband' && typeof max === 'number' && max < (typeof min === 'number' ? min : 1)) {
    issues.error([...path, 'max_resource'], `max_resource (${max}) must not be less than min_resource (${typeof min === 'number' ? min : 1})`);
  }
}
