/**
 * Which samplers exist and which options each takes. Configs (`search.sampler`) and the study API
 * (`sampler: 'tpe'` or `{ type: 'tpe', multivariate: true }`) are both checked against this table,
 * so a new sampler declares its options once. Option names follow Optuna's keyword arguments.
 */
import type { KeyPath, Problem } from '../problems';
import { suggestName } from '../suggest';

type OptionKind =
  | { kind: 'boolean' }
  | { kind: 'int'; min: number }
  | { kind: 'number'; minExclusive: number }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'probability' };

/** tpe's `compat`: the older Optuna whose TPE defaults and estimator rules to reproduce exactly. */
export const TPE_COMPAT = ['optuna31'] as const;

export const SAMPLER_OPTIONS = {
  random: {},
  grid: { points: { kind: 'int', min: 2 } },
  tpe: {
    compat: { kind: 'enum', values: TPE_COMPAT },
    multivariate: { kind: 'boolean' },
    group: { kind: 'boolean' },
    constant_liar: { kind: 'boolean' },
    n_startup_trials: { kind: 'int', min: 0 },
    n_ei_candidates: { kind: 'int', min: 1 },
    prior_weight: { kind: 'number', minExclusive: 0 },
    consider_prior: { kind: 'boolean' },
    consider_magic_clip: { kind: 'boolean' },
    consider_endpoints: { kind: 'boolean' },
  },
  qmc: { qmc_type: { kind: 'enum', values: ['sobol', 'halton'] }, scramble: { kind: 'boolean' } },
  gp: { n_startup_trials: { kind: 'int', min: 0 }, deterministic_objective: { kind: 'boolean' } },
  nsga2: {
    population_size: { kind: 'int', min: 2 },
    mutation_prob: { kind: 'probability' },
    crossover: { kind: 'enum', values: ['uniform', 'blxalpha', 'sbx', 'vsbx', 'undx', 'spx'] },
    crossover_prob: { kind: 'probability' },
    swapping_prob: { kind: 'probability' },
  },
  rf: { n_startup_trials: { kind: 'int', min: 0 }, n_trees: { kind: 'int', min: 1 }, random_interleave: { kind: 'int', min: 0 } },
} as const satisfies Record<string, Record<string, OptionKind>>;

export type SamplerType = keyof typeof SAMPLER_OPTIONS;
export const SAMPLER_TYPES = Object.keys(SAMPLER_OPTIONS) as SamplerType[];


export interface RandomSamplerSpec { readonly type: 'random' }
export interface GridSamplerSpec { readonly type: 'grid'; readonly points?: number }
export interface TpeSamplerSpec {
  readonly type: 'tpe';
  /** Absent: today's Optuna (5.0) defaults and rules; 'optuna31': Optuna 3.1.0's, decision for decision. */
  readonly compat?: (typeof TPE_COMPAT)[number];
  readonly multivariate?: boolean;
  /** With multivariate: one joint draw per group of params that always appear together (conditional spaces). */
  readonly group?: boolean;
  readonly constant_liar?: boolean;
  readonly n_startup_trials?: number;
  readonly n_ei_candidates?: number;
  readonly prior_weight?: number;
  readonly consider_prior?: boolean;
  readonly consider_magic_clip?: boolean;
  readonly consider_endpoints?: boolean;
}
export interface QmcSamplerSpec { readonly type: 'qmc'; readonly qmc_type?: 'sobol' | 'halton'; readonly scramble?: boolean }
export interface GpSamplerSpec { readonly type: 'gp'; readonly n_startup_trials?: number; readonly deterministic_objective?: boolean }
export interface Nsga2SamplerSpec {
  readonly type: 'nsga2';
  readonly population_size?: number;
  readonly mutation_prob?: number;
  readonly crossover?: 'uniform' | 'blxalpha' | 'sbx' | 'vsbx' | 'undx' | 'spx';
  readonly crossover_prob?: number;
  readonly swapping_prob?: number;
}
export interface RfSamplerSpec { readonly type: 'rf'; readonly n_startup_trials?: number; readonly n_trees?: number; readonly random_interleave?: number }
export type SamplerSpec = RandomSamplerSpec | GridSamplerSpec | TpeSamplerSpec | QmcSamplerSpec | GpSamplerSpec | Nsga2SamplerSpec | RfSamplerSpec;

