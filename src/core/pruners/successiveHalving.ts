/**
 * Optuna 3.1's SuccessiveHalvingPruner (asynchronous successive halving, ASHA): a trial reaching
 * rung k's step (`min_resource * reduction_factor ** (min_early_stopping_rate + k)`) goes on only if
 * its value there is in the top 1/reduction_factor of every trial that reached that rung before it.
 * What each trial scored at a rung is kept on it as the system attr `completed_rung_{k}`, where
 * Optuna keeps it, so journals from either side resume alike. The rules are in docs/algorithms.md §2.2.
 */
import type { StudyView } from '../samplers/sampler';
import { lastStep, type Direction, type FrozenTrial } from '../trial';
import { KEEP_GOING, type PruneDecision, type Pruner } from './pruner';
import { RungSchedule, type RungScheduleOptions } from './rungSchedule';

export interface SuccessiveHalvingOptions extends RungScheduleOptions {
  /** Trials that must reach a rung (this one included) before any is promoted past it. */
  readonly bootstrap_count?: number;
}

export class SuccessiveHalvingPruner implements Pruner {
  readonly name = 'asha';
  private readonly schedule: RungSchedule;
  readonly bootstrapCount: number;

  constructor(options: SuccessiveHalvingOptions = {}) {
    this.schedule = new RungSchedule(options, 4);
    this.bootstrapCount = options.bootstrap_count ?? 0;
    if (!(Number.isSafeInteger(this.bootstrapCount) && this.bootstrapCount >= 0)) throw new RangeError(`bootstrap_count must be an integer ≥ 0, got ${this.bootstrapCount}`);
    if (this.bootstrapCount > 0 && (options.min_resource ?? 'auto') === 'auto') throw new RangeError("bootstrap_count > 0 needs an explicit min_resource (not 'auto')");
  }

  get reductionFactor(): number {
    return this.schedule.reductionFactor;
  }

  get minEarlyStoppingRate(): number {
    return this.schedule.minEarlyStoppingRate;
  }

  /** The first rung's step, or null while 'auto' has nothing to estimate it from. */
  get currentMinResource(): number | null {
    return this.schedule.currentMinResource;
  }

  prune(study: StudyView, trial: FrozenTrial): PruneDecision {
    const step = lastStep(trial);
    if (step === null) return KEEP_GOING;
    // Judged on the latest value, not the best so far.
    const value = trial.intermediateValues.get(step) as number;
    let rung = currentRung(trial);
    // One snapshot for every rung checked in this call: the rung values recorded now are not in it (as in Optuna).
    let snapshot: readonly FrozenTrial[] | null = null;
    const trials = (): readonly FrozenTrial[] => (snapshot ??= study.getTrials());
    const systemAttrs: Record<string, number> = {};
    const decide = (prune: boolean): PruneDecision => ({ prune, systemAttrs });
    for (;;) {
      const rungPromotionStep = this.schedule.rungStep(rung, trials);
      if (rungPromotionStep === null || step < rungPromotionStep) return decide(false);
      if (Number.isNaN(value)) return decide(true);
      const rungKey = completedRungKey(rung);
      systemAttrs[rungKey] = value;
      const competing = competingValues(trials(), value, rungKey);
      // `competing` holds this trial too, hence ≤.
      if (competing.length <= this.bootstrapCount) return decide(true);
      if (!isPromotable(value, competing, this.reductionFactor, study.direction)) return decide(true);
      rung += 1; // promoted: the next rung may be due at this same step
    }
  }
}

export function completedRungKey(rung: number): string {
  return `completed_rung_${rung}`;
}

/** How many rungs the trial has passed through (each left a `completed_rung_{k}` attr). */
export function currentRung(trial: FrozenTrial): number {
  let rung = 0;
  while (Object.hasOwn(trial.systemAttrs, completedRungKey(rung))) rung += 1;
  return rung;
}

/** Every trial's value at the rung (any state: pruned and running trials compete too), plus this one's. */
function competingValues(trials: readonly FrozenTrial[], value: number, rungKey: string): number[] {
  const values: number[] = [];
  for (const trial of trials) {
    const recorded = trial.systemAttrs[rungKey];
    // Optuna writes only floats here; anything else is not a rung value.
    if (typeof recorded === 'number') values.push(recorded);
  }
  values.push(value);
  return values;
}

function isPromotable(value: number, competing: number[], reductionFactor: number, direction: Direction): boolean {
  // Until reduction_factor trials reached the rung, only a trial as good as the best goes on (no waiting in ASHA).
  const promotableIndex = Math.max(Math.floor(competing.length / reductionFactor) - 1, 0);
  competing.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (direction === 'maximize') return value >= (competing[competing.length - 1 - promotableIndex] as number);
  return value <= (competing[promotableIndex] as number);
}
