/**
 * The leaderboard webview's contract: what the extension host sends the panel (a snapshot on `ready`,
 * then only new and changed trials) and what the panel asks of the host. Both directions are
 * discriminated unions handled by exhaustive `switch`es; every message from the webview is checked by
 * `parseWebviewMessage` before the host acts on it (a webview is untrusted input).
 *
 * No vscode, DOM or Node imports: both bundles (dist/extension.js and the webview app) include it.
 */
import type { ParamValue } from '../core/distributions';
import type { Direction, JsonValue, TrialState } from '../core/trial';

/** A parameter's search space as the panel needs it: axes, log scales, the order of choices. */
export type ParamSpec =
  | { readonly name: string; readonly type: 'float' | 'int'; readonly low: number; readonly high: number; readonly log: boolean; readonly step: number | null }
  | { readonly name: string; readonly type: 'categorical'; readonly choices: readonly ParamValue[] };

/** One trial, flattened for the table and the charts. Times are epoch milliseconds. */
export interface TrialRow {
  readonly number: number;
  readonly state: TrialState;
  /** The objective; for a pruned trial the last reported value (as Optuna stores it). */
  readonly value: number | null;
  /**
   * Every objective's value, in the study's order: set in a multi-objective study once the trial has
   * them (absent otherwise, and in a single-objective study, where `value` says it all).
   */
  readonly values?: readonly number[];
  /**
   * The trial's constraint values (the `constraints` system attr, feasible when all are ≤ 0), absent
   * when it has none. Whether a trial is on the front depends on the others, so the panel ranks the rows
   * with the read model's paretoRanking (src/core/studyView/paretoRanking.ts) rather than being told.
   */
  readonly constraints?: readonly number[];
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Final metrics of a complete trial (the runner's `metrics` user attr); empty otherwise. */
  readonly metrics: Readonly<Record<string, number>>;
  /** The objective per step, in step order: the learning curve (live while the trial runs). */
  readonly curve: readonly (readonly [step: number, value: number])[];
  readonly start: number | null;
  readonly complete: number | null;
  /** Why it failed (`fail_reason`), else null. */
  readonly failReason: string | null;
  /** Per-fold values of a k-fold trial, else null. */
  readonly foldValues: readonly number[] | null;
  /** The TensorFlow.js backend that trained it, when the runner recorded one. */
  readonly backend: string | null;
  /** The host whose run ran it (the runner's `tuneboard:runner`), else null; with `gpu`, a TrialPlacement. */
  readonly host: string | null;
  /** The GPU it ran on (`tuneboard:gpu`), else null. */
  readonly gpu: string | null;
}

/** Everything the detail pane shows beyond the row: every metric per step, attrs and the log's tail. */
export interface TrialDetail {
  readonly number: number;
  /** metric → [step, value] pairs (the runner's `tuneboard:history`; the objective's curve otherwise). */
  readonly history: Readonly<Record<string, readonly (readonly [number, number])[]>>;
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  /** The last lines of the trial's log file, or null when it has none. */
  readonly logTail: string | null;
  readonly logPath: string | null;
}

export type StudyRunState = 'running' | 'idle' | 'problem' | 'noTrials';

/** One objective of a multi-objective study: the metric that names it and its direction. */
export interface ObjectiveSpec {
  readonly metric: string;
  readonly direction: Direction;
}

/** The header: what study this is and how far it has got. */
export interface StudyHeader {
  readonly key: string;
  readonly name: string;
  /** The first objective's (the only one of a single-objective study). */
  readonly direction: Direction;
  readonly metric: string;
  /** A multi-objective study's objectives, in order (two or more); absent for a single objective. */
  readonly objectives?: readonly ObjectiveSpec[];
  readonly state: StudyRunState;
  readonly sampler: string | null;
  readonly pruner: string | null;
  readonly backend: string | null;
  /** The config's `search.trials`, or null. */
  readonly budget: number | null;
  /** Trials that count towards the budget, running ones included (all but interrupted and waiting ones): for the ETA. */
  readonly counted: number;
  /** Finished trials that used budget: the `n` of `n/N`, printed with studyView's formatProgress as every view does. */
  readonly done: number;
  /** When the first trial started, for elapsed time and ETA. */
  readonly startedAt: number | null;
  readonly configPath: string | null;
  readonly journalPath: string;
  /** Why the study cannot be read or run, with file:line. */
  readonly problem: string | null;
  /** Which buttons make sense: Tune again / Resume need a valid config (and trust for command trials). */
  readonly canRun: boolean;
}

export interface ImportanceResult {
  /** e.g. 'fANOVA (random forest, 64 trees)'. */
  readonly method: string;
  /** How many complete trials it was computed from. */
  readonly trials: number;
  /** Sorted, most important first; the importances sum to 1. */
  readonly importances: readonly { readonly param: string; readonly importance: number }[];
}

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

// ---------------------------------------------------------------------------------------------------
// host → webview

export type HostMessage =
  /** The whole study: sent in answer to `ready`, and again if the journal was replaced. */
  | { readonly type: 'snapshot'; readonly header: StudyHeader; readonly space: readonly ParamSpec[]; readonly trials: readonly TrialRow[] }
  /** New and changed trials only (by number); `space` when a parameter appeared or changed. */
  | { readonly type: 'trials'; readonly upserts: readonly TrialRow[]; readonly space?: readonly ParamSpec[] }
  | { readonly type: 'header'; readonly header: StudyHeader }
  /** Recomputed as trials finish; null importances while there are too few complete trials. */
  | { readonly type: 'importance'; readonly result: ImportanceResult | null; readonly reason?: string }
  | { readonly type: 'detail'; readonly detail: TrialDetail }
  /** Select (and scroll to) a trial: the tree's "Show in Leaderboard". */
  | { readonly type: 'select'; readonly number: number }
  /** Show the slice plot of this param (a code hover's "Open Leaderboard at lr"). */
  | { readonly type: 'showParam'; readonly param: string }
  /** The outcome of an action the webview asked for, shown as a transient note. */
  | { readonly type: 'notice'; readonly level: 'info' | 'error'; readonly text: string };

// ---------------------------------------------------------------------------------------------------
// webview → host

export type ExportFormat = 'csv' | 'json';
export type ImageFormat = 'png' | 'svg';
export type StudyAction = 'stop' | 'resume' | 'tuneAgain';

export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'studyAction'; readonly action: StudyAction }
  | { readonly type: 'applyParams'; readonly number: number }
  | { readonly type: 'copyParams'; readonly number: number }
  /** Insert These Params: at the cursor of the editor the user last worked in. */
  | { readonly type: 'insertParams'; readonly number: number }
  | { readonly type: 'rerunParams'; readonly number: number }
  | { readonly type: 'requestDetail'; readonly number: number }
  | { readonly type: 'openLog'; readonly number: number }
  /** The table as the user sees it (sorted, filtered, chosen columns), for the host to save. */
  | { readonly type: 'saveExport'; readonly format: ExportFormat; readonly content: string }
  /** A chart as a PNG data URL or an SVG document. */
  | { readonly type: 'saveImage'; readonly format: ImageFormat; readonly name: string; readonly content: string };