/**
 * Checks a sampler given as a name or an options object. Problems carry key paths below `path`
 * (positions are added by the caller that knows the file).
 */
export function parseSamplerSpec(raw: unknown, path: KeyPath): { spec: SamplerSpec | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const error = (message: string, at: KeyPath): void => void problems.push({ severity: 'error', message, path: at });

  let type: unknown;
  let options: Record<string, unknown> = {};
  let typePath = path;
  if (typeof raw === 'string') {
    type = raw;
  } else if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    options = raw as Record<string, unknown>;
    type = options.type;
    typePath = [...path, 'type'];
    if (type === undefined) {
      error(`sampler needs a type: one of ${SAMPLER_TYPES.join(', ')}`, path);
      return { spec: null, problems };
    }
  } else {
    error(`sampler must be a name (${SAMPLER_TYPES.join(', ')}) or an object with a type`, path);
    return { spec: null, problems };
  }
  if (typeof type !== 'string' || !Object.hasOwn(SAMPLER_OPTIONS, type)) {
    const hint = typeof type === 'string' ? suggestName(type, SAMPLER_TYPES) : null;
    error(`unknown sampler ${JSON.stringify(type)}${hint ? `; did you mean '${hint}'?` : ''} (known: ${SAMPLER_TYPES.join(', ')})`, typePath);
    return { spec: null, problems };
  }
  const allowed: Record<string, OptionKind> = SAMPLER_OPTIONS[type as SamplerType];
  const spec: Record<string, unknown> = { type };
  for (const [key, value] of Object.entries(options)) {
    if (key === 'type') continue;
    const kind = Object.hasOwn(allowed, key) ? allowed[key] : undefined;
    const at = [...path, key];
    if (!kind) {
      const names = Object.keys(allowed);
      const hint = suggestName(key, names);
      error(
        `unknown option '${key}' for sampler '${type}'${hint ? `; did you mean '${hint}'?` : ''}${names.length ? ` (options: ${names.join(', ')})` : ' (it takes no options)'}`,
        at,
      );
      continue;
    }
    const problem = checkOption(kind, value);
    if (problem) error(`${key} ${problem}`, at);
    else spec[key] = value;
  }
  // Optuna's TPESampler refuses group without multivariate too (multivariate is on unless written off,
  // or left out under compat: optuna31, whose default is off).
  const multivariateOff = spec.multivariate === false || (spec.multivariate === undefined && spec.compat === 'optuna31');
  if (type === 'tpe' && spec.group === true && multivariateOff) error('group needs multivariate: true (the groups are sampled by multivariate TPE)', [...path, 'group']);
  return { spec: problems.length === 0 ? (spec as unknown as SamplerSpec) : null, problems };
}

function checkOption(kind: OptionKind, value: unknown): string | null {
  switch (kind.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? null : `must be true or false, got ${JSON.stringify(value)}`;
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) && value >= kind.min ? null : `must be an integer ≥ ${kind.min}, got ${JSON.stringify(value)}`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value > kind.minExclusive ? null : `must be a number > ${kind.minExclusive}, got ${JSON.stringify(value)}`;
    case 'probability':
      return typeof value === 'number' && value >= 0 && value <= 1 ? null : `must be a number in [0, 1], got ${JSON.stringify(value)}`;
    case 'enum': {
      if (typeof value === 'string' && kind.values.includes(value)) return null;
      const hint = typeof value === 'string' ? suggestName(value, kind.values) : null;
      return `must be one of ${kind.values.join(', ')}${hint ? ` (did you mean '${hint}'?)` : ''}, got ${JSON.stringify(value)}`;
    }
  }
}
