// Importance of a conditional study (the fixture journal Python Optuna wrote with a define-by-run
// objective, and a larger one built here): params of one branch are ranked too, imputed out of range
// where inactive, and the method says so.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoricalDistribution, type Distribution, floatDistribution, type ParamValue } from '../../../src/core/distributions';
import { computeImportance, importanceInputFromTrials, withImputationNote } from '../../../src/core/importance';
import { encodeFeatures } from '../../../src/core/importance/featureEncoding';
import type { FrozenTrial } from '../../../src/core/trial';
import { CONDITIONAL_PARAMS, conditionalTrials } from '../../fixtures/conditional';
import { seededRandom } from '../../fixtures/seededRandom';

const MOMENTUM = floatDistribution(0, 1);
const BETA1 = floatDistribution(0.8, 1);
const OPTIMIZER = categoricalDistribution(['sgd', 'adam']);
const NOISE = floatDistribution(0, 1);

/** sgd trials' loss falls with momentum (strongly); adam's is flat; noise explains nothing. */
function branchyStudy(n: number): FrozenTrial[] {
  const random = seededRandom(11);
  return Array.from({ length: n }, (_, number) => {
    const sgd = number % 2 === 0;
    const momentum = random();
    const noise = random();
    const params: Record<string, ParamValue> = sgd ? { optimizer: 'sgd', momentum, noise } : { optimizer: 'adam', beta1: 0.8 + 0.2 * random(), noise };
    const distributions: Record<string, Distribution> = sgd ? { optimizer: OPTIMIZER, momentum: MOMENTUM, noise: NOISE } : { optimizer: OPTIMIZER, beta1: BETA1, noise: NOISE };
    const value = sgd ? 1 - momentum : 0.5;
    return { id: number, number, state: 'complete' as const, value, values: [value], params, distributions, intermediateValues: new Map(), userAttrs: {}, systemAttrs: {}, datetimeStart: null, datetimeComplete: null };
  });
}

describe('importance of a conditional study', () => {
  it('ranks every param of the Python-written journal, the conditional ones included, and says which were imputed', () => {
    const input = importanceInputFromTrials(conditionalTrials());
    const outcome = withImputationNote(computeImportance(input), input);
    assert.ok(outcome.result, outcome.reason);
    assert.deepEqual(new Set(outcome.result.importances.map((i) => i.param)), new Set(CONDITIONAL_PARAMS));
    assert.match(outcome.result.method, /^fANOVA \(random forest, 64 trees; .*imputed out of range where inactive\)$/);
    for (const name of ['momentum', 'nesterov', 'beta1', 'units_1', 'units_2']) assert.match(outcome.result.method, new RegExp(`\\b${name}\\b`));
    assert.doesNotMatch(outcome.result.method, /\blr\b|\boptimizer\b/);
  });

  it('finds the param that matters inside its branch above noise', () => {
    const input = importanceInputFromTrials(branchyStudy(120));
    const outcome = computeImportance(input);
    assert.ok(outcome.result, outcome.reason);
    const share = Object.fromEntries(outcome.result.importances.map((i) => [i.param, i.importance]));
    assert.ok((share.momentum ?? 0) > 0.3, `momentum ${share.momentum}`);
    assert.ok((share.momentum ?? 0) > 5 * (share.noise ?? 0), `momentum ${share.momentum} vs noise ${share.noise}`);
    assert.ok((share.momentum ?? 0) > (share.beta1 ?? 0), `momentum ${share.momentum} vs beta1 ${share.beta1}`);
  });

  it('leaves a study without inactive params as Optuna computes it (no note, no extra column)', () => {
    const flat = branchyStudy(40).filter((t) => t.params.optimizer === 'sgd');
    const input = importanceInputFromTrials(flat);
    assert.ok(input.params.every((p) => p.inactiveIn === 0));
    const outcome = withImputationNote(computeImportance(input), input);
    assert.equal(outcome.result?.method, 'fANOVA (random forest, 64 trees)');
  });

  it('imputes an inactive float below its range and gives an inactive categorical a column of its own', () => {
    const features = encodeFeatures([MOMENTUM, OPTIMIZER], [[0.5, 1], [Number.NaN, Number.NaN]]);
    assert.deepEqual([...features.bounds], [-1, 1, 0, 1, 0, 1, 0, 1]);
    assert.deepEqual(features.groups, [[0], [1, 2, 3]]);
    assert.deepEqual([...features.x], [0.5, 0, 1, 0, -1, 0, 0, 1]);
  });
});
