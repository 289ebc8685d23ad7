/**
 * How the editor offers a multi-objective study's Pareto front where a single-objective study offers
 * its best trial (Apply, Copy and Insert pickers, code hints): the front itself is paretoRanking's
 * (`ParetoRanking.front`); this only orders it for a list a person reads and names each trial's values.
 */
import type { Direction } from '../trial';
import { formatValue } from './format';

/** What a front trial needs here: its number and one value per objective. */
export interface FrontMember {
  readonly number: number;
  readonly values: readonly number[] | null;
}

/**
 * The front by its first objective, best first (then the second, and so on; ties by number): along a
 * two-objective front this walks from one end of the trade-off to the other.
 */
export function frontInObjectiveOrder<T extends FrontMember>(front: readonly T[], directions: readonly Direction[]): T[] {
  return [...front].sort((a, b) => {
    for (let i = 0; i < directions.length; i++) {
      const x = a.values?.[i] ?? NaN;
      const y = b.values?.[i] ?? NaN;
      if (x === y || (Number.isNaN(x) && Number.isNaN(y))) continue;
      if (Number.isNaN(x)) return 1;
      if (Number.isNaN(y)) return -1;
      const better = directions[i] === 'maximize' ? x > y : x < y;
      return better ? -1 : 1;
    }
    return a.number - b.number;
  });
}

/** `val_accuracy = 0.91, parameter_count = 12000`: every objective's value, named (`values_<i>` without a name). */
export function formatObjectiveValues(values: readonly number[] | null, metrics: readonly string[]): string {
  if (values === null) return '-';
  return values.map((value, i) => `${metrics[i] ?? `values_${i}`} = ${formatValue(value)}`).join(', ');
}

/** Why a study offers no params: no best trial yet, or (several objectives) no Pareto front yet. */
export function noParamsReason(multiObjective: boolean): string {
  return multiObjective ? 'no feasible complete trial yet, so no Pareto front' : 'no complete trial yet, so no best params';
}
