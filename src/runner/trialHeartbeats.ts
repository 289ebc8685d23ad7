/**
 * On a journal several hosts share (Redis), each running trial has a heartbeat lease its host renews.
 * This keeps ours beating and sweeps for trials whose lease is gone: their host died, was cut off or
 * slept. Whoever notices first fails such a trial as stale (recorded as interrupted, so it uses no
 * budget) and enqueues its params again (staleTrialRetry.ts). A host whose renewals of a trial's lease
 * have gone unanswered for a whole lease stops that trial: the lease may have run out, and someone else
 * will redo it. Redis not answering at all (a cut link) counts, not only errors.
 */
import { oneAtATime } from './oneAtATime';
import { type FrozenTrial, type Study, trialRunner } from '../core';
import type { TrialLeases } from '../redis/trialLeases';
import { failAndRetry } from './staleTrialRetry';

export interface HeartbeatOptions {
  readonly leases: TrialLeases;
  readonly study: Study;
  /** The runner's ordered journal queue: every read and write of the study goes through it. */
  readonly write: <T>(task: () => Promise<T>) => Promise<T>;
  /** Runs `fn` under the journal lock as one append (the runner's batch): a stale trial's fail and its retry land together. */
  readonly locked?: <T>(fn: () => Promise<T>) => Promise<T>;
  readonly retries: number;
  /** This process's running trials, by journal id. */
  readonly activeIds: () => readonly number[];
  readonly log: (level: 'info' | 'warning', message: string) => void;
  /** The leases of these trials of ours may have run out: stop them. */
  readonly onLeasesLost: (trialIds: readonly number[], reason: string) => void;
  /** A sweep is done (it may have failed stale trials and enqueued retries, or seen others' trials end): look for work. */
  readonly onSwept: () => void;
}

export class TrialHeartbeats {
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  /** Trials seen without a lease at the last sweep: failed if still so at the next. */
  private missing = new Set<number>();
  /** Our trials, by id: when the last renewal Redis answered was sent (its lease lasts at least `leaseMs` from then). */
  private readonly renewed = new Map<number, number>();
  /** Our trials already stopped for a lost lease. */
  private readonly stopped = new Set<number>();
  private lastError: string | null = null;

  constructor(private readonly options: HeartbeatOptions) {}

  start(): void {
    const { leaseMs } = this.options.leases;
    this.timers.push(setInterval(() => {
      this.stopExpired();
      void this.beat(this.options.activeIds());
    }, Math.max(50, Math.floor(leaseMs / 3))));
    const sweep = oneAtATime(() => this.sweep().then(() => this.options.onSwept()));
    this.timers.push(setInterval(sweep, leaseMs));
    sweep();
  }

  stop(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }

  /** Renews these trials' leases (a new trial's at once). Never throws: a lease that cannot be renewed runs out, and stopExpired acts on it. */
  async beat(trialIds: readonly number[]): Promise<void> {
    const sent = Date.now();
    for (const id of trialIds) if (!this.renewed.has(id)) this.renewed.set(id, sent);
    try {
      await this.options.leases.beat(trialIds);
      for (const id of trialIds) if (this.renewed.has(id)) this.renewed.set(id, Math.max(this.renewed.get(id) ?? sent, sent));
      this.lastError = null;
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.stopExpired();
    }
  }

  async drop(trialId: number): Promise<void> {
    this.renewed.delete(trialId);
    this.stopped.delete(trialId);
    await this.options.leases.drop(trialId).catch(() => undefined);
  }

  /**
   * Running trials of other Tuneboard runs, as of the study's last read: a run with nothing left to start
   * waits for them, and runs them again if their host stops (each sweep tells it to look).
   */
  get othersRunning(): readonly FrozenTrial[] {
    const ours = new Set(this.options.activeIds());
    return this.options.study.getTrials(['running']).filter((t) => trialRunner(t) !== null && !ours.has(t.id));
  }

  /** Fails (and retries) the running trials of other processes whose lease is gone; returns their numbers. */
  async sweep(): Promise<number[]> {
    const { study, write, leases } = this.options;
    await write(() => study.refresh());
    const ours = new Set(this.options.activeIds());
    const candidates = study.getTrials(['running']).filter((t) => trialRunner(t) !== null && !ours.has(t.id));
    const alive = await leases.alive(candidates.map((t) => t.id));
    const missing = candidates.filter((t) => !alive.has(t.id));
    const stale = missing.filter((t) => this.missing.has(t.id));
    this.missing = new Set(missing.filter((t) => !this.missing.has(t.id)).map((t) => t.id));
    const failed: number[] = [];
    for (const trial of stale) if (await this.failStale(trial)) failed.push(trial.number);
    return failed;
  }

  /** Stops our trials whose last answered renewal was sent a whole lease ago: their lease may be gone, and another run may be redoing them. */
  private stopExpired(): void {
    const { leaseMs } = this.options.leases;
    const now = Date.now();
    const expired = [...this.renewed].filter(([id, at]) => now - at >= leaseMs && !this.stopped.has(id)).map(([id]) => id);
    if (expired.length === 0) return;
    for (const id of expired) this.stopped.add(id);
    const why = this.lastError ?? 'no answer from Redis: this host was cut off from it, or this process was paused';
    this.options.onLeasesLost(expired, `stale: this host could not renew its trials' heartbeats for ${leaseMs} ms (${why})`);
  }

  private async failStale(trial: FrozenTrial): Promise<boolean> {
    const { study, write, retries, log, locked } = this.options;
    const runner = trialRunner(trial);
    const who = runner === null ? 'its host' : `its host (pid ${runner.pid} on ${runner.host})`;
    const outcome = await write(() => failAndRetry(study, trial, `stale: ${who} stopped renewing its heartbeat`, { retries, ...(locked ? { locked } : {}) }));
    if (outcome === null) return false; // another process failed it first, and retries it
    if (outcome.retry === null) {
      log('warning', `trial ${trial.number} is stale (${who} stopped renewing its heartbeat); not retried: it already ran ${outcome.runs} times (search.retries ${retries})`);
    } else {
      log('warning', `trial ${trial.number} is stale (${who} stopped renewing its heartbeat): failed, and its params enqueued again`);
    }
    return true;
  }
}
