/**
 * Optuna 3.1's PercentilePruner (and MedianPruner, its 50th percentile): stop a trial whose best
 * intermediate value so far is worse than the given percentile of the completed trials' values at
 * the same step. The rules, step by step, are in docs/algorithms.md §2.1.
 */
import type { StudyView } from '../samplers/sampler';
import { lastStep, type FrozenTrial } from '../trial';
import { KEEP_GOING, STOP, type PruneDecision, type Pruner } from './pruner';

export interface PercentileOptions {
  readonly percentile: number;
  readonly n_startup_trials?: number;
  readonly n_warmup_steps?: number;
  readonly interval_steps?: number;
  readonly n_min_trials?: number;
}

export class PercentilePruner implements Pruner {
  private readonly percentile: number;
  private readonly startupTrials: number;
  private readonly warmupSteps: number;
  private readonly intervalSteps: number;
  private readonly minTrials: number;

  constructor(options: PercentileOptions, readonly name = 'percentile') {
    this.percentile = options.percentile;
    this.startupTrials = options.n_startup_trials ?? 5;
    this.warmupSteps = options.n_warmup_steps ?? 0;
    this.intervalSteps = options.interval_steps ?? 1;
    this.minTrials = options.n_min_trials ?? 1;
    if (!(this.percentile >= 0 && this.percentile <= 100)) throw new RangeError(`percentile must be in [0, 100], got ${this.percentile}`);
    if (this.intervalSteps < 1) throw new RangeError(`interval_steps must be ≥ 1, got ${this.intervalSteps}`);
  }

  prune(study: StudyView, trial: FrozenTrial): PruneDecision {
    return this.shouldPrune(study, trial) ? STOP : KEEP_GOING;
  }

  private shouldPrune(study: StudyView, trial: FrozenTrial): boolean {
    const completed = study.getTrials(['complete']);
    if (completed.length === 0 || completed.length < this.startupTrials) return false;
    const step = lastStep(trial);
    if (step === null || step < this.warmupSteps) return false;
    if (!this.isFirstReportInInterval(trial, step)) return false;

    const maximize = study.direction === 'maximize';
    const best = bestIntermediate(trial, maximize);
    if (Number.isNaN(best)) return true;

    const atStep: number[] = [];
    for (const other of completed) {
      const value = other.intermediateValues.get(step);
      if (value !== undefined) atStep.push(value);
    }
    const threshold = nanPercentile(atStep, maximize ? 100 - this.percentile : this.percentile, this.minTrials);
    if (Number.isNaN(threshold)) return false;
    return maximize ? best < threshold : best > threshold;
  }

  /** Only the first report at or after each pruning step counts, so sparse reports are not judged twice. */
  private isFirstReportInInterval(trial: FrozenTrial, step: number): boolean {
    const nearestLowerPruningStep = Math.floor((step - this.warmupSteps) / this.intervalSteps) * this.intervalSteps + this.warmupSteps;
    let secondLast = -Infinity;
    for (const s of trial.intermediateValues.keys()) if (s < step && s > secondLast) secondLast = s;
    return secondLast < nearestLowerPruningStep;
  }
}

/** The trial's best intermediate value so far (NaN values skipped; NaN if there is no other). */
function bestIntermediate(trial: FrozenTrial, maximize: boolean): number {
  let best = NaN;
  for (const value of trial.intermediateValues.values()) {
    if (Number.isNaN(value)) continue;
    if (Number.isNaN(best) || (maximize ? value > best : value < best)) best = value;
  }
  return best;
}

/**
 * numpy's nanpercentile with linear interpolation. NaN when fewer than `minCount` values were given:
 * Optuna counts reported NaNs towards n_min_trials, then skips them.
 */
export function nanPercentile(values: readonly number[], q: number, minCount = 1): number {
  if (values.length < minCount) return NaN;
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const position = (q / 100) * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower] as number;
  const b = sorted[upper] as number;
  return a + (b - a) * (position - lower);
}
