/**
 * The low-discrepancy sequences behind the qmc sampler: Sobol against scipy's published points and
 * its net (balance) property, scrambling, discrepancy against random points, and Halton's radical
 * inverses. With scipy on /usr/bin/python3, unscrambled Sobol is compared with scipy point for point.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { Rng } from '../../../src/core/rng';
import { HaltonSequence } from '../../../src/core/samplers/halton';
import { SOBOL_MAX_DIMENSION, SobolSequence, type LowDiscrepancySequence } from '../../../src/core/samplers/sobol';

const PYTHON = '/usr/bin/python3';

function take(sequence: LowDiscrepancySequence, count: number, start = 0): number[][] {
  return Array.from({ length: count }, (_, i) => sequence.point(start + i));
}

/** Hickernell's centered L2 discrepancy, squared (scipy.stats.qmc.discrepancy(method='CD')). */
function centeredL2Discrepancy(points: readonly (readonly number[])[]): number {
  const n = points.length;
  const d = points[0]?.length ?? 0;
  let single = 0;
  for (const x of points) single += x.reduce((p, v) => p * (1 + 0.5 * Math.abs(v - 0.5) - 0.5 * (v - 0.5) ** 2), 1);
  let pairs = 0;
  for (const x of points) {
    for (const y of points) {
      pairs += x.reduce((p, u, k) => {
        const v = y[k] as number;
        return p * (1 + 0.5 * Math.abs(u - 0.5) + 0.5 * Math.abs(v - 0.5) - 0.5 * Math.abs(u - v));
      }, 1);
    }
  }
  return (13 / 12) ** d - (2 / n) * single + pairs / (n * n);
}

/** Asserts that the points' coordinate `dim` falls once into each of the `cells` intervals of [0, 1). */
function assertOnePerCell(points: readonly (readonly number[])[], dim: number, cells: number, label: string): void {
  const seen = new Set<number>();
  for (const point of points) seen.add(Math.floor((point[dim] as number) * cells));
  assert.equal(seen.size, cells, `${label}: ${points.length} points fill only ${seen.size} of ${cells} intervals in dimension ${dim + 1}`);
}

describe('SobolSequence', () => {
  it("starts with scipy's unscrambled points (Sobol(3, scramble=False).random(8))", () => {
    const expected = [
      [0, 0, 0],
      [0.5, 0.5, 0.5],
      [0.75, 0.25, 0.25],
      [0.25, 0.75, 0.75],
      [0.375, 0.375, 0.625],
      [0.875, 0.875, 0.125],
      [0.625, 0.125, 0.875],
      [0.125, 0.625, 0.375],
    ];
    assert.deepEqual(take(new SobolSequence(3, { scramble: false }), 8), expected);
  });

  it('puts 2^m points once into each interval of width 2^-m, in every dimension, scrambled or not', () => {
    for (const options of [{ scramble: false }, { seed: 1 }, { seed: 99 }]) {
      const points = take(new SobolSequence(SOBOL_MAX_DIMENSION, options), 1024);
      for (let m = 1; m <= 10; m++) {
        const first = points.slice(0, 2 ** m);
        for (let dim = 0; dim < SOBOL_MAX_DIMENSION; dim++) assertOnePerCell(first, dim, 2 ** m, JSON.stringify(options));
      }
    }
  });

  it('makes the first two dimensions a (0, m, 2)-net: one point in every 2^-a × 2^-(m-a) box', () => {
    const points = take(new SobolSequence(2, { seed: 5 }), 256);
    for (let a = 0; a <= 8; a++) {
      const boxes = new Set(points.map(([x = 0, y = 0]) => `${Math.floor(x * 2 ** a)},${Math.floor(y * 2 ** (8 - a))}`));
      assert.equal(boxes.size, 256, `boxes 2^-${a} × 2^-${8 - a}`);
    }
  });

  it('keeps scrambled points in [0, 1), the same for a seed and different across seeds', () => {
    const a = take(new SobolSequence(8, { seed: 11 }), 512);
    assert.ok(a.flat().every((u) => u >= 0 && u < 1));
    assert.deepEqual(take(new SobolSequence(8, { seed: 11 }), 512), a);
    const b = take(new SobolSequence(8, { seed: 12 }), 512);
    assert.ok(a.every((point, i) => point.every((u, k) => u !== b[i]?.[k])), 'two seeds share a coordinate');
    assert.notDeepEqual(a, take(new SobolSequence(8, { scramble: false }), 512));
  });

  it("scrambles each dimension the same whatever the sequence's dimension", () => {
    const narrow = take(new SobolSequence(3, { seed: 4 }), 64);
    const wide = take(new SobolSequence(20, { seed: 4 }), 64);
    assert.deepEqual(wide.map((p) => p.slice(0, 3)), narrow);
  });

  it('jumps to any index: point n does not depend on the points before it', () => {
    const sequence = new SobolSequence(6, { seed: 2 });
    const all = take(sequence, 300);
    assert.deepEqual(new SobolSequence(6, { seed: 2 }).point(299), all[299]);
    assert.ok(sequence.point(2 ** 32 - 1).every((u) => u >= 0 && u < 1));
    assert.throws(() => sequence.point(2 ** 32), RangeError);
    assert.throws(() => new SobolSequence(SOBOL_MAX_DIMENSION + 1), /dimension/);
  });

  it('has a far lower centered L2 discrepancy than random points (256 points, 5 dimensions)', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = new Rng(seed);
      const random = centeredL2Discrepancy(Array.from({ length: 256 }, () => Array.from({ length: 5 }, () => rng.random())));
      const sobol = centeredL2Discrepancy(take(new SobolSequence(5, { seed }), 256));
      const halton = centeredL2Discrepancy(take(new HaltonSequence(5, { seed }), 256));
      assert.ok(sobol < random / 5, `seed ${seed}: Sobol ${sobol} vs random ${random}`);
      assert.ok(halton < random / 3, `seed ${seed}: Halton ${halton} vs random ${random}`);
    }
  });
});

