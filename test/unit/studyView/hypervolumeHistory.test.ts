/**
 * The hypervolume line (src/core/studyView/hypervolumeHistory.ts): the reference point (the worst value
 * on each objective plus 10% of its range) and, per feasible complete trial, the hypervolume of the
 * front so far, checked against multiObjective's frontHypervolume over the same trials.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { frontHypervolume } from '../../../src/core/multiObjective';
import { Rng } from '../../../src/core/rng';
import { hypervolumeHistory, hypervolumeReference, paretoRankable } from '../../../src/core/studyView';
import type { Direction } from '../../../src/core/trial';
import { moTrial } from '../multiObjective/moTrials';

describe('hypervolume over trials', () => {
  it('takes the worst value on each objective plus 10% of its range as the reference', () => {
    assert.deepEqual(hypervolumeReference([[0.8, 100], [0.9, 300]], ['maximize', 'minimize'])?.map((v) => Number(v?.toFixed(6))), [0.79, 320]);
    assert.deepEqual(hypervolumeReference([[1, 5]], ['minimize', 'maximize']), [2, 4], 'a single value: 1 beyond it');
    assert.equal(hypervolumeReference([], ['minimize', 'minimize']), null);
  });

  it('grows with each trial that improves the front, by hand in two objectives', () => {
    // Minimise both; reference (3 + 0.2, 3 + 0.2) = (3.2, 3.2).
    const trials = [moTrial(0, { values: [1, 3] }), moTrial(1, { values: [3, 1] }), moTrial(2, { values: [2, 2] }), moTrial(3, { values: [2.5, 2.5] }), moTrial(4, { values: null, state: 'running' })];
    const history = hypervolumeHistory(trials.map(paretoRankable), ['minimize', 'minimize']);
    assert.deepEqual(history.reference?.map((v) => Number(v.toFixed(6))), [3.2, 3.2]);
    // #0: 2.2 × 0.2; #1 adds its own 0.2 × 2.2 less the 0.2 × 0.2 corner they share; #2 the 1 × 1 square between them.
    const expected = [0.44, 0.84, 1.84];
    assert.deepEqual(history.points.map((p) => p.number), [0, 1, 2, 3]);
    history.points.slice(0, 3).forEach((p, i) => assert.ok(Math.abs(p.hypervolume - (expected[i] as number)) < 1e-9, `#${p.number}: ${p.hypervolume} vs ${expected[i]}`));
    assert.equal(history.points[3]?.hypervolume, history.points[2]?.hypervolume, 'a dominated trial adds nothing');
  });

  it('counts only feasible trials in a constrained study, and never falls', () => {
    const rng = new Rng(7);
    for (let round = 0; round < 20; round++) {
      const objectives = 2 + (round % 2);
      const directions: Direction[] = Array.from({ length: objectives }, (_, k) => (k % 2 === 0 ? 'maximize' : 'minimize'));
      const trials = Array.from({ length: 25 }, (_, number) => moTrial(number, {
        values: Array.from({ length: objectives }, () => Math.round(rng.random() * 100) / 10),
        ...(round % 2 === 0 ? { constraints: [rng.random() - 0.3] } : {}),
      }));
      const history = hypervolumeHistory(trials.map(paretoRankable), directions);
      const values = history.points.map((p) => p.hypervolume);
      assert.deepEqual(values, [...values].sort((a, b) => a - b), 'non-decreasing');
      const last = history.points.at(-1);
      assert.ok(last && history.reference);
      const expected = frontHypervolume(trials, directions, history.reference, { feasibleOnly: true });
      assert.ok(Math.abs(last.hypervolume - expected) < 1e-9 * Math.max(1, expected), `round ${round}: ${last.hypervolume} vs ${expected}`);
    }
  });
});
