/**
 * The Sobol low-discrepancy sequence in base 2 with Joe & Kuo's direction numbers, in scipy's
 * Gray-code order: unscrambled, its points equal scipy.stats.qmc.Sobol(scramble=False)'s.
 *
 * Points are random-access: point n is the XOR of the direction numbers picked by the bits of the
 * Gray code of n, so a sampler can ask for point `trial.number` without replaying the sequence.
 * Scrambling follows scipy's Sobol(scramble=True): per dimension a random linear matrix scramble
 * (a lower-triangular binary matrix with unit diagonal applied to every direction number) and a random
 * digital shift. Both keep the net structure (2^m points still fill every elementary interval) while
 * making each point uniform on [0, 1)^d, so seeds give independent, unbiased replicates.
 */
import { mixSeed, Rng } from '../rng';
import { JOE_KUO_DIRECTIONS } from './sobolDirections';

/** Bits per coordinate: 2^32 points per sequence, far past any study's trial count. */
const BITS = 32;
const TWO_POW_BITS = 2 ** BITS;

/** Dimensions the bundled direction numbers cover. */
export const SOBOL_MAX_DIMENSION = JOE_KUO_DIRECTIONS.length + 1;

export interface SequenceOptions {
  /** Randomise the sequence (default true); an unscrambled sequence ignores the seed. */
  readonly scramble?: boolean;
  /** Seed of the scramble; a random one when absent. */
  readonly seed?: number;
}

/** What the QMC sampler needs of a sequence: its i-th point, each coordinate in [0, 1). */
export interface LowDiscrepancySequence {
  readonly dimension: number;
  point(index: number): number[];
}

export class SobolSequence implements LowDiscrepancySequence {
  /** Per dimension, the 32 direction numbers (already scrambled when scrambling). */
  private readonly directions: Uint32Array[] = [];
  /** Per dimension, the digital shift XORed into every point (0 unscrambled). */
  private readonly shifts: number[] = [];

  constructor(
    readonly dimension: number,
    options: SequenceOptions = {},
  ) {
    if (!Number.isInteger(dimension) || dimension < 1 || dimension > SOBOL_MAX_DIMENSION) {
      throw new RangeError(`Sobol dimension must be an integer in [1, ${SOBOL_MAX_DIMENSION}], got ${dimension}`);
    }
    const scramble = options.scramble ?? true;
    const seed = options.seed ?? new Rng().nextUint32();
    for (let dim = 0; dim < dimension; dim++) {
      const directions = directionNumbers(dim);
      let shift = 0;
      if (scramble) {
        // One stream per dimension, so a dimension's scramble does not depend on how many there are.
        const rng = new Rng(mixSeed(seed, dim + 1));
        const rows = randomLowerTriangular(rng);
        for (let k = 0; k < BITS; k++) directions[k] = multiplyGf2(rows, directions[k] as number);
        shift = rng.nextUint32();
      }
      this.directions.push(directions);
      this.shifts.push(shift);
    }
  }

  point(index: number): number[] {
    if (!Number.isSafeInteger(index) || index < 0 || index >= TWO_POW_BITS) {
      throw new RangeError(`Sobol point index must be an integer in [0, 2^${BITS}), got ${index}`);
    }
    const gray = (index ^ (index >>> 1)) >>> 0;
    return this.directions.map((directions, dim) => {
      let bits = this.shifts[dim] as number;
      for (let k = 0, rest = gray; rest !== 0; k++, rest >>>= 1) {
        if (rest & 1) bits ^= directions[k] as number;
      }
      return (bits >>> 0) / TWO_POW_BITS;
    });
  }
}

/**
 * The direction numbers V_1…V_32 of one dimension (0-based), as 32-bit integers V_k = m_k · 2^(32−k),
 * by Joe & Kuo's recurrence V_k = V_{k−s} ⊕ (V_{k−s} ≫ s) ⊕ a_1·V_{k−1} ⊕ … ⊕ a_{s−1}·V_{k−s+1}.
 */
export function directionNumbers(dim: number): Uint32Array {
  const v = new Uint32Array(BITS);
  if (dim === 0) {
    // The first dimension is the van der Corput sequence: every m_k = 1.
    for (let k = 0; k < BITS; k++) v[k] = 2 ** (BITS - 1 - k);
    return v;
  }
  const row = JOE_KUO_DIRECTIONS[dim - 1];
  if (!row) throw new RangeError(`no Sobol direction numbers for dimension ${dim + 1}`);
  const [degree = 0, coefficients = 0, ...initial] = row;
  for (let k = 0; k < BITS; k++) {
    if (k < degree) {
      v[k] = (initial[k] as number) * 2 ** (BITS - 1 - k);
      continue;
    }
    let value = (v[k - degree] as number) ^ ((v[k - degree] as number) >>> degree);
    for (let j = 1; j < degree; j++) {
      if ((coefficients >>> (degree - 1 - j)) & 1) value ^= v[k - j] as number;
    }
    v[k] = value >>> 0;
  }
  return v;
}

/**
 * Rows of a random lower-triangular 32×32 binary matrix with unit diagonal, row i as a bit mask over
 * the input bits (bit 31 = the most significant digit). Output digit i then depends on input digits
 * 1…i only, which is what keeps the leading m digits of 2^m points a permutation of each other.
 */
function randomLowerTriangular(rng: Rng): Uint32Array {
  const rows = new Uint32Array(BITS);
  for (let i = 0; i < BITS; i++) {
    const moreSignificant = i === 0 ? 0 : (0xffffffff << (BITS - i)) >>> 0;
    rows[i] = (2 ** (BITS - 1 - i) + ((rng.nextUint32() & moreSignificant) >>> 0)) >>> 0;
  }
  return rows;
}

/** The matrix (given by rows) times a bit vector, over GF(2). */
function multiplyGf2(rows: Uint32Array, vector: number): number {
  let out = 0;
  for (let i = 0; i < BITS; i++) {
    if (parity((rows[i] as number) & vector)) out += 2 ** (BITS - 1 - i);
  }
  return out;
}

function parity(x: number): number {
  let v = x >>> 0;
  v ^= v >>> 16;
  v ^= v >>> 8;
  v ^= v >>> 4;
  v ^= v >>> 2;
  v ^= v >>> 1;
  return v & 1;
}
