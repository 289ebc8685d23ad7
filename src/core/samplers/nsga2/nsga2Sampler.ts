/**
 * NSGA-II (Deb et al. 2002) by Optuna 3.1's NSGAIISampler rules. Trials are sampled in generations
 * of `population_size` (population.ts): the first at random, each later one from the elite of the
 * generations before it. A child takes a crossover of tournament-chosen parents with probability
 * `crossover_prob` (else a copy of one random parent), then each param is redrawn at random with
 * probability `mutation_prob` (default 1 / number of params); params outside the intersection
 * search space are drawn at random too. A trial's generation is written on it when it is created
 * (`beforeTrial`, as Optuna writes `nsga2:generation`).
 *
 * Constraints: the study's trials carry their values in the `constraints` system attr (Optuna's
 * `constraints_func` result). Optuna uses constrained domination when it is given a constraints_func;
 * here, unless `constrained` says otherwise, when any complete trial carries constraint values.
 */
import { isSingle, type Distribution, type ParamValue } from '../../distributions';
import { constrainedDominates, trialDominates } from '../../multiObjective/dominance';
import { constraintValues } from '../../studyView/trialAttrs';
import { Rng } from '../../rng';
import type { Direction, FrozenTrial, JsonValue } from '../../trial';
import { IntersectionSearchSpace } from '../intersectionSearchSpace';
import { RandomSampler } from '../random';
import type { Sampler, SearchSpace, StudyView } from '../sampler';
import { createCrossover, geneticRandomFrom, type Crossover, type CrossoverName, type CrossoverOptions, type GeneticRandom } from './crossovers';
import { crossoverChild } from './offspring';
import { GENERATION_ATTR, ParentPopulations, type ParentPopulation } from './population';

export interface NsgaIISamplerOptions {
  readonly seed?: number;
  readonly population_size?: number;
  /** Chance each param is redrawn at random; default 1 / the number of params. */
  readonly mutation_prob?: number;
  readonly crossover?: CrossoverName;
  /** Knobs of the chosen crossover (alpha, eta, …), Optuna's defaults when left out. */
  readonly crossoverOptions?: Omit<CrossoverOptions, 'swappingProb'>;
  readonly crossover_prob?: number;
  readonly swapping_prob?: number;
  /** Constrained domination on or off; default: on once a complete trial carries constraint values. */
  readonly constrained?: boolean;
  /** The stream for the genetic decisions (tests replay Optuna's); default: seeded from `seed`. */
  readonly geneticRandom?: GeneticRandom;
}

export class NsgaIISampler implements Sampler {
  readonly name = 'nsga2';
  readonly populationSize: number;
  private readonly mutationProb: number | null;
  private readonly crossover: Crossover;
  private readonly crossoverProb: number;
  private readonly swappingProb: number;
  private readonly constrained: boolean | undefined;
  private readonly random: GeneticRandom;
  private readonly randomSampler: RandomSampler;
  /** The directions of the study being sampled, set at each call; the dominance tests read them. */
  private directions: readonly Direction[] = ['minimize'];
  private readonly plainBetter = (a: FrozenTrial, b: FrozenTrial): boolean => trialDominates(this.directions, a, b);
  private readonly constrainedBetter = (a: FrozenTrial, b: FrozenTrial): boolean => constrainedDominates(this.directions, a, b);
  private readonly populations: { readonly plain: ParentPopulations; readonly constrained: ParentPopulations };
  private intersection = new IntersectionSearchSpace();
  private intersectionStudy: string | null = null;

