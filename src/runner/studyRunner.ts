/**
 * The study process's main loop: ask the sampler, start trials on the executor up to `parallel` at a
 * time, journal every report, prune, tell results, and stop at the budget, the timeout, grid
 * exhaustion or an interrupt. Every journal write goes through one queue, in the order things happened.
 */
import { BUDGET_ATTR, budgetProgress, createPruner, describePruner, describeStorageLocation, type FrozenTrial, HISTORY_ATTR, INTERRUPTED, type JsonValue, type LockOwner, LockWaitAbortedError, RUNNER_ATTR, METRIC_NAMES_ATTR, METRICS_ATTR, mixSeed, parseStorageLocation, primaryObjective, type Pruner, SearchExhaustedError, stopRequest, Study, type StudyConfig, studyOptionsOf, type TellOptions, type TrialHandle, type TrialResult, usesBudget } from '../core';
import type { StopReason, StudyEvent, StudyFinishedEvent } from '../protocol/studyEvents';
import { bestSoFar, describeOutcomeReason, finishedCounts, frontSoFar } from './studyFacts';
import { JournalWriteQueue } from './journalWriteQueue';
import { oneAtATime } from './oneAtATime';
import { openBatchedJournal } from './batchedJournal';
import type { RunningTrial, TrialExecutor, TrialOutcome, TrialReport } from './executor';
import { planParallel } from './parallelism';
import { completedTrialResult } from './trialResult';
import { closeStaleTrials, runnerIdentity } from './staleTrials';
import { failAndRetry, finishedElsewhere } from './staleTrialRetry';
import { TrialHeartbeats } from './trialHeartbeats';
import { reportRecorder, type ReportedTrial } from './trialReports';
import { Wakeup } from './wakeup';

export interface RunStudyOptions {
  readonly config: StudyConfig;
  readonly configPath: string | null;
  /** Absolute path of the journal. */
  readonly storagePath: string;
  readonly executor: TrialExecutor;
  readonly parallel: number;
  /** Seed of the trials' own randomness when the config gives none. */
  readonly fallbackSeed: number;
  readonly emit: (event: StudyEvent) => void;
  /** Aborting it stops the study: running trials are stopped and recorded as failed (interrupted). */
  readonly signal?: AbortSignal;
  /** Recorded in the journal's lock, so a run on this host waiting for it breaks it at once if this process dies. */
  readonly lockOwner?: LockOwner;
  /** How often the journal is read for a stop request (`tuneboard stop`); default 1 s. */
  readonly stopCheckMs?: number;
  /** On a shared (Redis) journal, how long a running trial's heartbeat lease lasts; default 15 s. */
  readonly trialLeaseMs?: number;
  /** Aborting it (a second Ctrl-C) kills running trials at once instead of letting them stop cleanly. */
  readonly killSignal?: AbortSignal;
  /** Turns an error that stopped the study into the text users see (e.g. pointed at its config line). */
  readonly describeError?: (error: Error) => string;
  /** `resume`: refuse to start a study that is not in the journal yet. */
  readonly mustExist?: boolean;
}

interface ActiveTrial extends ReportedTrial {
  readonly run: RunningTrial;
  readonly startedAt: number;
  timer: NodeJS.Timeout | null;
  /** Why it was stopped because its heartbeat lease may have run out (another run may redo it), or null. */
  leaseLost: string | null;
}


