/**
 * The rf sampler as a study uses it: a Sobol initial design, one suggestion in five random, seeded
 * runs that repeat, parallel asks that differ, and searches that beat random sampling on a
 * conditional space and on a categorical-heavy one.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoricalDistribution, floatDistribution, intDistribution, type ParamValue } from '../../../src/core/distributions';
import { NopPruner } from '../../../src/core/pruners';
import { parseSamplerSpec, RandomSampler, RfSampler, type Sampler, type SearchSpace, type SpaceConditions, type StudyView } from '../../../src/core/samplers';
import type { FrozenTrial, TrialState } from '../../../src/core/trial';
import { sampleTrialParams } from '../../../src/core/trialSampling';

type Params = Readonly<Record<string, ParamValue>>;

/** A minimal in-memory study that asks as the real one does (parents first, inactive params skipped). */
class Study implements StudyView {
  readonly name = 'rf-test';
  readonly direction = 'minimize' as const;
  readonly directions = ['minimize' as const];
  private readonly trials: FrozenTrial[] = [];
  constructor(
    readonly searchSpace: SearchSpace,
    readonly conditions: SpaceConditions = {},
  ) {}

  getTrials(states?: readonly TrialState[]): readonly FrozenTrial[] {
    return states ? this.trials.filter((t) => states.includes(t.state)) : [...this.trials];
  }

  ask(sampler: Sampler): FrozenTrial {
    const { params, distributions } = sampleTrialParams(this, { sampler, pruner: new NopPruner(), space: this.searchSpace, conditions: this.conditions }, null);
    const trial: FrozenTrial = { id: this.trials.length, number: this.trials.length, state: 'running', value: null, values: null, params, distributions, intermediateValues: new Map(), userAttrs: {}, systemAttrs: {}, datetimeStart: null, datetimeComplete: null };
    this.trials.push(trial);
    return trial;
  }

  tell(trial: FrozenTrial, value: number): void {
    this.trials[trial.number] = { ...trial, state: 'complete', value, values: [value] };
  }

  run(sampler: Sampler, objective: (p: Params) => number, n: number): FrozenTrial[] {
    for (let i = 0; i < n; i++) {
      const trial = this.ask(sampler);
      this.tell(trial, objective(trial.params));
    }
    return [...this.trials];
  }

  best(): number {
    return Math.min(...this.trials.map((t) => t.value ?? Infinity));
  }
}

const UNIT_SQUARE: SearchSpace = { x: floatDistribution(0, 1), y: floatDistribution(0, 1) };

/** Two optimizers with their own params; lowest (0) with adam, lr 1e-3, beta1 0.9 and weight decay 1e-4. */
const BRANCH_SPACE: SearchSpace = {
  optimizer: categoricalDistribution(['sgd', 'adam']),
  'sgd.lr': floatDistribution(1e-4, 1, { log: true }),
  momentum: floatDistribution(0, 0.99),
  nesterov: categoricalDistribution([true, false]),
  'adam.lr': floatDistribution(1e-5, 1e-1, { log: true }),
  beta1: floatDistribution(0.8, 0.999),
  weight_decay: floatDistribution(1e-6, 1e-2, { log: true }),
};
const BRANCH_CONDITIONS: SpaceConditions = {
  'sgd.lr': [{ parent: 'optimizer', values: ['sgd'] }],
  momentum: [{ parent: 'optimizer', values: ['sgd'] }],
  nesterov: [{ parent: 'optimizer', values: ['sgd'] }],
  'adam.lr': [{ parent: 'optimizer', values: ['adam'] }],
  beta1: [{ parent: 'optimizer', values: ['adam'] }],
};
function branchObjective(p: Params): number {
  const branch =
    p.optimizer === 'sgd'
      ? 0.3 + (Math.log10(p['sgd.lr'] as number) + 1.5) ** 2 + 4 * ((p.momentum as number) - 0.9) ** 2 + (p.nesterov ? 0 : 0.2)
      : (Math.log10(p['adam.lr'] as number) + 3) ** 2 + 20 * ((p.beta1 as number) - 0.9) ** 2;
  return branch + 0.2 * (Math.log10(p.weight_decay as number) + 4) ** 2;
}

/** Six categorical params, each with one choice costing 0, and two pairs that cost 0.5 more unless both are at theirs. */
const CATEGORICAL_COSTS = [
  [0.6, 0, 0.3, 1],
  [0.3, 0.6, 0, 1],
  [1, 0.3, 0.6, 0],
  [0, 1, 0.3, 0.6],
  [0.4, 0.2, 0, 0.8, 0.6, 1],
  [0.8, 1, 0.6, 0.4, 0.2, 0],
];
const CATEGORICAL_SPACE: SearchSpace = Object.fromEntries(CATEGORICAL_COSTS.map((costs, i) => [`c${i}`, categoricalDistribution(costs.map((_, k) => `v${k}`))]));
function categoricalObjective(p: Params): number {
  const cost = (i: number): number => (CATEGORICAL_COSTS[i] as number[])[Number((p[`c${i}`] as string).slice(1))] as number;
  let total = CATEGORICAL_COSTS.reduce((sum, _, i) => sum + cost(i), 0);
  for (const [a, b] of [[0, 1], [2, 3]] as const) if (cost(a) !== 0 || cost(b) !== 0) total += 0.5;
  return total;
}

/**
 * One to four layers, each with its own width (`units_i` exists when the study has more than i
 * layers), a learning rate and a dropout; lowest (0) with 3 layers of 2^8, 2^7 and 2^6 units, lr
 * 10^-2.5 and dropout 0.2. Once the layer count is found, what is left is refining numeric params.
 */
