/**
 * Generations, as Optuna 3.1's NSGAIISampler keeps them: each trial it samples carries its
 * generation in the system attr `nsga2:generation`. Generation g is complete once `populationSize`
 * of its trials are COMPLETE; its elite (those trials plus the previous elite, cut back to
 * `populationSize` by non-dominated rank, then crowding distance within the rank that overflows) is
 * the parent population of generation g + 1. Trials of other states never take part.
 */
import { sortByCrowdingDistance } from '../../multiObjective/crowding';
import { valuesOf } from '../../multiObjective/dominance';
import { fastNonDominatedSort } from '../../multiObjective/nonDominatedSort';
import type { FrozenTrial } from '../../trial';

export const GENERATION_ATTR = 'nsga2:generation';

export interface ParentPopulation {
  /** The last complete generation, -1 before the first is complete. */
  readonly generation: number;
  /** Its elite, the parents of the next generation (empty before the first). */
  readonly population: readonly FrozenTrial[];
}

export type Better = (a: FrozenTrial, b: FrozenTrial) => boolean;

/** A trial's generation, or null for a trial NSGA-II did not sample. */
export function generationOf(trial: FrozenTrial): number | null {
  const generation = trial.systemAttrs[GENERATION_ATTR];
  return typeof generation === 'number' && Number.isInteger(generation) ? generation : null;
}

/**
 * Remembers each generation's elite by what it was chosen from, so asks within a generation do not
 * sort the same trials again; a changed generation (a late trial completed) is chosen afresh.
 */
export class ParentPopulations {
  private readonly elites = new Map<number, { readonly key: string; readonly elite: readonly FrozenTrial[] }>();

  constructor(
    private readonly populationSize: number,
    private readonly better: Better,
  ) {}

  of(trials: readonly FrozenTrial[]): ParentPopulation {
    const byGeneration = new Map<number, FrozenTrial[]>();
    for (const trial of trials) {
      const generation = generationOf(trial);
      if (generation === null || trial.state !== 'complete') continue;
      const members = byGeneration.get(generation) ?? [];
      members.push(trial);
      byGeneration.set(generation, members);
    }
    let parents: readonly FrozenTrial[] = [];
    let generation = -1;
    for (;;) {
      const members = byGeneration.get(generation + 1) ?? [];
      // With parallel workers a generation may end up with more than populationSize members.
      if (members.length < this.populationSize) break;
      generation++;
      const candidates = [...members, ...parents];
      const key = candidates.map((t) => t.number).join(',');
      const cached = this.elites.get(generation);
      if (cached?.key === key) {
        parents = cached.elite;
      } else {
        parents = selectElite(candidates, this.populationSize, this.better);
        this.elites.set(generation, { key, elite: parents });
      }
    }
    return { generation, population: parents };
  }
}

/** Optuna's `_select_elite_population`: whole ranks while they fit, the overflowing rank by crowding distance. */
export function selectElite(candidates: readonly FrozenTrial[], populationSize: number, better: Better): FrozenTrial[] {
  const elite: FrozenTrial[] = [];
  for (const rank of fastNonDominatedSort(candidates, better)) {
    if (elite.length + rank.length < populationSize) {
      elite.push(...rank);
      continue;
    }
    const crowded = sortByCrowdingDistance(rank.map((trial) => ({ trial, values: valuesOf(trial) ?? [] })));
    elite.push(...crowded.slice(0, populationSize - elite.length).map((member) => member.trial));
    break;
  }
  return elite;
}
