/**
 * The crossovers Optuna 3.1's NSGAIISampler offers for numeric parameters (its
 * `samplers/nsgaii/_crossovers`), on parents already mapped to real vectors (numericSpace.ts). Each
 * makes one child and draws from the given stream in the same order as Optuna's.
 */
import type { Rng } from '../../rng';
import { undxChild } from './undx';

/**
 * The random draws NSGA-II makes, named after the numpy calls Optuna 3.1's NSGAIISampler makes
 * (`rng.rand()`, `rng.choice(n)`, `rng.normal(loc, scale)`), so a test can feed Optuna and Tuneboard
 * the very same stream and compare every decision.
 */
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

export type CrossoverName = 'uniform' | 'blxalpha' | 'sbx' | 'vsbx' | 'undx' | 'spx';
export const CROSSOVER_NAMES: readonly CrossoverName[] = ['uniform', 'blxalpha', 'sbx', 'vsbx', 'undx', 'spx'];

/** Each crossover's own knobs, Optuna's names and defaults. */
export interface CrossoverOptions {
  /** uniform: chance each parameter comes from the second parent (default: the sampler's swapping_prob, 0.5). */
  readonly swappingProb?: number;
  /** blxalpha: how far beyond the parents' box children may land (default 0.5). */
  readonly alpha?: number;
  /** sbx, vsbx: distribution index (default 20 with several objectives, 2 with one). */
  readonly eta?: number;
  /** undx: spread along and across the parents' line (defaults 0.5 and 0.35/√dim). */
  readonly sigmaXi?: number;
  readonly sigmaEta?: number;
  /** spx: expansion rate (default √(dim + 2)). */
  readonly epsilon?: number;
}

export interface CrossoverContext {
  readonly random: GeneticRandom;
  /** Per dimension [low, high] of the transformed space. */
  readonly bounds: readonly (readonly [number, number])[];
  readonly multiObjective: boolean;
}

export interface Crossover {
  readonly name: CrossoverName;
  readonly parents: number;
  child(parents: readonly Float64Array[], context: CrossoverContext): Float64Array;
}

export function createCrossover(name: CrossoverName, options: CrossoverOptions = {}): Crossover {
  switch (name) {
    case 'uniform': {
      const swapping = options.swappingProb ?? 0.5;
      return { name, parents: 2, child: ([a, b], { random, bounds }) => pick(randArray(random, bounds.length), (u, i) => ((u >= swapping ? b : a) as Float64Array)[i] as number) };
    }
    case 'blxalpha': {
      const alpha = options.alpha ?? 0.5;
      return {
        name,
        parents: 2,
        child: (parents, { random, bounds }) => {
          const r = randArray(random, bounds.length);
          return pick(r, (u, i) => {
            const [low, high] = extent(parents, i);
            const spread = alpha * (high - low);
            return (high + spread - (low - spread)) * u + (low - spread);
          });
        },
      };
    }
    case 'sbx':
      return { name, parents: 2, child: (parents, context) => sbxChild(parents, context, options.eta ?? (context.multiObjective ? 20 : 2)) };
    case 'vsbx':
      return { name, parents: 2, child: (parents, context) => vsbxChild(parents, context, options.eta ?? (context.multiObjective ? 20 : 2)) };
    case 'undx':
      return { name, parents: 3, child: (parents, { random, bounds }) => undxChild(parents, random, bounds.length, options.sigmaXi ?? 0.5, options.sigmaEta) };
    case 'spx':
      return { name, parents: 3, child: (parents, { random, bounds }) => spxChild(parents, random, options.epsilon ?? Math.sqrt(bounds.length + 2)) };
  }
}

function pick(draws: Float64Array, value: (u: number, i: number) => number): Float64Array {
  return Float64Array.from(draws, value);
}

function extent(parents: readonly Float64Array[], i: number): [number, number] {
  const values = parents.map((p) => p[i] as number);
  return [Math.min(...values), Math.max(...values)];
}