const LAYER_SPACE: SearchSpace = {
  layers: intDistribution(1, 4),
  ...Object.fromEntries([0, 1, 2, 3].map((i) => [`units_${i}`, intDistribution(16, 512, { log: true })])),
  lr: floatDistribution(1e-4, 1e-1, { log: true }),
  dropout: floatDistribution(0, 0.5),
};
const LAYER_CONDITIONS: SpaceConditions = Object.fromEntries(
  [1, 2, 3].map((i) => [`units_${i}`, [{ parent: 'layers', values: [2, 3, 4].filter((n) => n > i) }]]),
);
function layerObjective(p: Params): number {
  const layers = p.layers as number;
  let loss = 0.5 * Math.abs(layers - 3) + 0.5 * (Math.log10(p.lr as number) + 2.5) ** 2 + 2 * ((p.dropout as number) - 0.2) ** 2;
  for (let i = 0; i < layers; i++) loss += 0.1 * (Math.log2(p[`units_${i}`] as number) - (8 - i)) ** 2;
  return loss;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

describe('rf sampler', () => {
  it('refuses a bad option at its key, naming the options it takes', () => {
    const { spec, problems } = parseSamplerSpec({ type: 'rf', n_trees: 0, random_interleaving: 5 }, ['search', 'sampler']);
    assert.equal(spec, null);
    assert.deepEqual(
      problems.map((p) => [p.path.join('.'), p.message]),
      [
        ['search.sampler.n_trees', 'n_trees must be an integer ≥ 1, got 0'],
        ['search.sampler.random_interleaving', "unknown option 'random_interleaving' for sampler 'rf'; did you mean 'random_interleave'? (options: n_startup_trials, n_trees, random_interleave)"],
      ],
    );
  });

  it('starts with a Sobol design: 16 points put one in each cell of a 4 × 4 grid', () => {
    for (const seed of [1, 2, 3]) {
      const trials = new Study(UNIT_SQUARE).run(new RfSampler({ seed, n_startup_trials: 16 }), (p) => (p.x as number) + (p.y as number), 16);
      const cells = new Set(trials.map((t) => `${Math.floor((t.params.x as number) * 4)},${Math.floor((t.params.y as number) * 4)}`));
      assert.equal(cells.size, 16, `seed ${seed}: ${cells.size} of 16 cells hit`);
    }
  });

  it('makes every fifth suggestion after the design a random one', () => {
    // Minimising x + y, the model keeps to the corner near (0, 0); the random fifths land anywhere.
    const objective = (p: Params): number => (p.x as number) + (p.y as number);
    const run = (interleave: number) => new Study(UNIT_SQUARE).run(new RfSampler({ seed: 4, n_startup_trials: 10, random_interleave: interleave }), objective, 70).slice(10);
    const sumOf = (t: FrozenTrial): number => objective(t.params);
    const interleaved = run(5);
    const randomFifths = interleaved.filter((_, k) => k % 5 === 4).map(sumOf);
    const modelled = interleaved.filter((_, k) => k % 5 !== 4).map(sumOf);
    assert.ok(median(randomFifths) > 0.5, `random fifths: median x + y ${median(randomFifths)}`);
    assert.ok(median(modelled) < 0.2, `model suggestions: median x + y ${median(modelled)}`);
    const never = run(0).filter((_, k) => k % 5 === 4).map(sumOf);
    assert.ok(median(never) < 0.2, `with random_interleave 0, the same positions: median ${median(never)}`);
  });

  it('repeats itself with the same seed and hands parallel asks distinct points', () => {
    const params = (seed: number) => new Study(BRANCH_SPACE, BRANCH_CONDITIONS).run(new RfSampler({ seed }), branchObjective, 30).map((t) => t.params);
    assert.deepEqual(params(8), params(8));
    assert.notDeepEqual(params(8), params(9));
    const study = new Study(BRANCH_SPACE, BRANCH_CONDITIONS);
    const sampler = new RfSampler({ seed: 2 });
    study.run(sampler, branchObjective, 30);
    const pending = Array.from({ length: 6 }, () => study.ask(sampler));
    assert.equal(new Set(pending.map((t) => JSON.stringify(t.params))).size, 6);
  });

  it('gives every trial of a conditional space exactly its active params', () => {
    for (const trial of new Study(BRANCH_SPACE, BRANCH_CONDITIONS).run(new RfSampler({ seed: 3 }), branchObjective, 40)) {
      const expected = trial.params.optimizer === 'sgd' ? ['optimizer', 'sgd.lr', 'momentum', 'nesterov', 'weight_decay'] : ['optimizer', 'adam.lr', 'beta1', 'weight_decay'];
      assert.deepEqual(Object.keys(trial.params), expected);
    }
  });

  for (const { label, space, conditions, objective } of [
    { label: 'a conditional space (two optimizers)', space: BRANCH_SPACE, conditions: BRANCH_CONDITIONS, objective: branchObjective },
    { label: 'a categorical-heavy space', space: CATEGORICAL_SPACE, conditions: {}, objective: categoricalObjective },
    { label: 'a per-layer space, mostly numeric params to refine', space: LAYER_SPACE, conditions: LAYER_CONDITIONS, objective: layerObjective },
  ]) {
    it(`finds better trials than random sampling on ${label} (5 seeds, 60 trials)`, () => {
      const seeds = [1, 2, 3, 4, 5];
      const rf = seeds.map((seed) => {
        const study = new Study(space, conditions);
        study.run(new RfSampler({ seed }), objective, 60);
        return study.best();
      });
      const random = seeds.map((seed) => {
        const study = new Study(space, conditions);
        study.run(new RandomSampler({ seed }), objective, 60);
        return study.best();
      });
      assert.ok(mean(rf) < 0.5 * mean(random), `mean best: rf ${mean(rf).toFixed(3)}, random ${mean(random).toFixed(3)}`);
    });
  }
});
