/**
 * pareto_asha on hand-built studies: at a rung a trial goes on when fewer than ⌊n/η⌋ of the n trials
 * there lie in a better Pareto front, whole fronts at a time; with fewer than η trials at the rung every
 * trial goes on. Objectives here are (accuracy ↑, size ↓) unless a test says otherwise.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPruner, ParetoAshaPruner, SuccessiveHalvingPruner } from '../../../src/core/pruners';
import type { StudyView } from '../../../src/core/samplers/sampler';
import { paretoRungAttr } from '../../../src/core/studyView/trialAttrs';
import type { Direction, FrozenTrial, JsonValue, TrialState } from '../../../src/core/trial';
import { seededRandom } from '../../fixtures/seededRandom';
import { trial } from './pruneFixtures';

const ACCURACY_SIZE: readonly Direction[] = ['maximize', 'minimize'];
const RUNG0 = paretoRungAttr(0);

function studyOf(trials: readonly FrozenTrial[], directions: readonly Direction[] = ACCURACY_SIZE): StudyView {
  return { name: 'pareto-test', direction: directions[0] as Direction, directions, searchSpace: {}, getTrials: (states) => (states ? trials.filter((t) => states.includes(t.state)) : trials) };
}

/** Trials that already recorded their values at rung 0 (step 1), numbered from 0. */
function rivalsAtRung0(vectors: readonly (readonly number[])[], state: TrialState = 'complete', extra: Readonly<Record<string, JsonValue>> = {}): FrozenTrial[] {
  return vectors.map((values, i) => trial(i, state, { 1: values[0] as number }, { [RUNG0]: [...values], ...extra }));
}

/** Whether a running trial reporting `values` at step 1 is pruned among `rivals` (min_resource 1). */
function judge(rivals: readonly (readonly number[])[], values: readonly number[], options: { reductionFactor?: number; directions?: readonly Direction[] } = {}): boolean {
  const pruner = new ParetoAshaPruner({ min_resource: 1, reduction_factor: options.reductionFactor ?? 3 });
  const current = trial(rivals.length, 'running', { 1: values[0] as number });
  return pruner.prune(studyOf([...rivalsAtRung0(rivals), current], options.directions), current, values).prune;
}