describe('HaltonSequence', () => {
  it('gives the radical inverses in bases 2 and 3 unscrambled', () => {
    const points = take(new HaltonSequence(2, { scramble: false }), 9);
    const base2 = [0, 1 / 2, 1 / 4, 3 / 4, 1 / 8, 5 / 8, 3 / 8, 7 / 8, 1 / 16];
    const base3 = [0, 1 / 3, 2 / 3, 1 / 9, 4 / 9, 7 / 9, 2 / 9, 5 / 9, 8 / 9];
    points.forEach(([x = NaN, y = NaN], i) => {
      assert.ok(Math.abs(x - (base2[i] as number)) < 1e-15, `base 2, point ${i}: ${x}`);
      assert.ok(Math.abs(y - (base3[i] as number)) < 1e-15, `base 3, point ${i}: ${y}`);
    });
    assert.deepEqual(new HaltonSequence(6, { scramble: false }).bases, [2, 3, 5, 7, 11, 13]);
  });

  it('keeps b^m scrambled points once in each interval of width b^-m', () => {
    for (const seed of [1, 2, 3]) {
      const sequence = new HaltonSequence(3, { seed });
      assertOnePerCell(take(sequence, 512), 0, 512, `seed ${seed}`);
      assertOnePerCell(take(sequence, 243), 1, 243, `seed ${seed}`);
      assertOnePerCell(take(sequence, 125), 2, 125, `seed ${seed}`);
    }
  });

  it('keeps scrambled points in [0, 1), the same for a seed and different across seeds', () => {
    const a = take(new HaltonSequence(12, { seed: 8 }), 300);
    assert.ok(a.flat().every((u) => u >= 0 && u < 1));
    assert.deepEqual(take(new HaltonSequence(12, { seed: 8 }), 300), a);
    assert.notDeepEqual(take(new HaltonSequence(12, { seed: 9 }), 300), a);
  });
});

// python3-optuna (which CI installs) pulls in numpy but not scipy, so this runs only where scipy is.
const scipyMissing = spawnSync(PYTHON, ['-c', 'import scipy.stats.qmc'], { stdio: 'ignore' }).status !== 0;

describe('SobolSequence against scipy', () => {
  it('matches scipy.stats.qmc.Sobol(10, scramble=False) on 64 points', { skip: scipyMissing && `${PYTHON} has no scipy.stats.qmc (apt-get install python3-scipy)` }, () => {
    const script = 'import json; from scipy.stats import qmc; print(json.dumps(qmc.Sobol(10, scramble=False).random(64).tolist()))';
    const result = spawnSync(PYTHON, ['-c', script], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(take(new SobolSequence(10, { scramble: false }), 64), JSON.parse(result.stdout) as number[][]);
  });
});
