// objective: lists and constraints: in a config, beyond the broken/valid fixtures: the defaults a
// multi-objective study gets, the constraint values a trial's metrics give, and how validate words them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { constraintValuesOf, createStudy, describeConstraints, describeObjectives, parseConfig } from '../../../src/core';

const BODY = 'space:\n  x: { float: [0, 1] }\ntrial:\n  command: [python, train.py]\n';

function configOf(head: string) {
  const { config, problems } = parseConfig(`${head}\n${BODY}`, 'mo.tune.yaml');
  assert.ok(config, problems.map((p) => p.message).join('\n'));
  return config;
}

describe('a config with several objectives', () => {
  it('keeps them in order, and searches with nsga2 unless a sampler is written (as Optuna\'s create_study)', () => {
    const config = configOf('objective: [{ metric: acc, direction: maximize }, size]');
    assert.deepEqual(config.objectives, [{ metric: 'acc', direction: 'maximize' }, { metric: 'size', direction: 'minimize' }]);
    assert.deepEqual(config.sampler, { type: 'nsga2' });
    assert.deepEqual(configOf('objective: [acc, size]\nsearch: { sampler: random }').sampler, { type: 'random' });
    assert.deepEqual(configOf('objective: [acc]').sampler, { type: 'tpe' }, 'a list of one is one objective');
    assert.equal(describeObjectives(config.objectives), 'maximize acc, minimize size');
  });

  it('gives createStudy the same default', async () => {
    const study = await createStudy({ name: 'mo', space: { x: { float: [0, 1] } }, directions: ['maximize', 'minimize'] });
    assert.equal(study.sampler.name, 'nsga2');
    await study.close();
  });
});

describe('pruning a config with several objectives', () => {
  const problemsOf = (head: string): string[] => parseConfig(`${head}\n${BODY}`, 'mo.tune.yaml').problems.map((p) => `${p.start?.line}:${p.start?.col} ${p.path.join('.')} ${p.message}`);

  it('takes pareto_asha and its options', () => {
    const config = configOf('objective: [{ metric: acc, direction: maximize }, size]\nsearch:\n  pruner: { type: pareto_asha, min_resource: 1, reduction_factor: 2 }');
    assert.deepEqual(config.pruner, { type: 'pareto_asha', min_resource: 1, reduction_factor: 2 });
    assert.deepEqual(configOf('objective: [acc, size]\nsearch: { pruner: pareto_asha }').pruner, { type: 'pareto_asha' });
  });

  it('points at a one-objective pruner and names pareto_asha', () => {
    assert.deepEqual(problemsOf('objective: [acc, size]\nsearch:\n  pruner: asha'), [
      '3:11 search.pruner a study with 2 objectives is not pruned by asha (it compares one value per step): use pruner: pareto_asha, which ranks every objective, or remove pruner',
    ]);
    assert.match(problemsOf('objective: [acc, size, latency]\nsearch:\n  pruner: { type: median, n_startup_trials: 2 }')[0] ?? '', /^3:11 search.pruner a study with 3 objectives is not pruned by median/);
  });

  it('refuses pareto_asha for one objective, and a pareto_asha option it does not take, each where written', () => {
    assert.deepEqual(problemsOf('objective: acc\nsearch:\n  pruner: { type: pareto_asha }'), ['3:11 search.pruner pareto_asha ranks several objectives and this study has one: use pruner: asha (the same rule for one objective)']);
    const [problem] = problemsOf('objective: [acc, size]\nsearch:\n  pruner: { type: pareto_asha, bootstrap_count: 2 }');
    assert.match(problem ?? '', /^3:32 search.pruner.bootstrap_count unknown option 'bootstrap_count' for pruner 'pareto_asha' \(options: min_resource, reduction_factor, min_early_stopping_rate\)/);
  });
});

describe('constraints', () => {
  it('turn a trial\'s metrics into Optuna\'s constraint values, in the order written (max, then min)', () => {
    const { constraints } = configOf('objective: acc\nconstraints: [{ metric: ms, max: 2 }, { metric: acc, min: 0.5, max: 0.9 }]');
    assert.deepEqual(constraintValuesOf(constraints, { ms: 1.5, acc: 0.95 }), { values: [-0.5, 0.95 - 0.9, 0.5 - 0.95] });
    assert.deepEqual(constraintValuesOf(constraints, { acc: 0.7 }), { missing: 'ms' });
    assert.deepEqual(constraintValuesOf(constraints, { ms: Number.NaN, acc: 0.7 }), { missing: 'ms' });
    assert.equal(describeConstraints(constraints), 'ms ≤ 2, 0.5 ≤ acc ≤ 0.9');
  });
});