describe('pareto_asha', () => {
  it('records every objective at the rung, and keeps a trial on the front at it', () => {
    const pruner = new ParetoAshaPruner({ min_resource: 1, reduction_factor: 3 });
    const current = trial(3, 'running', { 0: 0.5, 1: 0.9 });
    const rivals = rivalsAtRung0([[0.8, 100], [0.7, 50], [0.6, 500]]);
    assert.deepEqual(pruner.prune(studyOf([...rivals, current]), current, [0.9, 1000]), { prune: false, systemAttrs: { [RUNG0]: [0.9, 1000] } }, 'the most accurate: on the front');
    const before = trial(3, 'running', { 0: 0.5 });
    assert.deepEqual(pruner.prune(studyOf([...rivals, before]), before, [0.5, 10]), { prune: false, systemAttrs: {} }, 'step 0 is before rung 0: nothing recorded');
  });

  it('prunes a trial with ⌊n/η⌋ or more trials in better fronts, keeping the whole front the cut falls in', () => {
    // Fronts of the rivals: {[0.9, 100], [0.8, 50]}, then {[0.85, 200], [0.7, 60]}, then {[0.6, 300]}.
    const rivals = [[0.9, 100], [0.8, 50], [0.85, 200], [0.7, 60], [0.6, 300]];
    assert.equal(judge(rivals, [0.95, 400]), false, 'n = 6, ⌊6/3⌋ = 2: on the first front');
    assert.equal(judge(rivals, [0.8, 150]), true, 'second front: 2 ahead, not fewer than ⌊6/3⌋ = 2');
    assert.equal(judge(rivals.slice(0, 4).concat([[0.6, 300], [0.5, 400]]), [0.75, 70]), true);
    // n = 9, ⌊9/3⌋ = 3: two trials on the first front, so all of the second (three trials) goes on.
    const nine = [[0.9, 100], [0.8, 50], [0.85, 200], [0.7, 60], [0.6, 300], [0.5, 400], [0.4, 500], [0.3, 600]];
    assert.equal(judge(nine, [0.75, 90]), false, 'second front, 2 ahead < 3');
    assert.equal(judge(nine, [0.65, 250]), true, 'third front, 5 ahead');
  });

  it('follows each objective\'s own direction', () => {
    const rivals = [[0.9, 100], [0.8, 50], [0.85, 200], [0.7, 60], [0.6, 300]];
    // The same study with both objectives flipped (error ↓, minus size ↑) decides the same way.
    const flip = (v: readonly number[]): number[] => [1 - (v[0] as number), -(v[1] as number)];
    const flipped: readonly Direction[] = ['minimize', 'maximize'];
    for (const candidate of [[0.95, 400], [0.75, 70], [0.65, 250], [0.5, 40]]) {
      const rivalSets = [rivals, rivals.concat([[0.5, 400]])];
      for (const set of rivalSets) {
        assert.equal(judge(set.map(flip), flip(candidate), { directions: flipped }), judge(set, candidate), `candidate ${candidate.join(', ')}`);
      }
    }
    // Maximising size instead turns the ranking over: the big model wins.
    assert.equal(judge([[0.9, 10], [0.8, 20], [0.7, 30]], [0.6, 1000], { directions: ['maximize', 'maximize'] }), false);
    assert.equal(judge([[0.9, 10], [0.8, 20], [0.7, 30]], [0.6, 1000]), true);
  });

  it('ranks three objectives', () => {
    const three: readonly Direction[] = ['maximize', 'minimize', 'minimize'];
    const rivals = [[0.9, 100, 5], [0.8, 50, 9], [0.7, 80, 1], [0.6, 500, 9], [0.5, 600, 9]];
    assert.equal(judge(rivals, [0.55, 700, 0.5], { directions: three }), false, 'the fastest: on the front though worst at two objectives');
    assert.equal(judge(rivals, [0.55, 700, 9.5], { directions: three }), true, 'dominated by four trials');
  });

  it('never splits ties: equal vectors share a front and go on or stop together', () => {
    const rivals = [[0.8, 100], [0.8, 100], [0.8, 100], [0.5, 500], [0.4, 600]];
    assert.equal(judge(rivals, [0.8, 100]), false, 'four equal trials on the first front, ⌊6/3⌋ = 2 of them would be the plain cut');
    assert.equal(judge(rivals, [0.6, 400]), true);
  });

  it('keeps every trial while fewer than reduction_factor trials reached the rung', () => {
    assert.equal(judge([], [0.1, 1000]), false, 'the first trial at a rung');
    assert.equal(judge([[0.9, 10]], [0.1, 1000]), false, 'two trials, η = 3: there is no top third yet');
    assert.equal(judge([[0.9, 10], [0.8, 20]], [0.1, 1000]), true, 'three trials: the dominated one stops');
    assert.equal(judge([[0.9, 10], [0.8, 20]], [0.1, 1000], { reductionFactor: 4 }), false);
  });

  it('passes several rungs due at the same step, recording each; a NaN at a rung prunes without recording', () => {
    const pruner = new ParetoAshaPruner({ min_resource: 1, reduction_factor: 2 });
    const late = trial(0, 'running', { 4: 0.5 });
    assert.deepEqual(pruner.prune(studyOf([late]), late, [0.5, 10]).systemAttrs, { [RUNG0]: [0.5, 10], [paretoRungAttr(1)]: [0.5, 10], [paretoRungAttr(2)]: [0.5, 10] });
    const passed = trial(0, 'running', { 1: 0.5, 2: 0.5 }, { [RUNG0]: [0.5, 10] });
    assert.deepEqual(pruner.prune(studyOf([passed]), passed, [0.6, 10]).systemAttrs, { [paretoRungAttr(1)]: [0.6, 10] }, 'rung 0 is not judged again');
    const nan = trial(0, 'running', { 1: 0.5 });
    assert.deepEqual(pruner.prune(studyOf([nan]), nan, [0.5, Number.NaN]), { prune: true, systemAttrs: {} });
  });

  it('without every objective at the step it judges nothing; a wrong count is a bug, said so', () => {
    const pruner = new ParetoAshaPruner({ min_resource: 1 });
    const current = trial(0, 'running', { 1: 0.5 });
    assert.deepEqual(pruner.prune(studyOf([current]), current), { prune: false, systemAttrs: {} });
    assert.throws(() => pruner.prune(studyOf([current]), current, [0.5]), /1 values for trial 0 of a study with 2 objectives/);
  });

  it('lets pruned and running trials compete at a rung, but not a finished trial known infeasible', () => {
    const dominating = [[0.9, 10], [0.8, 20]];
    assert.equal(judge(dominating, [0.1, 1000]), true);
    const pruner = new ParetoAshaPruner({ min_resource: 1, reduction_factor: 3 });
    const current = trial(2, 'running', { 1: 0.1 });
    const running = rivalsAtRung0(dominating, 'running');
    assert.equal(pruner.prune(studyOf([...running, current]), current, [0.1, 1000]).prune, true);
    const infeasible = rivalsAtRung0(dominating, 'complete', { constraints: [0.5] });
    assert.equal(pruner.prune(studyOf([...infeasible, current]), current, [0.1, 1000]).prune, false, 'only itself is left at the rung');
    const feasible = rivalsAtRung0(dominating, 'complete', { constraints: [-0.5] });
    assert.equal(pruner.prune(studyOf([...feasible, current]), current, [0.1, 1000]).prune, true);
  });

  it("with min_resource 'auto', waits for a complete trial; createPruner gives η = 3", () => {
    const pruner = createPruner({ type: 'pareto_asha' }) as ParetoAshaPruner;
    assert.equal(pruner.reductionFactor, 3);
    const current = trial(1, 'running', { 1: 0.1, 2: 0.1 });
    assert.deepEqual(pruner.prune(studyOf([trial(0, 'running', { 300: 1 }), current]), current, [0.1, 1]), { prune: false, systemAttrs: {} });
    assert.equal(pruner.currentMinResource, null);
    const done = trial(0, 'complete', { 300: 1 });
    assert.deepEqual(pruner.prune(studyOf([done, current]), current, [0.1, 1]), { prune: false, systemAttrs: {} }, '300 // 100 = 3: step 2 is before rung 0');
    assert.equal(pruner.currentMinResource, 3);
    const atThree = trial(1, 'running', { 1: 0.1, 3: 0.1 });
    assert.deepEqual(pruner.prune(studyOf([done, atThree]), atThree, [0.1, 1]).systemAttrs, { [RUNG0]: [0.1, 1] });
  });

  it('with one objective and at least η trials at the rung, decides as ASHA does', () => {
    const random = seededRandom(11);
    for (let round = 0; round < 200; round++) {
      const rivals = Array.from({ length: 2 + Math.floor(random() * 10) }, () => Math.round(random() * 8));
      const value = Math.round(random() * 8);
      const current = trial(rivals.length, 'running', { 1: value });
      const asha = new SuccessiveHalvingPruner({ min_resource: 1, reduction_factor: 3 });
      const ashaTrials = [...rivals.map((v, i) => trial(i, 'pruned', { 1: v }, { completed_rung_0: v })), current];
      const expected = asha.prune(studyOf(ashaTrials, ['minimize']), current).prune;
      assert.equal(judge(rivals.map((v) => [v]), [value], { directions: ['minimize'] }), expected, `${value} among ${rivals.join(', ')}`);
    }
  });
});