export async function runStudy(options: RunStudyOptions): Promise<StudyFinishedEvent> {
  const { config, executor, emit } = options;
  const startedAt = Date.now();
  const time = (): string => new Date().toISOString();
  const log = (level: 'info' | 'warning' | 'error', message: string): void => emit({ type: 'log', study: config.name, level, message, time: time() });
  let pruner: Pruner;
  try {
    pruner = createPruner(config.pruner);
  } catch (error) {
    await executor.dispose();
    throw error;
  }

  // Ctrl-C also ends a wait for another process's lock; the wait and any repaired journal are reported.
  // A journal that cannot be opened (an unreachable Redis) must not leave the forked workers behind.
  const journal = await openBatchedJournal(options.storagePath, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.lockOwner ? { lockOwner: options.lockOwner } : {}),
    onWarning: (message) => log('warning', message),
    onLockWait: (message) => log('info', `${message}; Ctrl-C stops waiting`),
    ...(options.trialLeaseMs !== undefined ? { trialLeaseMs: options.trialLeaseMs } : {}),
  }).catch(async (error: unknown) => {
    await executor.dispose();
    throw error;
  });
  const storage = journal.storage;
  let study: Study;
  try {
    if (options.mustExist && !storage.findStudy(config.name)) {
      throw new Error(`${describeStorageLocation(parseStorageLocation(options.storagePath))} has no study '${config.name}' to resume; run the config first`);
    }
    study = await Study.open(storage, { ...studyOptionsOf(config), pruner });
  } catch (error) {
    await Promise.all([storage.close(), executor.dispose()]);
    throw error;
  }

  // Runs fn under the journal lock, its records appended as they are made (not held back as a batch's are).
  const locked = <T>(fn: () => Promise<T>): Promise<T> => storage.withLock(fn);
  // Journal writes from reports, results and the loop itself, one at a time, in order.
  const writes = new JournalWriteQueue();
  const { write } = writes;

  const active = new Map<number, ActiveTrial>();
  const wakeup = new Wakeup();
  let stopReason: StopReason | null = null;
  /** Set once nothing is left to start (budget used up, grid exhausted); enqueued trials still run after it. */
  let drained: 'trials' | 'exhausted' | null = null;
  let fatal: Error | null = null;
  let stopWatch: ReturnType<typeof setInterval> | null = null;
  let heartbeats: TrialHeartbeats | null = null;
  const onAbort = (): void => {
    if (stopReason !== 'interrupted') log('warning', `stopping: ${active.size} running trial(s) will be recorded as ${INTERRUPTED}`);
    stopReason = 'interrupted';
    for (const trial of active.values()) trial.run.stop();
    wakeup.notify();
  };
  const onKill = (): void => {
    onAbort();
    for (const trial of active.values()) trial.run.kill(`${INTERRUPTED}: killed by a second interrupt`);
  };

  try {
    // Optuna (3.4+) and optuna-dashboard name the objective from this attr; `tuneboard show` does too.
    await study.setStudySystemAttr(METRIC_NAMES_ATTR, config.objectives.map((objective) => objective.metric));
    // Every view shows n/N against the budget this run counts to (`--trials` may override the config's).
    if (config.trials !== undefined) await study.setStudySystemAttr(BUDGET_ATTR, config.trials);
    const stale = await closeStaleTrials(study, { retries: config.retries ?? 1, locked });
    if (stale.length > 0) {
      const retried = stale.filter((t) => t.retry !== null);
      const again = retried.length > 0 ? `; their params run again as ${retried.map((t) => `#${t.retry}`).join(', ')}` : '';
      log('warning', `closed ${stale.length} trial(s) left running by a run that stopped: ${stale.map((t) => `#${t.number}`).join(', ')}${again}`);
    }
    const used = study.trials.filter(usesBudget).length;
    const waiting = study.getTrials(['waiting']).length;
    let remaining = config.trials === undefined ? Infinity : config.trials - used;
    const deadline = config.timeoutSeconds === undefined ? Infinity : startedAt + config.timeoutSeconds * 1000;
    // No more trials at once than the budget can use (each model-trial worker is forked up front).
    const { parallel, note: parallelNote } = planParallel(options.parallel, { remaining, waiting });
    emit({
      type: 'study-started',
      study: config.name,
      config: options.configPath,
      // Shown in logs and by the editor: a server's URL without its password.
      storage: describeStorageLocation(parseStorageLocation(options.storagePath)),
      direction: primaryObjective(config).direction,
      metric: primaryObjective(config).metric,
      objectives: config.objectives,
      sampler: config.sampler.type,
      pruner: describePruner(config.pruner),
      trials: config.trials ?? null,
      timeoutSeconds: config.timeoutSeconds ?? null,
      parallel,
      resumedTrials: budgetProgress(study.trials, null).done,
      best: bestSoFar(study),
      front: frontSoFar(study),
      time: time(),
    });
    if (remaining <= 0) {
      const enqueued = waiting > 0 ? `; running only its ${waiting} enqueued trial(s)` : '; raise search.trials to run more';
      log('info', `the study already has ${used} of ${config.trials} trials${enqueued}`);
    }

    if (parallelNote) log('warning', parallelNote);
    await executor.prepare(parallel);
    options.signal?.addEventListener('abort', onAbort);
    options.killSignal?.addEventListener('abort', onKill);
    if (options.signal?.aborted) onAbort();
    if (journal.trialLeases) {
      heartbeats = new TrialHeartbeats({
        leases: journal.trialLeases,
        study,
        write,
        locked,
        retries: config.retries ?? 1,
        activeIds: () => [...active.values()].map((trial) => trial.handle.id),
        log,
        onLeasesLost: (ids, reason) => {
          const lost = [...active.values()].filter((trial) => ids.includes(trial.handle.id) && trial.leaseLost === null);
          if (lost.length === 0) return;
          log('warning', `${reason}: stopping trial(s) ${lost.map((trial) => `#${trial.handle.number}`).join(', ')}, which will run again`);
          for (const trial of lost) {
            trial.leaseLost = reason;
            trial.run.kill(`${INTERRUPTED}: ${reason}`);
          }
        },
        onSwept: () => wakeup.notify(),
      });
      heartbeats.start();
    }
    // `tuneboard stop` (from any host, or the editor) writes a stop request into the journal; every run
    // looks for a new one each second and stops as on Ctrl-C.
    const stopSeenAtStart = stopRequest(study.systemAttrs)?.id ?? null;
    // A failed look is retried next second; journal errors surface elsewhere.
    stopWatch = setInterval(oneAtATime(() => write(async () => {
      if (stopReason === 'interrupted') return;
      await study.refresh();
      const request = stopRequest(study.systemAttrs);
      if (request === null || request.id === stopSeenAtStart) return;
      log('info', `stop requested by ${request.by} at ${request.at}`);
      onAbort();
    })), options.stopCheckMs ?? 1000);
    const baseSeed = config.seed ?? options.fallbackSeed;

    // Reports that arrive while the journal queue is busy are written together: one lock and one
    // append for a run of metric lines, instead of one fsync per line.
    let reportBatch: [ActiveTrial, TrialReport][] | null = null;
    const queueReport = (trial: ActiveTrial, report: TrialReport): void => {
      if (reportBatch) return void reportBatch.push([trial, report]);
      const batch: [ActiveTrial, TrialReport][] = (reportBatch = [[trial, report]]);
      void write(() => {
        reportBatch = null;
        return journal.batch(async () => {
          for (const [reported, entry] of batch) await recordReport(reported, entry);
        });
      }).catch(failStudy);
    };

    /** Starts the next trial: an enqueued one first, which runs even past the budget (the user asked for it). */
    const startTrial = async (): Promise<boolean> => {
      let handle: TrialHandle | null;
      try {
        // The budget is counted under the journal lock, so parallel runs of the study share it; the
        // runner attr is written with the trial, so a run killed right after cannot orphan it.
        handle = await write(() => study.ask({ budget: config.trials, systemAttrs: { [RUNNER_ATTR]: runnerIdentity() } }));
      } catch (error) {
        // Ctrl-C while waiting for another process's lock: the stop is already under way.
        if (error instanceof LockWaitAbortedError && stopReason === 'interrupted') return false;
        if (!(error instanceof SearchExhaustedError)) throw error;
        handle = null;
        drained = 'exhausted';
      }
      if (handle === null) {
        drained ??= 'trials';
        return false;
      }
      remaining -= 1;
      // Reports arrive asynchronously, always after start() has returned and `holder.trial` is set.
      const holder: { trial?: ActiveTrial } = {};
      const onReport = (report: TrialReport): void => {
        const current = holder.trial;
        if (current) queueReport(current, report);
      };
      let run: RunningTrial;
      try {
        run = executor.start({ number: handle.number, params: handle.params, seed: mixSeed(baseSeed, handle.number + 1) }, onReport);
      } catch (error) {
        run = failedRun((error as Error).message);
      }
      const trial: ActiveTrial = { handle, run, startedAt: Date.now(), prunedAtStep: null, timer: null, history: {}, leaseLost: null };
      holder.trial = trial;
      active.set(handle.number, trial);
      void heartbeats?.beat([handle.id]);
      // Ctrl-C while ask() held the journal lock stopped only the trials active then: stop this one too,
      // or it would run to the end with its reports dropped and be recorded complete without a curve.
      if (stopReason === 'interrupted') trial.run.stop();
      const timeout = config.trial.timeoutSeconds;
      if (timeout !== undefined) {
        trial.timer = setTimeout(() => trial.run.kill(`timed out after ${timeout} s (trial.timeout)`), timeout * 1000);
      }
      await write(async () => {
        await recordStart(handle, trial.run.attrs);
        emit({ type: 'trial-started', study: config.name, number: handle.number, params: handle.params, time: time() });
      });
      // Under one lock: whether another run failed the trial meanwhile (stale) is checked where it is recorded.
      void trial.run.outcome.then((outcome) => write(() => locked(() => recordOutcome(trial, outcome)))).catch(failStudy).finally(() => {
        if (trial.timer) clearTimeout(trial.timer);
        active.delete(handle.number);
        void heartbeats?.drop(handle.id);
        wakeup.notify();
      });
      return true;
    };

    const recordStart = async (handle: TrialHandle, attrs: Readonly<Record<string, JsonValue>>): Promise<void> => {
      for (const [key, value] of Object.entries(attrs)) await study.setSystemAttr(handle, key, value);
    };

    const recordReport = reportRecorder({ config, study, emit, interrupted: () => stopReason === 'interrupted' });

    const recordOutcome = async (trial: ActiveTrial, outcome: TrialOutcome): Promise<void> => {
      const { handle } = trial;
      const durationMs = Date.now() - trial.startedAt;
      const emitFinished = (finished: FrozenTrial): void => {
        const state = finished.state === 'complete' || finished.state === 'pruned' ? finished.state : 'fail';
        const reason = describeOutcomeReason(finished, trial.prunedAtStep);
        emit({ type: 'trial-finished', study: config.name, number: handle.number, state, value: finished.value, values: finished.values, params: handle.params, reason, durationMs, best: bestSoFar(study), front: frontSoFar(study), time: time() });
      };
      // A late result: another run failed the trial as stale while this host was cut off or frozen. Refused, never recorded twice.
      const elsewhere = finishedElsewhere(study, handle);
      if (elsewhere) {
        log('warning', `trial ${handle.number} was ${elsewhere.state === 'fail' ? 'failed' : `recorded ${elsewhere.state}`} by another run while this host ran it (${describeOutcomeReason(elsewhere, null) ?? 'no reason'}): its ${outcome.kind === 'complete' ? 'result' : 'end'} here is not recorded`);
        return emitFinished(elsewhere);
      }
      // Stopped because its lease may have run out: failed as stale and retried, as another run would have.
      const current = study.trials[handle.number];
      if (trial.leaseLost !== null && outcome.kind !== 'complete' && current) {
        await failAndRetry(study, current, trial.leaseLost, { retries: config.retries ?? 1 });
        return emitFinished(study.trials[handle.number] ?? current);
      }
      let result: TrialResult;
      let tellOptions: TellOptions = {};
      // A trial the pruner stopped is pruned even if it finished before the stop reached it: its
      // reports after the pruned step were not recorded, so its last value would not be in its curve.
      if (outcome.kind === 'complete' && trial.prunedAtStep === null) {
        await study.setUserAttr(handle, METRICS_ATTR, { ...outcome.metrics });
        for (const [key, value] of Object.entries(outcome.attrs)) await study.setUserAttr(handle, key, value);
        ({ result, options: tellOptions } = completedTrialResult(config, outcome));
      } else if (stopReason === 'interrupted' && trial.prunedAtStep === null) {
        result = { state: 'fail', error: `${INTERRUPTED}: the study was stopped while this trial ran` };
      } else if (outcome.kind === 'stopped' || outcome.kind === 'complete') {
        result = trial.prunedAtStep !== null ? { state: 'pruned' } : { state: 'fail', error: 'stopped' };
      } else {
        result = { state: 'fail', error: outcome.error };
      }
      if (Object.keys(trial.history).length > 0) await study.setSystemAttr(handle, HISTORY_ATTR, trial.history);
      emitFinished(await study.tell(handle, result, tellOptions));
    };

    const failStudy = (error: unknown): void => {
      fatal ??= error instanceof Error ? error : new Error(String(error));
      stopReason = 'error';
      // Its trials were not at fault: recorded as interrupted, they use no budget and run again later.
      for (const trial of active.values()) trial.run.kill(`${INTERRUPTED}: the study stopped: ${fatal.message}`);
      wakeup.notify();
    };

    // With nothing left to start, a run on a shared journal waits for the trials other runs are running:
    // should their host stop, their heartbeat sweep fails them and this run runs them again.
    let toldWaiting = false;
    const waitForOthers = (): boolean => {
      const others = heartbeats?.othersRunning ?? [];
      if (others.length === 0) return false;
      if (!toldWaiting) log('info', `nothing left to start; waiting for ${others.length} trial(s) other runs are running (${others.map((t) => `#${t.number}`).join(', ')}), to run them again if their host stops`);
      toldWaiting = true;
      return true;
    };

    // Whenever a slot is free, look for a trial to start: trials enqueued while this run goes on are
    // picked up too, until the last running trial has finished.
    for (;;) {
      while (stopReason === null && active.size < parallel) {
        if (Date.now() >= deadline) stopReason = drained ?? (remaining <= 0 ? 'trials' : 'timeout');
        else if (!(await startTrial())) break;
      }
      if (active.size === 0 && (stopReason !== null || fatal || (drained !== null && !waitForOthers()))) break;
      await wakeup.wait(stopReason === null && Number.isFinite(deadline) ? Math.max(0, deadline - Date.now()) : undefined);
    }
    await writes.drained();
  } catch (error) {
    fatal ??= error instanceof Error ? error : new Error(String(error));
    stopReason = 'error';
    for (const trial of active.values()) trial.run.kill(`${INTERRUPTED}: the study stopped: ${fatal.message}`);
    await Promise.allSettled([...active.values()].map((t) => t.run.outcome));
    await writes.drained();
  } finally {
    if (stopWatch) clearInterval(stopWatch);
    heartbeats?.stop();
    options.signal?.removeEventListener('abort', onAbort);
    options.killSignal?.removeEventListener('abort', onKill);
    await executor.dispose();
  }

  const finished: StudyFinishedEvent = {
    type: 'study-finished',
    study: config.name,
    reason: stopReason ?? drained ?? 'trials',
    error: fatal ? (options.describeError?.(fatal) ?? (fatal as Error).message) : null,
    counts: finishedCounts(study.trials),
    best: bestSoFar(study),
    front: frontSoFar(study),
    elapsedMs: Date.now() - startedAt,
    time: time(),
  };
  await storage.close();
  emit(finished);
  return finished;
}

/** A trial the executor could not even start: it fails at once with the reason. */
function failedRun(error: string): RunningTrial {
  return { outcome: Promise.resolve({ kind: 'failed', error }), attrs: {}, stop: () => undefined, kill: () => undefined };
}
