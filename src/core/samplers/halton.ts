/**
 * The Halton sequence: dimension j is the radical inverse of the point index in the j-th prime base
 * (the index's base-b digits mirrored behind the radix point). Unscrambled, its points equal
 * scipy.stats.qmc.Halton(scramble=False)'s. Scrambled, as scipy's Halton(scramble=True), each digit
 * position of each base gets its own random permutation of the digits 0…b−1, applied to every point
 * (leading zeros included): this breaks the strong correlation between high bases in unscrambled Halton
 * while b^m points still fill every interval of width b^−m once.
 */
import { mixSeed, Rng } from '../rng';
import type { LowDiscrepancySequence, SequenceOptions } from './sobol';

/** Largest value below 1, where rounding a scrambled sum could otherwise land on 1 itself. */
const BELOW_ONE = 1 - 2 ** -53;

export class HaltonSequence implements LowDiscrepancySequence {
  readonly bases: readonly number[];
  /** Per dimension, one digit permutation per digit position; null when unscrambled. */
  private readonly permutations: (Uint16Array[] | null)[];

  constructor(
    readonly dimension: number,
    options: SequenceOptions = {},
  ) {
    if (!Number.isInteger(dimension) || dimension < 1) throw new RangeError(`Halton dimension must be a positive integer, got ${dimension}`);
    const scramble = options.scramble ?? true;
    const seed = options.seed ?? new Rng().nextUint32();
    this.bases = firstPrimes(dimension);
    // One stream per dimension, so a dimension's scramble does not depend on how many there are.
    this.permutations = this.bases.map((base, dim) => (scramble ? digitPermutations(base, new Rng(mixSeed(seed, dim + 1))) : null));
  }

  point(index: number): number[] {
    if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`Halton point index must be a non-negative integer, got ${index}`);
    return this.bases.map((base, dim) => radicalInverse(index, base, this.permutations[dim] ?? null));
  }
}

/**
 * Σ_j π_j(d_j) · b^−(j+1) over the base-b digits d_j of `index` (least significant first), with π_j
 * the identity when unscrambled. Scrambled sums run over every permuted position, since a permuted
 * leading zero is not zero; they are added from the deepest digit up, for accuracy.
 */
export function radicalInverse(index: number, base: number, permutations: readonly Uint16Array[] | null): number {
  const digits: number[] = [];
  for (let rest = index; rest > 0; rest = Math.floor(rest / base)) digits.push(rest % base);
  const positions = permutations ? Math.max(permutations.length, digits.length) : digits.length;
  let value = 0;
  for (let j = positions - 1; j >= 0; j--) {
    const digit = digits[j] ?? 0;
    value = ((permutations?.[j]?.[digit] ?? digit) + value) / base;
  }
  return Math.min(value, BELOW_ONE);
}

/** scipy's count of permuted digit positions, enough to fill a double's 53 bits in base b. */
function digitPositions(base: number): number {
  return Math.ceil(54 / Math.log2(base)) - 1;
}

function digitPermutations(base: number, rng: Rng): Uint16Array[] {
  return Array.from({ length: digitPositions(base) }, () => {
    const permutation = Uint16Array.from({ length: base }, (_, i) => i);
    for (let i = base - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [permutation[i], permutation[j]] = [permutation[j] as number, permutation[i] as number];
    }
    return permutation;
  });
}

/** The first `count` primes, by trial division (a study has tens of parameters, not thousands). */
export function firstPrimes(count: number): number[] {
  const primes: number[] = [];
  for (let candidate = 2; primes.length < count; candidate++) {
    if (primes.every((p) => p * p > candidate || candidate % p !== 0)) primes.push(candidate);
  }
  return primes;
}
