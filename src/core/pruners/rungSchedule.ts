/**
 * Where successive halving's rungs fall: rung k is due at step
 * `min_resource · reduction_factor ^ (min_early_stopping_rate + k)`. Shared by ASHA (one objective)
 * and pareto_asha (several), so both place their rungs, and estimate min_resource 'auto', alike.
 */
import { lastStep, type FrozenTrial } from '../trial';

export interface RungScheduleOptions {
  /** Steps of the first rung; 'auto' (the default): 1/100 of the longest complete trial, once one completes. */
  readonly min_resource?: number | 'auto';
  readonly reduction_factor?: number;
  readonly min_early_stopping_rate?: number;
}

export class RungSchedule {
  /** null while 'auto' waits for a complete trial; once estimated it stays, as in Optuna. */
  private minResource: number | null;
  readonly reductionFactor: number;
  readonly minEarlyStoppingRate: number;

  constructor(options: RungScheduleOptions, defaultReductionFactor: number) {
    const minResource = options.min_resource ?? 'auto';
    this.reductionFactor = options.reduction_factor ?? defaultReductionFactor;
    this.minEarlyStoppingRate = options.min_early_stopping_rate ?? 0;
    if (minResource !== 'auto' && !(Number.isSafeInteger(minResource) && minResource >= 1)) {
      throw new RangeError(`min_resource must be an integer ≥ 1 or 'auto', got ${minResource}`);
    }
    if (!(Number.isSafeInteger(this.reductionFactor) && this.reductionFactor >= 2)) throw new RangeError(`reduction_factor must be an integer ≥ 2, got ${this.reductionFactor}`);
    if (!(Number.isSafeInteger(this.minEarlyStoppingRate) && this.minEarlyStoppingRate >= 0)) {
      throw new RangeError(`min_early_stopping_rate must be an integer ≥ 0, got ${this.minEarlyStoppingRate}`);
    }
    this.minResource = minResource === 'auto' ? null : minResource;
  }

  /** The first rung's step, or null while 'auto' has nothing to estimate it from. */
  get currentMinResource(): number | null {
    return this.minResource;
  }

  /** The step at which `rung` is due, or null while 'auto' waits for a complete trial among `trials()`. */
  rungStep(rung: number, trials: () => readonly FrozenTrial[]): number | null {
    this.minResource ??= estimateMinResource(trials());
    if (this.minResource === null) return null;
    return this.minResource * this.reductionFactor ** (this.minEarlyStoppingRate + rung);
  }
}

/** 'auto' min_resource: the longest complete trial's last step // 100, at least 1; null before any completes. */
function estimateMinResource(trials: readonly FrozenTrial[]): number | null {
  let longest: number | null = null;
  for (const trial of trials) {
    if (trial.state !== 'complete') continue;
    const step = lastStep(trial);
    if (step !== null && (longest === null || step > longest)) longest = step;
  }
  return longest === null ? null : Math.max(Math.floor(longest / 100), 1);
}
