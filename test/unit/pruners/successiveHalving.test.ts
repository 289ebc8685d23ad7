/** ASHA (Optuna 3.1's SuccessiveHalvingPruner) on hand-computed cases; docs/algorithms.md §2.2 has the rules. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, createStudy } from '../../../src/core';
import { createPruner, SuccessiveHalvingPruner } from '../../../src/core/pruners';
import { rivalsAtRung0, studyOf, trial, withAttrs } from './pruneFixtures';

describe('SuccessiveHalvingPruner', () => {
  it('judges a trial exactly at each rung step, min_resource * η^k, and records its value there', () => {
    const pruner = new SuccessiveHalvingPruner({ min_resource: 2, reduction_factor: 3 }); // rungs at 2, 6, 18
    let current = trial(0, 'running', {});
    const seen: string[] = [];
    for (let step = 0; step <= 7; step++) {
      current = trial(0, 'running', { ...Object.fromEntries(current.intermediateValues), [step]: 1 / (step + 1) }, current.systemAttrs);
      const decision = pruner.prune(studyOf([current]), current);
      assert.equal(decision.prune, false, 'alone at a rung, a trial is the best there');
      if (Object.keys(decision.systemAttrs).length > 0) seen.push(`${step}:${Object.keys(decision.systemAttrs).join(',')}`);
      current = withAttrs(current, decision.systemAttrs);
    }
    assert.deepEqual(seen, ['2:completed_rung_0', '6:completed_rung_1']);
    assert.deepEqual(current.systemAttrs, { completed_rung_0: 1 / 3, completed_rung_1: 1 / 7 });
  });

  it('promotes only the top 1/η of the trials at the rung, counting the trial itself', () => {
    const pruner = new SuccessiveHalvingPruner({ min_resource: 1, reduction_factor: 3 });
    const judge = (rivals: number[], value: number): boolean => {
      const current = trial(rivals.length, 'running', { 0: 9, 1: value });
      return pruner.prune(studyOf([...rivalsAtRung0(rivals), current]), current).prune;
    };
    // 4 values: index 4//3 - 1 = 0, only the best goes on (ties included).
    assert.equal(judge([1, 2, 3], 1.5), true);
    assert.equal(judge([1, 2, 3], 1), false);
    // 6 values: index 1, the two best go on.
    assert.equal(judge([1, 2, 3, 4, 5], 1.5), false);
    assert.equal(judge([1, 2, 3, 4, 5], 2.5), true);
    // 2 values: fewer than η, so only one as good as the best is promoted (ASHA does not wait).
    assert.equal(judge([1], 0.5), false);
    assert.equal(judge([1], 1.5), true);
  });

  it('records the value at the rung whatever the decision, and judges the latest value, not the best so far', () => {
    const pruner = new SuccessiveHalvingPruner({ min_resource: 1, reduction_factor: 2 });
    const current = trial(2, 'running', { 0: 0.1, 1: 9 });
    assert.deepEqual(pruner.prune(studyOf([...rivalsAtRung0([1, 2]), current]), current), { prune: true, systemAttrs: { completed_rung_0: 9 } });
  });

  it('crosses several rungs at one step when reports skip steps, stopping at the first it loses', () => {
    const pruner = new SuccessiveHalvingPruner({ min_resource: 1, reduction_factor: 2 }); // rungs at 1, 2, 4, 8
    const alone = trial(0, 'running', { 0: 5, 5: 3 });
    assert.deepEqual(pruner.prune(studyOf([alone]), alone), { prune: false, systemAttrs: { completed_rung_0: 3, completed_rung_1: 3, completed_rung_2: 3 } });
    // A rival worse at rung 0 but better at rung 1: promoted past rung 0, pruned at rung 1.
    const rival = trial(0, 'complete', { 1: 4, 2: 1 }, { completed_rung_0: 4, completed_rung_1: 1 });
    const current = trial(1, 'running', { 0: 5, 5: 3 });
    assert.deepEqual(pruner.prune(studyOf([rival, current]), current), { prune: true, systemAttrs: { completed_rung_0: 3, completed_rung_1: 3 } });
  });

  it('starts from the rung after the last completed_rung_k the trial holds', () => {
    const pruner = new SuccessiveHalvingPruner({ min_resource: 2, reduction_factor: 3 });
    const current = trial(3, 'running', { 2: 9, 3: 9 }, { completed_rung_0: 0 });
    // It would lose at rung 0 now, but it passed rung 0 already and rung 1 is at step 6.
    assert.deepEqual(pruner.prune(studyOf([...rivalsAtRung0([1, 2, 3]), current]), current), { prune: false, systemAttrs: {} });
  });

  it("with min_resource 'auto', waits for a complete trial, then uses its last step // 100 (at least 1) for good", () => {
    const pruner = new SuccessiveHalvingPruner({ reduction_factor: 3 });
    const current = trial(1, 'running', { 0: 1, 1: 1, 2: 1 });
    const running = trial(0, 'running', { 500: 1 });
    assert.deepEqual(pruner.prune(studyOf([running, current]), current), { prune: false, systemAttrs: {} }, 'no complete trial yet: never prunes');
    assert.equal(pruner.currentMinResource, null);

    const long = trial(0, 'complete', { 250: 1 });
    const early = trial(1, 'running', { 0: 1, 1: 5 });
    assert.deepEqual(pruner.prune(studyOf([long, early]), early), { prune: false, systemAttrs: {} }, '250 // 100 = 2: step 1 is before rung 0');
    assert.equal(pruner.currentMinResource, 2);
    const later = trial(1, 'running', { 0: 1, 1: 5, 2: 5 });
    assert.deepEqual(pruner.prune(studyOf([long, trial(2, 'complete', { 900: 1 }), later]), later).systemAttrs, { completed_rung_0: 5 }, 'estimated once, kept');

    const short = new SuccessiveHalvingPruner();
    const first = trial(1, 'running', { 1: 3 });
    assert.deepEqual(short.prune(studyOf([trial(0, 'complete', { 99: 1 }), first]), first).systemAttrs, { completed_rung_0: 3 }, '99 // 100 = 0, floored at 1');
  });

  it('with bootstrap_count, prunes every trial at a rung until more than bootstrap_count have reached it', () => {
    const pruner = new SuccessiveHalvingPruner({ min_resource: 1, reduction_factor: 2, bootstrap_count: 2 });
    const judge = (rivals: number[], value: number): boolean => {
      const current = trial(rivals.length, 'running', { 1: value });
      return pruner.prune(studyOf([...rivalsAtRung0(rivals), current]), current).prune;
    };
    assert.equal(judge([], 0), true, '1 value ≤ 2: pruned even though it is the best');
    assert.equal(judge([5], 0), true, '2 values ≤ 2');
    assert.equal(judge([5, 6], 0), false, '3 values: the normal rule (index 0), and it is the best');
    assert.equal(judge([5, 6], 5.5), true);
  });

  it('prunes a NaN at a rung step without recording it; a NaN between rungs goes on', () => {
    const pruner = new SuccessiveHalvingPruner({ min_resource: 2, reduction_factor: 2 });
    const atRung = trial(0, 'running', { 1: 1, 2: NaN });
    assert.deepEqual(pruner.prune(studyOf([atRung]), atRung), { prune: true, systemAttrs: {} });
    const between = trial(0, 'running', { 2: 1, 3: NaN }, { completed_rung_0: 1 });
    assert.deepEqual(pruner.prune(studyOf([between]), between), { prune: false, systemAttrs: {} });
  });

  it('when maximizing, promotes the top values', () => {
    const pruner = new SuccessiveHalvingPruner({ min_resource: 1, reduction_factor: 3 });
    const judge = (rivals: number[], value: number): boolean => {
      const current = trial(rivals.length, 'running', { 1: value });
      return pruner.prune(studyOf([...rivalsAtRung0(rivals), current], 'maximize'), current).prune;
    };
    assert.equal(judge([1, 2, 3], 2.5), true);
    assert.equal(judge([1, 2, 3], 3), false);
    assert.equal(judge([1, 2, 3, 4, 5], 4), false, '6 values: the two highest go on');
  });

  it('with min_early_stopping_rate s, judges first at min_resource * η^s', () => {
    const pruner = new SuccessiveHalvingPruner({ min_resource: 1, reduction_factor: 3, min_early_stopping_rate: 1 });
    const early = trial(1, 'running', { 1: 9, 2: 9 });
    const rivals = [trial(0, 'complete', { 3: 1 }, { completed_rung_0: 1 })];
    assert.equal(pruner.prune(studyOf([...rivals, early]), early).prune, false);
    const atThree = trial(1, 'running', { 1: 9, 3: 9 });
    assert.deepEqual(pruner.prune(studyOf([...rivals, atThree]), atThree), { prune: true, systemAttrs: { completed_rung_0: 9 } });
  });

  it("refuses options Optuna refuses, and createPruner('asha') takes Optuna's defaults (η = 4, auto)", () => {
    assert.throws(() => new SuccessiveHalvingPruner({ bootstrap_count: 1 }), /explicit min_resource/);
    assert.throws(() => new SuccessiveHalvingPruner({ reduction_factor: 1 }), /reduction_factor/);
    assert.throws(() => new SuccessiveHalvingPruner({ min_resource: 0 }), /min_resource/);
    const pruner = createPruner({ type: 'asha' }) as SuccessiveHalvingPruner;
    assert.equal(pruner.reductionFactor, 4);
    assert.equal(pruner.currentMinResource, null);
  });
});

describe('Study.shouldPrune with ASHA', () => {
  it('stores completed_rung_k on the trial before answering, so the next trials compete with it', async () => {
    const study = await createStudy({ name: 'asha', space: { x: { float: [0, 1] } }, sampler: 'random', seed: 1, pruner: { type: 'asha', min_resource: 1, reduction_factor: 2 } });
    const first = await study.ask();
    await study.report(first, 0, 5);
    assert.equal(await study.shouldPrune(first), false);
    await study.report(first, 1, 4);
    assert.equal(await study.shouldPrune(first), false);
    assert.deepEqual(study.trials[0]?.systemAttrs, { completed_rung_0: 4 });
    await study.tell(first, 4);
    const second = await study.ask();
    await study.report(second, 1, 6);
    assert.equal(await study.shouldPrune(second), true, '2 values: only one as good as 4 goes on');
    assert.deepEqual(study.trials[1]?.systemAttrs, { completed_rung_0: 6 });
    await study.close();
  });

  it('createStudy checks the pruner like a config does', async () => {
    await assert.rejects(createStudy({ name: 's', space: { x: { float: [0, 1] } }, pruner: 'ashaa' as 'asha' }), (error: unknown) => error instanceof ConfigError && /did you mean 'asha'/.test(error.message));
    await assert.rejects(createStudy({ name: 's', space: { x: { float: [0, 1] } }, pruner: { type: 'asha', reduction_factor: 1 } }), /reduction_factor must be an integer ≥ 2/);
  });
});
