/**
 * NSGA-II and the multi-objective rules decide exactly as Optuna 3.1's do (optuna_nsga2.py asks it).
 * Rules: on random populations with ties and missing constraint values, the same ranks in the same
 * order, crowding distances, elite and Pareto front; hypervolumes equal to WFG's. Sampling: on random
 * studies of several generations (failed, pruned, running trials, trials without a generation), both
 * samplers draw from the same replayed stream, and each decision matches: the generation written,
 * the parent population, the relative space, the child's params (crossover, tournament, mutation)
 * and how many numbers were drawn. Floats match to 1e-9 (numpy's and V8's pow and exp may differ
 * in the last bit; Tuneboard also snaps stepped floats onto their decimal grid).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { categoricalDistribution, floatDistribution, intDistribution, type Distribution, type ParamValue } from '../../src/core/distributions';
import { constrainedDominates, crowdingDistances, fastNonDominatedSort, hypervolume, paretoFront, trialDominates } from '../../src/core/multiObjective';
import { Rng } from '../../src/core/rng';
import { sampleUniform } from '../../src/core/samplers/random';
import { CROSSOVER_NAMES, GENERATION_ATTR, NsgaIISampler, selectElite, type CrossoverName, type GeneticRandom } from '../../src/core/samplers/nsga2';
import type { Direction, FrozenTrial, JsonValue, TrialState } from '../../src/core/trial';
import { moTrial } from '../unit/multiObjective/moTrials';
import { MoStudy } from '../unit/multiObjective/moStudy';
import { optunaMajor, optunaSkip, PYTHON } from './pythonPeers';

// optuna_nsga2.py calls 3.1's internal functions (crowding distance, the child generation), which later
// Optuna versions renamed or folded in; against a current Optuna (TUNEBOARD_OPTUNA_CURRENT) these skip.
const skip = optunaSkip || (optunaMajor !== 3 ? `the peer is Optuna ${optunaMajor}: optuna_nsga2.py needs 3.1's internal functions` : false);


function optuna<T>(mode: string, input: unknown): T {
  const output = execFileSync(PYTHON, [join(__dirname, 'optuna_nsga2.py'), mode], { input: toPythonJson(input), encoding: 'utf8', maxBuffer: 1 << 28 });
  // Python writes infinities as bare tokens, which JSON.parse reads as 1e999.
  return JSON.parse(output.replace(/\bInfinity\b/g, '1e999')) as T;
}

/** JSON has no infinities; Python's json reads the bare tokens. */
function toPythonJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (v === Infinity ? '__inf__' : v === -Infinity ? '__-inf__' : v)).replace(/"__inf__"/g, 'Infinity').replace(/"__-inf__"/g, '-Infinity');
}

