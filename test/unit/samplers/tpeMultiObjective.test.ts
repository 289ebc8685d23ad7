/**
 * tpe with several objectives and with constraints (Optuna 3.1's rules): what it observes, the
 * below/above split (ranks, hypervolume subset selection, feasibility first), the below weights, the
 * estimators fitted with them, and a search that beats random on ZDT1 and respects constraints.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { floatDistribution } from '../../../src/core/distributions';
import { frontHypervolume } from '../../../src/core/multiObjective';
import { RandomSampler } from '../../../src/core/samplers/random';
import type { Sampler } from '../../../src/core/samplers/sampler';
import { TpeSampler } from '../../../src/core/samplers/tpe';
import { collectObservations } from '../../../src/core/samplers/tpeObservations';
import { multiObjectiveBelowWeights, nadirReference, nondominationRanks, splitObservationPairs } from '../../../src/core/samplers/tpeSplit';
import type { Direction, FrozenTrial } from '../../../src/core/trial';
import { MoStudy, type MoObjective } from '../multiObjective/moStudy';
import { moTrial } from '../multiObjective/moTrials';

const X = { x: floatDistribution(0, 1) };
const close = (actual: number, expected: number): void => assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${actual} ≉ ${expected}`);

/** A study of complete trials with these values (and constraint values), x spread over [0, 1]. */
function studyOf(directions: Direction[], values: number[][], constraints?: (number[] | undefined)[]): MoStudy {
  const study = new MoStudy(X, directions);
  values.forEach((v, i) => study.add({ params: { x: (i + 0.5) / values.length }, values: v, systemAttrs: constraints?.[i] ? { constraints: constraints[i] as number[] } : {} }));
  return study;
}

/** The trial being sampled: running, not yet in the study. */
const CURRENT: FrozenTrial = moTrial(1_000_000, { values: null, state: 'running' });
const observe = (study: MoStudy, constrained?: boolean) => collectObservations(study, CURRENT, { constantLiar: true, constrained });

describe('MO-TPE observations', () => {
  it('observes complete trials only, values turned into losses', () => {
    const study = studyOf(['minimize', 'maximize'], [[1, 2], [3, 4]]);
    study.add({ params: { x: 0.5 }, values: null, state: 'pruned' });
    study.add({ params: { x: 0.5 }, values: null, state: 'fail' });
    const observations = observe(study);
    assert.deepEqual(observations.trials.map((t) => t.number), [0, 1]);
    assert.deepEqual([...observations.losses], [1, -2, 3, -4]);
    assert.equal(observations.violations, null);
  });

  it('applies constraints once a finished trial carries them: the sum of positive values, +∞ without them', () => {
    const study = studyOf(['minimize', 'minimize'], [[1, 1], [2, 2], [3, 3]], [[0.5, -1, 2], undefined, [-1, 0]]);
    assert.deepEqual([...(observe(study).violations ?? [])], [2.5, Infinity, 0]);
    assert.equal(observe(study, false).violations, null, 'unless told not to');
    assert.equal(observe(studyOf(['minimize'], [[1]])).violations, null);
  });
});

describe('MO-TPE split', () => {
  it('ranks by non-domination (Optuna\'s rank per point)', () => {
    assert.deepEqual(nondominationRanks([[1, 3], [2, 2], [3, 1], [2, 3], [4, 4], [2, 2]]), [0, 0, 0, 1, 2, 0]);
  });

  it('takes whole ranks while they fit, in rank order, not trial order', () => {
    // Trial 2 alone is rank 0, trial 0 alone rank 1; the rest are worse.
    const study = studyOf(['minimize', 'minimize'], [[2, 2], [5, 5], [1, 1], [4, 4], [3, 3]]);
    const { below, above } = splitObservationPairs(observe(study), 2);
    assert.deepEqual(below, [2, 0]);
    assert.deepEqual(above, [1, 3, 4]);
  });

  it('cuts the rank that does not fit by greedy hypervolume subset selection (reference: 1.1 × its worst point)', () => {
    assert.deepEqual(nadirReference([[1, 3], [2, 2], [3, 1]]), [3.3000000000000003, 3.3000000000000003]);
    assert.deepEqual(nadirReference([[-1, 0], [-2, 0]]), [-0.9, 1e-12]);
    // One front of three; the middle point has the largest box, then the first of the two equal gains.
    const study = studyOf(['minimize', 'minimize'], [[1, 3], [2, 2], [3, 1], [4, 4]]);
    assert.deepEqual(splitObservationPairs(observe(study), 2), { below: [1, 0], above: [2, 3] });
  });

  it('weighs below trials by hypervolume contribution over the largest, infeasible ones by EPS', () => {
    const study = studyOf(['minimize', 'minimize'], [[1, 3], [2, 2], [3, 1]]);
    const weights = multiObjectiveBelowWeights(observe(study), [0, 1, 2]);
    [0.3, 1, 0.3].forEach((w, i) => close(weights[i] as number, w));
    const constrained = studyOf(['minimize', 'minimize'], [[1, 3], [2, 2], [3, 1]], [[0], [1], [-1]]);
    const mixed = multiObjectiveBelowWeights(observe(constrained), [0, 1, 2]);
    assert.equal(mixed[1], 1e-12);
    assert.deepEqual([mixed[0], mixed[2]], [1, 1], 'two feasible points of equal contribution');
    assert.deepEqual([...multiObjectiveBelowWeights(observe(constrained), [1, 2])], [1e-12, 1], 'a single feasible one weighs 1');
  });
});

