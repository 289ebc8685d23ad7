/**
 * Optuna's `JournalStorageReplayResult` in TypeScript: applies journal records in order and holds the
 * studies and trials they describe. Records that Optuna's replay ignores (a duplicate study name, an
 * update to a finished or unknown trial, a param whose distribution clashes with the study's) are
 * ignored here too, so every reader of a file sees the same state.
 *
 * State is kept mutable inside and handed out as frozen snapshots built on first access, so applying
 * N records costs O(N), and an unchanged trial is the same object until it changes. A study's trial
 * list is kept up to date incrementally (a new trial appended, a changed one replaced), copied only
 * when a list already handed out must change; its waiting and running trials are kept apart, so
 * reading them costs nothing with thousands of finished trials.
 *
 * `apply` says why it ignored a record (a `Refusal`), so a writer can learn that its own record did
 * not take effect, as Optuna's replay raises for the writer's own records and ignores others'.
 */
import { StepLog } from './stepValues';
import { compatible, type Distribution, type ParamValue } from '../distributions';
import { isFinished, type Direction, type FrozenTrial, type JsonValue, type TrialState } from '../trial';
import type { StudyRecord } from './storage';
import { JournalError, decodeDistribution, decodeParamValue, decodeState, parseTimestamp, type CreateTrialOp, type JournalOp, type SetTrialStateValuesOp } from './journalOps';

/** Why the replay ignored a record (Optuna ignores each of these, and raises for the writer's own). */
export type Refusal = 'no-study' | 'duplicate-study' | 'no-trial' | 'finished' | 'param-clash' | 'already-running';

interface StudyEntry {
  readonly id: number;
  readonly name: string;
  readonly directions: readonly number[];
  readonly userAttrs: Record<string, JsonValue>;
  readonly systemAttrs: Record<string, JsonValue>;
  /** The study's trials by number. */
  readonly trials: TrialEntry[];
  /** Per param name, the lowest-numbered trial holding it: Optuna checks new params against that one. */
  readonly firstParamHolder: Map<string, { number: number; distribution: Distribution }>;
  /** Trials not finished, by state: waiting and running ones are read often and are few. */
  readonly waiting: Set<TrialEntry>;
  readonly running: Set<TrialEntry>;
  snapshot: StudyRecord | null;
  /** The trial list as last built (frozen: it was handed out; the next change works on a copy). */
  list: readonly FrozenTrial[];
  /** Trials among `list` whose snapshot changed since it was built. */
  changed: TrialEntry[];
}

interface TrialEntry {
  readonly id: number;
  readonly number: number;
  readonly study: StudyEntry;
  state: TrialState;
  values: readonly number[] | null;
  readonly params: Map<string, ParamValue>;
  readonly distributions: Map<string, Distribution>;
  intermediateValues: StepLog;
  readonly userAttrs: Record<string, JsonValue>;
  readonly systemAttrs: Record<string, JsonValue>;
  datetimeStart: Date | null;
  datetimeComplete: Date | null;
  snapshot: FrozenTrial | null;
  /** In its study's `changed` list. */
  listed: boolean;
}

const DIRECTIONS_BY_CODE: Readonly<Record<number, Direction>> = { 0: 'minimize', 1: 'minimize', 2: 'maximize' };

export class JournalReplay {
  private readonly studies = new Map<number, StudyEntry>();
  /** The id of the last trial each worker created, as Optuna's replay tracks its own (`_last_created_trial_id_by_this_process`). */
  private readonly lastCreatedByWorker = new Map<string, number>();
  private readonly studyIdsByName = new Map<string, number>();
  private readonly trials: TrialEntry[] = [];
  private nextStudyId = 0;
  private studiesSnapshot: readonly StudyRecord[] | null = null;

