import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hypervolume, toMinimizedPoint } from '../../../src/core/multiObjective';
import { Rng } from '../../../src/core/rng';

/** Inclusion–exclusion over every subset: the volume of a union of boxes, exactly (small sets only). */
function inclusionExclusion(points: readonly (readonly number[])[], reference: readonly number[]): number {
  const inside = points.filter((p) => p.every((v, i) => v < (reference[i] as number)));
  let total = 0;
  for (let mask = 1; mask < 1 << inside.length; mask++) {
    const corner = reference.map(() => -Infinity);
    let size = 0;
    inside.forEach((p, i) => {
      if (!(mask & (1 << i))) return;
      size++;
      p.forEach((v, k) => (corner[k] = Math.max(corner[k] as number, v)));
    });
    const volume = corner.reduce((acc, v, k) => acc * ((reference[k] as number) - v), 1);
    total += size % 2 === 1 ? volume : -volume;
  }
  return total;
}

function close(actual: number, expected: number, label: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${label}: ${actual} vs ${expected}`);
}

describe('hypervolume', () => {
  it('hand-computed 2-D and 3-D cases', () => {
    assert.equal(hypervolume([[1, 1]], [2, 2]), 1);
    assert.equal(hypervolume([[0, 2], [1, 1], [2, 0]], [3, 3]), 6);
    assert.equal(hypervolume([[0, 2], [1, 1], [2, 0], [2, 2]], [3, 3]), 6, 'a dominated point adds nothing');
    assert.equal(hypervolume([[1, 1, 1]], [2, 3, 4]), 6);
    // Two unit-offset cubes in 3-D: 8 + 8 - 1 (their overlap).
    assert.equal(hypervolume([[0, 0, 1], [1, 1, 0]], [2, 2, 3]), 2 * 2 * 2 + 1 * 1 * 3 - 1 * 1 * 2);
    assert.equal(hypervolume([[2], [1], [3]], [4]), 3);
    assert.equal(hypervolume([], [1, 1]), 0);
  });

  it('points beyond the reference add nothing', () => {
    assert.equal(hypervolume([[5, 0], [1, 1], [1, 3]], [3, 3]), 4);
  });

  it('the ZDT1 front f2 = 1 - sqrt(f1) against (1, 1) nears 2/3 (ZDT2: 1/3) as the front fills', () => {
    const front = Array.from({ length: 2001 }, (_, i) => [i / 2000, 1 - Math.sqrt(i / 2000)]);
    const volume = hypervolume(front, [1, 1]);
    assert.ok(volume < 2 / 3 && volume > 2 / 3 - 1e-3, `zdt1 ${volume}`);
    const zdt2 = Array.from({ length: 2001 }, (_, i) => [i / 2000, 1 - (i / 2000) ** 2]);
    assert.ok(Math.abs(hypervolume(zdt2, [1, 1]) - 1 / 3) < 1e-3);
  });

  it('matches inclusion–exclusion on random sets in 2 to 5 objectives, with ties', () => {
    const rng = new Rng(21);
    for (let round = 0; round < 300; round++) {
      const dim = rng.int(2, 5);
      const reference = Array.from({ length: dim }, () => 1 + rng.int(0, 2) / 2);
      const points = Array.from({ length: rng.int(0, 10) }, () => Array.from({ length: dim }, () => (rng.random() < 0.2 ? rng.int(0, 4) / 4 : rng.random())));
      close(hypervolume(points, reference), inclusionExclusion(points, reference), `round ${round} (${dim} objectives, ${points.length} points)`);
    }
  });

  it('toMinimizedPoint negates maximised objectives', () => {
    assert.deepEqual(toMinimizedPoint([0.9, 1000], ['maximize', 'minimize']), [-0.9, 1000]);
  });

  it('a 3-D front of 150 points on the sphere: between the dominated corner and the cube less the octant', () => {
    const rng = new Rng(2);
    const front = Array.from({ length: 150 }, () => {
      const [a, b] = [rng.random() * Math.PI / 2, rng.random() * Math.PI / 2];
      return [Math.cos(a) * Math.cos(b), Math.cos(a) * Math.sin(b), Math.sin(a)];
    });
    const volume = hypervolume(front, [1.1, 1.1, 1.1]);
    assert.ok(volume > 0.5 && volume < 1.331 - Math.PI / 6);
  });
});