describe('TPE split with constraints (one objective)', () => {
  const study = studyOf(['minimize'], [[1], [2], [3], [4], [5], [6]], [[1], [0], [-1], [0.5], undefined, [0]]);

  it('puts feasible trials first, by value, when they fill below', () => {
    assert.deepEqual(splitObservationPairs(observe(study), 2), { below: [1, 2], above: [0, 3, 4, 5] });
  });

  it('fills below with every feasible trial, then the least violating, when they do not', () => {
    assert.deepEqual(splitObservationPairs(observe(study), 4), { below: [1, 2, 3, 5], above: [0, 4] });
    assert.deepEqual(splitObservationPairs(observe(study), 5), { below: [0, 1, 2, 3, 5], above: [4] }, 'a trial without constraint values last');
  });

  it('leaves an unconstrained split as it was', () => {
    assert.deepEqual(splitObservationPairs(observe(study, false), 2), { below: [0, 1], above: [2, 3, 4, 5] });
  });
});

describe('TpeSampler with several objectives', () => {
  const zdt1Space = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`x${i}`, floatDistribution(0, 1)]));
  const zdt1: MoObjective = (params) => {
    const x = Array.from({ length: 10 }, (_, i) => params[`x${i}`] as number);
    const g = 1 + (9 * x.slice(1).reduce((a, b) => a + b, 0)) / 9;
    return { values: [x[0] as number, g * (1 - Math.sqrt((x[0] as number) / g))] };
  };
  const volume = (sampler: Sampler, trials: number): number => {
    const study = new MoStudy(zdt1Space, ['minimize', 'minimize']).run(sampler, zdt1, trials);
    return frontHypervolume(study.getTrials(), study.directions, [11, 11]);
  };

  it('fits l(x) with the below weights', () => {
    const study = studyOf(['minimize', 'minimize'], Array.from({ length: 12 }, (_, i) => [i % 4, 4 - (i % 4) + Math.floor(i / 4)]));
    const fitted = new TpeSampler({ seed: 1 }).fitEstimators(study, CURRENT, ['x'], [X.x]);
    assert.ok(fitted && fitted.split.belowWeights);
    const { weights } = fitted.below;
    const raw = [...fitted.split.belowWeights, 1];
    const total = raw.reduce((a, b) => a + b, 0);
    raw.forEach((w, i) => close(weights[i] as number, w / total));
  });

  it('repeats itself with the same seed, univariate and multivariate', () => {
    for (const multivariate of [false, true]) {
      const run = () => new MoStudy(zdt1Space, ['minimize', 'minimize']).run(new TpeSampler({ seed: 3, multivariate }), zdt1, 25).getTrials().map((t) => t.params);
      assert.deepEqual(run(), run());
    }
  });

  // Univariate is today's default with several objectives (as Optuna 5's). Multivariate is checked
  // with 3.1's shared Scott-like bandwidth: with today's per-dimension neighbour gaps it is only just
  // ahead of random here (101.8 against 99.6 over these 5 seeds).
  it('reaches a larger ZDT1 hypervolume than random search at 100 trials (5 seeds), by default and multivariate under compat: optuna31', () => {
    for (const options of [{}, { compat: 'optuna31', multivariate: true }] as const) {
      let tpe = 0;
      let random = 0;
      for (let seed = 0; seed < 5; seed++) {
        tpe += volume(new TpeSampler({ seed, ...options }), 100);
        random += volume(new RandomSampler({ seed }), 100);
      }
      assert.ok(tpe > random + 5 * 4, `tpe ${JSON.stringify(options)} ${tpe / 5} against random ${random / 5}`);
    }
  });

  it('searches where constraints hold: min x² with x ≥ 0.6 ends near 0.36 (x ≈ 0.6), where unconstrained TPE would not look', () => {
    const objective: MoObjective = (params) => ({ values: [(params.x as number) ** 2], constraints: [0.6 - (params.x as number)] });
    let constrained = 0;
    let ignoring = 0;
    for (let seed = 0; seed < 5; seed++) {
      const best = (tpe: TpeSampler): number => {
        const trials = new MoStudy(X, ['minimize']).run(tpe, objective, 40).getTrials();
        return Math.min(...trials.filter((t) => (t.params.x as number) >= 0.6).map((t) => t.values?.[0] as number));
      };
      constrained += best(new TpeSampler({ seed }));
      ignoring += best(new TpeSampler({ seed, constrained: false }));
    }
    assert.ok(constrained / 5 < 0.38 && constrained < ignoring, `best feasible ${constrained / 5}, ignoring constraints ${ignoring / 5}`);
  });
});
