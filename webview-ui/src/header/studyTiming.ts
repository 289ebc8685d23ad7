/**
 * Run time, wall time and ETA for the header.
 *
 * A study is often run, stopped and resumed days later, so the time from its first trial to its last
 * says little about the compute it took. Run time counts only the spans when its trials ran (the
 * union of their start–end intervals; a pause between trials shorter than IDLE_GAP_MS, such as a
 * worker starting the next one, counts as running). Wall time is the whole span, idle time between
 * runs included: to now while the study runs, to the last finish once it stopped.
 *
 * The ETA spreads the work left (trials not started yet at the mean duration of finished ones, plus
 * what running trials still need) over the trials running at once.
 */
import type { StudyHeader, TrialRow } from '../../../src/protocol/leaderboard';

/** A stretch this long with no trial running is idle time (between runs), not run time. */
export const IDLE_GAP_MS = 60_000;
/** An estimate under this is noise (the next trial's start alone takes longer): not shown. */
export const SHORTEST_ETA_MS = 1000;

export interface StudyTiming {
  /** Time trials of the study were running, idle gaps between runs left out. */
  readonly runMs: number | null;
  /** From the first trial's start to now (running) or to the last finish, idle time included. */
  readonly wallMs: number | null;
  /** Null when it cannot be estimated (no budget, not running, no finished trial yet) or is under a second. */
  readonly etaMs: number | null;
  readonly meanTrialMs: number | null;
}

export function studyTiming(header: StudyHeader, rows: readonly TrialRow[], now: number): StudyTiming {
  let finishedCount = 0;
  let finishedTotal = 0;
  let lastFinish: number | null = null;
  const runningStarts: number[] = [];
  const spans: [number, number][] = [];
  for (const row of rows) {
    if (row.state === 'running' && row.start !== null) {
      runningStarts.push(row.start);
      spans.push([row.start, Math.max(row.start, now)]);
    }
    if (row.start === null || row.complete === null) continue;
    spans.push([row.start, Math.max(row.start, row.complete)]);
    finishedCount += 1;
    finishedTotal += row.complete - row.start;
    lastFinish = lastFinish === null ? row.complete : Math.max(lastFinish, row.complete);
  }
  const running = header.state === 'running';
  const end = running ? now : lastFinish;
  const wallMs = header.startedAt === null || end === null ? null : Math.max(0, end - header.startedAt);
  const runMs = spans.length === 0 ? null : busyTime(spans);
  const meanTrialMs = finishedCount === 0 ? null : finishedTotal / finishedCount;
  if (!running || header.budget === null || meanTrialMs === null) return { runMs, wallMs, etaMs: null, meanTrialMs };
  const notStarted = Math.max(0, header.budget - header.counted);
  const inFlight = runningStarts.reduce((sum, start) => sum + Math.max(0, meanTrialMs - (now - start)), 0);
  const parallel = Math.max(1, runningStarts.length);
  const etaMs = (notStarted * meanTrialMs + inFlight) / parallel;
  return { runMs, wallMs, etaMs: etaMs < SHORTEST_ETA_MS ? null : etaMs, meanTrialMs };
}

/** The length of the union of the spans, gaps shorter than IDLE_GAP_MS filled in. */
function busyTime(spans: [number, number][]): number {
  spans.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [from, to] = spans[0] as [number, number];
  for (const [start, end] of spans.slice(1)) {
    if (start - to < IDLE_GAP_MS) {
      to = Math.max(to, end);
      continue;
    }
    total += to - from;
    [from, to] = [start, end];
  }
  return total + (to - from);
}

/** Wall time is worth showing beside run time only when the study sat idle for a while. */
export function hadIdleTime(timing: Pick<StudyTiming, 'runMs' | 'wallMs'>): boolean {
  return timing.runMs !== null && timing.wallMs !== null && timing.wallMs - timing.runMs >= IDLE_GAP_MS;
}