  /**
   * Applies one record; returns why it was ignored, if it was (undefined when it took effect). Throws a
   * JournalError (and changes nothing) for data it cannot use.
   */
  apply(op: JournalOp): Refusal | undefined {
    switch (op.op_code) {
      case 0: {
        if (this.studyIdsByName.has(op.study_name)) return 'duplicate-study'; // Optuna: ignored, and no id is used up
        const id = this.nextStudyId++;
        this.studies.set(id, {
          id, name: op.study_name, directions: op.directions, userAttrs: {}, systemAttrs: {}, trials: [],
          firstParamHolder: new Map(), waiting: new Set(), running: new Set(), snapshot: null, list: Object.freeze([]), changed: [],
        });
        this.studyIdsByName.set(op.study_name, id);
        return this.studiesChanged();
      }
      case 1: {
        const study = this.studies.get(op.study_id);
        if (!study) return 'no-study';
        this.studies.delete(op.study_id);
        this.studyIdsByName.delete(study.name);
        return this.studiesChanged();
      }
      case 2:
      case 3: {
        const study = this.studies.get(op.study_id);
        if (!study) return 'no-study';
        mergeAttrs(op.op_code === 2 ? study.userAttrs : study.systemAttrs, op.op_code === 2 ? op.user_attr : op.system_attr);
        study.snapshot = null;
        return this.studiesChanged();
      }
      case 4:
        return this.createTrial(op);
      case 5: {
        const trial = this.updatableTrial(op.trial_id);
        if (typeof trial === 'string') return trial;
        const distribution = decodeDistribution(op.distribution, op.param_name);
        const holder = trial.study.firstParamHolder.get(op.param_name);
        if (holder && !compatible(holder.distribution, distribution)) return 'param-clash'; // another worker's clash: Optuna ignores it
        const value = decodeParamValue(distribution, op.param_value_internal, op.param_name);
        if (!holder || trial.number <= holder.number) trial.study.firstParamHolder.set(op.param_name, { number: trial.number, distribution });
        trial.params.set(op.param_name, value);
        trial.distributions.set(op.param_name, distribution);
        return this.trialChanged(trial);
      }
      case 6:
        return this.setState(op);
      case 7: {
        const trial = this.updatableTrial(op.trial_id);
        if (typeof trial === 'string') return trial;
        trial.intermediateValues = trial.intermediateValues.set(op.step, op.intermediate_value);
        return this.trialChanged(trial);
      }
      case 8:
      case 9: {
        const trial = this.updatableTrial(op.trial_id);
        if (typeof trial === 'string') return trial;
        mergeAttrs(op.op_code === 8 ? trial.userAttrs : trial.systemAttrs, op.op_code === 8 ? op.user_attr : op.system_attr);
        return this.trialChanged(trial);
      }
      case 10:
        return undefined; // DISCARD_TRIALS: Rustuna only, skipped by Optuna
    }
  }

  /** Live studies in id order. */
  getStudies(): readonly StudyRecord[] {
    this.studiesSnapshot ??= Object.freeze([...this.studies.values()].map((s) => this.studyRecord(s)));
    return this.studiesSnapshot;
  }

  getStudy(studyId: number): StudyRecord | undefined {
    const study = this.studies.get(studyId);
    return study && this.studyRecord(study);
  }

  findStudy(name: string): StudyRecord | undefined {
    const id = this.studyIdsByName.get(name);
    return id === undefined ? undefined : this.getStudy(id);
  }

  /**
   * The study's trials in number order (only those in `states`, if given), or undefined if there is no
   * such (live) study. The whole list is the same array until a trial of the study changes or is added;
   * asking only for waiting and/or running trials costs as many as there are.
   */
  getTrials(studyId: number, states?: readonly TrialState[]): readonly FrozenTrial[] | undefined {
    const study = this.studies.get(studyId);
    if (!study) return undefined;
    if (states === undefined) return this.trialList(study);
    if (states.every((state) => state === 'waiting' || state === 'running')) {
      const entries: TrialEntry[] = [];
      if (states.includes('waiting')) entries.push(...study.waiting);
      if (states.includes('running')) entries.push(...study.running);
      // A set keeps the order trials entered the state; a trial can go back to waiting, so sort.
      entries.sort((a, b) => a.number - b.number);
      return Object.freeze(entries.map((trial) => this.frozenTrial(trial)));
    }
    return Object.freeze(this.trialList(study).filter((trial) => states.includes(trial.state)));
  }