  constructor(options: NsgaIISamplerOptions = {}) {
    this.populationSize = options.population_size ?? 50;
    this.mutationProb = options.mutation_prob ?? null;
    this.crossoverProb = options.crossover_prob ?? 0.9;
    this.swappingProb = options.swapping_prob ?? 0.5;
    this.crossover = createCrossover(options.crossover ?? 'uniform', { ...options.crossoverOptions, swappingProb: this.swappingProb });
    checkOptions(this.populationSize, this.crossover, { mutation_prob: this.mutationProb, crossover_prob: this.crossoverProb, swapping_prob: this.swappingProb });
    this.constrained = options.constrained;
    const rng = new Rng(options.seed);
    this.randomSampler = new RandomSampler({ rng: rng.fork() });
    this.random = options.geneticRandom ?? geneticRandomFrom(rng.fork());
    this.populations = {
      plain: new ParentPopulations(this.populationSize, this.plainBetter),
      constrained: new ParentPopulations(this.populationSize, this.constrainedBetter),
    };
  }

  /** The new trial's generation: one past the last complete generation (0 while none is). */
  beforeTrial(study: StudyView): Readonly<Record<string, JsonValue>> {
    return { [GENERATION_ATTR]: this.parentPopulation(study).generation + 1 };
  }

  inferRelativeSearchSpace(study: StudyView): SearchSpace {
    if (this.intersectionStudy !== study.name) {
      this.intersection = new IntersectionSearchSpace();
      this.intersectionStudy = study.name;
    }
    // Optuna's default IntersectionSearchSpace leaves pruned trials out; single-valued params are drawn one by one.
    const space: Record<string, Distribution> = {};
    for (const [name, d] of Object.entries(this.intersection.calculate(study.getTrials(['complete', 'running', 'waiting'])))) if (!isSingle(d)) space[name] = d;
    return space;
  }

  sampleRelative(study: StudyView, _trial: FrozenTrial, space: SearchSpace): Record<string, ParamValue> {
    const { generation, population } = this.parentPopulation(study);
    if (generation < 0 || Object.keys(space).length === 0) return {};
    let child: Record<string, ParamValue> | null;
    if (this.random.rand() < this.crossoverProb) {
      const better = this.isConstrained(study) ? this.constrainedBetter : this.plainBetter;
      child = crossoverChild(population, space, { crossover: this.crossover, random: this.random, swappingProb: this.swappingProb, better, multiObjective: study.directions.length > 1 });
    } else {
      const parent = population[this.random.choice(population.length)] as FrozenTrial;
      child = Object.fromEntries(Object.keys(space).map((name) => [name, parent.params[name] ?? null]));
    }
    if (child === null) return {};
    const names = Object.keys(child);
    const mutationProb = this.mutationProb ?? 1 / Math.max(1, names.length);
    const kept: Record<string, ParamValue> = {};
    // Every param draws, in the child's order, whether it is kept or left to a random draw.
    for (const name of names) if (this.random.rand() >= mutationProb) kept[name] = child[name] ?? null;
    return kept;
  }

  sampleIndependent(study: StudyView, trial: FrozenTrial, name: string, distribution: Distribution): ParamValue {
    return this.randomSampler.sampleIndependent(study, trial, name, distribution);
  }

  /** The parents of the generation being sampled (and which generation they close). */
  parentPopulation(study: StudyView): ParentPopulation {
    this.directions = study.directions;
    const trials = study.getTrials();
    return (this.isConstrained(study, trials) ? this.populations.constrained : this.populations.plain).of(trials);
  }

  private isConstrained(study: StudyView, trials: readonly FrozenTrial[] = study.getTrials(['complete'])): boolean {
    return this.constrained ?? trials.some((t) => t.state === 'complete' && constraintValues(t) !== null);
  }
}

function checkOptions(populationSize: number, crossover: Crossover, probabilities: Readonly<Record<string, number | null>>): void {
  if (!Number.isInteger(populationSize) || populationSize < 2) throw new RangeError(`population_size must be an integer ≥ 2, got ${populationSize}`);
  if (populationSize < crossover.parents) {
    throw new RangeError(`the ${crossover.name} crossover takes ${crossover.parents} parents, so population_size must be at least ${crossover.parents}, got ${populationSize}`);
  }
  for (const [name, p] of Object.entries(probabilities)) {
    if (p !== null && !(p >= 0 && p <= 1)) throw new RangeError(`${name} must be within [0, 1], got ${p}`);
  }
}
