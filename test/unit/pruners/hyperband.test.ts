/** Hyperband (Optuna 3.1's HyperbandPruner) on hand-computed cases; docs/algorithms.md §2.3 has the rules. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createStudy, type StudyView } from '../../../src/core';
import { crc32, createPruner, HyperbandPruner, pythonLog } from '../../../src/core/pruners';
import type { FrozenTrial } from '../../../src/core/trial';
import { studyOf, trial } from './pruneFixtures';

/** Builds the brackets, as the first prune() with a known max_resource does. */
function initialized(pruner: HyperbandPruner, name = 'iris-mlp'): HyperbandPruner {
  const current = trial(0, 'running', {});
  pruner.prune(studyOf([current], 'minimize', name), current);
  return pruner;
}

/** The first trial numbers of `name` in each bracket. */
function numbersByBracket(pruner: HyperbandPruner, name: string, upTo: number): number[][] {
  const byBracket: number[][] = Array.from({ length: pruner.bracketCount ?? 0 }, () => []);
  for (let n = 0; n < upTo; n++) byBracket[pruner.bracketOf(name, n)]?.push(n);
  return byBracket;
}

describe('HyperbandPruner', () => {
  it('R = 100, r = 1, η = 3: 5 brackets with trial budgets 81, 34, 15, 8, 5 (docs/algorithms.md)', () => {
    const pruner = initialized(new HyperbandPruner({ min_resource: 1, max_resource: 100, reduction_factor: 3 }));
    assert.equal(pruner.bracketCount, 5);
    assert.deepEqual(pruner.trialAllocationBudgets, [81, 34, 15, 8, 5]);
  });

  it("counts brackets in floating point as Python does: log_3(243) comes out just under 5", () => {
    assert.ok(pythonLog(243, 3) < 5, 'Python: math.log(243, 3) == 4.999999999999999');
    assert.equal(pythonLog(27, 3), 3);
    assert.equal(initialized(new HyperbandPruner({ max_resource: 243 })).bracketCount, 5);
    assert.equal(initialized(new HyperbandPruner({ max_resource: 242 })).bracketCount, 5);
    assert.equal(initialized(new HyperbandPruner({ max_resource: 244 })).bracketCount, 6);
  });

  it('puts a trial in the bracket crc32("{study}_{number}") % total budget falls in', () => {
    assert.equal(crc32('123456789'), 0xcbf43926, 'the CRC-32 check value');
    assert.equal(crc32(''), 0);
    assert.equal(crc32('iris-mlp_2'), 141314141, 'binascii.crc32(b"iris-mlp_2")');
    const pruner = initialized(new HyperbandPruner({ min_resource: 1, max_resource: 100, reduction_factor: 3 }));
    // 141314141 % 143 = 111, past bracket 0's 81 and inside bracket 1's next 34.
    assert.equal(pruner.bracketOf('iris-mlp', 2), 1);
    // Optuna 3.1: [pruner._get_bracket_id(study, t) for t in trials 0…11] of a study named iris-mlp.
    assert.deepEqual(Array.from({ length: 12 }, (_, n) => pruner.bracketOf('iris-mlp', n)), [0, 0, 1, 1, 2, 0, 0, 0, 2, 2, 0, 1]);
  });

  it('shares the trials out between brackets in proportion to their budgets', () => {
    const pruner = initialized(new HyperbandPruner({ min_resource: 1, max_resource: 100, reduction_factor: 3 }));
    const counts = numbersByBracket(pruner, 'iris-mlp', 14300).map((numbers) => numbers.length);
    // crc32 of consecutive names is not a perfect hash: within 15%.
    [81, 34, 15, 8, 5].forEach((budget, bracket) => {
      const expected = (14300 * budget) / 143;
      assert.ok(Math.abs((counts[bracket] ?? 0) - expected) < 0.15 * expected, `bracket ${bracket}: ${counts[bracket]} trials, about ${expected} expected`);
    });
  });

  it("judges a trial in its own bracket only: bracket b's first rung is at min_resource * η^b", () => {
    const pruner = initialized(new HyperbandPruner({ min_resource: 1, max_resource: 100, reduction_factor: 3 }));
    const [zero = [], one = []] = numbersByBracket(pruner, 'hb', 40);
    const [a, b, c, d] = zero;
    const [other, late] = one;
    assert.ok(a !== undefined && b !== undefined && c !== undefined && d !== undefined && other !== undefined && late !== undefined);
    const rivals = [trial(a, 'complete', { 1: 1 }, { completed_rung_0: 1 }), trial(b, 'complete', { 1: 2 }, { completed_rung_0: 2 }), trial(c, 'pruned', { 1: 3 }, { completed_rung_0: 3 })];
    const outsider = trial(other, 'complete', { 3: 0 }, { completed_rung_0: 0 });
    // Against [1, 2, 3] it ties the best and goes on; bracket 1's 0 would have beaten it.
    const current = trial(d, 'running', { 1: 1 });
    assert.deepEqual(pruner.prune(studyOf([...rivals, outsider, current], 'minimize', 'hb'), current), { prune: false, systemAttrs: { completed_rung_0: 1 } });
    // A bracket-1 trial is not judged at step 1 and is judged at step 3, against bracket 1 only.
    const atOne = trial(late, 'running', { 1: 5 });
    assert.deepEqual(pruner.prune(studyOf([...rivals, outsider, atOne], 'minimize', 'hb'), atOne), { prune: false, systemAttrs: {} });
    const atThree = trial(late, 'running', { 1: 5, 3: 5 });
    assert.deepEqual(pruner.prune(studyOf([...rivals, outsider, atThree], 'minimize', 'hb'), atThree), { prune: true, systemAttrs: { completed_rung_0: 5 } });
  });

  it("with max_resource 'auto', never prunes and shows every trial until a trial completes, then uses its last step + 1", () => {
    const pruner = createPruner({ type: 'hyperband' }) as HyperbandPruner;
    const trials = [trial(0, 'running', { 0: 1, 50: 1 }), trial(1, 'pruned', { 0: 9 }), trial(2, 'running', { 0: 9, 1: 9, 2: 9 })];
    const study = studyOf(trials, 'minimize', 'auto');
    assert.deepEqual(pruner.prune(study, trials[2] as FrozenTrial), { prune: false, systemAttrs: {} });
    assert.equal(pruner.bracketCount, null);
    assert.deepEqual(pruner.filterStudy(study, trials[2] as FrozenTrial).getTrials().map((t) => t.number), [0, 1, 2]);

    const done = [trial(0, 'complete', { 0: 1, 26: 1 }), ...trials.slice(1)];
    pruner.prune(studyOf(done, 'minimize', 'auto'), done[2] as FrozenTrial);
    assert.equal(pruner.bracketCount, 4, 'max_resource 27: floor(log_3 27) + 1');
    assert.deepEqual(pruner.trialAllocationBudgets, [27, 12, 6, 4]);
  });

  it('refuses bootstrap_count with max_resource auto, as Optuna does', () => {
    assert.throws(() => new HyperbandPruner({ bootstrap_count: 1 }), /explicit max_resource/);
    assert.throws(() => new HyperbandPruner({ reduction_factor: 1, max_resource: 9 }), /reduction_factor/);
  });
});

