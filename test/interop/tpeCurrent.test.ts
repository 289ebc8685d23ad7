/**
 * The default tpe decides as a current Optuna's (4.x, 5.x) TPESampler does, decision by decision
 * (optuna_tpe_current.py asks it). Runs only when TUNEBOARD_OPTUNA_CURRENT points at one (e.g. a
 * checkout of Optuna's repository); Debian's 3.1 is checked against `compat: optuna31` by tpe.test.ts.
 *
 * On random single-objective studies (complete, pruned, running and failed trials) and random spaces,
 * mostly with no options at all (today's defaults: multivariate, constant liar), else with a few
 * written out: whether the sampler is multivariate, the relative space, the split, both Parzen
 * estimators (mixture weights, mus, sigmas, categorical rows, log densities at 24 shared candidates)
 * and the candidate chosen. Two objectives too, with complete and failed trials only: the current
 * Optuna scores pruned and running trials of such a study by rules Tuneboard keeps at 3.1's
 * (docs/algorithms.md, TPE). Constraints are left out for the same reason. The peer's argsort is made
 * stable, so equal observations take their neighbour-gap sigmas in observation order, as here.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Distribution } from '../../src/core/distributions';
import { Rng } from '../../src/core/rng';
import { TpeSampler, type TpeSamplerOptions } from '../../src/core/samplers/tpe';
import { compareEstimator, type EstimatorAnswer } from './parzenComparison';
import { optunaMajor } from './pythonPeers';
import { candidatesFor, close, optuna, PARAMS, randomDirections, randomTrialCount, randomTrials, skip as noOptuna, studyOf, type TrialCase } from './tpeInteropCases';

const skip = noOptuna || (optunaMajor !== null && optunaMajor < 4 ? `the peer is Optuna ${optunaMajor}; set TUNEBOARD_OPTUNA_CURRENT=/dir/holding/optuna to check today's rules` : false);

interface CurrentCase {
  directions: ('minimize' | 'maximize')[];
  space: [string, Distribution][];
  trials: TrialCase[];
  sampler: Pick<TpeSamplerOptions, 'multivariate' | 'constant_liar' | 'n_startup_trials' | 'n_ei_candidates' | 'consider_endpoints'>;
  param: string;
  candidates: Record<string, number[]>;
}
interface CurrentAnswer {
  multivariate: boolean;
  space: string[];
  below?: number[];
  above?: number[];
  estimators: [EstimatorAnswer, EstimatorAnswer] | null;
}

function randomCase(rng: Rng): CurrentCase {
  const directions = randomDirections(rng, rng.random() < 0.8 ? 1 : 2);
  const picked = PARAMS.filter(() => rng.random() < 0.4);
  const space = picked.length > 0 ? picked : [PARAMS[rng.int(0, PARAMS.length - 1)] as [string, Distribution]];
  const options = rng.random() < 0.6 ? {} : { multivariate: rng.random() < 0.5, constant_liar: rng.random() < 0.5, n_startup_trials: [0, 3, 10][rng.int(0, 2)] as number, consider_endpoints: rng.random() < 0.3 };
  let trials = randomTrials(rng, directions, randomTrialCount(rng), { constrained: false, constraintCount: 0, space, partial: rng.random() < 0.3 });
  if (directions.length > 1) trials = trials.filter((t) => t.state === 'complete' || t.state === 'fail');
  return { directions, space, trials, sampler: options, param: (space[rng.int(0, space.length - 1)] as [string, Distribution])[0], candidates: candidatesFor(rng, space, 24) };
}

const argmax = (values: readonly number[]): number => values.reduce((best, v, i) => (v > (values[best] as number) ? i : best), 0);

describe("default tpe against the current Optuna's TPESampler, decision by decision", { skip }, () => {
  it('the same mode, relative space, split, Parzen estimators and choice on 300 random studies', () => {
    const rng = new Rng(161);
    const cases = Array.from({ length: 300 }, () => randomCase(rng));
    const { answers } = optuna<{ answers: CurrentAnswer[] }>('estimators', cases, 'optuna_tpe_current.py');
    const seen = { fitted: 0, multivariate: 0, multiObjective: 0, reordered: 0 };
    cases.forEach((c, i) => {
      const theirs = answers[i] as CurrentAnswer;
      const space = Object.fromEntries(c.space);
      const { study, current } = studyOf(c.directions, space, c.trials);
      const sampler = new TpeSampler({ seed: 0, ...c.sampler });
      const at = `study ${i} (${c.directions.length} objectives, ${c.trials.length} trials, options ${JSON.stringify(c.sampler)})`;
      const names = Object.keys(sampler.inferRelativeSearchSpace(study));
      assert.equal(names.length > 0 || !theirs.multivariate || theirs.space.length === 0, true, `${at}: multivariate`);
      if (theirs.multivariate) assert.deepEqual([...names].sort(), [...theirs.space].sort(), `${at}: relative space`);
      else assert.deepEqual(names, [], `${at}: univariate`);
      const asked = theirs.multivariate ? theirs.space : [c.param];
      const ours = asked.length > 0 ? sampler.fitEstimators(study, current, asked, asked.map((name) => space[name] as Distribution)) : null;
      if (theirs.estimators === null) return assert.equal(ours, null, `${at}: startup`);
      assert.ok(ours, `${at}: fitted`);
      const numbers = (indices: Int32Array): number[] => Array.from(indices, (k) => (ours.observations.trials[k] as { number: number }).number);
      assert.deepEqual(numbers(ours.split.below), theirs.below, `${at}: below`);
      assert.deepEqual(numbers(ours.split.above), theirs.above, `${at}: above`);
      const logL = compareEstimator(ours.below, theirs.estimators[0], asked, c.candidates, true, `${at}: l(x)`);
      const logG = compareEstimator(ours.above, theirs.estimators[1], asked, c.candidates, true, `${at}: g(x)`);
      seen.fitted++;
      if (theirs.multivariate) seen.multivariate++;
      if (c.directions.length > 1) seen.multiObjective++;
      if (logL === null || logG === null) return void seen.reordered++;
      const ourScores = Array.from(logL, (l, k) => l - (logG[k] as number));
      const theirScores = theirs.estimators[0].log_pdf.map((l, k) => l - (theirs.estimators?.[1].log_pdf[k] as number));
      const [mine, optunas] = [argmax(ourScores), argmax(theirScores)];
      assert.ok(mine === optunas || close(theirScores[mine] as number, theirScores[optunas] as number), `${at}: candidate ${mine} chosen, Optuna ${optunas}`);
    });
    // The peer sorts stably (see optuna_tpe_current.py), so every density is compared.
    assert.ok(seen.fitted > 150 && seen.multivariate > 60 && seen.multiObjective > 20 && seen.reordered === 0, `enough studies fit estimators and compare densities (${JSON.stringify(seen)})`);
  });
});