/** Simulated binary crossover with Optuna's bounded spread (alpha1/alpha2 keep children inside the box). */
function sbxChild(parents: readonly Float64Array[], { random, bounds }: CrossoverContext, eta: number): Float64Array {
  const n = bounds.length;
  const exponent = 1 / (eta + 1);
  const us = randArray(random, n);
  const c1 = new Float64Array(n);
  const c2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [xl, xu] = bounds[i] as readonly [number, number];
    const [low, high] = extent(parents, i);
    const diff = Math.max(high - low, 1e-10);
    const alpha1 = 2 - Math.pow(1 + (2 * (low - xl)) / diff, -(eta + 1));
    const alpha2 = 2 - Math.pow(1 + (2 * (xu - high)) / diff, -(eta + 1));
    const u = us[i] as number;
    const betaq1 = u > 1 / alpha1 ? Math.pow(1 / (2 - u * alpha1), exponent) : Math.pow(u * alpha1, exponent);
    const betaq2 = u > 1 / alpha2 ? Math.pow(1 / (2 - u * alpha2), exponent) : Math.pow(u * alpha2, exponent);
    c1[i] = 0.5 * (low + high - betaq1 * diff);
    c2[i] = 0.5 * (low + high + betaq2 * diff);
  }
  return chooseGenes(random, c1, c2, parents);
}

/** vSBX (Ballester and Carter): SBX without the excluded middle region. */
function vsbxChild(parents: readonly Float64Array[], { random, bounds }: CrossoverContext, eta: number): Float64Array {
  const n = bounds.length;
  const exponent = 1 / (eta + 1);
  const us = randArray(random, n);
  const [x1, x2] = parents as [Float64Array, Float64Array];
  const c1 = new Float64Array(n);
  const c2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = us[i] as number;
    const beta1 = Math.pow(0.5 * u, exponent);
    const beta2 = Math.pow(0.5 * (1 - u), exponent);
    const [a, b] = [x1[i] as number, x2[i] as number];
    const swap = u > 0.5;
    c1[i] = swap ? 0.5 * ((1 - beta1) * a + (1 + beta1) * b) : 0.5 * ((1 + beta1) * a + (1 - beta1) * b);
    c2[i] = swap ? 0.5 * (-(1 - beta2) * a + (3 - beta2) * b) : 0.5 * ((3 - beta2) * a - (1 - beta2) * b);
  }
  return chooseGenes(random, c1, c2, parents);
}

/** Optuna's one-child SBX: per gene, half the time a crossed value (c1 or c2), else a parent's. */
function chooseGenes(random: GeneticRandom, c1: Float64Array, c2: Float64Array, parents: readonly Float64Array[]): Float64Array {
  const [x1, x2] = parents as [Float64Array, Float64Array];
  return Float64Array.from(c1, (_, i) => {
    if (random.rand() < 0.5) return (random.rand() < 0.5 ? c1[i] : c2[i]) as number;
    return (random.rand() < 0.5 ? x1[i] : x2[i]) as number;
  });
}

/** Simplex crossover (Tsutsui et al.): a uniform point of the parents' simplex expanded by epsilon. */
function spxChild(parents: readonly Float64Array[], random: GeneticRandom, epsilon: number): Float64Array {
  const n = (parents[0] as Float64Array).length;
  const k = parents.length - 1;
  const center = Float64Array.from({ length: n }, (_, i) => parents.reduce((sum, p) => sum + (p[i] as number), 0) / parents.length);
  const rs = Float64Array.from(randArray(random, k), (u, j) => Math.pow(u, 1 / (j + 1)));
  const expanded = parents.map((p) => Float64Array.from(p, (v, i) => (center[i] as number) + epsilon * (v - (center[i] as number))));
  let offset = new Float64Array(n);
  for (let j = 1; j <= k; j++) {
    const previous = expanded[j - 1] as Float64Array;
    const current = expanded[j] as Float64Array;
    offset = Float64Array.from(offset, (c, i) => (rs[j - 1] as number) * ((previous[i] as number) - (current[i] as number) + c));
  }
  const last = expanded[k] as Float64Array;
  return Float64Array.from(last, (v, i) => v + (offset[i] as number));
}
