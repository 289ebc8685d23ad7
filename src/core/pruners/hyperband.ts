/**
 * Optuna 3.1's HyperbandPruner: several successive-halving brackets, bracket b first judging trials
 * at step min_resource * reduction_factor ** b. Each trial belongs to one bracket, chosen by a crc32
 * of `{study name}_{trial number}`, and both its pruner and its sampler see only that bracket's
 * trials. The rules are in docs/algorithms.md §2.3.
 */
import type { StudyView } from '../samplers/sampler';
import { lastStep, type FrozenTrial, type TrialState } from '../trial';
import { crc32, pythonLog } from './bracketMath';
import { KEEP_GOING, type PruneDecision, type Pruner } from './pruner';
import { SuccessiveHalvingPruner } from './successiveHalving';

export interface HyperbandOptions {
  readonly min_resource?: number;
  /** The most steps a trial runs; 'auto' (the default): the longest complete trial's last step + 1. */
  readonly max_resource?: number | 'auto';
  readonly reduction_factor?: number;
  readonly bootstrap_count?: number;
}

export class HyperbandPruner implements Pruner {
  readonly name = 'hyperband';
  readonly minResource: number;
  readonly reductionFactor: number;
  readonly bootstrapCount: number;
  private maxResource: number | 'auto';
  private knownBracketCount: number | null = null;
  /**
   * One pruner per bracket, built by the first prune() that knows max_resource. Until then every
   * trial is in bracket 0 and the sampler sees the whole study: Optuna behaves the same way.
   */
  private readonly brackets: SuccessiveHalvingPruner[] = [];
  private readonly budgets: number[] = [];
  private totalBudget = 0;

  constructor(options: HyperbandOptions = {}) {
    this.minResource = options.min_resource ?? 1;
    this.maxResource = options.max_resource ?? 'auto';
    this.reductionFactor = options.reduction_factor ?? 3;
    this.bootstrapCount = options.bootstrap_count ?? 0;
    if (!(Number.isSafeInteger(this.minResource) && this.minResource >= 1)) throw new RangeError(`min_resource must be an integer ≥ 1, got ${this.minResource}`);
    if (this.maxResource !== 'auto' && !(Number.isSafeInteger(this.maxResource) && this.maxResource >= 1)) {
      throw new RangeError(`max_resource must be an integer ≥ 1 or 'auto', got ${this.maxResource}`);
    }
    if (this.bootstrapCount > 0 && this.maxResource === 'auto') throw new RangeError("bootstrap_count > 0 needs an explicit max_resource (not 'auto')");
    // Checks reduction_factor and bootstrap_count as the brackets will.
    new SuccessiveHalvingPruner({ min_resource: this.minResource, reduction_factor: this.reductionFactor, bootstrap_count: this.bootstrapCount });
  }

  /** Optuna's n_brackets, floor(log_η(max_resource / min_resource)) + 1; null before max_resource is known. */
  get bracketCount(): number | null {
    return this.knownBracketCount;
  }

  /** Each bracket's share of the trials, ceil(n_brackets * η^s / (s + 1)) with s = n_brackets - 1 - b. */
  get trialAllocationBudgets(): readonly number[] {
    return this.budgets;
  }

  prune(study: StudyView, trial: FrozenTrial): PruneDecision {
    if (this.brackets.length === 0) {
      this.tryInitialization(study);
      if (this.brackets.length === 0) return KEEP_GOING;
    }
    const bracket = this.bracketOf(study.name, trial.number);
    return (this.brackets[bracket] as SuccessiveHalvingPruner).prune(this.bracketStudy(study, bracket), trial);
  }

  filterStudy(study: StudyView, trial: FrozenTrial): StudyView {
    return this.bracketStudy(study, this.bracketOf(study.name, trial.number));
  }

  /** The bracket of trial `trialNumber` in study `studyName` (0 until the brackets exist). */
  bracketOf(studyName: string, trialNumber: number): number {
    if (this.brackets.length === 0) return 0;
    let n = crc32(`${studyName}_${trialNumber}`) % this.totalBudget;
    for (let bracket = 0; bracket < this.budgets.length; bracket++) {
      n -= this.budgets[bracket] as number;
      if (n < 0) return bracket;
    }
    throw new Error('unreachable: the budgets add up to the total');
  }

  private tryInitialization(study: StudyView): void {
    if (this.maxResource === 'auto') {
      let longest: number | null = null;
      for (const trial of study.getTrials(['complete'])) {
        const step = lastStep(trial);
        if (step !== null && (longest === null || step > longest)) longest = step;
      }
      if (longest === null) return;
      this.maxResource = longest + 1;
    }
    // In floating point, as Optuna: 243 / 1 with η = 3 makes 5 brackets, not 6.
    const count = (this.knownBracketCount ??= Math.floor(pythonLog(this.maxResource / this.minResource, this.reductionFactor)) + 1);
    for (let bracket = 0; bracket < count; bracket++) {
      const s = count - 1 - bracket;
      const budget = Math.ceil((count * this.reductionFactor ** s) / (s + 1));
      this.budgets.push(budget);
      this.totalBudget += budget;
      this.brackets.push(
        new SuccessiveHalvingPruner({ min_resource: this.minResource, reduction_factor: this.reductionFactor, min_early_stopping_rate: bracket, bootstrap_count: this.bootstrapCount }),
      );
    }
  }

  private bracketStudy(study: StudyView, bracket: number): StudyView {
    return {
      name: study.name,
      direction: study.direction,
      directions: study.directions,
      searchSpace: study.searchSpace,
      getTrials: (states?: readonly TrialState[]) => study.getTrials(states).filter((t) => this.bracketOf(study.name, t.number) === bracket),
    };
  }
}
