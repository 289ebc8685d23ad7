/** Whether a config's space can resume the trials a journal already holds. */
import { compatible, describeDistribution } from './distributions';
import type { SearchSpace } from './samplers/sampler';
import type { FrozenTrial } from './trial';

/**
 * Refuses to resume when a parameter changed kind, scale or choices: Optuna's journal replay would
 * silently drop the new values, so the user must pick a new study instead.
 */
export function checkSpaceMatchesHistory(trials: readonly FrozenTrial[], space: SearchSpace, location: string): void {
  for (const [name, now] of Object.entries(space)) {
    const before = [...trials].reverse().find((t) => name in t.distributions)?.distributions[name];
    if (before && !compatible(before, now)) {
      throw new Error(
        `parameter '${name}' changed from ${describeDistribution(before)} to ${describeDistribution(now)} since the trials in ${location}; ` +
          'a journal cannot hold both (Optuna would drop the new values): use another study name or storage file',
      );
    }
  }
}
