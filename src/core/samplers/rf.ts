/**
 * SMAC-style random-forest search (SMAC3 2.x's HPO facade; docs/algorithms.md §1.9). Trials before
 * `n_startup_trials` take the points of a scrambled Sobol sequence over the whole space (point n for
 * trial n); after that, every `random_interleave`-th suggestion is drawn at random and the others
 * maximise log expected improvement of a random forest fitted to the log costs of the complete
 * trials (rfCosts.ts, rfForest.ts, rfAcquisition.ts). In a space of numeric params only, the forest's
 * mean is a local quadratic weighted by the trees (rfLocalModel.ts), so that it can place an optimum
 * inside a leaf, and the maximiser's local searches refine their steps near the best configurations.
 * The forest sees a conditional space whole, with
 * inactive params imputed out of range (rfSpace.ts), so it handles branches, int, log, step and
 * categorical params natively; the joint sample covers every active param.
 *
 * Unlike SMAC, trials still running (parallel workers) are believed at the forest's mean (constant
 * liar) and the forest is refitted with them, so parallel asks differ; several objectives are
 * scalarised by ParEGO with fresh weights per suggestion, and constraints make a trial costlier than
 * every feasible one.
 */
import { isSingle, toExternal, type Distribution, type ParamValue } from '../distributions';
import { Rng } from '../rng';
import type { FrozenTrial } from '../trial';
import { objectiveValues } from './gpObservations';
import { RandomSampler } from './random';
import { logExpectedImprovement, maximizeAcquisition, SMAC_MAXIMIZER } from './rfAcquisition';
import { logCosts } from './rfCosts';
import { RfForest, type RfForestOptions } from './rfForest';
import type { LocalModelOptions } from './rfLocalModel';
import { RfSpace, type Configuration } from './rfSpace';
import type { Sampler, SearchSpace, StudyView } from './sampler';
import { SOBOL_MAX_DIMENSION, SobolSequence } from './sobol';
import type { RfSamplerSpec } from './spec';

export type RfSamplerOptions = { readonly seed?: number } & Omit<RfSamplerSpec, 'type'>;

/** SMAC's initial design is 10 configurations per param; ours stops at 20 (see docs: studies may have no budget). */
const DESIGN_PER_PARAM = 10;
const DESIGN_CAP = 20;
/** Local searches start from this many of the best observed configurations (SMAC's 10). */
const LOCAL_SEARCH_STARTS = 10;
/**
 * The forest's mean is a diagonal quadratic fitted with its weights (rfLocalModel.ts) on nodes of at
 * least two in-bag rows per term, with a light ridge, believed at most 0.2 cost spreads below the
 * best cost: the settings measured best (docs/algorithms.md §5.1).
 */
const LOCAL_QUADRATIC = { rowsPerTerm: 2, ridge: 0.001, maxDive: 0.2 } as const;
/** A stuck local search halves its numeric steps down to this share of SMAC's (0.2 → 0.006). */
const FINEST_STEP = 0.03;

export class RfSampler implements Sampler {
  readonly name = 'rf';
  private readonly rng: Rng;
  private readonly seed: number;
  private readonly randomSampler: RandomSampler;
  private readonly startupOption: number | undefined;
  private readonly interleave: number;
  private readonly trees: number;
  private space: { readonly key: string; readonly rf: RfSpace; readonly sobol: SobolSequence } | null = null;

  constructor(options: RfSamplerOptions = {}) {
    this.rng = new Rng(options.seed);
    this.seed = options.seed ?? this.rng.nextUint32();
    this.randomSampler = new RandomSampler({ rng: this.rng.fork() });
    this.startupOption = options.n_startup_trials;
    this.interleave = options.random_interleave ?? 5;
    this.trees = options.n_trees ?? 10;
  }

  /** The whole declared space (less single-valued params): the forest models branches jointly. */
  inferRelativeSearchSpace(study: StudyView): SearchSpace {
    const space: Record<string, Distribution> = {};
    for (const [name, d] of Object.entries(study.searchSpace)) if (!isSingle(d)) space[name] = d;
    return space;
  }

