/**
 * The run's view on a terminal: a region redrawn in place (log-update) with the progress bar, ETA,
 * the best trial, the top few trials, the running ones and the latest failures. Log events print above
 * the region and stay. Redraws are throttled; when the study finishes the last frame stays on screen.
 */
import { createLogUpdate } from 'log-update';
import type { StudyEvent, StudyEventSink, StudyFinishedEvent } from '../../protocol/studyEvents';
import { formatBest, formatElapsed, formatParams, formatValue } from '../../core';
import { describeStopReason } from '../../protocol/studyEventLog';
import { terminalWidth, truncate } from './format';
import { byFirstObjective, formatFrontRows } from './frontTable';
import { formatLeaderboard } from './leaderboardTable';
import { LiveRunState, type Progress } from './liveRunState';

/** A terminal stream: stdout, or a test's stand-in with `columns` set. */
export type TerminalStream = NodeJS.WritableStream & { readonly columns?: number; readonly rows?: number };

export interface LiveViewOptions {
  /** The clock, in ms since the epoch (tests pin it). */
  readonly now?: () => number;
  /** Least time between two redraws. */
  readonly throttleMs?: number;
  /** Rows of the leaderboard shown. */
  readonly topK?: number;
}

const BAR_WIDTH = 28;
const MAX_RUNNING_SHOWN = 8;
/** Elapsed time and ETA move even when no event comes. */
const TICK_MS = 1000;

export class LiveViewSink implements StudyEventSink {
  private readonly state = new LiveRunState();
  private readonly region: ReturnType<typeof createLogUpdate>;
  private readonly now: () => number;
  private readonly throttleMs: number;
  private readonly topK: number;
  private lastRenderMs = -Infinity;
  private pending: ReturnType<typeof setTimeout> | undefined;
  private readonly ticker: ReturnType<typeof setInterval>;
  private closed = false;

  constructor(private readonly stream: TerminalStream, options: LiveViewOptions = {}) {
    this.region = createLogUpdate(stream);
    this.now = options.now ?? Date.now;
    this.throttleMs = options.throttleMs ?? 150;
    this.topK = options.topK ?? 5;
    this.ticker = setInterval(() => this.render(), TICK_MS);
    this.ticker.unref(); // the view must never keep the process alive
  }

  handle(event: StudyEvent): void {
    const above = lineAbove(event);
    if (this.closed) {
      if (above) this.stream.write(`${above}\n`);
      return;
    }
    this.state.apply(event);
    if (event.type === 'study-finished') return this.close();
    if (above) {
      // Erase the region, print the line where it was, and draw the region again below it.
      this.region.clear();
      this.stream.write(`${above}\n`);
      this.render();
    } else {
      this.scheduleRender();
    }
  }

