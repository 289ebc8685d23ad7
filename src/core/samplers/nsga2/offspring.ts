/**
 * One child's params from a parent population, as Optuna 3.1's `perform_crossover`: parents by binary
 * tournament (two drawn at random, the dominating one wins, else the second), categorical params by
 * uniform crossover of the first and last parent, numeric params by the chosen crossover in the
 * transformed space. A child outside the space (a numeric value below its range) is thrown away and
 * new parents drawn, as Optuna does; after MAX_ATTEMPTS the child is given up (every param is then
 * drawn at random), where Optuna would keep trying.
 */
import { contains, toInternal, type Distribution, type ParamValue } from '../../distributions';
import type { FrozenTrial } from '../../trial';
import type { SearchSpace } from '../sampler';
import { randArray, type Crossover, type GeneticRandom } from './crossovers';
import { isNumeric, NumericSpace, type NumericDistribution } from './numericSpace';

const MAX_ATTEMPTS = 10_000;

export interface OffspringSetup {
  readonly crossover: Crossover;
  readonly random: GeneticRandom;
  /** Chance that a categorical param comes from the last parent. */
  readonly swappingProb: number;
  /** `better(a, b)`: a (constrained-)dominates b. */
  readonly better: (a: FrozenTrial, b: FrozenTrial) => boolean;
  readonly multiObjective: boolean;
}

/** The child's params: categorical ones first, then numeric ones, each group in space order (Optuna's order). */
export function crossoverChild(population: readonly FrozenTrial[], space: SearchSpace, setup: OffspringSetup): Record<string, ParamValue> | null {
  const categorical = Object.keys(space).filter((name) => !isNumeric(space[name] as Distribution));
  const numericSpace: Record<string, NumericDistribution> = {};
  for (const [name, d] of Object.entries(space)) if (isNumeric(d)) numericSpace[name] = d;
  const numeric = Object.keys(numericSpace).length > 0 ? new NumericSpace(numericSpace) : null;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const parents = selectParents(population, setup.crossover.parents, setup);
    const child: Record<string, ParamValue> = {};
    if (categorical.length > 0) {
      const [first, last] = [parents[0] as FrozenTrial, parents[parents.length - 1] as FrozenTrial];
      const draws = randArray(setup.random, categorical.length);
      categorical.forEach((name, i) => (child[name] = ((draws[i] as number) >= setup.swappingProb ? last : first).params[name] ?? null));
    }
    if (numeric) {
      const points = parents.map((p) => numeric.encode(p.params));
      const point = setup.crossover.child(points, { random: setup.random, bounds: numeric.bounds, multiObjective: setup.multiObjective });
      Object.assign(child, numeric.decode(point));
    }
    if (isContained(child, space)) return child;
  }
  return null;
}

/** `count` distinct parents, each the winner of a tournament among those not chosen yet. */
export function selectParents(population: readonly FrozenTrial[], count: number, setup: Pick<OffspringSetup, 'random' | 'better'>): FrozenTrial[] {
  const parents: FrozenTrial[] = [];
  for (let i = 0; i < count; i++) {
    const candidates = population.filter((t) => !parents.includes(t));
    parents.push(tournament(candidates, setup));
  }
  return parents;
}

function tournament(candidates: readonly FrozenTrial[], { random, better }: Pick<OffspringSetup, 'random' | 'better'>): FrozenTrial {
  const first = candidates[random.choice(candidates.length)] as FrozenTrial;
  const second = candidates[random.choice(candidates.length)] as FrozenTrial;
  return better(first, second) ? first : second;
}

function isContained(params: Readonly<Record<string, ParamValue>>, space: SearchSpace): boolean {
  return Object.entries(params).every(([name, value]) => {
    const d = space[name] as Distribution;
    try {
      return contains(d, toInternal(d, value));
    } catch {
      return false;
    }
  });
}
