/**
 * NSGA-II in a study: generations of population_size recorded on the trials, parents from the
 * previous elite, constraints honoured, every crossover producing valid params, and a better ZDT1
 * front than random search for the same budget.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoricalDistribution, floatDistribution, intDistribution, type ParamValue } from '../../../src/core/distributions';
import { hypervolume, paretoFront, toMinimizedPoint } from '../../../src/core/multiObjective';
import { RandomSampler } from '../../../src/core/samplers/random';
import { CROSSOVER_NAMES, GENERATION_ATTR, NsgaIISampler } from '../../../src/core/samplers/nsga2';
import type { Sampler } from '../../../src/core/samplers/sampler';
import { MoStudy, type MoObjective } from './moStudy';

const ZDT1_DIMS = 10;
const zdt1Space = Object.fromEntries(Array.from({ length: ZDT1_DIMS }, (_, i) => [`x${i}`, floatDistribution(0, 1)]));
const zdt1: MoObjective = (params) => {
  const x = Array.from({ length: ZDT1_DIMS }, (_, i) => params[`x${i}`] as number);
  const f1 = x[0] as number;
  const g = 1 + (9 * x.slice(1).reduce((a, b) => a + b, 0)) / (ZDT1_DIMS - 1);
  return { values: [f1, g * (1 - Math.sqrt(f1 / g))] };
};

function frontVolume(study: MoStudy): number {
  const front = paretoFront(study.getTrials(), study.directions).map((t) => toMinimizedPoint(t.values as number[], study.directions));
  return hypervolume(front, [11, 11]);
}

describe('nsga2 sampler', () => {
  it('fills generations of population_size and records each trial’s generation', () => {
    const study = new MoStudy(zdt1Space, ['minimize', 'minimize']).run(new NsgaIISampler({ seed: 1, population_size: 8 }), zdt1, 40);
    const generations = study.getTrials().map((t) => t.systemAttrs[GENERATION_ATTR]);
    assert.deepEqual(generations, Array.from({ length: 40 }, (_, i) => Math.floor(i / 8)));
  });

  it('repeats itself with the same seed', () => {
    const run = (seed: number) => new MoStudy(zdt1Space, ['minimize', 'minimize']).run(new NsgaIISampler({ seed, population_size: 6 }), zdt1, 30).getTrials().map((t) => t.params);
    assert.deepEqual(run(4), run(4));
    assert.notDeepEqual(run(4), run(5));
  });

  it('keeps generation 0 until population_size of its trials complete (failed ones do not count)', () => {
    const sampler = new NsgaIISampler({ seed: 2, population_size: 3 });
    const study = new MoStudy({ x: floatDistribution(0, 1) }, ['minimize', 'maximize']);
    for (let i = 0; i < 4; i++) study.tell(study.ask(sampler), i === 1 ? null : [i, i], i === 1 ? 'fail' : 'complete');
    assert.equal(study.ask(sampler).systemAttrs[GENERATION_ATTR], 1, 'three complete: generation 1 next');
    const early = new MoStudy({ x: floatDistribution(0, 1) }, ['minimize', 'maximize']);
    for (let i = 0; i < 3; i++) early.tell(early.ask(sampler), i === 1 ? null : [i, i], i === 1 ? 'fail' : 'complete');
    assert.equal(early.ask(sampler).systemAttrs[GENERATION_ATTR], 0);
  });

  it('every crossover gives valid params of every kind', () => {
    const space = {
      lr: floatDistribution(1e-5, 1e-1, { log: true }),
      dropout: floatDistribution(0, 0.5, { step: 0.05 }),
      units: intDistribution(8, 512, { log: true }),
      batch: intDistribution(16, 128, { step: 16 }),
      momentum: floatDistribution(0.5, 0.99),
      activation: categoricalDistribution(['relu', 'tanh', 'elu']),
    };
    const objective: MoObjective = (p) => ({ values: [Math.log(p.lr as number) + (p.dropout as number), (p.units as number) / (p.batch as number) + (p.momentum as number) + (p.activation === 'tanh' ? 1 : 0)] });
    for (const crossover of CROSSOVER_NAMES) {
      const study = new MoStudy(space, ['minimize', 'minimize']).run(new NsgaIISampler({ seed: 3, population_size: 6, crossover }), objective, 36);
      for (const trial of study.getTrials()) {
        for (const [name, value] of Object.entries(trial.params)) assertValid(name, value, crossover);
      }
    }
  });

  it('with constraints, the elite is feasible; with constrained domination off it is not', () => {
    // Feasible only when x ≥ 0.6; the unconstrained front runs down to x = 0.
    const objective: MoObjective = (p) => ({ values: [p.x as number, 1 - (p.x as number) + (p.y as number)], constraints: [0.6 - (p.x as number)] });
    const elite = (constrained?: boolean) => {
      const sampler = new NsgaIISampler({ seed: 6, population_size: 10, constrained });
      const study = new MoStudy({ x: floatDistribution(0, 1), y: floatDistribution(0, 1) }, ['minimize', 'minimize']).run(sampler, objective, 100);
      return sampler.parentPopulation(study).population.map((t) => t.params.x as number);
    };
    assert.ok(elite().every((x) => x >= 0.6), `elite x: ${elite().join(', ')}`);
    assert.ok(elite(false).some((x) => x < 0.6));
  });

  it('reaches a larger ZDT1 hypervolume than random search at 300 trials (5 seeds)', () => {
    const mean = (make: (seed: number) => Sampler) => {
      let sum = 0;
      for (let seed = 0; seed < 5; seed++) sum += frontVolume(new MoStudy(zdt1Space, ['minimize', 'minimize']).run(make(seed), zdt1, 300));
      return sum / 5;
    };
    const nsga2 = mean((seed) => new NsgaIISampler({ seed, population_size: 30 }));
    const random = mean((seed) => new RandomSampler({ seed }));
    assert.ok(nsga2 > random, `nsga2 ${nsga2.toFixed(3)} vs random ${random.toFixed(3)}`);
  });

  it('refuses a population smaller than the crossover needs, and probabilities outside [0, 1]', () => {
    assert.throws(() => new NsgaIISampler({ population_size: 2, crossover: 'undx' }), /at least 3/);
    assert.throws(() => new NsgaIISampler({ population_size: 1 }), /≥ 2/);
    assert.throws(() => new NsgaIISampler({ mutation_prob: 1.5 }), /mutation_prob/);
  });
});

function assertValid(name: string, value: ParamValue, crossover: string): void {
  const at = `${crossover}: ${name}=${JSON.stringify(value)}`;
  const n = value as number;
  switch (name) {
    case 'lr':
      return assert.ok(n >= 1e-5 && n <= 1e-1, at);
    case 'dropout':
      return assert.ok(n >= 0 && n <= 0.5 && Math.abs(n / 0.05 - Math.round(n / 0.05)) < 1e-9, at);
    case 'units':
      return assert.ok(Number.isInteger(n) && n >= 8 && n <= 512, at);
    case 'batch':
      return assert.ok(Number.isInteger(n) && n >= 16 && n <= 128 && n % 16 === 0, at);
    case 'momentum':
      return assert.ok(n >= 0.5 && n <= 0.99, at);
    case 'activation':
      return assert.ok(['relu', 'tanh', 'elu'].includes(value as string), at);
  }
}