  /** Any trial by id, including trials of deleted studies (as Optuna). */
  getTrial(trialId: number): FrozenTrial | undefined {
    const trial = this.trials[trialId];
    return trial && this.frozenTrial(trial);
  }

  /** The id of the study a trial belongs to. */
  studyIdOf(trialId: number): number | undefined {
    return this.trials[trialId]?.study.id;
  }

  /** Number of trials in the journal across all studies: the id the next created trial gets. */
  get trialCount(): number {
    return this.trials.length;
  }

  /** The last trial `workerId` created; other writers (Python on Redis) may have created trials in between. */
  lastTrialCreatedBy(workerId: string): number | undefined {
    return this.lastCreatedByWorker.get(workerId);
  }

  /** The distribution new values of `param` must be compatible with in this study, if any trial has it. */
  paramDistribution(studyId: number, param: string): Distribution | undefined {
    return this.studies.get(studyId)?.firstParamHolder.get(param)?.distribution;
  }

  private createTrial(op: CreateTrialOp): Refusal | undefined {
    const study = this.studies.get(op.study_id);
    if (!study) return 'no-study';
    // Everything is converted before anything is stored, so a bad record leaves no trace.
    const distributions = new Map(Object.entries(op.distributions ?? {}).map(([name, json]) => [name, decodeDistribution(json, name)] as const));
    const params = new Map<string, ParamValue>();
    for (const [name, internal] of Object.entries(op.params ?? {})) {
      const distribution = distributions.get(name);
      if (!distribution) throw new JournalError(`param "${name}" has no entry in "distributions"`);
      params.set(name, decodeParamValue(distribution, internal, name));
    }
    let intermediateValues = new StepLog();
    for (const [step, value] of Object.entries(op.intermediate_values ?? {})) {
      if (!/^-?\d+$/.test(step)) throw new JournalError(`intermediate_values key ${JSON.stringify(step)} is not an integer step`);
      intermediateValues = intermediateValues.set(Number(step), value);
    }
    const values = op.values ?? (op.value === undefined || op.value === null ? null : [op.value]);
    const trial: TrialEntry = {
      id: this.trials.length, number: study.trials.length, study, state: decodeState(op.state ?? 0), values, params, distributions,
      intermediateValues, userAttrs: mergeAttrs({}, op.user_attrs ?? {}), systemAttrs: mergeAttrs({}, op.system_attrs ?? {}),
      datetimeStart: op.datetime_start === null ? null : parseTimestamp(op.datetime_start),
      datetimeComplete: op.datetime_complete === undefined || op.datetime_complete === null ? null : parseTimestamp(op.datetime_complete),
      snapshot: null, listed: false,
    };
    this.trials.push(trial);
    study.trials.push(trial); // the next trialList() appends it
    stateSet(study, trial.state)?.add(trial);
    this.lastCreatedByWorker.set(op.worker_id, trial.id);
    for (const [name, distribution] of distributions) {
      if (params.has(name) && !study.firstParamHolder.has(name)) study.firstParamHolder.set(name, { number: trial.number, distribution });
    }
    return undefined;
  }

