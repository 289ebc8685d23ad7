/**
 * What a running study tells the outside world: the CLI's live view and plain log, `tuneboard run
 * --json` (one event per line on stdout), and the VS Code extension, which spawns that command and
 * reads those lines. One event per thing that happened; every event carries the study name.
 */
import type { ParamValue } from '../core/distributions';
import type { Direction, TrialState } from '../core/trial';

/** The study's budget and what ran it, sent once when the run starts. */
export interface StudyStartedEvent {
  readonly type: 'study-started';
  readonly study: string;
  readonly config: string | null;
  readonly storage: string;
  /** The first objective (the only one of a single-objective study). */
  readonly direction: Direction;
  readonly metric: string;
  /** Every objective, in order: more than one for a multi-objective study. */
  readonly objectives: readonly { readonly metric: string; readonly direction: Direction }[];
  readonly sampler: string;
  readonly pruner: string;
  /** The trial budget of the whole study (journal included), if any. */
  readonly trials: number | null;
  readonly timeoutSeconds: number | null;
  readonly parallel: number;
  /** Trials already finished in the journal before this run that used budget (interrupted ones are run again). */
  readonly resumedTrials: number;
  /** The best value already in the journal, if resuming (null for a multi-objective study: see front). */
  readonly best: BestSoFar | null;
  /** A multi-objective study's front already in the journal; null for a single-objective one. */
  readonly front: FrontSoFar | null;
  readonly time: string;
}

/** A multi-objective study's Pareto front so far (it has no single best): its trials' numbers. */
export interface FrontSoFar {
  readonly trials: readonly number[];
}

export interface BestSoFar {
  readonly number: number;
  readonly value: number;
  readonly params: Readonly<Record<string, ParamValue>>;
}

/** A worker (model trials) came up; `backend` is the TensorFlow.js backend it loaded. */
export interface WorkerReadyEvent {
  readonly type: 'worker-ready';
  readonly study: string;
  readonly worker: number;
  readonly backend: string;
  readonly time: string;
}

export interface TrialStartedEvent {
  readonly type: 'trial-started';
  readonly study: string;
  readonly number: number;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly time: string;
}

/** An intermediate report: `value` is the objective metric at `step`; `metrics` holds everything reported then. */
export interface TrialReportedEvent {
  readonly type: 'trial-reported';
  readonly study: string;
  readonly number: number;
  readonly step: number;
  readonly value: number;
  readonly metrics: Readonly<Record<string, number>>;
  readonly time: string;
}

export interface TrialFinishedEvent {
  readonly type: 'trial-finished';
  readonly study: string;
  readonly number: number;
  readonly state: Exclude<TrialState, 'running' | 'waiting'>;
  readonly value: number | null;
  /** One per objective; null when the trial has none (failed). */
  readonly values: readonly number[] | null;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Why it failed (or 'pruned at step N'); null when complete. */
  readonly reason: string | null;
  readonly durationMs: number;
  /** The study's best after this trial (null for a multi-objective study: see front). */
  readonly best: BestSoFar | null;
  readonly front: FrontSoFar | null;
  readonly time: string;
}

/** Free-form news for the log: a worker died and was replaced, a stale trial was closed, … */
export interface StudyLogEvent {
  readonly type: 'log';
  readonly study: string;
  readonly level: 'info' | 'warning' | 'error';
  readonly message: string;
  readonly time: string;
}

export type StopReason = 'trials' | 'timeout' | 'exhausted' | 'interrupted' | 'error';

export interface StudyFinishedEvent {
  readonly type: 'study-finished';
  readonly study: string;
  readonly reason: StopReason;
  /** Set when reason is 'error'. */
  readonly error: string | null;
  readonly counts: Readonly<Record<'complete' | 'pruned' | 'fail', number>>;
  readonly best: BestSoFar | null;
  readonly front: FrontSoFar | null;
  readonly elapsedMs: number;
  readonly time: string;
}

export type StudyEvent =
  | StudyStartedEvent
  | WorkerReadyEvent
  | TrialStartedEvent
  | TrialReportedEvent
  | TrialFinishedEvent
  | StudyLogEvent
  | StudyFinishedEvent;

export type StudyEventType = StudyEvent['type'];

/** Something that renders or forwards events: the live view, the plain log, the JSON-lines writer. */
export interface StudyEventSink {
  handle(event: StudyEvent): void;
  /** Called once after the last event; flush and restore the terminal. */
  close?(): void;
}

const EVENT_TYPES: readonly StudyEventType[] = ['study-started', 'worker-ready', 'trial-started', 'trial-reported', 'trial-finished', 'log', 'study-finished'];

/**
 * One line of `tuneboard run --json` back into an event; null for anything else (a stray print).
 * The fields the consumers rely on are checked, so a malformed line cannot crash the extension.
 */
export function parseStudyEventLine(line: string): StudyEvent | null {
  const text = line.trim();
  if (!text.startsWith('{')) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { type, study, time } = value as { type?: unknown; study?: unknown; time?: unknown };
  if (typeof type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(type)) return null;
  if (typeof study !== 'string' || typeof time !== 'string') return null;
  return value as StudyEvent;
}