describe('Study with Hyperband: the sampler sees only the new trial’s bracket', () => {
  it('hands the sampler a view holding the bracket’s trials', async () => {
    const pruner = initialized(new HyperbandPruner({ min_resource: 1, max_resource: 100, reduction_factor: 3 }), 'hb');
    const study = await createStudy({ name: 'hb', space: { x: { float: [0, 1] } }, sampler: 'random', seed: 1, pruner });
    const views: number[][] = [];
    const sampler = study.sampler as { sampleIndependent: (view: StudyView, ...rest: never[]) => unknown };
    const sampleIndependent = sampler.sampleIndependent.bind(study.sampler);
    sampler.sampleIndependent = (view, ...rest) => {
      views.push(view.getTrials().map((t) => t.number));
      return sampleIndependent(view, ...rest);
    };
    for (let n = 0; n < 12; n++) await study.tell(await study.ask(), n);
    // Brackets of trials 0…11 in study 'hb', and what each saw: the earlier trials of its bracket.
    const brackets = Array.from({ length: 12 }, (_, n) => pruner.bracketOf('hb', n));
    const expected = brackets.map((bracket, n) => brackets.slice(0, n).flatMap((b, m) => (b === bracket ? [m] : [])));
    assert.deepEqual(views, expected);
    assert.ok(new Set(brackets).size > 1, `the trials span several brackets (${brackets.join(', ')})`);
    await study.close();
  });

  it('leaves the grid sampler the whole study: Optuna’s grid reads the storage directly', async () => {
    const pruner = initialized(new HyperbandPruner({ min_resource: 1, max_resource: 100, reduction_factor: 3 }), 'grid');
    const study = await createStudy({ name: 'grid', space: { x: [1, 2, 3, 4, 5, 6] }, sampler: 'grid', seed: 1, pruner });
    const points = [];
    for (let n = 0; n < 6; n++) {
      const handle = await study.ask();
      points.push(handle.params.x);
      await study.tell(handle, n);
    }
    assert.deepEqual([...points].sort(), [1, 2, 3, 4, 5, 6], 'no point twice, though the trials are in several brackets');
    await study.close();
  });
});
