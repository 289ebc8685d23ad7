/**
 * The Storage over a journal backend (a file, memory, Redis). Every write appends records and then
 * replays the log, so state is always exactly the replay of the log: what we wrote and what other
 * processes (Tuneboard or Python Optuna) wrote go through the same code path.
 *
 * Writes that read shared state first (a new study, a new trial, a waiting trial taken) append under
 * the cross-process lock. A trial's reports, attrs and end need no such read: on a backend that appends
 * atomically (Redis) they are appended without the lock, as Optuna appends everything. Should the trial
 * have finished meanwhile (failed as stale by another host), the replay ignores the record, as every
 * reader's replay does (Optuna's too), and the writer, replaying its own lines, is told so.
 */
import { randomUUID } from 'node:crypto';
import { DIRECTION_CODES, TRIAL_STATE_CODES, isFinished, type Direction, type FrozenTrial, type JsonValue, type TrialState } from '../trial';
import type { LockOptions, Storage, StudyRecord, TrialDraft, TrialStartOptions, WaitingTrialAttrs } from './storage';
import { JournalError, OP_NAMES, decodeOp, encodeOp, formatTimestamp, parseJson, type CreateTrialOp, type JournalOp } from './journalOps';
import { AsyncMutex, type JournalBackend, type JournalLine } from './journalBackend';
import { JournalReplay, type Refusal } from './journalReplay';
import { REFUSAL_TEXT, StorageError } from './storageError';
import { currentSection, type LockSection, runInSection } from './lockSections';
import { trialDraftFields, trialDraftOps } from './trialDraftRecords';

export { StorageError } from './storageError';

export interface JournalStorageOptions {
  /** Written into every record; defaults to a fresh UUID, as Optuna's `<uuid4>-<thread id>`. */
  readonly workerId?: string;
  /** The source of timestamps (tests pin it). */
  readonly clock?: () => Date;
  /** Told of each recovered problem as it happens (the same text `warnings` lists). */
  readonly onWarning?: (message: string) => void;
}

type FinalState = Exclude<TrialState, 'running' | 'waiting'>;

/** Refused records of our own kept for their writer to find (more only if nobody looks for them). */
const REFUSALS_KEPT = 1000;

export class JournalStorage implements Storage {
  readonly workerId: string;
  private readonly replay = new JournalReplay();
  private readonly clock: () => Date;
  private readonly writeMutex = new AsyncMutex();
  private readonly readMutex = new AsyncMutex();
  private readonly ownWarnings: string[] = [];
  private readonly skippedOpCodes = new Set<number>();
  private blankLineSeen = false;
  private readonly onWarning: ((message: string) => void) | undefined;
  /** Set once the log holds a line we cannot understand; every later call rethrows it. */
  private broken: JournalError | null = null;
  private closed = false;
  /** The number of the last line replayed. */
  private lastLine = 0;
  /** Records this storage wrote that the replay ignored, by line number, until their writer looks. */
  private readonly refusedOwn = new Map<number, { readonly text: string; readonly refusal: Refusal }>();
  /** Appends made without the lock and not yet replayed: close() waits for them. */
  private readonly unlockedWrites = new Set<Promise<unknown>>();

  private constructor(private readonly backend: JournalBackend, options: JournalStorageOptions) {
    this.workerId = options.workerId ?? `${randomUUID()}-tuneboard`;
    this.clock = options.clock ?? (() => new Date());
    this.onWarning = options.onWarning;
  }

  /** Opens the storage and replays everything already in the log. */
  static async open(backend: JournalBackend, options: JournalStorageOptions = {}): Promise<JournalStorage> {
    const storage = new JournalStorage(backend, options);
    await storage.refresh();
    return storage;
  }

  get location(): string {
    return this.backend.location;
  }

  /** Recovered problems: torn lines repaired, stale locks broken, records of unknown kinds skipped. */
  get warnings(): readonly string[] {
    return [...this.backend.warnings, ...this.ownWarnings];
  }

  async refresh(): Promise<boolean> {
    return this.readMutex.run(async () => {
      this.checkUsable();
      const lines = await this.backend.readNewLines();
      for (const line of lines) this.applyLine(line);
      return lines.length > 0;
    });
  }

