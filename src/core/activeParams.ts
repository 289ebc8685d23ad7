/**
 * Conditional search spaces: which params a trial has. A param with conditions is active when each
 * condition's parent is active and holds one of the listed values; a param without conditions is
 * always active. An inactive param is absent from the trial (no journal op), never null, as in an
 * Optuna define-by-run objective that does not suggest it.
 */
import { choiceKey, type ParamValue } from './distributions';
import type { ActiveWhen, SearchSpace, SpaceConditions } from './samplers/sampler';
import { formatParamValue } from './studyView/format';

/** True when `name` is active given the values of the params decided before it (parents first). */
export function isActive(name: string, conditions: SpaceConditions | undefined, params: Readonly<Record<string, ParamValue>>): boolean {
  const own = conditions?.[name];
  if (own === undefined) return true;
  return own.every((condition) => Object.hasOwn(params, condition.parent) && condition.values.some((v) => choiceKey(v) === choiceKey(params[condition.parent] ?? null)));
}

/** True when some param can be inactive: the space is conditional. */
export function isConditional(conditions: SpaceConditions | undefined): boolean {
  return conditions !== undefined && Object.values(conditions).some((list) => list.length > 0);
}

/** The params of `space` that are active for `params` (a full assignment, parents included). */
export function activeSubspace(space: SearchSpace, conditions: SpaceConditions | undefined, params: Readonly<Record<string, ParamValue>>): SearchSpace {
  const active: Record<string, SearchSpace[string]> = {};
  for (const [name, distribution] of Object.entries(space)) {
    if (isActive(name, conditions, params)) active[name] = distribution;
  }
  return active;
}

/** `optimizer = sgd and layers = 2, 3 or 4`: when a param with these conditions is active, in words. */
export function describeConditions(conditions: readonly ActiveWhen[]): string {
  return conditions.map((c) => `${c.parent} = ${orList(c.values.map(formatParamValue))}`).join(' and ');
}

function orList(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}