/** Exports and images larger than this are refused (a runaway webview must not fill the disk). */
export const MAX_SAVE_BYTES = 64 * 1024 * 1024;

const STUDY_ACTIONS: readonly StudyAction[] = ['stop', 'resume', 'tuneAgain'];
const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'json'];
const IMAGE_FORMATS: readonly ImageFormat[] = ['png', 'svg'];

/** The message, if it is one the host understands; null for anything else (which the host ignores). */
export function parseWebviewMessage(raw: unknown): WebviewMessage | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const message = raw as Record<string, unknown>;
  const trialNumber = (): number | null => (Number.isSafeInteger(message.number) && (message.number as number) >= 0 ? (message.number as number) : null);
  const oneOf = <T extends string>(value: unknown, allowed: readonly T[]): T | null => (allowed.includes(value as T) ? (value as T) : null);
  const text = (value: unknown): string | null => (typeof value === 'string' && value.length <= MAX_SAVE_BYTES ? value : null);
  switch (message.type) {
    case 'ready':
      return { type: 'ready' };
    case 'studyAction': {
      const action = oneOf(message.action, STUDY_ACTIONS);
      return action && { type: 'studyAction', action };
    }
    case 'applyParams':
    case 'copyParams':
    case 'insertParams':
    case 'rerunParams':
    case 'requestDetail':
    case 'openLog': {
      const number = trialNumber();
      return number === null ? null : { type: message.type, number };
    }
    case 'saveExport': {
      const format = oneOf(message.format, EXPORT_FORMATS);
      const content = text(message.content);
      return format && content !== null ? { type: 'saveExport', format, content } : null;
    }
    case 'saveImage': {
      const format = oneOf(message.format, IMAGE_FORMATS);
      const content = text(message.content);
      const name = typeof message.name === 'string' && /^[\w .-]{1,80}$/.test(message.name) ? message.name : null;
      if (!format || content === null || name === null) return null;
      if (format === 'png' && !content.startsWith('data:image/png;base64,')) return null;
      if (format === 'svg' && !/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(content)) return null;
      return { type: 'saveImage', format, name, content };
    }
    default:
      return null;
  }
}
