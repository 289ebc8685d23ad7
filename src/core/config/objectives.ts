/**
 * The `objective:` and `constraints:` sections. One objective is a metric name (minimised) or
 * `{ metric, direction }`; several are a list of those (a multi-objective study, one value per entry,
 * in order). Constraints bound reported metrics: `{ metric, max }` and/or `{ metric, min }`; a trial
 * is feasible when every bound holds (Optuna's constraint values: `value − max` and `min − value`,
 * feasible when each is ≤ 0).
 */
import type { KeyPath } from '../problems';
import { prunerObjectivesProblem } from '../pruners/spec';
import { isRecord, Issues, kindOf } from './issues';
import { CONSTRAINT_DOCS, DIRECTION_DOCS, keysOf, OBJECTIVE_DOCS, valuesOf } from './keyDocs';
import { optional, readEnum, readString } from './read';
import type { Constraint, Objective, SearchSettings, StudyConfig } from './types';

const DIRECTIONS = valuesOf(DIRECTION_DOCS);
const EXAMPLE = 'objective: { metric: val_loss, direction: minimize }';

/**
 * The first objective: the one a trial's intermediate values, early stopping and pruning follow (the
 * only one of a single-objective study). A valid config always has one.
 */
export function primaryObjective(config: Pick<StudyConfig, 'objectives'>): Objective {
  return config.objectives[0] as Objective;
}

/** The study's objectives, in order: one, or a list of several. */
export function readObjectives(raw: unknown, issues: Issues): readonly Objective[] | undefined {
  if (raw === undefined) {
    issues.missing(['objective'], `objective is missing: add e.g. ${EXAMPLE}`);
    return undefined;
  }
  if (!Array.isArray(raw)) {
    const objective = readObjective(raw, ['objective'], issues);
    return objective && [objective];
  }
  if (raw.length === 0) {
    issues.error(['objective'], `objective must name at least one metric, e.g. ${EXAMPLE}`);
    return undefined;
  }
  const objectives = raw.map((entry, i) => readObjective(entry, ['objective', i], issues));
  const seen = new Set<string>();
  for (const [i, objective] of objectives.entries()) {
    if (objective === undefined) continue;
    if (seen.has(objective.metric)) issues.error(metricPath(raw[i], ['objective', i]), `metric '${objective.metric}' is already an objective: each metric can be one objective only`);
    seen.add(objective.metric);
  }
  return objectives.every((objective) => objective !== undefined) ? (objectives as Objective[]) : undefined;
}

/** Where the metric of an objective entry is written: the entry itself (`- val_loss`) or its `metric` key. */
export function metricPath(raw: unknown, at: KeyPath): KeyPath {
  return typeof raw === 'string' ? at : [...at, 'metric'];
}

function readObjective(raw: unknown, at: KeyPath, issues: Issues): Objective | undefined {
  if (typeof raw === 'string') {
    const metric = readString(raw, at, issues, 'objective metric');
    return metric === undefined ? undefined : { metric, direction: 'minimize' };
  }
  if (!isRecord(raw)) {
    issues.error(at, `objective must be a metric name, { metric, direction } or a list of them, got ${kindOf(raw)}`);
    return undefined;
  }
  issues.checkKeys(raw, keysOf(OBJECTIVE_DOCS), at, 'objective');
  if (raw.metric === undefined) issues.missing([...at, 'metric'], 'objective needs a metric, e.g. metric: val_loss');
  const metric = optional(raw.metric, (v) => readString(v, [...at, 'metric'], issues, 'metric'));
  const direction = optional(raw.direction, (v) => readEnum(v, [...at, 'direction'], issues, 'direction', DIRECTIONS)) ?? 'minimize';
  return metric === undefined ? undefined : { metric, direction };
}

/** Several objectives need a pruner that judges them all (pareto_asha) or none; pareto_asha needs several. Every sampler searches several. */
export function checkObjectivesAgainstSearch(objectives: readonly Objective[], search: SearchSettings, issues: Issues): void {
  const problem = prunerObjectivesProblem(search.pruner.type, objectives.length);
  if (problem !== null) issues.error(['search', 'pruner'], problem);
}