  async withLock<T>(fn: () => T | Promise<T>, options: LockOptions = {}): Promise<T> {
    if (this.holdsLock()) return fn();
    // This section's own writer is still running (it would wait for itself here).
    if (this.ownToken((token) => token.released)) throw new Error('internal: a write after the lock was released with its section\'s last write');
    return this.writeMutex.run(async () => {
      this.checkUsable();
      await this.backend.lock();
      const token: LockSection = { owner: this, active: true, releaseEarly: options.releaseEarly === true, released: false };
      try {
        await this.refresh();
        return await runInSection(token, fn);
      } finally {
        token.active = false; // a promise that fn left running must not write without the lock
        token.released = false;
        await this.backend.unlock();
      }
    });
  }

  getStudies(): readonly StudyRecord[] {
    return this.replay.getStudies();
  }

  findStudy(name: string): StudyRecord | undefined {
    return this.replay.findStudy(name);
  }

  async createStudy(name: string, directions: readonly Direction[]): Promise<StudyRecord> {
    if (directions.length === 0) throw new StorageError(`study "${name}" needs at least one objective direction`);
    return this.withLock(async () => {
      if (this.replay.findStudy(name)) throw new StorageError(`a study named "${name}" already exists in ${this.location}`);
      await this.append([{ op_code: 0, worker_id: this.workerId, study_name: name, directions: directions.map((direction) => DIRECTION_CODES[direction]) }]);
      const study = this.replay.findStudy(name);
      if (!study) throw new StorageError(`study "${name}" was written to ${this.location} but did not appear on replay`);
      return study;
    });
  }

  /** Removes a study (its trials keep their ids, as in Optuna). */
  async deleteStudy(studyId: number): Promise<void> {
    await this.writeToStudy({ op_code: 1, worker_id: this.workerId, study_id: studyId });
  }