  private setState(op: SetTrialStateValuesOp): Refusal | undefined {
    const trial = this.updatableTrial(op.trial_id);
    if (typeof trial === 'string') return trial;
    const state = decodeState(op.state);
    if (state === 'running' && trial.state === 'running') return 'already-running';
    const timestamp = (field: 'datetime_start' | 'datetime_complete'): Date => {
      const text = op[field];
      if (text === undefined) throw new JournalError(`SET_TRIAL_STATE_VALUES to ${state} is missing "${field}"`);
      return parseTimestamp(text);
    };
    if (state === 'running') trial.datetimeStart = timestamp('datetime_start');
    if (isFinished(state)) trial.datetimeComplete = timestamp('datetime_complete');
    stateSet(trial.study, trial.state)?.delete(trial);
    stateSet(trial.study, state)?.add(trial);
    trial.state = state;
    if (op.values !== null) trial.values = op.values;
    return this.trialChanged(trial);
  }

  private updatableTrial(trialId: number): TrialEntry | 'no-trial' | 'finished' {
    const trial = this.trials[trialId];
    if (!trial) return 'no-trial';
    return isFinished(trial.state) ? 'finished' : trial;
  }

  private trialChanged(trial: TrialEntry): undefined {
    trial.snapshot = null;
    if (!trial.listed && trial.number < trial.study.list.length) {
      trial.listed = true;
      trial.study.changed.push(trial);
    }
    return undefined;
  }

  private studiesChanged(): undefined {
    this.studiesSnapshot = null;
    return undefined;
  }

  /**
   * The study's whole trial list, brought up to date: changed trials replaced, new ones appended. A list
   * handed out never changes: the next change works on a copy (of pointers: no trial is rebuilt).
   */
  private trialList(study: StudyEntry): readonly FrozenTrial[] {
    if (study.changed.length === 0 && study.list.length === study.trials.length) return study.list;
    const list = [...study.list];
    for (const trial of study.changed) {
      trial.listed = false;
      list[trial.number] = this.frozenTrial(trial);
    }
    study.changed = [];
    for (let number = list.length; number < study.trials.length; number++) list.push(this.frozenTrial(study.trials[number] as TrialEntry));
    study.list = Object.freeze(list);
    return study.list;
  }

  private studyRecord(study: StudyEntry): StudyRecord {
    const directions = Object.freeze(study.directions.map((code) => DIRECTIONS_BY_CODE[code] ?? 'minimize'));
    study.snapshot ??= Object.freeze({
      id: study.id, name: study.name, direction: directions[0] ?? 'minimize', directions,
      userAttrs: Object.freeze({ ...study.userAttrs }), systemAttrs: Object.freeze({ ...study.systemAttrs }),
    });
    return study.snapshot;
  }

  private frozenTrial(trial: TrialEntry): FrozenTrial {
    trial.snapshot ??= Object.freeze({
      id: trial.id, number: trial.number, state: trial.state, value: trial.values?.[0] ?? null, values: trial.values,
      params: Object.freeze(Object.fromEntries(trial.params)), distributions: Object.freeze(Object.fromEntries(trial.distributions)),
      intermediateValues: trial.intermediateValues.view(),
      userAttrs: Object.freeze({ ...trial.userAttrs }), systemAttrs: Object.freeze({ ...trial.systemAttrs }),
      datetimeStart: trial.datetimeStart, datetimeComplete: trial.datetimeComplete,
    });
    return trial.snapshot;
  }
}

/** The set a study keeps its trials in this state in, if it keeps one. */
function stateSet(study: StudyEntry, state: TrialState): Set<TrialEntry> | undefined {
  return state === 'waiting' ? study.waiting : state === 'running' ? study.running : undefined;
}

/**
 * Adds attrs as own properties: unlike Object.assign, a key like "__proto__" stays a plain key. The
 * values come straight from JSON.parse; freezing them lets every snapshot share them safely.
 */
function mergeAttrs(target: Record<string, JsonValue>, attrs: Readonly<Record<string, JsonValue>>): Record<string, JsonValue> {
  for (const [key, value] of Object.entries(attrs)) {
    Object.defineProperty(target, key, { value: deepFreeze(value), enumerable: true, writable: true, configurable: true });
  }
  return target;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
