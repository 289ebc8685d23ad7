// fANOVA importance on objectives whose answer is known, and the cases where there is no answer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoricalDistribution, floatDistribution, intDistribution, type Distribution } from '../../../src/core/distributions';
import { computeImportance, type ImportanceInput, type ImportanceOutcome, type ParamImportances } from '../../../src/core/importance';
import { Rng } from '../../../src/core/rng';

interface Param {
  readonly name: string;
  readonly distribution: Distribution;
  /** Draws an internal value, as a sampler would. */
  readonly draw: (rng: Rng) => number;
}

const uniform = (name: string, low = 0, high = 1): Param => ({ name, distribution: floatDistribution(low, high), draw: (rng) => rng.uniform(low, high) });

/** `n` random trials of `objective` (given the internal values by param name). */
function study(params: readonly Param[], objective: (p: Record<string, number>) => number, n: number, seed = 1): ImportanceInput {
  const rng = new Rng(seed);
  const rows = Array.from({ length: n }, () => params.map((p) => p.draw(rng)));
  const values = rows.map((row) => objective(Object.fromEntries(params.map((p, i) => [p.name, row[i] as number]))));
  return { params: params.map(({ name, distribution }) => ({ name, distribution })), rows, values, eligibleTrials: n };
}

function result(outcome: ImportanceOutcome): ParamImportances {
  assert.ok(outcome.result, `expected importances, got: ${outcome.reason}`);
  return outcome.result;
}

function byParam(outcome: ImportanceOutcome): Record<string, number> {
  return Object.fromEntries(result(outcome).importances.map((i) => [i.param, i.importance]));
}

