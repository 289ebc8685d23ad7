/**
 * The study events (./studyEvents) as plain text: one timestamped line per event, readable on its own.
 * `tuneboard run` prints it when stdout is not a terminal (CI logs, `> file`), and the editor writes it
 * to the Tuneboard output channel. E.g.
 * `[12:01:03] trial 7 complete value=0.9533 (lr=0.0031 units=64) 2.1s · best #5 0.96 · 8/40`.
 */
import { formatBest, formatDuration, formatElapsed, formatNumber, formatParams, formatProgress, formatValue, INTERRUPTED } from '../core';
import type { BestSoFar, FrontSoFar, StopReason, StudyEvent, StudyEventSink, StudyStartedEvent, TrialFinishedEvent } from './studyEvents';

/** Where text goes: stdout, a file, an output channel, or a test's buffer. */
export interface TextStream {
  write(text: string): unknown;
}

/** Long error texts (stack traces, stderr tails) stay on one line, cut at this many characters. */
const MAX_REASON = 300;

export class PlainLogSink implements StudyEventSink {
  private budget: number | null = null;
  private finished = 0;
  private metric = 'value';

  /** `reports`: also a line per intermediate report (`--verbose`); off by default, as a 40-epoch study would flood a CI log. */
  constructor(
    private readonly stream: TextStream,
    private readonly options: { readonly reports?: boolean } = {},
  ) {}

  handle(event: StudyEvent): void {
    if (event.type === 'trial-reported' && !this.options.reports) return;
    this.stream.write(`${formatClock(event.time)} ${this.describe(event)}\n`);
  }

  private describe(event: StudyEvent): string {
    switch (event.type) {
      case 'study-started':
        this.budget = event.trials;
        this.finished = event.resumedTrials;
        this.metric = event.metric;
        return describeStart(event);
      case 'worker-ready':
        return `worker ${event.worker} ready (backend ${event.backend})`;
      case 'trial-started':
        return `trial ${event.number} started${withParams(event.params)}`;
      case 'trial-reported': {
        const others = Object.entries(event.metrics).filter(([name]) => name !== this.metric);
        const extra = others.map(([name, value]) => ` ${name}=${formatNumber(value)}`).join('');
        return `trial ${event.number} step ${event.step} ${this.metric}=${formatValue(event.value)}${extra}`;
      }
      case 'trial-finished':
        // The budget's rule (studyView's usesBudget): a trial interrupted by a stop is run again.
        if (!(event.state === 'fail' && event.reason?.startsWith(INTERRUPTED))) this.finished++;
        return `${describeFinishedTrial(event)}${describeBest(event.best)}${describeFront(event.front)}${this.progress()}`;
      case 'log':
        return `${event.level === 'info' ? '' : `${event.level}: `}${truncate(event.message, MAX_REASON * 4)}`;
      case 'study-finished': {
        const { complete, pruned, fail } = event.counts;
        const error = event.error ? `: ${truncate(event.error, MAX_REASON)}` : '';
        return (
          `study ${event.study} finished (${describeStopReason(event.reason)}${error}) after ${formatElapsed(event.elapsedMs)}: ` +
          `${complete} complete, ${pruned} pruned, ${fail} failed${event.front === null ? describeBest(event.best, true) : describeFront(event.front, true)}`
        );
      }
      default:
        throw new TypeError(`unknown study event ${JSON.stringify(event satisfies never)}`);
    }
  }

  private progress(): string {
    return this.budget === null ? '' : ` · ${formatProgress({ done: this.finished, budget: this.budget })}`;
  }
}

function describeStart(event: StudyStartedEvent): string {
  const parts = [
    event.objectives.map((objective) => `${objective.direction} ${objective.metric}`).join(', '),
    `${event.sampler} sampler`,
    `${event.pruner} pruner`,
    describeBudget(event),
    `parallel ${event.parallel}`,
    `journal ${event.storage}`,
  ];
  const resumed = event.resumedTrials > 0 ? ` · resuming after ${event.resumedTrials} trials${describeBest(event.best)}${describeFront(event.front)}` : '';
  return `study ${event.study} started: ${parts.join(' · ')}${resumed}`;
}

export function describeBudget(event: StudyStartedEvent): string {
  const parts = [
    event.trials !== null ? `${event.trials} trials` : '',
    event.timeoutSeconds !== null ? `timeout ${formatDuration(event.timeoutSeconds)}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'until stopped';
}

function describeFinishedTrial(event: TrialFinishedEvent): string {
  const duration = ` ${formatElapsed(event.durationMs)}`;
  const reason = event.reason === null ? '' : truncate(event.reason, MAX_REASON);
  switch (event.state) {
    case 'complete':
      return `trial ${event.number} complete ${describeValues(event)}${withParams(event.params)}${duration}`;
    case 'pruned':
      return `trial ${event.number} ${reason || 'pruned'}${event.value === null ? '' : ` value=${formatValue(event.value)}`}${withParams(event.params)}${duration}`;
    case 'fail':
      return `trial ${event.number} failed after${duration}: ${reason || 'no reason given'}${withParams(event.params)}`;
    default:
      throw new TypeError(`unknown trial state ${JSON.stringify(event.state satisfies never)}`);
  }
}

function withParams(params: TrialFinishedEvent['params']): string {
  return Object.keys(params).length ? ` (${formatParams(params)})` : '';
}

/** `[12:01:03]` in local time, from an ISO timestamp; the raw text if it does not parse. */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return `[${iso}]`;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `[${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}]`;
}

/** Cuts a text to one line of at most `width` characters, marking the cut with an ellipsis. */
export function truncate(text: string, width: number): string {
  const oneLine = text.replace(/\s*\n\s*/g, ' ⏎ ');
  if (oneLine.length <= width) return oneLine;
  return width <= 1 ? oneLine.slice(0, Math.max(0, width)) : `${oneLine.slice(0, width - 1)}…`;
}

/** `value=0.95`, or `values=0.86, 45584` for a multi-objective study. */
function describeValues(event: TrialFinishedEvent): string {
  return event.values !== null && event.values.length > 1 ? `values=${event.values.map(formatValue).join(', ')}` : `value=${formatValue(event.value)}`;
}

/** ` · front of 3 (#1, #4, #7)`: a multi-objective study's Pareto front; at the end of a run, where to see it. */
export function describeFront(front: FrontSoFar | null, atEnd = false): string {
  if (front === null) return '';
  if (front.trials.length === 0) return atEnd ? ' · no feasible trial completed, so no Pareto front' : '';
  const shown = front.trials.length > 8 ? `${front.trials.slice(0, 8).map((n) => `#${n}`).join(', ')}, …` : front.trials.map((n) => `#${n}`).join(', ');
  return ` · Pareto front of ${front.trials.length} (${shown})${atEnd ? '; tuneboard show lists it' : ''}`;
}

/** ` · best #5 0.96`, or with its params at the end of a run. */
export function describeBest(best: BestSoFar | null, withItsParams = false): string {
  if (best === null) return withItsParams ? ' · no trial completed' : '';
  return ` · ${formatBest(best)}${withItsParams ? withParams(best.params) : ''}`;
}

export function describeStopReason(reason: StopReason): string {
  switch (reason) {
    case 'trials':
      return 'trial budget reached';
    case 'timeout':
      return 'timeout reached';
    case 'exhausted':
      return 'search space exhausted';
    case 'interrupted':
      return 'interrupted';
    case 'error':
      return 'stopped by an error';
    default:
      throw new TypeError(`unknown stop reason ${JSON.stringify(reason satisfies never)}`);
  }
}
