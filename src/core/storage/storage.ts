/**
 * The storage seam the study works through. Two implementations share one replay engine: the
 * in-memory journal (no file) and the journal file (Optuna's JournalFileStorage format). State is the
 * replay of the log, so what a study reads is exactly what any other reader of the file would see.
 */
import type { Distribution, ParamValue } from '../distributions';
import type { Direction, FrozenTrial, JsonValue, TrialState } from '../trial';

export interface StudyRecord {
  /** Id by order of CREATE_STUDY records in the log. */
  readonly id: number;
  readonly name: string;
  /** The first objective's direction (the only one of a single-objective study). */
  readonly direction: Direction;
  /** One per objective (Optuna's `directions`). */
  readonly directions: readonly Direction[];
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
}

export interface TrialDraft {
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly distributions: Readonly<Record<string, Distribution>>;
  readonly userAttrs?: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs?: Readonly<Record<string, JsonValue>>;
}

export interface WaitingTrialAttrs {
  readonly userAttrs?: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs?: Readonly<Record<string, JsonValue>>;
}

/** For `createTrial` and `startWaitingTrial`. */
export interface TrialStartOptions {
  /**
   * Nothing more is written in the enclosing `withLock` section: if that section was opened with
   * `releaseEarly`, the lock is released with this write (on Redis, in the same script).
   */
  readonly lastWrite?: boolean;
}

export interface LockOptions {
  /** The section may end with a write marked `lastWrite`, which releases the lock (ignored when nested in another section). */
  readonly releaseEarly?: boolean;
}

export interface Storage {
  /** Where the data lives, for messages: a file path, or `memory`. */
  readonly location: string;
  /** Replays what other writers appended since the last call. Resolves to true if anything changed. */
  refresh(): Promise<boolean>;
  /**
   * Runs `fn` holding the storage's exclusive write lock, after a refresh, so that reading state and
   * writing new records inside `fn` is one atomic step across processes. Re-entrant within `fn`.
   */
  withLock<T>(fn: () => T | Promise<T>, options?: LockOptions): Promise<T>;

  getStudies(): readonly StudyRecord[];
  findStudy(name: string): StudyRecord | undefined;
  /** Creates a study; throws if one with this name exists. */
  createStudy(name: string, directions: readonly Direction[]): Promise<StudyRecord>;
  setStudyUserAttr(studyId: number, key: string, value: JsonValue): Promise<void>;
  setStudySystemAttr(studyId: number, key: string, value: JsonValue): Promise<void>;

  /**
   * The study's trials in number order (running ones included), or only those in `states`. Asking for
   * waiting and/or running trials alone costs as many as there are, however long the study.
   */
  getTrials(studyId: number, states?: readonly TrialState[]): readonly FrozenTrial[];
  getTrial(trialId: number): FrozenTrial;
  /** Creates a RUNNING trial with its params, written as one atomic append. */
  createTrial(studyId: number, draft: TrialDraft, options?: TrialStartOptions): Promise<FrozenTrial>;
  /** Creates a WAITING trial without params (Optuna's `enqueue_trial`: the attrs carry `fixed_params`). */
  createWaitingTrial(studyId: number, attrs: WaitingTrialAttrs): Promise<FrozenTrial>;
  /**
   * Sets a WAITING trial RUNNING, then writes its params; throws if it is no longer waiting. Null when a
   * worker outside the lock (Python Optuna on Redis) started it first: it is theirs, take another.
   */
  startWaitingTrial(trialId: number, draft: TrialDraft, options?: TrialStartOptions): Promise<FrozenTrial | null>;
  setTrialIntermediateValue(trialId: number, step: number, value: number): Promise<void>;
  setTrialUserAttr(trialId: number, key: string, value: JsonValue): Promise<void>;
  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): Promise<void>;
  /**
   * Sets a final state (complete, pruned, fail) and values (one per objective), with `systemAttrs` (e.g.
   * why it failed, its constraint values) in the same append; throws if the trial already finished, or
   * finished before this reached the journal.
   */
  finishTrial(trialId: number, state: Exclude<TrialState, 'running' | 'waiting'>, values: readonly number[] | null, systemAttrs?: Readonly<Record<string, JsonValue>>): Promise<void>;

  /** Releases file handles and any lock held. */
  close(): Promise<void>;
}
