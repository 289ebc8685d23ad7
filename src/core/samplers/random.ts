/** Independent uniform sampling, as Optuna's RandomSampler: log ranges uniform in log space, steps uniform over the grid. */
import type { Distribution, ParamValue } from '../distributions';
import { Rng } from '../rng';
import type { FrozenTrial } from '../trial';
import type { Sampler, SearchSpace, StudyView } from './sampler';

export class RandomSampler implements Sampler {
  readonly name = 'random';
  private readonly rng: Rng;

  constructor(options: { seed?: number; rng?: Rng } = {}) {
    this.rng = options.rng ?? new Rng(options.seed);
  }

  inferRelativeSearchSpace(): SearchSpace {
    return {};
  }

  sampleRelative(): Record<string, ParamValue> {
    return {};
  }

  sampleIndependent(_study: StudyView, _trial: FrozenTrial, _name: string, distribution: Distribution): ParamValue {
    return sampleUniform(this.rng, distribution);
  }
}

/** One uniform draw from a distribution; shared by every sampler's startup phase. */
export function sampleUniform(rng: Rng, d: Distribution): ParamValue {
  switch (d.type) {
    case 'categorical':
      return d.choices[rng.int(0, d.choices.length - 1)] ?? null;
    case 'int': {
      if (d.log) {
        const v = Math.exp(rng.uniform(Math.log(d.low - 0.5), Math.log(d.high + 0.5)));
        return clamp(Math.round(v), d.low, d.high);
      }
      const count = Math.floor((d.high - d.low) / d.step);
      return d.low + rng.int(0, count) * d.step;
    }
    case 'float': {
      if (d.low === d.high) return d.low;
      if (d.log) return clamp(Math.exp(rng.uniform(Math.log(d.low), Math.log(d.high))), d.low, d.high);
      if (d.step !== null) {
        const count = Math.round((d.high - d.low) / d.step);
        return roundToStep(d.low + rng.int(0, count) * d.step, d.low, d.high, d.step);
      }
      return rng.uniform(d.low, d.high);
    }
  }
}

export function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** Snaps a float onto `low + k·step`, clearing the binary noise that repeated adds leave (0.30000000000000004). */
export function roundToStep(value: number, low: number, high: number, step: number): number {
  const k = Math.round((value - low) / step);
  const snapped = low + k * step;
  const decimals = Math.max(decimalPlaces(step), decimalPlaces(low));
  return clamp(decimals < 15 ? Number(snapped.toFixed(decimals)) : snapped, low, high);
}

function decimalPlaces(x: number): number {
  const text = String(x);
  const exp = text.match(/e-(\d+)$/);
  if (exp) return Number(exp[1]) + (text.split('e')[0]?.split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}
