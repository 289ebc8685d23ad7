/**
 * On a journal several hosts share (Redis), each running trial has a heartbeat lease its host renews.
 * This keeps ours beating and sweeps for trials whose lease is gone: their host died, was cut off or
 * slept. Whoever notices first fails such a trial as stale (recorded as interrupted, so it uses no
 * budget) and enqueues its params again, up to `search.retries` times along a chain of retries. A host
 * that cannot renew its own leases for a whole lease stops its trials: someone else will redo them.
 */
import { INTERRUPTED, OPTUNA_FAILED_TRIAL_ATTR, RETRIED_FROM_ATTR, type FrozenTrial, type Study, trialRunner } from '../core';
import type { TrialLeases } from '../redis/trialLeases';

export interface HeartbeatOptions {
  readonly leases: TrialLeases;
  readonly study: Study;
  /** The runner's ordered journal queue: every read and write of the study goes through it. */
  readonly write: <T>(task: () => Promise<T>) => Promise<T>;
  readonly retries: number;
  /** This process's running trials, by journal id. */
  readonly activeIds: () => readonly number[];
  readonly log: (level: 'info' | 'warning', message: string) => void;
  /** Our leases could not be renewed for a whole lease: stop our trials. */
  readonly onLeasesLost: (reason: string) => void;
  /** A sweep failed stale trials (and enqueued their retries): look for work. */
  readonly onStale: () => void;
}

export class TrialHeartbeats {
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  /** Trials seen without a lease at the last sweep: failed if still so at the next. */
  private missing = new Set<number>();
  private lastBeat = Date.now();
  private lost = false;

  constructor(private readonly options: HeartbeatOptions) {}

  start(): void {
    const { leaseMs } = this.options.leases;
    this.timers.push(setInterval(() => void this.beat(this.options.activeIds()), Math.max(50, Math.floor(leaseMs / 3))));
    const sweep = (): void => void this.sweep().then((failed) => failed.length > 0 && this.options.onStale(), () => undefined);
    this.timers.push(setInterval(sweep, leaseMs));
    sweep();
  }

  stop(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }

  /** Renews these trials' leases (a new trial's at once). */
  async beat(trialIds: readonly number[]): Promise<void> {
    try {
      await this.options.leases.beat(trialIds);
      this.lastBeat = Date.now();
    } catch (error) {
      if (this.lost || Date.now() - this.lastBeat < this.options.leases.leaseMs) return;
      this.lost = true;
      this.options.onLeasesLost(`stale: this host could not renew its trials' heartbeats for ${this.options.leases.leaseMs} ms (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  async drop(trialId: number): Promise<void> {
    await this.options.leases.drop(trialId).catch(() => undefined);
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
    for (const trial of stale) if (await this.failAndRetry(trial)) failed.push(trial.number);
    return failed;
  }

  private async failAndRetry(trial: FrozenTrial): Promise<boolean> {
    const { study, write, retries, log } = this.options;
    const runner = trialRunner(trial);
    const who = runner === null ? 'its host' : `its host (pid ${runner.pid} on ${runner.host})`;
    try {
      await write(() => study.tell(trial, { state: 'fail', error: `${INTERRUPTED}: stale: ${who} stopped renewing its heartbeat` }));
    } catch {
      return false; // another process failed it first, and retries it
    }
    const depth = retryDepth(trial, study.trials);
    if (depth >= retries) {
      log('warning', `trial ${trial.number} is stale (${who} stopped renewing its heartbeat); not retried: it already ran ${depth + 1} times (search.retries ${retries})`);
      return true;
    }
    await write(() => study.enqueue(trial.params, { systemAttrs: { [RETRIED_FROM_ATTR]: trial.number, [OPTUNA_FAILED_TRIAL_ATTR]: trial.number } }));
    log('warning', `trial ${trial.number} is stale (${who} stopped renewing its heartbeat): failed, and its params enqueued again`);
    return true;
  }
}

/** How many retries led to this trial (0 for an original one). */
function retryDepth(trial: FrozenTrial, trials: readonly FrozenTrial[]): number {
  let depth = 0;
  let from = trial.systemAttrs[RETRIED_FROM_ATTR];
  while (typeof from === 'number' && depth < 100) {
    depth += 1;
    from = trials[from]?.systemAttrs[RETRIED_FROM_ATTR];
  }
  return depth;
}
