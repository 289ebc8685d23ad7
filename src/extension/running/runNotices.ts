/**
 * What the editor says when a run ends. The text is built by pure functions, so it unit-tests in Node;
 * like every view, it reads the study from the index (the journal), and trial states by the read
 * model's display state: a trial the user's stop interrupted is not a failure.
 */
import * as vscode from 'vscode';
import { displayState, formatBest, type FrozenTrial } from '../../core';
import type { StudySummary } from '../studies/studySummary';

/** The parts of a study a notice reads. */
export type NoticeStudy = Pick<StudySummary, 'best' | 'pareto' | 'progressLabel' | 'trials'>;

/**
 * `12/60 · best #7 0.95333`: the status bar's and the progress notification's line for a run; a
 * multi-objective study has no one best, so `12/60 · front 3`.
 */
export function describeRun(study: Pick<StudySummary, 'best' | 'pareto' | 'progressLabel'> | undefined): string {
  if (study === undefined) return 'starting…';
  const standing = describeStanding(study);
  return standing === null ? study.progressLabel : `${study.progressLabel} · ${standing}`;
}

/** `best #7 0.95333`, or `front 3` (its trials on the Pareto front) for a multi-objective study; null before either exists. */
function describeStanding(study: Pick<StudySummary, 'best' | 'pareto'>): string | null {
  if (study.pareto !== null) return study.pareto.front.length === 0 ? null : `front ${study.pareto.front.length}`;
  return study.best === null ? null : formatBest(study.best);
}

/**
 * The trials of this run that failed (not the stopped ones), in number order. A run's trials are the
 * ones numbered from the first it started: trials are numbered in the order they are created, so
 * earlier runs' failures, already reported, are left out.
 */
export function failedInRun(study: Pick<StudySummary, 'trials'> | undefined, firstTrialOfRun: number | null): FrozenTrial[] {
  if (study === undefined || firstTrialOfRun === null) return [];
  return study.trials.filter((trial) => trial.number >= firstTrialOfRun && displayState(trial) === 'failed');
}

export interface FinishNotice {
  readonly text: string;
  /** The failed trial the notice's Show Failed button opens, or null when none failed. */
  readonly firstFailed: number | null;
}

/** `Tuneboard: iris-mlp finished: 20/20 · best #7 0.95333. 2 trials failed (#4, #9).` */
export function finishNotice(name: string, study: NoticeStudy | undefined, firstTrialOfRun: number | null): FinishNotice {
  const failed = failedInRun(study, firstTrialOfRun);
  const outcome = study === undefined ? '' : `: ${describeRun(study)}`;
  const text = `Tuneboard: ${name} finished${outcome}.${failed.length === 0 ? '' : ` ${describeFailed(failed)}.`}`;
  return { text, firstFailed: failed[0]?.number ?? null };
}

/** `1 trial failed (#4)`; `12 trials failed (#1, #2, #3, …)`: a few numbers, so the user knows where to look. */
export function describeFailed(failed: readonly Pick<FrozenTrial, 'number'>[]): string {
  const shown = failed.slice(0, 3).map((trial) => `#${trial.number}`).join(', ');
  return `${failed.length} ${failed.length === 1 ? 'trial' : 'trials'} failed (${shown}${failed.length > 3 ? ', …' : ''})`;
}

/** The run a finish notice is about: which study, its config, and the first trial it started. */
export interface FinishedRun {
  readonly study: string;
  readonly configPath: string;
  /** `<journal>#<study>`, once the run said which journal it writes. */
  readonly key: string | null;
  readonly firstTrial: number | null;
}

/** Finished: what it found, and how many of its trials failed, with a button to the first of them. */
export function showFinishNotice(run: FinishedRun, study: NoticeStudy | undefined): void {
  const notice = finishNotice(run.study, study, run.firstTrial);
  const showFailed = notice.firstFailed === null || run.key === null ? [] : ['Show Failed'];
  // A multi-objective study has no one best: the same command offers its front to choose from.
  const apply = study?.pareto ? 'Apply a Trade-off…' : 'Apply Best Params';
  void vscode.window.showInformationMessage(notice.text, ...showFailed, 'Open Leaderboard', apply).then((pick) => {
    if (pick === apply) void vscode.commands.executeCommand('tuneboard.applyBest', vscode.Uri.file(run.configPath));
    else if (pick === 'Open Leaderboard') void vscode.commands.executeCommand('tuneboard.openLeaderboard', run.key ?? vscode.Uri.file(run.configPath));
    // The leaderboard with the failed trial selected: its details show why it failed and its log.
    else if (pick === 'Show Failed') void vscode.commands.executeCommand('tuneboard.showInLeaderboard', { kind: 'trial', key: run.key, number: notice.firstFailed });
  });
}

/** `Tuneboard: iris-mlp stopped; the trials it was running are marked stopped and Resume runs others in their place. Best #7 0.95333.` */
export function stoppedNotice(name: string, study: NoticeStudy | undefined): string {
  const standing = study === undefined ? null : describeStanding(study);
  const best = standing === null ? '' : ` ${capitalize(standing)}.`;
  return `Tuneboard: ${name} stopped; the trials it was running are marked stopped and use no budget: Resume runs others in their place.${best}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