describe('fANOVA importance', () => {
  it('gives a param that drives the objective nearly all the importance and an unused one nearly none', () => {
    const outcome = computeImportance(study([uniform('x1'), uniform('x2')], (p) => 10 * (p.x1 as number), 200));
    const { importances, method, trials } = result(outcome);
    assert.equal(importances[0]?.param, 'x1');
    assert.ok((importances[0]?.importance as number) > 0.99, JSON.stringify(importances));
    assert.equal(method, 'fANOVA (random forest, 64 trees)');
    assert.equal(trials, 200);
  });

  it('splits the importance about evenly between two params that matter equally', () => {
    const importance = byParam(computeImportance(study([uniform('a'), uniform('b')], (p) => (p.a as number) + (p.b as number), 300)));
    assert.ok(Math.abs((importance.a as number) - 0.5) < 0.05, JSON.stringify(importance));
  });

  it('follows the variance each param causes: 3·x beside x gives about 9 : 1', () => {
    const importance = byParam(computeImportance(study([uniform('big'), uniform('small')], (p) => 3 * (p.big as number) + (p.small as number), 400)));
    assert.ok(Math.abs((importance.big as number) - 0.9) < 0.04, JSON.stringify(importance));
  });

  it('ranks a categorical that matters above a float that hardly does', () => {
    const activation: Param = { name: 'activation', distribution: categoricalDistribution(['relu', 'tanh', 'elu']), draw: (rng) => rng.int(0, 2) };
    const importance = byParam(computeImportance(study([activation, uniform('dropout', 0, 0.5)], (p) => [0, 3, 1][p.activation as number]! + 0.2 * (p.dropout as number), 200)));
    assert.ok((importance.activation as number) > 0.9, JSON.stringify(importance));
  });

  it('measures a log-scaled param over its raw range, as Optuna 3.1 does', () => {
    // Drawn log-uniformly, a quarter of the trials have lr < 1e-3; but that is 0.1% of lr's raw range,
    // so a jump there explains little next to an equal jump at the middle of x's range.
    const lr: Param = { name: 'lr', distribution: floatDistribution(1e-4, 1, { log: true }), draw: (rng) => 10 ** rng.uniform(-4, 0) };
    const importance = byParam(computeImportance(study([lr, uniform('x')], (p) => ((p.lr as number) < 1e-3 ? 1 : 0) + ((p.x as number) < 0.5 ? 1 : 0), 300)));
    assert.ok((importance.x as number) > 0.95, JSON.stringify(importance));
    // And a log param that matters throughout its range is found.
    const smooth = byParam(computeImportance(study([lr, uniform('x')], (p) => Math.log10(p.lr as number), 300)));
    assert.ok((smooth.lr as number) > 0.95, JSON.stringify(smooth));
  });

  it('sums to 1, sorted most important first, over floats, ints, log ints and categoricals', () => {
    const params: Param[] = [
      uniform('x', -5, 5),
      { name: 'layers', distribution: intDistribution(1, 4), draw: (rng) => rng.int(1, 4) },
      { name: 'units', distribution: intDistribution(8, 256, { log: true }), draw: (rng) => Math.round(2 ** rng.uniform(3, 8)) },
      { name: 'optimizer', distribution: categoricalDistribution(['adam', 'sgd']), draw: (rng) => rng.int(0, 1) },
    ];
    const { importances } = result(computeImportance(study(params, (p) => Math.abs(p.x as number) + (p.layers as number) * (p.optimizer as number) + (p.units as number) / 100, 150)));
    assert.equal(importances.length, 4);
    assert.ok(Math.abs(importances.reduce((s, i) => s + i.importance, 0) - 1) < 1e-12);
    for (let i = 1; i < importances.length; i++) assert.ok((importances[i - 1]?.importance as number) >= (importances[i]?.importance as number));
    assert.ok(importances.every((i) => i.importance >= 0));
  });

  it('gives the same importances for the same trials and seed, and slightly different ones for another seed', () => {
    const input = study([uniform('a'), uniform('b'), uniform('c')], (p) => Math.sin(5 * (p.a as number)) + (p.b as number) ** 2, 120);
    assert.deepEqual(computeImportance(input, { seed: 7 }), computeImportance(input, { seed: 7 }));
    const seven = byParam(computeImportance(input, { seed: 7 }));
    const eight = byParam(computeImportance(input, { seed: 8 }));
    assert.notEqual(seven.a, eight.a);
    assert.ok(Math.abs((seven.a as number) - (eight.a as number)) < 0.1);
  });

  it('says why there is no result with fewer than 2 trials', () => {
    for (const n of [0, 1]) {
      const outcome = computeImportance(study([uniform('x')], (p) => p.x as number, n));
      assert.equal(outcome.result, null);
      assert.match(outcome.reason ?? '', new RegExp(`needs at least 2 complete trials .*has ${n}\\.`));
    }
  });

  it('says why there is no result for a constant objective', () => {
    const outcome = computeImportance(study([uniform('x'), uniform('y')], () => 0.75, 50));
    assert.equal(outcome.result, null);
    assert.match(outcome.reason ?? '', /All 50 complete trials have the same value \(0\.75\)/);
  });

  it('leaves out a param with a single possible value, and says so when nothing else is left', () => {
    const fixed: Param = { name: 'epochs', distribution: categoricalDistribution([40]), draw: () => 0 };
    const { importances } = result(computeImportance(study([fixed, uniform('x')], (p) => p.x as number, 30)));
    assert.deepEqual(
      importances.map((i) => i.param),
      ['x'],
    );
    assert.equal(importances[0]?.importance, 1);
    const none = computeImportance(study([fixed], () => 1, 30));
    assert.match(none.reason ?? '', /single possible value/);
  });

  it('names how many trials it used when a huge study was cut to its most recent ones', () => {
    const input = { ...study([uniform('x'), uniform('y')], (p) => p.x as number, 50), eligibleTrials: 5000 };
    const { method, trials } = result(computeImportance(input));
    assert.equal(method, 'fANOVA (random forest, 64 trees; the most recent 50 of 5000 complete trials)');
    assert.equal(trials, 50);
  });

  it('ranks the three params that matter first among 8, from 2,000 trials', () => {
    const params = Array.from({ length: 8 }, (_, i) => uniform(`p${i}`));
    const input = study(params, (p) => 10 * (p.p0 as number) + 5 * (p.p1 as number) ** 2 + Math.sin(6 * (p.p2 as number)), 2000);
    const { importances } = result(computeImportance(input));
    assert.deepEqual(
      importances.slice(0, 3).map((i) => i.param),
      ['p0', 'p1', 'p2'],
    );
  });
});