  async setStudyUserAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    await this.writeToStudy({ op_code: 2, worker_id: this.workerId, study_id: studyId, user_attr: { [key]: value } });
  }

  async setStudySystemAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    await this.writeToStudy({ op_code: 3, worker_id: this.workerId, study_id: studyId, system_attr: { [key]: value } });
  }

  getTrials(studyId: number, states?: readonly TrialState[]): readonly FrozenTrial[] {
    const trials = this.replay.getTrials(studyId, states);
    if (!trials) throw new StorageError(`no study with id ${studyId} in ${this.location}`);
    return trials;
  }

  getTrial(trialId: number): FrozenTrial {
    const trial = this.replay.getTrial(trialId);
    if (!trial) throw new StorageError(`no trial with id ${trialId} in ${this.location}`);
    return trial;
  }

  /**
   * One CREATE_TRIAL record carrying the params, distributions and attrs (Optuna's template-trial form,
   * which its replay reads). Its id is learnt from the replay, as Optuna learns it: writers that do not
   * take this lock (Python Optuna on a Redis journal) may have created trials just before it.
   */
  async createTrial(studyId: number, draft: TrialDraft, options: TrialStartOptions = {}): Promise<FrozenTrial> {
    return this.withLock(async () => {
      this.requireStudy(studyId);
      const fields = this.trialDraftFields(studyId, draft);
      await this.append([{ op_code: 4, worker_id: this.workerId, study_id: studyId, datetime_start: formatTimestamp(this.clock()), state: TRIAL_STATE_CODES.running, ...fields }], { lastWrite: options.lastWrite });
      return this.getTrial(this.createdTrialId());
    });
  }

  /** CREATE_TRIAL with Optuna's template fields for a WAITING trial, as `study.enqueue_trial` writes it. */
  async createWaitingTrial(studyId: number, attrs: WaitingTrialAttrs): Promise<FrozenTrial> {
    return this.withLock(async () => {
      this.requireStudy(studyId);
      await this.append([{
        op_code: 4, worker_id: this.workerId, study_id: studyId, datetime_start: null, state: TRIAL_STATE_CODES.waiting,
        value: null, values: null, distributions: {}, params: {},
        user_attrs: { ...attrs.userAttrs }, system_attrs: { ...attrs.systemAttrs }, intermediate_values: {},
      }]);
      return this.getTrial(this.createdTrialId());
    });
  }

  /**
   * SET_TRIAL_STATE_VALUES to RUNNING (the record Optuna's `_pop_waiting_trial_id` writes), then the
   * params. Under the lock after a refresh, so no Tuneboard process takes the trial meanwhile. On a
   * file both go in one append: Optuna's workers take the same file lock. On Redis (`lockFreePeers`)
   * Optuna's workers pop waiting trials without any lock, and whoever's RUNNING record lands first
   * owns the trial; so the params follow only once the replay gave the trial to us, and a trial another
   * worker took is left alone (null), as Optuna's loser moves on to the next waiting trial.
   */
  async startWaitingTrial(trialId: number, draft: TrialDraft, options: TrialStartOptions = {}): Promise<FrozenTrial | null> {
    return this.withLock(async () => {
      const trial = this.getTrial(trialId);
      const studyId = this.replay.studyIdOf(trialId);
      if (trial.state !== 'waiting' || studyId === undefined) throw new StorageError(`cannot start trial ${trial.number}: it is ${trial.state}, not waiting`);
      const started: JournalOp = {
        op_code: 6, worker_id: this.workerId, trial_id: trialId, state: TRIAL_STATE_CODES.running, values: null, datetime_start: formatTimestamp(this.clock()),
      };
      const draftOps = this.trialDraftOps(studyId, trialId, draft);
      if (this.backend.lockFreePeers !== true) {
        await this.append([started, ...draftOps], { lastWrite: options.lastWrite });
        return this.getTrial(trialId);
      }
      try {
        await this.append([started], { action: 'start' });
      } catch (error) {
        if (error instanceof StorageError && (error.refusal === 'already-running' || error.refusal === 'finished')) return null;
        throw error;
      }
      await this.append(draftOps, { lastWrite: options.lastWrite });
      return this.getTrial(trialId);
    });
  }

  /** NaN and ±Infinity are allowed here and written as Python writes them. */
  async setTrialIntermediateValue(trialId: number, step: number, value: number): Promise<void> {
    if (!Number.isSafeInteger(step) || step < 0) throw new StorageError(`step must be a non-negative integer, got ${step}`);
    if (typeof value !== 'number') throw new StorageError(`intermediate value must be a number, got ${JSON.stringify(value)}`);
    await this.writeToTrial('report a value to', trialId, [{ op_code: 7, worker_id: this.workerId, trial_id: trialId, step, intermediate_value: value }]);
  }

  async setTrialUserAttr(trialId: number, key: string, value: JsonValue): Promise<void> {
    await this.writeToTrial('set an attribute of', trialId, [{ op_code: 8, worker_id: this.workerId, trial_id: trialId, user_attr: { [key]: value } }]);
  }

  async setTrialSystemAttr(trialId: number, key: string, value: JsonValue): Promise<void> {
    await this.writeToTrial('set an attribute of', trialId, [{ op_code: 9, worker_id: this.workerId, trial_id: trialId, system_attr: { [key]: value } }]);
  }

  /** `systemAttrs` (e.g. why it failed) are written in the same append, just before the state. */
  async finishTrial(trialId: number, state: FinalState, values: readonly number[] | null, systemAttrs: Readonly<Record<string, JsonValue>> = {}): Promise<void> {
    const infinite = values?.find((value) => !Number.isFinite(value));
    if (infinite !== undefined) {
      throw new StorageError(`cannot record ${infinite} as a final value: Optuna journals hold only finite values (fail the trial instead)`);
    }
    if (state === 'complete' && (values === null || values.length === 0)) throw new StorageError('a complete trial needs a value');
    const worker_id = this.workerId;
    await this.writeToTrial(`mark ${state}`, trialId, [
      ...Object.entries(systemAttrs).map(([key, attr]): JournalOp => ({ op_code: 9, worker_id, trial_id: trialId, system_attr: { [key]: attr } })),
      { op_code: 6, worker_id, trial_id: trialId, state: TRIAL_STATE_CODES[state], values: values === null ? null : [...values], datetime_complete: formatTimestamp(this.clock()) },
    ]);
  }

  async close(): Promise<void> {
    if (this.holdsLock()) throw new StorageError('close() cannot be called inside withLock()');
    await Promise.allSettled([...this.unlockedWrites]);
    await this.writeMutex.run(async () => {
      if (this.closed) return;
      this.closed = true;
      await this.backend.close();
    });
  }

  private writeToStudy(op: JournalOp & { study_id: number }): Promise<void> {
    return this.withLock(() => {
      this.requireStudy(op.study_id);
      return this.append([op]);
    });
  }

  /** Writes records about a trial that must exist and still be running, in one append. */
  private writeToTrial(action: string, trialId: number, ops: readonly JournalOp[]): Promise<void> {
    // A waiting trial is another matter: an ask may be starting it (under the lock).
    if (this.backend.atomicAppend !== true || this.holdsLock() || this.replay.getTrial(trialId)?.state !== 'running') {
      return this.withLock(() => {
        this.requireUpdatableTrial(trialId, action);
        return this.append(ops, { action });
      });
    }
    // No lock: a running trial's own records depend on no other state, and one that comes too late
    // (the trial finished meanwhile) is ignored by every replay; checkAppended tells us if ours was.
    this.checkUsable();
    const write = this.append(ops, { action, locked: false });
    this.unlockedWrites.add(write);
    return write.finally(() => this.unlockedWrites.delete(write));
  }

  /** A new trial's params, distributions and attrs as CREATE_TRIAL fields (checked as trialDraftOps checks them). */
  private trialDraftFields(studyId: number, draft: TrialDraft): Pick<CreateTrialOp, 'params' | 'distributions' | 'user_attrs' | 'system_attrs'> {
    return trialDraftFields(this.replay, this.requireStudy(studyId), draft);
  }

  /** The trial this storage's last CREATE_TRIAL made, found in the replay. */
  private createdTrialId(): number {
    const id = this.replay.lastTrialCreatedBy(this.workerId);
    if (id === undefined) throw new StorageError(`internal: the trial just created in ${this.location} is not in the journal`);
    return id;
  }

  private trialDraftOps(studyId: number, trialId: number, draft: TrialDraft): JournalOp[] {
    return trialDraftOps(this.replay, this.requireStudy(studyId), this.workerId, trialId, draft);
  }

  /** True inside this storage's own withLock() (and not in a promise it left running). */
  private holdsLock(): boolean {
    return this.ownToken((token) => token.active) !== undefined;
  }

  /** This storage's section the current call runs in, if it matches `test`. */
  private ownToken(test: (token: LockSection) => boolean): LockSection | undefined {
    return currentSection(this, test);
  }

  /**
   * Appends records and replays them. Callers hold the lock, unless `locked: false` (a backend with
   * `atomicAppend`). When the backend says where the lines landed, each is checked: a record of ours the
   * replay ignored throws here, as Optuna's replay raises for the writer's own records.
   */
  private async append(ops: readonly JournalOp[], options: { readonly action?: string; readonly locked?: boolean; readonly lastWrite?: boolean | undefined } = {}): Promise<void> {
    const locked = options.locked ?? true;
    if (locked && !this.holdsLock()) throw new Error('internal: journal append outside withLock()');
    // The section's last write releases the lock with it, if its section allows.
    const releasing = locked && options.lastWrite === true ? this.ownToken((token) => token.active && token.releaseEarly) : undefined;
    const lines = ops.map(encodeOp);
    const numbers = await this.backend.appendLines(lines, !locked ? { locked: false } : releasing ? { release: true } : undefined);
    if (releasing) {
      releasing.active = false;
      releasing.released = true;
    }
    await this.refresh();
    if (numbers) await this.checkAppended(ops, lines, numbers, options.action);
  }

  /** Replays up to our lines (an op counted but not yet set by a non-atomic writer holds the read back), then throws for one the replay refused. */
  private async checkAppended(ops: readonly JournalOp[], lines: readonly string[], numbers: readonly number[], action: string | undefined): Promise<void> {
    const last = Math.max(...numbers);
    for (let wait = 1; this.lastLine < last; wait = Math.min(wait * 2, 100)) {
      if (wait === 100) throw new StorageError(`${this.location}: the records just written (up to line ${last}) cannot be read back: the log has a gap before them`);
      await new Promise((resolve) => setTimeout(resolve, wait));
      await this.refresh();
    }
    let refused: { op: JournalOp; refusal: Refusal } | null = null;
    for (const [i, number] of numbers.entries()) {
      const found = this.refusedOwn.get(number);
      if (found === undefined || found.text !== lines[i]) continue;
      this.refusedOwn.delete(number);
      refused ??= { op: ops[i] as JournalOp, refusal: found.refusal };
    }
    if (refused) throw this.refusalError(refused.op, refused.refusal, action);
  }

  /** Why a record of ours was ignored by the replay, in the words the checks before writing use. */
  private refusalError(op: JournalOp, refusal: Refusal, action: string | undefined): StorageError {
    if ('trial_id' in op) {
      const trial = this.replay.getTrial(op.trial_id);
      const study = this.replay.getStudy(this.replay.studyIdOf(op.trial_id) ?? -1);
      const which = `trial ${trial?.number ?? `id ${op.trial_id}`}${study ? ` of study "${study.name}"` : ''}`;
      const why = refusal === 'finished' ? `it already finished (${trial?.state ?? 'finished'}), before this record reached ${this.location}` : REFUSAL_TEXT[refusal];
      return new StorageError(`cannot ${action ?? 'update'} ${which}: ${why}`, refusal);
    }
    if (op.op_code === 0) return new StorageError(`a study named "${op.study_name}" already exists in ${this.location}`);
    return new StorageError(`${this.location} ignored this process's ${OP_NAMES[op.op_code]} record: ${REFUSAL_TEXT[refusal]}`, refusal);
  }

  private applyLine(line: JournalLine): void {
    this.lastLine = line.lineNumber;
    if (line.text.trim() === '') {
      // Nothing to replay, but Optuna's reader fails on a blank line before the last: say so once.
      if (!this.blankLineSeen) {
        this.blankLineSeen = true;
        this.warn(`${this.location}:${line.lineNumber}: blank line; Python Optuna cannot read a journal with blank lines, so delete it`);
      }
      return;
    }
    try {
      const record = parseJson(line.text);
      const op = decodeOp(record);
      if (op) {
        const refusal = this.replay.apply(op);
        if (refusal !== undefined && op.worker_id === this.workerId) this.keepRefusal(line, refusal);
        return;
      }
      const code = (record as { op_code: number }).op_code;
      if (!this.skippedOpCodes.has(code)) {
        this.skippedOpCodes.add(code);
        this.warn(`${this.location}:${line.lineNumber}: skipped records with op_code ${code}, which this version does not know`);
      }
    } catch (error) {
      const message = error instanceof SyntaxError ? `not valid JSON (${error.message})` : (error as Error).message;
      this.broken = new JournalError(message, this.location, line.lineNumber);
      throw this.broken;
    }
  }

  private keepRefusal(line: JournalLine, refusal: Refusal): void {
    if (this.refusedOwn.size >= REFUSALS_KEPT) this.refusedOwn.delete(this.refusedOwn.keys().next().value as number);
    this.refusedOwn.set(line.lineNumber, { text: line.text, refusal });
  }

  private warn(message: string): void {
    this.ownWarnings.push(message);
    this.onWarning?.(message);
  }

  private checkUsable(): void {
    if (this.broken) throw this.broken;
    if (this.closed) throw new StorageError(`the storage ${this.location} is closed`);
  }

  private requireStudy(studyId: number): StudyRecord {
    const study = this.replay.getStudy(studyId);
    if (!study) throw new StorageError(`no study with id ${studyId} in ${this.location}`);
    return study;
  }

  private requireUpdatableTrial(trialId: number, action: string): void {
    const trial = this.getTrial(trialId);
    if (!isFinished(trial.state)) return;
    const study = this.replay.getStudy(this.replay.studyIdOf(trialId) ?? -1);
    throw new StorageError(`cannot ${action} trial ${trial.number}${study ? ` of study "${study.name}"` : ''}: it already finished (${trial.state})`);
  }
}
