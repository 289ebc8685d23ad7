/**
 * What the live view knows about a run, folded from its events: trials (as FrozenTrial, so the
 * leaderboard table can draw them), counts, the best so far, recent failures, and the budget arithmetic
 * (progress and ETA).
 */
import { FAIL_REASON_ATTR, formatProgress, type FrozenTrial, INTERRUPTED, type JsonValue, type ParamValue, type TrialState } from '../../core';
import type { BestSoFar, FrontSoFar, StudyEvent, StudyFinishedEvent, StudyStartedEvent } from '../../protocol/studyEvents';

export interface LiveTrial {
  readonly number: number;
  readonly params: Readonly<Record<string, ParamValue>>;
  state: TrialState;
  value: number | null;
  /** One per objective, once finished (absent until then). */
  values?: readonly number[] | null;
  readonly startedAt: number;
  durationMs: number | null;
  lastStep: number | null;
  lastValue: number | null;
  reason: string | null;
}

export interface Progress {
  /** 0..1 when there is a budget to measure against, else null. */
  readonly fraction: number | null;
  /** `24/40`, `1m20s/10m00s`, or `12 trials`. */
  readonly label: string;
  readonly etaMs: number | null;
}

/** How many failure reasons the view keeps. */
const RECENT_FAILURES = 3;

export class LiveRunState {
  started: StudyStartedEvent | null = null;
  finished: StudyFinishedEvent | null = null;
  best: BestSoFar | null = null;
  /** A multi-objective study's Pareto front, as the engine last reported it. */
  front: FrontSoFar | null = null;
  readonly trials = new Map<number, LiveTrial>();
  readonly counts: Record<'complete' | 'pruned' | 'fail', number> = { complete: 0, pruned: 0, fail: 0 };
  readonly recentFailures: { readonly number: number; readonly reason: string }[] = [];
  readonly backends = new Set<string>();
  private startMs: number | null = null;
  private finishedDurationsMs = 0;
  private finishedThisRun = 0;
  /** Finished in this run and used budget (an interrupted trial is run again, so it does not). */
  private doneThisRun = 0;

  /** Folds one event in. */
  apply(event: StudyEvent): void {
    this.startMs ??= Date.parse(event.time);
    switch (event.type) {
      case 'study-started':
        this.started = event;
        this.best = event.best;
        this.front = event.front;
        this.startMs = Date.parse(event.time);
        return;
      case 'worker-ready':
        this.backends.add(event.backend);
        return;
      case 'trial-started':
        this.trials.set(event.number, { number: event.number, params: event.params, state: 'running', value: null, startedAt: Date.parse(event.time), durationMs: null, lastStep: null, lastValue: null, reason: null });
        return;
      case 'trial-reported': {
        const trial = this.trials.get(event.number);
        if (trial && (trial.lastStep === null || event.step >= trial.lastStep)) {
          trial.lastStep = event.step;
          trial.lastValue = event.value;
        }
        return;
      }
      case 'trial-finished': {
        const trial = this.trials.get(event.number) ?? { number: event.number, params: event.params, state: 'running', value: null, startedAt: Date.parse(event.time) - event.durationMs, durationMs: null, lastStep: null, lastValue: null, reason: null };
        Object.assign(trial, { state: event.state, value: event.value, values: event.values, durationMs: event.durationMs, reason: event.reason });
        this.trials.set(event.number, trial);
        this.counts[event.state]++;
        this.finishedThisRun++;
        if (!(event.state === 'fail' && event.reason?.startsWith(INTERRUPTED))) this.doneThisRun++;
        this.finishedDurationsMs += event.durationMs;
        this.best = event.best;
        this.front = event.front;
        if (event.state === 'fail') {
          this.recentFailures.push({ number: event.number, reason: event.reason ?? 'no reason given' });
          this.recentFailures.splice(0, this.recentFailures.length - RECENT_FAILURES);
        }
        return;
      }
      case 'log':
        return;
      case 'study-finished':
        this.finished = event;
        this.best = event.best;
        this.front = event.front;
        return;
      default:
        throw new TypeError(`unknown study event ${JSON.stringify(event satisfies never)}`);
    }
  }

  get running(): LiveTrial[] {
    return [...this.trials.values()].filter((t) => t.state === 'running');
  }

  /** Trials finished in the journal before this run and in it that used budget: the `n` of `n/N`. */
  get done(): number {
    return (this.started?.resumedTrials ?? 0) + this.doneThisRun;
  }

  elapsedMs(now: number): number {
    if (this.finished) return this.finished.elapsedMs;
    return this.startMs === null ? 0 : Math.max(0, now - this.startMs);
  }

  progress(now: number): Progress {
    const budget = this.started?.trials ?? null;
    const timeoutSeconds = this.started?.timeoutSeconds ?? null;
    const timeoutMs = timeoutSeconds === null ? null : timeoutSeconds * 1000;
    const elapsed = this.elapsedMs(now);
    const untilTimeout = timeoutMs === null ? null : Math.max(0, timeoutMs - elapsed);
    if (budget !== null) {
      const fraction = budget > 0 ? Math.min(1, this.done / budget) : 1;
      const eta = this.finished ? 0 : this.budgetEtaMs(budget - this.done);
      const etaMs = untilTimeout !== null && eta !== null ? Math.min(eta, untilTimeout) : (eta ?? untilTimeout);
      return { fraction, label: formatProgress({ done: this.done, budget }), etaMs };
    }
    if (timeoutMs !== null) {
      const shown = this.finished ? elapsed : Math.min(elapsed, timeoutMs);
      return { fraction: timeoutMs > 0 ? Math.min(1, shown / timeoutMs) : 1, label: `${formatClockSpan(shown)}/${formatClockSpan(timeoutMs)}`, etaMs: this.finished ? 0 : untilTimeout };
    }
    return { fraction: null, label: formatProgress({ done: this.done, budget: null }), etaMs: null };
  }

  /** Mean trial duration × trials left ÷ trials at a time; null before any trial has finished. */
  private budgetEtaMs(remaining: number): number | null {
    if (remaining <= 0) return 0;
    if (this.finishedThisRun === 0) return null;
    const parallel = Math.max(1, this.started?.parallel ?? 1);
    return ((this.finishedDurationsMs / this.finishedThisRun) * remaining) / parallel;
  }

  /** The trials as the leaderboard table reads them. */
  frozenTrials(): FrozenTrial[] {
    return [...this.trials.values()].sort((a, b) => a.number - b.number).map(toFrozen);
  }
}

function toFrozen(trial: LiveTrial): FrozenTrial {
  const systemAttrs: Record<string, JsonValue> = trial.state === 'fail' && trial.reason !== null ? { [FAIL_REASON_ATTR]: trial.reason } : {};
  return {
    id: trial.number,
    number: trial.number,
    state: trial.state,
    value: trial.value,
    values: trial.values ?? (trial.value === null ? null : [trial.value]),
    params: trial.params,
    distributions: {},
    intermediateValues: trial.lastStep === null || trial.lastValue === null ? new Map() : new Map([[trial.lastStep, trial.lastValue]]),
    userAttrs: {},
    systemAttrs,
    datetimeStart: new Date(trial.startedAt),
    datetimeComplete: trial.durationMs === null ? null : new Date(trial.startedAt + trial.durationMs),
  };
}

/** 1m20s, 10m00s, 1h05m: a span of the run, as the progress label shows it. */
function formatClockSpan(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
}
