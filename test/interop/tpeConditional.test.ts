/**
 * tpe (`compat: optuna31`) in a conditional space decides as Optuna 3.1's TPESampler does with the
 * same space written as a define-by-run objective (optuna_tpe_conditional.py asks it: the history's
 * trials hold only their active params, one trial is asked and its objective suggests what its
 * branch makes active). On
 * random histories (complete, pruned, running and failed trials; both optimizer branches, mlp/cnn,
 * one to three layers of units), univariate and `multivariate: true, group: true`:
 * - the relative space and, with group, the groups (params that always appear together);
 * - every estimator pair Optuna built, over the same params: the same split (a trial lacking the
 *   param still counts in it) and the same Parzen estimators fitted to the trials that have the
 *   param(s): mixture weights, mus, sigmas, categorical rows, log densities at 24 shared candidates,
 *   and the candidate chosen;
 * - which of the trial's params come from the joint draw (none in the startup phase).
 * The values drawn are not compared (the random streams differ; see tpe.test.ts). Floats match to 1e-9.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isActive } from '../../src/core/activeParams';
import type { Distribution, ParamValue } from '../../src/core/distributions';
import { Rng } from '../../src/core/rng';
import { GroupDecomposedSearchSpace } from '../../src/core/samplers/groupDecomposedSearchSpace';
import { sampleUniform } from '../../src/core/samplers/random';
import { TpeSampler } from '../../src/core/samplers/tpe';
import type { TrialState } from '../../src/core/trial';
import { CONDITIONAL_CONDITIONS, CONDITIONAL_SPACE, conditionalObjective } from '../fixtures/conditionalSpace';
import { compareEstimator, type EstimatorAnswer } from './parzenComparison';
import { optunaMajor, PYTHON } from './pythonPeers';
import { candidatesFor, close, skip as noOptuna, studyOf, type TrialCase } from './tpeInteropCases';

const skip = noOptuna || (optunaMajor !== 3 ? `the peer is Optuna ${optunaMajor}, not 3.1` : false);

interface SamplerCase {
  multivariate: boolean;
  group: boolean;
  constant_liar: boolean;
  n_startup_trials: number;
  consider_prior: boolean;
  prior_weight: number;
  consider_magic_clip: boolean;
  consider_endpoints: boolean;
  seed: number;
}
interface ConditionalCase {
  trials: TrialCase[];
  sampler: SamplerCase;
  candidates: Record<string, number[]>;
}
interface Fit {
  names: string[];
  below: number[];
  above: number[];
  estimators: [EstimatorAnswer, EstimatorAnswer];
}
interface ConditionalAnswer {
  relative_space: string[];
  groups: string[][] | null;
  params: Record<string, ParamValue>;
  relative: string[];
  fits: Fit[];
}

const STATES: TrialState[] = ['complete', 'complete', 'complete', 'complete', 'complete', 'complete', 'pruned', 'running', 'fail'];

/** A define-by-run history: each trial has the params its branch makes active, parents first. */
function randomTrial(rng: Rng): TrialCase {
  const params: Record<string, ParamValue> = {};
  for (const [name, d] of Object.entries(CONDITIONAL_SPACE)) if (isActive(name, CONDITIONAL_CONDITIONS, params)) params[name] = sampleUniform(rng, d);
  const state = STATES[rng.int(0, STATES.length - 1)] as TrialState;
  // Rounded, so that equal values (ties in the split) occur.
  const value = Math.round(conditionalObjective(params) * 20) / 20;
  const intermediate: [number, number][] = state === 'pruned' ? Array.from({ length: rng.int(0, 3) }, (_, k) => [k, Math.round((value + rng.random()) * 10) / 10]) : [];
  return { state, values: state === 'complete' ? [value] : null, constraints: null, intermediate, params };
}

function randomCase(rng: Rng): ConditionalCase {
  const group = rng.random() < 0.5;
  const count = rng.random() < 0.15 ? rng.int(100, 180) : rng.int(0, 60);
  const sampler: SamplerCase = {
    multivariate: group,
    group,
    constant_liar: rng.random() < 0.5,
    n_startup_trials: [0, 3, 10][rng.int(0, 2)] as number,
    consider_prior: rng.random() < 0.8,
    prior_weight: [1, 1, 0.5, 2][rng.int(0, 3)] as number,
    consider_magic_clip: rng.random() < 0.8,
    consider_endpoints: rng.random() < 0.3,
    seed: rng.int(0, 1_000_000),
  };
  return { trials: Array.from({ length: count }, () => randomTrial(rng)), sampler, candidates: candidatesFor(rng, Object.entries(CONDITIONAL_SPACE), 24) };
}

