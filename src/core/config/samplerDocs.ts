/**
 * What each sampler and pruner does and what each of its options means: the editor's hover and
 * completion texts for `search.sampler` and `search.pruner`. The options must be the ones the spec
 * tables (samplers/spec.ts, pruners/spec.ts) accept, and the texts the ones the JSON schema shows;
 * test/unit/config/keyDocs.test.ts checks both.
 */
import type { PrunerType } from '../pruners/spec';
import type { SamplerType } from '../samplers/spec';

export interface AlgorithmDoc {
  readonly doc: string;
  readonly options: Readonly<Record<string, string>>;
}

export const SAMPLER_DOCS: Readonly<Record<SamplerType, AlgorithmDoc>> = {
  random: { doc: 'Uniform random sampling.', options: {} },
  grid: {
    doc: 'Every combination of the space, once each, in random order.',
    options: { points: 'Grid points for numeric ranges that have no step or grid: of their own.' },
  },
  tpe: {
    doc: "Tree-structured Parzen Estimator, as in Optuna 5 (multivariate with one objective, constant liar; with several objectives, its multi-objective TPE; with constraints, feasible trials first). compat: optuna31 reproduces Optuna 3.1.",
    options: {
      compat: "optuna31: Optuna 3.1.0's TPE decision for decision (univariate, no constant liar, 3.1's kernel bandwidths); options written out still win. Left out: today's Optuna 5 defaults.",
      multivariate: "Model parameters jointly (Optuna's multivariate TPE; default on with one objective, off with several or with compat: optuna31). Alone, it models only the params every trial has; in a conditional space the others are sampled one by one (add group: true).",
      group: 'With multivariate: model each group of params that always appear together jointly, e.g. each branch of a conditional space (Optuna group=True).',
      constant_liar: "Treat running trials as bad while sampling, so parallel workers spread out (default true; false with compat: optuna31).",
      n_startup_trials: 'Random trials before TPE takes over (Optuna default 10).',
      n_ei_candidates: 'Candidates drawn from the good-trials density per sample (default 24).',
      prior_weight: 'Weight of the prior in the Parzen estimators (default 1.0).',
      consider_prior: 'Add a prior component to the Parzen estimators (default true).',
      consider_magic_clip: 'Clip kernel bandwidths from below (default true).',
      consider_endpoints: 'Let the range ends widen the outer kernels (default false).',
    },
  },
  qmc: {
    doc: "Quasi-Monte Carlo: trial n takes point n of a low-discrepancy sequence, as Optuna's QMCSampler.",
    options: {
      qmc_type: 'The sequence: sobol (default; best with a power-of-two budget) or halton.',
      scramble: 'Randomise the sequence with the study seed (default true); false gives the textbook points.',
    },
  },
  gp: {
    doc: "Gaussian-process Bayesian optimisation, as Optuna's GPSampler: best for small budgets of expensive trials; several objectives by expected hypervolume improvement, constraints by their probability of holding.",
    options: {
      n_startup_trials: 'Random trials before the GP takes over (Optuna default 10).',
      deterministic_objective: "The objective gives the same value for the same params: fix the GP's noise to a tiny value (default false).",
    },
  },
  nsga2: {
    doc: "NSGA-II genetic search of the Pareto front, as Optuna's NSGAIISampler: generations bred from the best-ranked trials; for several objectives and constraints.",
    options: {
      population_size: 'Trials per generation (default 50); the first generation is random.',
      mutation_prob: 'Chance each parameter of a child is drawn at random instead (default 1 / number of parameters).',
      crossover: 'How numeric parameters of the parents mix: uniform (default), blxalpha, sbx, vsbx, undx or spx (undx and spx take three parents).',
      crossover_prob: 'Chance a child is a crossover of two parents rather than a copy of one (default 0.9).',
      swapping_prob: 'Chance each parameter comes from the second parent in a uniform crossover (default 0.5).',
    },
  },
  rf: {
    doc: "SMAC-style random-forest Bayesian optimisation: a Sobol initial design, then log expected improvement of a 10-tree random forest on log costs, maximised by local and random search, one suggestion in five random. Suited to conditional and categorical-heavy spaces; several objectives by ParEGO scalarisation, constraints as a cost penalty.",
    options: {
      n_startup_trials: "Sobol initial-design trials before the forest takes over (default 10 per param, at most 20).",
      n_trees: "Trees in the forest (SMAC default 10).",
      random_interleave: "Every n-th suggestion after the initial design is random, so the search never sticks to one region (default 5, SMAC's one in five; 0 = never).",
    },
  },
};

const MEDIAN_OPTION_DOCS = {
  n_startup_trials: 'Finished trials needed before any pruning (default 5).',
  n_warmup_steps: 'Steps a trial runs before it can be pruned (default 0).',
  interval_steps: 'Check for pruning every this many steps (default 1).',
  n_min_trials: 'Trials that must have reported a step before it is compared (default 1).',
};

const ASHA_DOC: AlgorithmDoc = {
  doc: 'Asynchronous successive halving (ASHA): promote the top 1/reduction_factor at each rung.',
  options: {
    min_resource: 'Steps before the first rung, or auto (from finished trials; default).',
    reduction_factor: 'Keep 1/reduction_factor of the trials at each rung (default 4).',
    min_early_stopping_rate: 'Skip this many rungs before the first promotion check (default 0).',
    bootstrap_count: 'Trials that must reach a rung before any is promoted (default 0; needs an explicit min_resource).',
  },
};

/** By every name a config may give (successive_halving is Optuna's name for ASHA). */
export const PRUNER_DOCS: Readonly<Record<PrunerType | 'successive_halving', AlgorithmDoc>> = {
  none: { doc: 'Never prune.', options: {} },
  median: { doc: 'Prune a trial whose best value so far is worse than the median of earlier trials at the same step.', options: MEDIAN_OPTION_DOCS },
  percentile: {
    doc: 'Prune a trial worse than the given percentile of earlier trials at the same step.',
    options: { percentile: 'Percentile in [0, 100]; 50 is the median pruner.', ...MEDIAN_OPTION_DOCS },
  },
  asha: ASHA_DOC,
  successive_halving: ASHA_DOC,
  hyperband: {
    doc: 'Hyperband: several successive-halving brackets with different trade-offs.',
    options: {
      min_resource: 'Steps before the first rung (default 1).',
      max_resource: 'Steps a full trial runs, or auto (from the first finished trial; default).',
      reduction_factor: 'Keep 1/reduction_factor of the trials at each rung (default 3).',
      bootstrap_count: 'Trials that must reach a rung before any is promoted (default 0).',
    },
  },
  pareto_asha: {
    doc: 'Successive halving for several objectives: at each rung keep the trials whose Pareto front is in the top 1/reduction_factor.',
    options: {
      min_resource: 'Steps before the first rung, or auto (from finished trials; default).',
      reduction_factor: 'Keep about 1/reduction_factor of the trials at each rung, whole fronts at a time (default 3).',
      min_early_stopping_rate: 'Skip this many rungs before the first promotion check (default 0).',
    },
  },
};

/** The doc of a sampler or pruner by the name a config gives, or undefined for an unknown name. */
export function algorithmDoc(section: 'sampler' | 'pruner', name: unknown): AlgorithmDoc | undefined {
  const table: Readonly<Record<string, AlgorithmDoc>> = section === 'sampler' ? SAMPLER_DOCS : PRUNER_DOCS;
  return typeof name === 'string' && Object.hasOwn(table, name) ? table[name] : undefined;
}
