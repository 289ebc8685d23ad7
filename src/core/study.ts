/**
 * The study: ask for a trial, report its steps, tell its result. State lives in the storage (a
 * journal), so a study resumes where any earlier run, or Python Optuna, left it.
 */
import type { Distribution, ParamValue } from './distributions';
import { NopPruner, PRUNER_TYPES, prunerObjectivesProblem, resolvePruner, type Pruner, type PrunerSpec, type PrunerType } from './pruners';
import { SamplerSeeding } from './samplerSeeding';
import type { Sampler, SamplerSpec } from './samplers';
import { SearchExhaustedError, type SearchSpace, type SpaceConditions, type StudyView } from './samplers/sampler';
import type { Storage } from './storage/storage';
import { suggestName } from './suggest';
import { checkParamValue, FIXED_PARAMS_ATTR, InvalidParamError } from './fixedParams';
import { checkSpaceMatchesHistory } from './spaceHistory';
import { describeConditions, isActive } from './activeParams';
import { sampleTrialParams, type SampledTrial } from './trialSampling';
import { bestTrial, isBetter } from './studyView/ranking';
import { paretoFront } from './multiObjective';
import { FAIL_REASON_ATTR, usesBudget } from './studyView/trialAttrs';
import { checkValueCount, constraintAttrsOf, describeDirections } from './tellValues';
import { isFinished, lastStep, type Direction, type FrozenTrial, type JsonValue, type TrialState } from './trial';

export { FIXED_PARAMS_ATTR, InvalidParamError } from './fixedParams';

/** What `ask()` hands out: enough to run the trial and to report on it. */
export interface TrialHandle {
  readonly id: number;
  readonly number: number;
  readonly params: Readonly<Record<string, ParamValue>>;
}

/**
 * A trial's outcome, for `tell`: a number (one objective) or one number per objective completes it;
 * an object can fail or prune it.
 */
export type TrialResult =
  | number
  | readonly number[]
  | { readonly state: 'complete'; readonly value: number | readonly number[] }
  | { readonly state: 'pruned' }
  | { readonly state: 'fail'; readonly error?: string };

export interface TellOptions {
  /**
   * Constraint values (Optuna's `constraints_func`): the trial is feasible when every one is ≤ 0.
   * Recorded in the trial's `constraints` system attr, in the append that finishes it.
   */
  readonly constraints?: readonly number[];
}

export interface StudyOptions {
  readonly name: string;
  /** One per objective. */
  readonly directions: readonly Direction[];
  readonly searchSpace: SearchSpace;
  readonly sampler: SamplerSpec;
  readonly gridPoints?: Readonly<Record<string, number>>;
  /** When each conditional param is active; absent for a flat space. */
  readonly conditions?: SpaceConditions;
  readonly seed?: number;
  /** Judges reports in `shouldPrune`; Hyperband also narrows what the sampler sees. Default: none. */
  readonly pruner?: Pruner | PrunerSpec;
}

export { FAIL_REASON_ATTR } from './studyView/trialAttrs';

export interface EnqueueOptions {
  readonly userAttrs?: Readonly<Record<string, JsonValue>>;
  /** Beside `fixed_params`, e.g. where a retried trial came from. */
  readonly systemAttrs?: Readonly<Record<string, JsonValue>>;
}

export interface AskOptions {
  /**
   * System attrs written in the very append that creates (or starts) the trial, e.g. which process
   * runs it: a run killed right after `ask()` can never leave the trial without them.
   */
  readonly systemAttrs?: Readonly<Record<string, JsonValue>>;
}

export interface BudgetedAskOptions extends AskOptions {
  /**
   * Samples no new trial once this many trials use budget (`usesBudget`), counted under the storage
   * lock, so parallel processes together never exceed it; enqueued trials still start. None: no limit.
   */
  readonly budget: number | undefined;
}


export class Study implements StudyView {
  private constructor(
    private readonly storage: Storage,
    private readonly studyId: number,
    readonly name: string,
    readonly directions: readonly Direction[],
    readonly searchSpace: SearchSpace,
    readonly conditions: SpaceConditions,
    private readonly seeding: SamplerSeeding,
    readonly pruner: Pruner,
  ) {}

