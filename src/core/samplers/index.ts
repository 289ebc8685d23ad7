/** Builds a sampler from its spec; the one place that knows every sampler class. */
import { GpSampler } from './gp';
import { GridSampler } from './grid';
import { NsgaIISampler } from './nsga2';
import { QmcSampler } from './qmc';
import { RandomSampler } from './random';
import { RfSampler } from './rf';
import type { Sampler } from './sampler';
import type { SamplerSpec } from './spec';
import { TpeSampler } from './tpe';

export interface SamplerContext {
  readonly seed?: number;
  /**
   * The study's seed as configured, before a resume folds the history length into `seed`. The qmc
   * scramble uses it, so a resumed run or a second process continues the very same sequence.
   */
  readonly studySeed?: number;
  /** Per-parameter grid points from the space (`grid: N`), for the grid sampler. */
  readonly gridPoints?: Readonly<Record<string, number>>;
}

export function createSampler(spec: SamplerSpec, context: SamplerContext = {}): Sampler {
  const { seed } = context;
  switch (spec.type) {
    case 'random':
      return new RandomSampler({ seed });
    case 'grid':
      return new GridSampler({ seed, points: spec.points, gridPoints: context.gridPoints });
    case 'tpe': {
      const { type: _type, ...options } = spec;
      return new TpeSampler({ seed, ...options });
    }
    case 'qmc': {
      const { type: _type, ...options } = spec;
      return new QmcSampler({ seed: context.studySeed ?? seed, ...options });
    }
    case 'gp': {
      const { type: _type, ...options } = spec;
      return new GpSampler({ seed, ...options });
    }
    case 'nsga2': {
      const { type: _type, ...options } = spec;
      return new NsgaIISampler({ seed, ...options });
    }
    case 'rf': {
      const { type: _type, ...options } = spec;
      return new RfSampler({ seed, ...options });
    }
  }
}

export { GpSampler, GridSampler, NsgaIISampler, QmcSampler, RandomSampler, RfSampler, TpeSampler };
export type { ActiveWhen, Sampler, SearchSpace, SpaceConditions, StudyView } from './sampler';
export { SearchExhaustedError } from './sampler';
export { parseSamplerSpec, SAMPLER_TYPES, type SamplerSpec, type SamplerType } from './spec';
