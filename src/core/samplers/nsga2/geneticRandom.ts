/**
 * The random draws NSGA-II makes, named after the numpy calls Optuna 3.1's NSGAIISampler makes
 * (`rng.rand()`, `rng.choice(n)`, `rng.normal(loc, scale)`), so a test can feed Optuna and Tuneboard
 * the very same stream and compare every decision.
 */
import type { Rng } from '../../rng';

export interface GeneticRandom {
  /** Uniform in [0, 1). */
  rand(): number;
  /** Uniform integer in [0, n). */
  choice(n: number): number;
  /** Normal with mean `loc` and standard deviation `scale`. */
  normal(loc: number, scale: number): number;
}

/** `count` uniform draws, in order (numpy's `rng.rand(count)`). */
export function randArray(random: GeneticRandom, count: number): Float64Array {
  const draws = new Float64Array(count);
  for (let i = 0; i < count; i++) draws[i] = random.rand();
  return draws;
}

/** The seeded stream a sampler uses in a study. */
export function geneticRandomFrom(rng: Rng): GeneticRandom {
  return {
    rand: () => rng.random(),
    choice: (n) => rng.int(0, n - 1),
    normal: (loc, scale) => loc + scale * rng.normal(),
  };
}