  /** Opens (resuming) or creates the study in `storage`. */
  static async open(storage: Storage, options: StudyOptions): Promise<Study> {
    const pruner = options.pruner === undefined ? new NopPruner() : resolvePruner(options.pruner);
    // A pruner object of the user's own may judge any number of objectives; a named one is checked.
    const prunerProblem = isPrunerType(pruner.name) ? prunerObjectivesProblem(pruner.name, options.directions.length) : null;
    if (prunerProblem !== null) throw new Error(`study '${options.name}': ${prunerProblem}`);
    const record = await storage.withLock(async () => {
      const existing = storage.findStudy(options.name);
      if (existing) {
        if (existing.directions.join() !== options.directions.join()) {
          throw new Error(`${storage.location} holds study '${options.name}' with ${describeDirections(existing.directions)}, but ${options.directions.length === 1 ? options.directions[0] : `[${options.directions.join(', ')}]`} was asked for; use another study name or storage`);
        }
        checkSpaceMatchesHistory(storage.getTrials(existing.id), options.searchSpace, storage.location);
        return existing;
      }
      const others = storage.getStudies().map((s) => `'${s.name}'`);
      if (others.length > 0) {
        throw new Error(`${storage.location} holds study ${others.join(', ')}, not '${options.name}'; use the name it holds or another storage file`);
      }
      return storage.createStudy(options.name, options.directions);
    });
    const resumedFrom = storage.getTrials(record.id).length;
    const seeding = new SamplerSeeding({ spec: options.sampler, seed: options.seed, gridPoints: options.gridPoints, resumedFrom });
    return new Study(storage, record.id, options.name, options.directions, options.searchSpace, options.conditions ?? {}, seeding, pruner);
  }

  /** The first objective's direction: the study's only one unless it is multi-objective. */
  get direction(): Direction {
    return this.directions[0] as Direction;
  }

  get isMultiObjective(): boolean {
    return this.directions.length > 1;
  }

  /** The sampler that draws the next trial's params. */
  get sampler(): Sampler {
    return this.seeding.sampler;
  }

  /** Where the study is stored: a journal path, or `memory`. */
  get location(): string {
    return this.storage.location;
  }

  /** The study's system attrs (Optuna's metric names, Tuneboard's budget and stop request), as of the last read. */
  get systemAttrs(): Readonly<Record<string, JsonValue>> {
    return this.storage.getStudies().find((study) => study.id === this.studyId)?.systemAttrs ?? {};
  }

  /** Every trial in number order, as of the last operation or `refresh()`. */
  get trials(): readonly FrozenTrial[] {
    return this.storage.getTrials(this.studyId);
  }

  /** Waiting and/or running trials alone cost as many as there are, however long the study. */
  getTrials(states?: readonly TrialState[]): readonly FrozenTrial[] {
    return this.storage.getTrials(this.studyId, states);
  }

  /**
   * The best complete trial by Optuna's rules (see studyView/ranking), or null before any completes.
   * A multi-objective study has no single best trial (Optuna raises too): see `bestTrials`.
   */
  get bestTrial(): FrozenTrial | null {
    if (this.isMultiObjective) throw new Error(`study '${this.name}' has ${this.directions.length} objectives, so no single best trial: use bestTrials (its Pareto front)`);
    return bestTrial(this.trials, this.direction);
  }

  /**
   * The Pareto front: the complete, feasible trials no other such trial dominates, in number order
   * (Optuna's `best_trials`; feasible only, as Optuna from 3.2 on). With one objective, every complete
   * trial at the best value.
   */
  get bestTrials(): readonly FrozenTrial[] {
    return paretoFront(this.trials, this.directions, { feasibleOnly: true });
  }

  /** True when `a` is a better objective value than `b` for this study's direction. */
  isBetter(a: number, b: number): boolean {
    return isBetter(this.direction, a, b);
  }

  /** Picks up trials other processes appended since the last call. */
  async refresh(): Promise<boolean> {
    return this.storage.refresh();
  }

  /** True when a finite sampler (grid) has no new point left. */
  get exhausted(): boolean {
    return this.sampler.isExhausted?.(this) ?? false;
  }

  /**
   * Starts the oldest enqueued (WAITING) trial, else samples a new trial, and records it as running.
   * This happens under the storage lock, so parallel asks from several processes see each other's
   * trials, never take the same waiting trial and never get one point twice. With a `budget`, null
   * once it is used up and no trial is waiting.
   */
  async ask(options: BudgetedAskOptions): Promise<TrialHandle | null>;
  async ask(options?: AskOptions): Promise<TrialHandle>;
  async ask(options: AskOptions & { readonly budget?: number } = {}): Promise<TrialHandle | null> {
    // The trial's creation is the section's last write: on Redis it releases the lock in the same step.
    return this.storage.withLock(async () => {
      const enqueued = await this.startOldestWaiting(options);
      if (enqueued) return enqueued;
      if (options.budget !== undefined && this.trials.filter(usesBudget).length >= options.budget) return null;
      if (this.exhausted) throw new SearchExhaustedError(`study '${this.name}': the search space is exhausted`);
      const { params, distributions, systemAttrs } = this.sampleParams(null);
      const trial = await this.storage.createTrial(this.studyId, { params, distributions, systemAttrs: { ...systemAttrs, ...options.systemAttrs } }, { lastWrite: true });
      this.seeding.countOwnTrial();
      return { id: trial.id, number: trial.number, params: trial.params };
    }, { releaseEarly: true });
  }

