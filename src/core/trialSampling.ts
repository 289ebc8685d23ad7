/**
 * Choosing a trial's params: an enqueued trial's fixed values, single-valued params, the sampler's
 * joint (relative) draw and its per-param (independent) draws, in Optuna's order, each checked against
 * its distribution. In a conditional space the params are decided parents first and an inactive one
 * is skipped, as a define-by-run objective that does not suggest it. The study calls this under the
 * storage lock.
 */
import { isActive } from './activeParams';
import { contains, describeDistribution, isSingle, toInternal, type Distribution, type ParamValue } from './distributions';
import { checkParamValue, readFixedParams } from './fixedParams';
import type { Pruner } from './pruners';
import { GridSampler, type Sampler } from './samplers';
import type { SearchSpace, SpaceConditions, StudyView } from './samplers/sampler';
import type { FrozenTrial, JsonValue } from './trial';

export interface SamplingSetup {
  readonly sampler: Sampler;
  readonly pruner: Pruner;
  readonly space: SearchSpace;
  readonly conditions?: SpaceConditions;
}

/** A trial's sampled params, and the system attrs the sampler's `beforeTrial` gave it (written with the trial). */
export interface SampledTrial {
  readonly params: Record<string, ParamValue>;
  /** The distributions of the active params only: what the journal records for the trial. */
  readonly distributions: SearchSpace;
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
}

/** The params of a new trial (`waiting` null) or of an enqueued one: its fixed params, the rest sampled. */
export function sampleTrialParams(study: StudyView, setup: SamplingSetup, waiting: FrozenTrial | null): SampledTrial {
  const { sampler, pruner, space, conditions } = setup;
  const fixed = waiting ? readFixedParams(waiting) : {};
  // The trial being sampled, as samplers see it: running, holding the params chosen so far.
  const params: Record<string, ParamValue> = {};
  const distributions: Record<string, Distribution> = {};
  const systemAttrs: Record<string, JsonValue> = { ...waiting?.systemAttrs };
  const draft: FrozenTrial = {
    id: waiting?.id ?? -1,
    number: waiting?.number ?? study.getTrials().length,
    state: 'running',
    value: null,
    values: null,
    params,
    distributions,
    intermediateValues: new Map(),
    userAttrs: waiting?.userAttrs ?? {},
    systemAttrs,
    datetimeStart: null,
    datetimeComplete: null,
  };
  // Hyperband shows the sampler only the trial's bracket; the grid is exempt, as Optuna's reads the
  // whole study from storage to find unvisited points (optuna#2327).
  const view = sampler instanceof GridSampler ? study : (pruner.filterStudy?.(study, draft) ?? study);
  const samplerAttrs = sampler.beforeTrial?.(view, draft) ?? {};
  Object.assign(systemAttrs, samplerAttrs);
  const relativeSpace = sampler.inferRelativeSearchSpace(view, draft);
  // Fixed params win over sampled ones (Optuna's `_suggest`); no joint draw when all of it would be overridden.
  const needsRelative = Object.keys(relativeSpace).some((name) => !Object.hasOwn(fixed, name));
  const relative = needsRelative ? sampler.sampleRelative(view, draft, relativeSpace) : {};
  for (const [name, distribution] of Object.entries(space)) {
    if (!isActive(name, conditions, params)) continue;
    let value: ParamValue;
    if (Object.hasOwn(fixed, name)) value = checkParamValue(name, distribution, fixed[name]);
    else if (isSingle(distribution)) value = singleValue(distribution);
    else if (name in relative) value = relative[name] ?? null;
    else value = sampler.sampleIndependent(view, draft, name, distribution);
    if (!contains(distribution, toInternalOrNaN(distribution, value))) {
      throw new Error(`${sampler.name} sampler returned ${JSON.stringify(value)} for '${name}', outside ${describeDistribution(distribution)}`);
    }
    params[name] = value;
    distributions[name] = distribution;
  }
  return { params, distributions, systemAttrs: samplerAttrs };
}

function singleValue(d: Distribution): ParamValue {
  switch (d.type) {
    case 'categorical':
      return d.choices[0] ?? null;
    case 'int':
    case 'float':
      return d.low;
  }
}

function toInternalOrNaN(d: Distribution, value: ParamValue): number {
  try {
    return toInternal(d, value);
  } catch {
    return NaN;
  }
}