function askOptuna(cases: readonly ConditionalCase[]): ConditionalAnswer[] {
  const output = execFileSync(PYTHON, [join(__dirname, 'optuna_tpe_conditional.py')], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 1 << 28 });
  return JSON.parse(output.replace(/\bInfinity\b/g, '1e999')) as ConditionalAnswer[];
}

const sortedGroups = (groups: readonly (readonly string[])[]): string[] => groups.map((g) => [...g].sort().join(',')).sort();
const argmax = (values: readonly number[]): number => values.reduce((best, v, i) => (v > (values[best] as number) ? i : best), 0);

describe('TPE in a conditional space against Optuna 3.1 define-by-run, decision by decision', { skip }, () => {
  it('the same relative space, groups, splits, Parzen estimators, choices and joint draws on 160 random histories', () => {
    const rng = new Rng(161);
    const cases = Array.from({ length: 160 }, () => randomCase(rng));
    const answers = askOptuna(cases);
    const seen = { fits: 0, groupFits: 0, branchFits: 0, masked: 0, joint: 0, reordered: 0 };
    cases.forEach((c, i) => {
      const theirs = answers[i] as ConditionalAnswer;
      const { study, current } = studyOf(['minimize'], CONDITIONAL_SPACE, c.trials);
      const { seed: _seed, ...options } = c.sampler;
      const sampler = new TpeSampler({ seed: 0, compat: 'optuna31', ...options });
      const at = `study ${i} (${c.trials.length} trials, ${c.sampler.group ? 'group' : 'univariate'}, startup ${c.sampler.n_startup_trials})`;

      const space = sampler.inferRelativeSearchSpace(study);
      assert.deepEqual(Object.keys(space).sort(), [...theirs.relative_space].sort(), `${at}: relative space`);
      if (c.sampler.group) {
        const groups = new GroupDecomposedSearchSpace().calculate(study.getTrials()).map((g) => Object.keys(g));
        assert.deepEqual(sortedGroups(groups), sortedGroups(theirs.groups ?? []), `${at}: groups`);
      }

      for (const fit of theirs.fits) {
        const where = `${at}, fit over ${fit.names.join('+')}`;
        const distributions = fit.names.map((name) => CONDITIONAL_SPACE[name] as Distribution);
        const ours = sampler.fitEstimators(study, current, fit.names, distributions);
        assert.ok(ours, `${where}: Tuneboard is still in its startup phase`);
        const numbers = (indices: Int32Array): number[] => Array.from(indices, (k) => (ours.observations.trials[k] as { number: number }).number);
        assert.deepEqual(numbers(ours.split.below), fit.below, `${where}: below`);
        assert.deepEqual(numbers(ours.split.above), fit.above, `${where}: above`);
        const logL = compareEstimator(ours.below, fit.estimators[0], fit.names, c.candidates, c.sampler.consider_prior, `${where}: l(x)`);
        const logG = compareEstimator(ours.above, fit.estimators[1], fit.names, c.candidates, c.sampler.consider_prior, `${where}: g(x)`);
        seen.fits++;
        if (fit.names.length > 1) seen.groupFits++;
        if (fit.names.some((name) => CONDITIONAL_CONDITIONS[name] !== undefined && name !== 'units_0')) seen.branchFits++;
        if (fit.below.some((n) => fit.names.some((name) => !Object.hasOwn((c.trials[n] as TrialCase).params, name)))) seen.masked++;
        if (logL === null || logG === null) {
          seen.reordered++;
          continue;
        }
        const ourScores = Array.from(logL, (l, k) => l - (logG[k] as number));
        const theirScores = fit.estimators[0].log_pdf.map((l, k) => l - (fit.estimators[1].log_pdf[k] as number));
        const [mine, optunas] = [argmax(ourScores), argmax(theirScores)];
        assert.ok(mine === optunas || close(theirScores[mine] as number, theirScores[optunas] as number), `${where}: candidate ${mine} chosen, Optuna ${optunas}`);
      }
      if (theirs.fits.length === 0) assert.equal(sampler.fitEstimators(study, current, ['lr'], [CONDITIONAL_SPACE.lr as Distribution]), null, `${at}: Optuna is in its startup phase`);

      // Which of the trial's params come from the joint draw: Optuna's relative params it used.
      const joint = Object.keys(space).length > 0 ? sampler.sampleRelative(study, current, space) : {};
      for (const name of Object.keys(theirs.params)) assert.equal(Object.hasOwn(joint, name), theirs.relative.includes(name), `${at}: ${name} from the joint draw`);
      seen.joint += theirs.relative.length;
    });
    assert.ok(seen.groupFits > 100 && seen.branchFits > 300 && seen.masked > 100 && seen.joint > 200 && seen.reordered < seen.fits / 3, `enough fits exercise the rules (${JSON.stringify(seen)})`);
  });
});