  /** Like `ask()`, but only ever starts an enqueued trial: null when none is waiting. */
  async askEnqueued(options: AskOptions = {}): Promise<TrialHandle | null> {
    return this.storage.withLock(() => this.startOldestWaiting(options), { releaseEarly: true });
  }

  /**
   * Optuna's `enqueue_trial`: records a WAITING trial whose params the next `ask()` (here, or Python
   * Optuna's `optimize`) uses instead of sampling them; params left out are sampled then. Each value is
   * checked against the space now, so a typo fails here, not when the trial runs.
   */
  async enqueue(params: Readonly<Record<string, ParamValue>>, options: EnqueueOptions = {}): Promise<FrozenTrial> {
    if (typeof params !== 'object' || params === null || Array.isArray(params)) throw new TypeError('enqueue needs an object of params, e.g. { lr: 0.01 }');
    const fixed: Record<string, ParamValue> = {};
    for (const [name, value] of Object.entries(params)) {
      if (!Object.hasOwn(this.searchSpace, name)) throw new InvalidParamError(name, this.describeUnknownParam(name));
      fixed[name] = checkParamValue(name, this.searchSpace[name] as Distribution, value);
    }
    // A fixed param that the other fixed params make inactive would be dropped without a word.
    for (const name of Object.keys(fixed)) {
      const unmet = (this.conditions[name] ?? []).find((c) => Object.hasOwn(fixed, c.parent) && !isActive(name, { [name]: [c] }, fixed));
      if (unmet) throw new InvalidParamError(name, `'${name}' is inactive when ${describeConditions([{ parent: unmet.parent, values: [fixed[unmet.parent] ?? null] }])} (it needs ${describeConditions([unmet])}); leave it out of this trial`);
    }
    const waiting = await this.storage.createWaitingTrial(this.studyId, { userAttrs: options.userAttrs, systemAttrs: { ...options.systemAttrs, [FIXED_PARAMS_ATTR]: fixed } });
    this.seeding.countOwnTrial();
    return waiting;
  }

  /** Records an intermediate value (e.g. validation loss after an epoch). */
  async report(trial: TrialHandle, step: number, value: number): Promise<void> {
    if (!Number.isSafeInteger(step) || step < 0) throw new RangeError(`step must be a non-negative integer, got ${step}`);
    if (typeof value !== 'number') throw new TypeError(`reported value must be a number, got ${JSON.stringify(value)}`);
    this.requireRunning(trial, 'report on');
    await this.storage.setTrialIntermediateValue(trial.id, step, value);
  }

  /**
   * Finishes a trial. A NaN or infinite value fails it (Optuna does the same); a pruned trial keeps
   * its last intermediate value as its value, as Optuna records it.
   */
  async tell(trial: TrialHandle, result: TrialResult, options: TellOptions = {}): Promise<FrozenTrial> {
    const current = this.requireRunning(trial, 'tell');
    const outcome = typeof result === 'number' || Array.isArray(result) ? ({ state: 'complete', value: result } as const) : (result as Exclude<TrialResult, number | readonly number[]>);
    const constraintAttrs = constraintAttrsOf(this.describeTell(trial), options.constraints);
    switch (outcome.state) {
      case 'complete': {
        const values = checkValueCount(this.describeTell(trial), this.directions, outcome.value);
        const bad = values.find((value) => typeof value !== 'number' || !Number.isFinite(value));
        if (bad !== undefined) {
          await this.fail(trial, `the objective value ${String(bad)} is not a finite number`);
        } else {
          await this.storage.finishTrial(trial.id, 'complete', values, constraintAttrs);
        }
        break;
      }
      case 'pruned': {
        // Optuna keeps the last intermediate value only where it is a whole result: with several
        // objectives one value is not, so a pruned trial there has no values (as in Optuna 3.1).
        const step = this.isMultiObjective ? null : lastStep(current);
        const value = step === null ? null : (current.intermediateValues.get(step) ?? null);
        await this.storage.finishTrial(trial.id, 'pruned', value !== null && Number.isFinite(value) ? [value] : null, constraintAttrs);
        break;
      }
      case 'fail':
        await this.fail(trial, outcome.error ?? 'failed');
        break;
      default:
        throw new TypeError(`unknown trial result ${JSON.stringify(outcome satisfies never)}`);
    }
    const finished = this.storage.getTrial(trial.id);
    this.sampler.afterTrial?.(this, finished);
    return finished;
  }