/** Every metric the config names in objective: and constraints:, with where each is written. */
export function metricsNamed(data: Readonly<Record<string, unknown>>, objectives: readonly Objective[] | undefined, constraints: readonly Constraint[] | undefined): { metric: string; at: KeyPath }[] {
  const raw = data.objective;
  const named = (objectives ?? []).map((objective, i) => ({ metric: objective.metric, at: Array.isArray(raw) ? metricPath(raw[i], ['objective', i]) : metricPath(raw, ['objective']) }));
  return [...named, ...(constraints ?? []).map((constraint, i) => ({ metric: constraint.metric, at: ['constraints', i, 'metric'] }))];
}

/** The `constraints:` list (absent: none). */
export function readConstraints(raw: unknown, issues: Issues): readonly Constraint[] | undefined {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    issues.error(['constraints'], `constraints must be a list such as [{ metric: inference_ms, max: 2 }], got ${kindOf(raw)}`);
    return undefined;
  }
  const constraints = raw.map((entry, i) => readConstraint(entry, ['constraints', i], issues));
  return constraints.every((constraint) => constraint !== undefined) ? (constraints as Constraint[]) : undefined;
}

function readConstraint(raw: unknown, at: KeyPath, issues: Issues): Constraint | undefined {
  if (!isRecord(raw)) {
    issues.error(at, `a constraint must be { metric, max } or { metric, min }, got ${kindOf(raw)}`);
    return undefined;
  }
  issues.checkKeys(raw, keysOf(CONSTRAINT_DOCS), at, 'constraint');
  if (raw.metric === undefined) issues.missing([...at, 'metric'], 'a constraint needs a metric, e.g. metric: inference_ms');
  const metric = optional(raw.metric, (v) => readString(v, [...at, 'metric'], issues, 'metric'));
  const min = optional(raw.min, (v) => readBound(v, [...at, 'min'], issues));
  const max = optional(raw.max, (v) => readBound(v, [...at, 'max'], issues));
  if (raw.min === undefined && raw.max === undefined) issues.missing(at, `constraint on '${metric ?? 'its metric'}' needs a bound: max: … and/or min: …`);
  if (min !== undefined && max !== undefined && min > max) issues.error([...at, 'min'], `min ${min} is above max ${max}: no value could satisfy this constraint`);
  if (metric === undefined || (min === undefined && max === undefined)) return undefined;
  return { metric, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

function readBound(value: unknown, at: KeyPath, issues: Issues): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  issues.error(at, `a bound must be a number, got ${kindOf(value)}`);
  return undefined;
}

/**
 * Optuna's constraint values of a trial's final metrics, in the order the constraints are written
 * (each `value − max`, then `min − value`): all ≤ 0 means feasible. A metric the trial did not report
 * (or not as a finite number) is named instead, so the caller can say which.
 */
export function constraintValuesOf(constraints: readonly Constraint[], metrics: Readonly<Record<string, number>>): { readonly values: number[] } | { readonly missing: string } {
  const values: number[] = [];
  for (const { metric, min, max } of constraints) {
    const value = metrics[metric];
    if (value === undefined || !Number.isFinite(value)) return { missing: metric };
    if (max !== undefined) values.push(value - max);
    if (min !== undefined) values.push(min - value);
  }
  return { values };
}

/** How a config's objectives and constraints read in one line each (`tuneboard validate`, summaries). */
export function describeObjectives(objectives: readonly Objective[]): string {
  return objectives.map((objective) => `${objective.direction} ${objective.metric}`).join(', ');
}

export function describeConstraints(constraints: readonly Constraint[]): string {
  return constraints.map(({ metric, min, max }) => (min !== undefined && max !== undefined ? `${min} ≤ ${metric} ≤ ${max}` : max !== undefined ? `${metric} ≤ ${max}` : `${metric} ≥ ${min}`)).join(', ');
}
