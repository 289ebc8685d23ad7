/**
 * Elapsed time and ETA for the header. Elapsed runs from the first trial's start: to now while the
 * study runs, to the last finish once it stopped. The ETA spreads the work left (trials not started
 * yet at the mean duration of finished ones, plus what running trials still need) over the trials
 * running at once.
 */
import type { StudyHeader, TrialRow } from '../../../src/protocol/leaderboard';

export interface StudyTiming {
  readonly elapsedMs: number | null;
  /** Null when it cannot be estimated: no budget, not running, or no finished trial yet. */
  readonly etaMs: number | null;
  readonly meanTrialMs: number | null;
}

export function studyTiming(header: StudyHeader, rows: readonly TrialRow[], now: number): StudyTiming {
  let finishedCount = 0;
  let finishedTotal = 0;
  let lastFinish: number | null = null;
  const runningStarts: number[] = [];
  for (const row of rows) {
    if (row.state === 'running' && row.start !== null) runningStarts.push(row.start);
    if (row.start === null || row.complete === null) continue;
    finishedCount += 1;
    finishedTotal += row.complete - row.start;
    lastFinish = lastFinish === null ? row.complete : Math.max(lastFinish, row.complete);
  }
  const running = header.state === 'running';
  const end = running ? now : lastFinish;
  const elapsedMs = header.startedAt === null || end === null ? null : Math.max(0, end - header.startedAt);
  const meanTrialMs = finishedCount === 0 ? null : finishedTotal / finishedCount;
  if (!running || header.budget === null || meanTrialMs === null) return { elapsedMs, etaMs: null, meanTrialMs };
  const notStarted = Math.max(0, header.budget - header.counted);
  const inFlight = runningStarts.reduce((sum, start) => sum + Math.max(0, meanTrialMs - (now - start)), 0);
  const parallel = Math.max(1, runningStarts.length);
  return { elapsedMs, etaMs: (notStarted * meanTrialMs + inFlight) / parallel, meanTrialMs };
}