  /**
   * Optuna's `trial.should_prune()`: asks the pruner about the trial's latest report, first storing
   * the attrs the pruner keeps on the trial (ASHA's `completed_rung_{k}`). A multi-objective study
   * passes every objective's value at that step (`objectiveValues`), which pareto_asha judges.
   */
  async shouldPrune(trial: TrialHandle, objectiveValues?: readonly number[]): Promise<boolean> {
    const decision = this.pruner.prune(this, this.requireRunning(trial, 'prune'), objectiveValues);
    for (const [key, value] of Object.entries(decision.systemAttrs)) await this.storage.setTrialSystemAttr(trial.id, key, value);
    return decision.prune;
  }

  async setUserAttr(trial: TrialHandle, key: string, value: JsonValue): Promise<void> {
    await this.storage.setTrialUserAttr(trial.id, key, value);
  }

  async setSystemAttr(trial: TrialHandle, key: string, value: JsonValue): Promise<void> {
    await this.storage.setTrialSystemAttr(trial.id, key, value);
  }

  async setStudyUserAttr(key: string, value: JsonValue): Promise<void> {
    await this.storage.setStudyUserAttr(this.studyId, key, value);
  }

  async setStudySystemAttr(key: string, value: JsonValue): Promise<void> {
    await this.storage.setStudySystemAttr(this.studyId, key, value);
  }

  async close(): Promise<void> {
    await this.storage.close();
  }

  /** How messages about a tell name it: `tell trial 3 of study 'mo'`. */
  private describeTell(trial: TrialHandle): string {
    return `tell trial ${trial.number} of study '${this.name}'`;
  }

  /** The reason and the state in one append: no other writer's record can land between them. */
  private async fail(trial: TrialHandle, reason: string): Promise<void> {
    await this.storage.finishTrial(trial.id, 'fail', null, { [FAIL_REASON_ATTR]: reason });
  }

  /**
   * Takes the oldest WAITING trial (Optuna's `_pop_waiting_trial_id`); callers hold the lock. A trial
   * whose fixed params the space does not admit is failed with the reason, as Optuna fails it when
   * the objective suggests the value, and the next one is tried.
   */
  private async startOldestWaiting(options: AskOptions): Promise<TrialHandle | null> {
    // Every ask starts here, under the lock: the sampler sees trials other processes just wrote.
    this.seeding.beforeSampling(this.trials.length);
    for (const waiting of this.getTrials(['waiting'])) {
      let sampled: SampledTrial;
      try {
        sampled = this.sampleParams(waiting);
      } catch (error) {
        // Taken first, so a trial a Python worker started meanwhile (it takes no lock on Redis) is left to it.
        const taken = await this.storage.startWaitingTrial(waiting.id, { params: {}, distributions: {} });
        if (taken !== null) await this.fail(taken, `enqueued params: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      const systemAttrs = { ...sampled.systemAttrs, ...options.systemAttrs };
      const trial = await this.storage.startWaitingTrial(waiting.id, { params: sampled.params, distributions: sampled.distributions, systemAttrs }, { lastWrite: true });
      if (trial === null) continue; // a Python worker took it first
      return { id: trial.id, number: trial.number, params: trial.params };
    }
    return null;
  }

  /** The params of a new trial, or of a waiting one: its fixed params, the rest sampled. */
  private sampleParams(waiting: FrozenTrial | null): SampledTrial {
    return sampleTrialParams(this, { sampler: this.sampler, pruner: this.pruner, space: this.searchSpace, conditions: this.conditions }, waiting);
  }

  private describeUnknownParam(name: string): string {
    const known = Object.keys(this.searchSpace);
    const guess = suggestName(name, known);
    return `'${name}' is not a parameter of study '${this.name}'${guess ? ` (did you mean '${guess}'?)` : ''}; its parameters are ${known.join(', ')}`;
  }

  private requireRunning(trial: TrialHandle, action: string): FrozenTrial {
    let current: FrozenTrial;
    try {
      current = this.storage.getTrial(trial.id);
    } catch {
      throw new Error(`cannot ${action} trial ${trial.number}: it is not in study '${this.name}'`);
    }
    if (this.trials[trial.number] !== current) {
      throw new Error(`cannot ${action} trial ${trial.number}: it is not in study '${this.name}'`);
    }
    if (isFinished(current.state)) throw new Error(`cannot ${action} trial ${trial.number}: it has already finished (${current.state})`);
    return current;
  }
}

function isPrunerType(name: string): name is PrunerType {
  return (PRUNER_TYPES as readonly string[]).includes(name);
}