  sampleRelative(study: StudyView, trial: FrozenTrial): Record<string, ParamValue> {
    const { rf, sobol } = this.spaceOf(study);
    if (rf.dim === 0) return {};
    const startup = this.startupOption ?? Math.min(DESIGN_PER_PARAM * rf.dim, DESIGN_CAP);
    if (trial.number < startup) return rf.toParams(rf.fromUnitCube(sobol.point(trial.number), this.rng));
    const position = trial.number - startup;
    if (this.interleave > 0 && position % this.interleave === this.interleave - 1) return rf.toParams(rf.random(this.rng));

    const objectives = study.directions.length;
    const observed: { trial: FrozenTrial; config: Configuration }[] = [];
    for (const t of study.getTrials(['complete'])) {
      const config = t.number === trial.number || objectiveValues(t, objectives) === null ? null : rf.fromParams(t.params);
      if (config !== null) observed.push({ trial: t, config });
    }
    if (observed.length < 2) return rf.toParams(rf.random(this.rng));
    const pending = study
      .getTrials(['running'])
      .filter((t) => t.number !== trial.number)
      .map((t) => rf.fromParams(t.params))
      .filter((c): c is Configuration => c !== null);

    const configs = [...observed.map((o) => o.config), ...pending];
    const costs = logCosts(
      observed.map((o) => o.trial),
      study.directions,
      this.rng,
    );
    const x = new Float32Array(configs.length * rf.dim);
    configs.forEach((config, i) => rf.features(config, x, i * rf.dim));
    const y = new Float64Array(configs.length);
    y.set(costs);
    // The local quadratic and the refinement serve spaces of numeric params only: in a node of mixed
    // choices the quadratic ignores them and blurs what the leaves had told apart (docs §5.1).
    const numericOnly = Array.from({ length: rf.dim }, (_, d) => rf.isCategorical(d)).every((c) => !c);
    const local = numericOnly ? { local: localModelOptions(rf) } : {};
    const fitOptions = (): RfForestOptions => ({ trees: this.trees, seed: this.rng.nextUint32(), ...local });
    let forest = RfForest.fit(x.subarray(0, observed.length * rf.dim), costs, observed.length, rf.dim, fitOptions());
    if (pending.length > 0) {
      // Constant liar: each running trial is believed at the forest's mean, then the forest refitted.
      for (let p = 0; p < pending.length; p++) {
        const i = observed.length + p;
        y[i] = forest.predict(x.subarray(i * rf.dim, (i + 1) * rf.dim)).mean;
      }
      forest = RfForest.fit(x, y, configs.length, rf.dim, fitOptions());
    }
    // The incumbent is the least predicted cost among the configurations tried (SMAC's eta).
    let best = Infinity;
    for (let i = 0; i < configs.length; i++) best = Math.min(best, forest.predict(x.subarray(i * rf.dim, (i + 1) * rf.dim)).mean);

    const row = new Float32Array(rf.dim);
    const acquisition = (config: Configuration): number => {
      rf.features(config, row);
      return logExpectedImprovement(forest.predict(row), best);
    };
    const starts = observed
      .map((o, i) => ({ config: o.config, cost: costs[i] as number }))
      .sort((a, b) => a.cost - b.cost)
      .slice(0, LOCAL_SEARCH_STARTS)
      .map((s) => s.config);
    const exclude = new Set(study.getTrials().flatMap((t) => (t.number === trial.number ? [] : [rf.key(rf.fromParams(t.params) ?? new Float64Array())])));
    const maximum = maximizeAcquisition(rf, acquisition, starts, exclude, this.rng, { ...SMAC_MAXIMIZER, finestStep: numericOnly ? FINEST_STEP : 1 });
    return rf.toParams(maximum?.config ?? rf.random(this.rng));
  }

  sampleIndependent(study: StudyView, trial: FrozenTrial, name: string, distribution: Distribution): ParamValue {
    return this.randomSampler.sampleIndependent(study, trial, name, distribution);
  }

  /** The space's encoding and Sobol design, rebuilt only when the study or its params change. */
  private spaceOf(study: StudyView): { rf: RfSpace; sobol: SobolSequence } {
    const relative = this.inferRelativeSearchSpace(study);
    const key = `${study.name}\u0000${Object.keys(relative).join('\u0000')}`;
    if (this.space?.key !== key) {
      const constants: Record<string, ParamValue> = {};
      for (const [name, d] of Object.entries(study.searchSpace)) if (isSingle(d)) constants[name] = toExternal(d, d.type === 'categorical' ? 0 : d.low);
      const rf = new RfSpace(relative, study.conditions, constants);
      const sobol = new SobolSequence(Math.max(1, Math.min(rf.dim, SOBOL_MAX_DIMENSION)), { seed: this.seed });
      this.space = { key, rf, sobol };
    }
    return this.space;
  }
}

/** The local quadratic over the space's numeric params (categorical ones are the trees' alone). */
function localModelOptions(rf: RfSpace): LocalModelOptions {
  const numeric = Array.from({ length: rf.dim }, (_, d) => !rf.isCategorical(d));
  const terms = 1 + 2 * numeric.filter(Boolean).length;
  return { numeric, minNodeWeight: LOCAL_QUADRATIC.rowsPerTerm * terms, ridge: LOCAL_QUADRATIC.ridge, maxDive: LOCAL_QUADRATIC.maxDive };
}