  /** Draws the final frame and leaves it on screen. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.ticker);
    clearTimeout(this.pending);
    this.region(this.frame());
    this.region.done();
  }

  private scheduleRender(): void {
    const wait = this.lastRenderMs + this.throttleMs - this.now();
    if (wait <= 0) return this.render();
    this.pending ??= setTimeout(() => this.render(), wait);
  }

  private render(): void {
    clearTimeout(this.pending);
    this.pending = undefined;
    if (this.closed) return;
    this.lastRenderMs = this.now();
    this.region(this.frame());
  }

  /** The region's text for the current state. */
  frame(): string {
    const { state } = this;
    const now = this.now();
    // One column spare: a line exactly as wide as the terminal wraps in some terminals.
    const width = Math.max(40, terminalWidth(this.stream) - 1);
    const started = state.started;
    const objectives = started?.objectives.map((objective) => `${objective.direction} ${objective.metric}`).join(', ');
    const heading = started ? [`${started.study}`, objectives ?? '', `${started.sampler} sampler`, `${started.pruner} pruner`, `parallel ${started.parallel}`] : ['waiting for the study to start'];
    if (state.backends.size) heading.push(`backend ${[...state.backends].join(', ')}`);
    const lines = [heading.join(' · '), progressLine(state.progress(now), state.elapsedMs(now), state.finished ? describeEnd(state.finished) : null, width)];
    const multiObjective = state.front !== null;
    const best = state.best;
    if (multiObjective) lines.push(state.front?.trials.length ? `Pareto front: ${state.front.trials.length} trial${state.front.trials.length === 1 ? '' : 's'}` : 'Pareto front: none yet');
    else lines.push(best ? `${formatBest(best)}  ${formatParams(best.params)}` : 'best: none yet');
    const running = state.running;
    const { complete, pruned, fail } = state.counts;
    lines.push(`complete ${complete} · pruned ${pruned} · failed ${fail} · running ${running.length}`);
    if (state.finished?.error) lines.push(`error: ${state.finished.error}`);

    if (complete > 0 && started && multiObjective) {
      const byNumber = new Map(state.frozenTrials().map((trial) => [trial.number, trial]));
      const front = (state.front?.trials ?? []).flatMap((n) => byNumber.get(n) ?? []);
      const rows = formatFrontRows(byFirstObjective(front, started.objectives.map((o) => o.direction)), started.objectives.map((o) => o.metric), width);
      lines.push('', ...rows.slice(0, this.topK + 1));
    } else if (complete > 0 && started) {
      const table = formatLeaderboard(state.frozenTrials(), { direction: started.direction, width, top: this.topK });
      lines.push('', ...table.lines, ...table.notes.map((note) => `(${note})`));
    }
    if (running.length > 0) {
      lines.push('', 'running');
      for (const trial of running.slice(0, MAX_RUNNING_SHOWN)) {
        const step = trial.lastStep === null ? 'no report yet' : `step ${trial.lastStep} ${started?.metric ?? 'value'}=${formatValue(trial.lastValue)}`;
        lines.push(`  #${trial.number}  ${formatElapsed(now - trial.startedAt)}  ${step}  (${formatParams(trial.params)})`);
      }
      if (running.length > MAX_RUNNING_SHOWN) lines.push(`  … and ${running.length - MAX_RUNNING_SHOWN} more`);
    }
    if (state.recentFailures.length > 0) {
      lines.push('', 'recent failures');
      for (const failure of state.recentFailures) lines.push(`  #${failure.number}  ${failure.reason}`);
    }
    // log-update keeps the bottom of a frame taller than the terminal; cut the bottom instead, so the heading stays.
    const maxLines = Math.max(6, (this.stream.rows ?? 24) - 1);
    const shown = lines.length > maxLines ? [...lines.slice(0, maxLines - 1), `… (${lines.length - maxLines + 1} more lines; a taller terminal shows them)`] : lines;
    return shown.map((line) => truncate(line, width)).join('\n');
  }
}

function progressLine(progress: Progress, elapsedMs: number, end: string | null, width: number): string {
  const barWidth = Math.min(BAR_WIDTH, Math.max(10, width - 50));
  const bar = progress.fraction === null ? '' : `[${'█'.repeat(Math.round(progress.fraction * barWidth)).padEnd(barWidth, '░')}] `;
  const timing = end ?? `elapsed ${formatElapsed(elapsedMs)}${progress.etaMs === null ? '' : `  ETA ${formatElapsed(progress.etaMs)}`}`;
  return `${bar}${progress.label}  ${timing}`;
}

function describeEnd(event: StudyFinishedEvent): string {
  return `finished in ${formatElapsed(event.elapsedMs)} (${describeStopReason(event.reason)})`;
}

/** Events worth a permanent line above the region: log messages and workers coming up. */
function lineAbove(event: StudyEvent): string | null {
  switch (event.type) {
    case 'log':
      return `${event.level === 'info' ? '' : `${event.level}: `}${event.message}`;
    case 'worker-ready':
      return `worker ${event.worker} ready (backend ${event.backend})`;
    case 'study-started':
    case 'trial-started':
    case 'trial-reported':
    case 'trial-finished':
    case 'study-finished':
      return null;
    default:
      throw new TypeError(`unknown study event ${JSON.stringify(event satisfies never)}`);
  }
}
