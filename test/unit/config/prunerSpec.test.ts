// parsePrunerSpec: the table of pruners and their options, with Optuna's names.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatKeyPath } from '../../../src/core/problems';
import { parsePrunerSpec, PRUNER_TYPES } from '../../../src/core/pruners/spec';

function errorsOf(raw: unknown): string[] {
  return parsePrunerSpec(raw, ['pruner']).problems.map((p) => `${formatKeyPath(p.path)}: ${p.message}`);
}

describe('parsePrunerSpec', () => {
  it('accepts every pruner by name, except percentile which needs its percentile', () => {
    for (const type of PRUNER_TYPES.filter((t) => t !== 'percentile')) assert.deepEqual(parsePrunerSpec(type, ['p']), { spec: { type }, problems: [] });
    assert.deepEqual(errorsOf('percentile'), ["pruner: pruner 'percentile' needs percentile"]);
  });

  it('takes options in an object with a type, and maps successive_halving to asha', () => {
    assert.deepEqual(parsePrunerSpec({ type: 'successive_halving', min_resource: 'auto', reduction_factor: 3 }, ['p']).spec, { type: 'asha', min_resource: 'auto', reduction_factor: 3 });
    assert.deepEqual(parsePrunerSpec({ type: 'percentile', percentile: 25, n_warmup_steps: 2 }, ['p']).spec, { type: 'percentile', percentile: 25, n_warmup_steps: 2 });
    assert.deepEqual(parsePrunerSpec({ type: 'hyperband', max_resource: 'auto', min_resource: 2 }, ['p']).spec, { type: 'hyperband', max_resource: 'auto', min_resource: 2 });
  });

  it('rejects unknown names and options with a did-you-mean, and bad values', () => {
    assert.deepEqual(errorsOf('medain'), ["pruner: unknown pruner \"medain\"; did you mean 'median'? (known: none, median, percentile, asha, hyperband, pareto_asha, successive_halving)"]);
    assert.deepEqual(errorsOf('constructor'), ['pruner: unknown pruner "constructor" (known: none, median, percentile, asha, hyperband, pareto_asha, successive_halving)']);
    assert.deepEqual(errorsOf({ type: 'median', n_warmup_step: 1, interval_steps: 0 }), [
      "pruner.n_warmup_step: unknown option 'n_warmup_step' for pruner 'median'; did you mean 'n_warmup_steps'? (options: n_startup_trials, n_warmup_steps, interval_steps, n_min_trials)",
      'pruner.interval_steps: interval_steps must be an integer ≥ 1, got number 0',
    ]);
    assert.deepEqual(errorsOf({ type: 'none', x: 1 }), ["pruner.x: unknown option 'x' for pruner 'none' (it takes no options)"]);
    assert.deepEqual(errorsOf({ type: 'percentile', percentile: -1 }), ['pruner.percentile: percentile must be a number in [0, 100], got number -1']);
    assert.deepEqual(errorsOf({ type: 'asha', min_resource: 'soon' }), ['pruner.min_resource: min_resource must be an integer ≥ 1 or "auto", got string "soon"']);
    assert.deepEqual(errorsOf({ reduction_factor: 3 }), ['pruner: pruner needs a type: one of none, median, percentile, asha, hyperband, pareto_asha, successive_halving']);
    assert.deepEqual(errorsOf(3), ['pruner: pruner must be a name (none, median, percentile, asha, hyperband, pareto_asha, successive_halving) or a map with a type, got number 3']);
  });

  it('applies the rules Optuna checks across options', () => {
    assert.deepEqual(errorsOf({ type: 'asha', bootstrap_count: 2 }), ['pruner.bootstrap_count: bootstrap_count > 0 needs an explicit min_resource (not "auto")']);
    assert.deepEqual(errorsOf({ type: 'asha', bootstrap_count: 2, min_resource: 1 }), []);
    assert.deepEqual(errorsOf({ type: 'hyperband', min_resource: 5, max_resource: 3 }), ['pruner.max_resource: max_resource (3) must not be less than min_resource (5)']);
  });
});