function close(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

const randomDirections = (rng: Rng): Direction[] => Array.from({ length: rng.int(2, 3) }, () => (rng.random() < 0.5 ? 'minimize' : 'maximize'));
/** Tie-prone values, now and then an infinity. */
const randomValue = (rng: Rng): number => (rng.random() < 0.03 ? (rng.random() < 0.5 ? -Infinity : Infinity) : rng.random() < 0.6 ? rng.int(0, 4) : Math.round(rng.random() * 1000) / 100);
const randomConstraints = (rng: Rng, count: number): number[] | undefined => (rng.random() < 0.15 ? undefined : Array.from({ length: count }, () => rng.int(-2, 2) / 2));

interface RulesCase {
  directions: Direction[];
  constrained: boolean;
  population_size: number;
  trials: { values: number[]; constraints?: number[] }[];
}
interface RulesAnswer {
  ranks: number[][];
  distances: Record<string, number>[];
  elite: number[];
  front: number[];
}

describe('multi-objective rules against Optuna 3.1', { skip }, () => {
  it('ranks, crowding distances, elite and front agree on 300 random populations', () => {
    const rng = new Rng(15);
    const cases: RulesCase[] = Array.from({ length: 300 }, () => {
      const directions = randomDirections(rng);
      const constrained = rng.random() < 0.4;
      const constraintCount = rng.int(1, 2);
      const size = rng.int(2, 24);
      const trials = Array.from({ length: size }, () => ({ values: directions.map(() => randomValue(rng)), constraints: constrained ? randomConstraints(rng, constraintCount) : undefined }));
      return { directions, constrained, population_size: rng.int(2, size), trials };
    });
    const answers = optuna<RulesAnswer[]>('rules', cases.map((c) => ({ ...c, trials: c.trials.map((t) => ({ values: t.values, constraints: t.constraints ?? null })) })));
    cases.forEach((c, i) => {
      const theirs = answers[i] as RulesAnswer;
      const trials = c.trials.map((t, number) => moTrial(number, t));
      const better = (a: FrozenTrial, b: FrozenTrial) => (c.constrained ? constrainedDominates(c.directions, a, b) : trialDominates(c.directions, a, b));
      const ranks = fastNonDominatedSort(trials, better);
      const at = `population ${i}: ${JSON.stringify(c)}`;
      assert.deepEqual(ranks.map((rank) => rank.map((t) => t.number)), theirs.ranks, at);
      ranks.forEach((rank, r) => {
        const ours = crowdingDistances(rank.map((t) => ({ values: t.values as number[] })));
        rank.forEach((t, k) => assert.ok(close(ours[k] as number, theirs.distances[r]?.[String(t.number)] ?? 0), `${at}: distance of ${t.number}`));
      });
      assert.deepEqual(selectElite(trials, c.population_size, better).map((t) => t.number), theirs.elite, at);
      assert.deepEqual(paretoFront(trials, c.directions).map((t) => t.number), theirs.front, at);
    });
  });

  it('hypervolume equals WFG on 150 random sets in 2 to 4 objectives', () => {
    const rng = new Rng(16);
    const cases = Array.from({ length: 150 }, () => {
      const dim = rng.int(2, 4);
      return { reference: Array.from({ length: dim }, () => 1 + rng.int(0, 2) / 4), points: Array.from({ length: rng.int(1, 14) }, () => Array.from({ length: dim }, () => (rng.random() < 0.2 ? rng.int(0, 4) / 4 : rng.random()))) };
    });
    const theirs = optuna<number[]>('hypervolume', cases);
    cases.forEach((c, i) => assert.ok(close(hypervolume(c.points, c.reference), theirs[i] as number), `set ${i}: ${hypervolume(c.points, c.reference)} vs ${theirs[i]}`));
  });
});

/** The catalogue random studies pick their params from: every kind of range Optuna's transform treats apart. */
const PARAMS: readonly [string, Distribution][] = [
  ['x', floatDistribution(0, 1)],
  ['lr', floatDistribution(1e-3, 1, { log: true })],
  ['drop', floatDistribution(0, 0.5, { step: 0.1 })],
  ['n', intDistribution(0, 10)],
  ['batch', intDistribution(0, 20, { step: 4 })],
  ['units', intDistribution(1, 100, { log: true })],
  ['act', categoricalDistribution(['relu', 'tanh', 'elu'])],
  ['opt', categoricalDistribution(['adam', 'sgd'])],
];
const CROSSOVER_OPTIONS: Record<CrossoverName, Record<string, number>> = { uniform: {}, blxalpha: { alpha: 0.3 }, sbx: { eta: 5 }, vsbx: { eta: 5 }, undx: { sigma_xi: 0.3, sigma_eta: 0.2 }, spx: { epsilon: 1.5 } };
const TS_OPTION_NAMES: Record<string, string> = { alpha: 'alpha', eta: 'eta', sigma_xi: 'sigmaXi', sigma_eta: 'sigmaEta', epsilon: 'epsilon' };

interface SampleCase {
  directions: Direction[];
  space: [string, Record<string, unknown>][];
  trials: { state: TrialState; values: number[] | null; constraints: number[] | null; generation: number | null; params: Record<string, ParamValue> }[];
  sampler: { population_size: number; crossover: CrossoverName; crossover_options: Record<string, number>; crossover_prob: number; mutation_prob: number | null; swapping_prob: number; constrained: boolean };
  uniforms: number[];
  normals: number[];
}
interface SampleAnswer {
  generation: number;
  parent_generation: number;
  parents: number[];
  space: string[];
  params: Record<string, ParamValue>;
  uniforms: number;
  normals: number;
}

function randomSampleCase(rng: Rng): SampleCase {
  const names = PARAMS.filter(() => rng.random() < 0.5);
  const chosen = names.length > 0 ? names : [PARAMS[rng.int(0, PARAMS.length - 1)] as [string, Distribution]];
  const crossover = CROSSOVER_NAMES[rng.int(0, CROSSOVER_NAMES.length - 1)] as CrossoverName;
  const populationSize = rng.int(crossover === 'undx' || crossover === 'spx' ? 3 : 2, 6);
  const constrained = rng.random() < 0.4;
  const directions = randomDirections(rng);
  // Generations of population_size plus a few (failed ones, parallel workers' extra trials), the last one partial.
  const generations = Array.from({ length: rng.int(0, 4) }, (_, g) => Array.from({ length: populationSize + rng.int(0, 3) }, () => g)).flat();
  const layout = [...generations, ...Array.from({ length: rng.int(0, populationSize) }, () => (generations.at(-1) ?? -1) + 1)];
  const states: TrialState[] = ['complete', 'complete', 'complete', 'complete', 'complete', 'complete', 'complete', 'complete', 'complete', 'complete', 'complete', 'fail', 'running', 'pruned'];
  const trials = layout.map((generation) => {
    const state = states[rng.int(0, states.length - 1)] as TrialState;
    return {
      state,
      values: state === 'complete' ? directions.map(() => (rng.random() < 0.5 ? rng.int(0, 4) : Math.round(rng.random() * 100) / 10)) : null,
      constraints: constrained && state === 'complete' ? (randomConstraints(rng, 1) ?? null) : null,
      generation: rng.random() < 0.05 ? null : generation,
      params: Object.fromEntries(chosen.map(([name, d]) => [name, sampleUniform(rng, d)])),
    };
  });
  return {
    directions,
    space: chosen.map(([name, d]) => [name, { ...d }]),
    trials,
    sampler: {
      population_size: populationSize,
      crossover,
      crossover_options: rng.random() < 0.5 ? CROSSOVER_OPTIONS[crossover] : {},
      crossover_prob: [0.9, 0.9, 1, 0, 0.5][rng.int(0, 4)] as number,
      mutation_prob: [null, null, 0, 0.3, 1][rng.int(0, 4)] ?? null,
      swapping_prob: [0.5, 0.5, 0.2][rng.int(0, 2)] as number,
      constrained,
    },
    uniforms: Array.from({ length: 1500 }, () => rng.random()),
    normals: Array.from({ length: 200 }, () => rng.normal()),
  };
}

/** The same replayed stream as optuna_nsga2.py's Replay, counting what it hands out. */
function replay(c: SampleCase): GeneticRandom & { uniforms: number; normals: number } {
  const counts = { uniforms: 0, normals: 0 };
  const u = (): number => {
    if (counts.uniforms >= c.uniforms.length) throw new Error('replayed uniforms ran out');
    return c.uniforms[counts.uniforms++] as number;
  };
  return Object.assign(counts, {
    rand: u,
    choice: (n: number) => Math.floor(u() * n),
    normal: (loc: number, scale: number) => loc + scale * (c.normals[counts.normals++] as number),
  });
}

function ourSample(c: SampleCase): SampleAnswer {
  const space = Object.fromEntries(c.space.map(([name]) => [name, PARAMS.find(([n]) => n === name)?.[1] as Distribution]));
  const study = new MoStudy(space, c.directions);
  for (const t of c.trials) {
    const systemAttrs: Record<string, JsonValue> = {};
    if (t.constraints) systemAttrs.constraints = t.constraints;
    if (t.generation !== null) systemAttrs[GENERATION_ATTR] = t.generation;
    study.add({ params: t.params, values: t.values, state: t.state, systemAttrs });
  }
  const random = replay(c);
  const options = Object.fromEntries(Object.entries(c.sampler.crossover_options).map(([k, v]) => [TS_OPTION_NAMES[k] as string, v]));
  const sampler = new NsgaIISampler({ ...c.sampler, mutation_prob: c.sampler.mutation_prob ?? undefined, crossoverOptions: options, geneticRandom: random });
  const parents = sampler.parentPopulation(study);
  const attrs = sampler.beforeTrial(study);
  const draft: FrozenTrial = { ...moTrial(c.trials.length, { values: null, state: 'running' }), systemAttrs: attrs };
  const relativeSpace = sampler.inferRelativeSearchSpace(study);
  const params = Object.keys(relativeSpace).length > 0 ? sampler.sampleRelative(study, draft, relativeSpace) : {};
  return {
    generation: attrs[GENERATION_ATTR] as number,
    parent_generation: parents.generation,
    parents: parents.population.map((t) => t.number),
    space: Object.keys(relativeSpace),
    params,
    uniforms: random.uniforms,
    normals: random.normals,
  };
}

describe('nsga2 sampling against Optuna 3.1, decision by decision', { skip }, () => {
  it('the same generation, parents, child params and draws on 400 random studies', () => {
    const rng = new Rng(33);
    const cases = Array.from({ length: 400 }, () => randomSampleCase(rng));
    const answers = optuna<SampleAnswer[]>('sample', cases);
    let bred = 0;
    cases.forEach((c, i) => {
      const theirs = answers[i] as SampleAnswer;
      const ours = ourSample(c);
      const at = `study ${i} (${c.sampler.crossover}, population ${c.sampler.population_size}${c.sampler.constrained ? ', constrained' : ''})`;
      assert.equal(ours.generation, theirs.generation, `${at}: generation`);
      assert.equal(ours.parent_generation, theirs.parent_generation, `${at}: parent generation`);
      assert.deepEqual(ours.parents, theirs.parents, `${at}: parents`);
      assert.deepEqual(ours.space, theirs.space, `${at}: relative space`);
      assert.deepEqual(Object.keys(ours.params), Object.keys(theirs.params), `${at}: params kept`);
      for (const [name, value] of Object.entries(theirs.params)) {
        const mine = ours.params[name];
        const same = typeof value === 'number' && typeof mine === 'number' ? close(mine, value) : mine === value;
        assert.ok(same, `${at}: ${name} = ${JSON.stringify(mine)}, Optuna ${JSON.stringify(value)}`);
      }
      assert.deepEqual([ours.uniforms, ours.normals], [theirs.uniforms, theirs.normals], `${at}: numbers drawn`);
      if (theirs.parent_generation >= 0 && ours.space.length > 0) bred++;
    });
    assert.ok(bred > 150, `enough studies breed a child to make the comparison meaningful (${bred})`);
  });
});
