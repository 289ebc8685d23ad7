/**
 * pareto_asha: asynchronous successive halving for several objectives. Rungs fall where ASHA's do
 * (rungSchedule.ts); a trial reaching rung k records every objective's value there
 * (`tuneboard:pareto_rung_{k}`) and goes on only if it is in the top 1/reduction_factor of the
 * trials that reached the rung, ranked by Pareto front:
 *
 *   n trials reached the rung (this one included). With fewer than reduction_factor of them there
 *   is no top 1/reduction_factor yet, and the trial goes on. Otherwise it goes on when fewer than
 *   ⌊n / reduction_factor⌋ of them lie in a better non-dominated front than its own.
 *
 * Whole fronts are promoted, so ties (equal vectors, or members of the front the cut falls in) are
 * never split by their order, and the decision does not depend on trial numbers. With one objective
 * the fronts are the distinct values and this is ASHA's rule. Constraints are not judged at rungs
 * (they are a trial's final metrics); a finished trial already known infeasible no longer competes,
 * since it cannot be on the front. docs/algorithms.md §2.4 gives the reasons.
 */
import { dominates, nonDominatedRanks, satisfiesConstraints } from '../multiObjective';
import type { StudyView } from '../samplers/sampler';
import { constraintValues, paretoRungAttr, paretoRungValues } from '../studyView/trialAttrs';
import { lastStep, type Direction, type FrozenTrial, type JsonValue } from '../trial';
import { KEEP_GOING, type PruneDecision, type Pruner } from './pruner';
import { RungSchedule, type RungScheduleOptions } from './rungSchedule';

export type ParetoAshaOptions = RungScheduleOptions;

export class ParetoAshaPruner implements Pruner {
  readonly name = 'pareto_asha';
  private readonly schedule: RungSchedule;

  constructor(options: ParetoAshaOptions = {}) {
    // 3, not ASHA's 4: the cut keeps whole fronts, and several objectives make fronts wide.
    this.schedule = new RungSchedule(options, 3);
  }

  get reductionFactor(): number {
    return this.schedule.reductionFactor;
  }

  /** The first rung's step, or null while 'auto' has nothing to estimate it from. */
  get currentMinResource(): number | null {
    return this.schedule.currentMinResource;
  }

  prune(study: StudyView, trial: FrozenTrial, objectiveValues?: readonly number[]): PruneDecision {
    const step = lastStep(trial);
    // No vector (a step that did not report every objective): nothing to judge.
    if (step === null || objectiveValues === undefined) return KEEP_GOING;
    if (objectiveValues.length !== study.directions.length) {
      throw new RangeError(`pareto_asha got ${objectiveValues.length} values for trial ${trial.number} of a study with ${study.directions.length} objectives`);
    }
    let rung = rungsPassed(trial);
    let snapshot: readonly FrozenTrial[] | null = null;
    const trials = (): readonly FrozenTrial[] => (snapshot ??= study.getTrials());
    const systemAttrs: Record<string, JsonValue> = {};
    const decide = (prune: boolean): PruneDecision => ({ prune, systemAttrs });
    for (;;) {
      const rungStep = this.schedule.rungStep(rung, trials);
      if (rungStep === null || step < rungStep) return decide(false);
      if (objectiveValues.some(Number.isNaN)) return decide(true);
      systemAttrs[paretoRungAttr(rung)] = [...objectiveValues];
      const rivals = rivalsAtRung(trials(), rung, trial.number, objectiveValues.length);
      if (!isPromotable(objectiveValues, rivals, this.reductionFactor, study.directions)) return decide(true);
      rung += 1; // promoted: the next rung may be due at this same step
    }
  }
}

/** How many rungs the trial has passed (each left a `tuneboard:pareto_rung_{k}` attr). */
function rungsPassed(trial: FrozenTrial): number {
  let rung = 0;
  while (paretoRungValues(trial, rung) !== null) rung += 1;
  return rung;
}

/**
 * The values at the rung of every other trial that reached it, in any state (pruned and running
 * trials compete too, as in ASHA), but a complete trial whose constraints failed.
 */
function rivalsAtRung(trials: readonly FrozenTrial[], rung: number, self: number, objectives: number): (readonly number[])[] {
  const rivals: (readonly number[])[] = [];
  for (const other of trials) {
    if (other.number === self) continue;
    const values = paretoRungValues(other, rung);
    if (values === null || values.length !== objectives) continue;
    const constraints = other.state === 'complete' ? constraintValues(other) : null;
    if (constraints !== null && !satisfiesConstraints(constraints)) continue;
    rivals.push(values);
  }
  return rivals;
}

/** The rule above: fewer than ⌊n/η⌋ of the n trials at the rung in better fronts (n < η: always). */
export function isPromotable(values: readonly number[], rivals: readonly (readonly number[])[], reductionFactor: number, directions: readonly Direction[]): boolean {
  const n = rivals.length + 1;
  if (n < reductionFactor) return true;
  const ranks = nonDominatedRanks([values, ...rivals], (a, b) => dominates(directions, a, b));
  const own = ranks[0] as number;
  const ahead = ranks.filter((rank) => rank < own).length;
  return ahead < Math.floor(n / reductionFactor);
}
