/**
 * Optuna 3.1's `_GroupDecomposedSearchSpace` (include_pruned=True), which multivariate TPE uses with
 * `group: true`: the params of the finished (complete or pruned) trials split into groups of params
 * that always appear together. Each trial's param set refines the groups: a group splits into the part
 * the trial has and the part it lacks, and the trial's params no group holds yet form a new group.
 * In a conditional space this gives one group per branch (`sgd`'s momentum and nesterov, `adam`'s
 * beta1, …) besides the group of always-active params, and TPE samples each group jointly.
 *
 * Incremental: a finished trial never changes, and folding a trial in twice changes nothing, so each
 * call folds in only the trials that finished since the last one.
 */
import type { Distribution } from '../distributions';
import type { FrozenTrial } from '../trial';
import type { SearchSpace } from './sampler';

export class GroupDecomposedSearchSpace {
  private groups: Record<string, Distribution>[] = [];
  private readonly folded = new Set<number>();

  /** The groups after folding in the finished trials of `trials` (in number order), each a fresh copy. */
  calculate(trials: readonly FrozenTrial[]): SearchSpace[] {
    for (const trial of trials) {
      if ((trial.state !== 'complete' && trial.state !== 'pruned') || this.folded.has(trial.number)) continue;
      this.folded.add(trial.number);
      this.groups = refineGroups(this.groups, trial.distributions);
    }
    return this.groups.map((group) => ({ ...group }));
  }
}

/**
 * Optuna's `_SearchSpaceGroup.add_distributions`: each group splits into the names the trial has and
 * the names it lacks (in that order), then the trial's names no group held become a group of their
 * own, with the trial's distributions; empty groups are dropped. A name keeps the distribution of the
 * first trial that had it.
 */
export function refineGroups(groups: readonly Readonly<Record<string, Distribution>>[], distributions: SearchSpace): Record<string, Distribution>[] {
  const unseen = new Set(Object.keys(distributions));
  const next: Record<string, Distribution>[] = [];
  for (const group of groups) {
    const shared: Record<string, Distribution> = {};
    const rest: Record<string, Distribution> = {};
    for (const [name, distribution] of Object.entries(group)) {
      if (Object.hasOwn(distributions, name)) shared[name] = distribution;
      else rest[name] = distribution;
      unseen.delete(name);
    }
    next.push(shared, rest);
  }
  const fresh: Record<string, Distribution> = {};
  for (const name of unseen) fresh[name] = distributions[name] as Distribution;
  next.push(fresh);
  return next.filter((group) => Object.keys(group).length > 0);
}
