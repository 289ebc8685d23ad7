/**
 * Tuning a study further: the one "how many more trials?" flow. The leaderboard's Tune again uses it,
 * and so does Tune (CodeLens, editor title, explorer, Studies tree) on a study whose config's budget is
 * used up: the runner would start, find nothing left to run and end, which looked like nothing at all.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { budgetProgress, lastRunStopped, usesBudget } from '../../core';
import type { StudySummary } from '../studies/studySummary';

/** What the flow needs of StudyRuns (an interface, so the flow tests without study processes). */
export interface TuneStarter {
  start(configUri: vscode.Uri, mode: 'run' | 'resume', options?: { trials?: number }): Promise<boolean>;
}

/** What Tune and Resume need of the study index: the config's own budget, and its study if it ran before. */
export interface TuneTargets {
  configBudget(configPath: string): number | null;
  studyOf(configPath: string): StudySummary | undefined;
}

/**
 * True when a run of the config would start no trial: its own `search.trials` (what `tuneboard run`
 * counts to, whatever budget a Tune again gave the last run) is used up by the study's trials, none is
 * enqueued and none runs. Counted by the read model's rule, as the runner counts.
 */
export function isBudgetUsedUp(study: Pick<StudySummary, 'trials'>, configBudget: number | null): boolean {
  if (configBudget === null) return false;
  const progress = budgetProgress(study.trials, configBudget);
  return progress.remaining === 0 && progress.running === 0 && !study.trials.some((trial) => trial.state === 'waiting');
}

/**
 * Whether the study's last run was stopped while its trials ran: the editor then offers Resume where
 * it offers Tune (CodeLens, editor title), which is what continuing a stopped study is called everywhere.
 */
export function wasStopped(study: Pick<StudySummary, 'trials'> | undefined): boolean {
  return study !== undefined && lastRunStopped(study.trials);
}

/** Trials that used budget so far: what `--trials` adds the new ones to. */
export function trialsSoFar(study: Pick<StudySummary, 'trials'>): number {
  return study.trials.filter(usesBudget).length;
}

/** `why` opens the prompt when the user did not ask for more trials in so many words (Tune on a finished study). */
export async function askForMoreTrials(study: Pick<StudySummary, 'name' | 'budget' | 'trials'>, why = ''): Promise<number | undefined> {
  const answer = await vscode.window.showInputBox({
    title: `Tune ${study.name} again`,
    prompt: `${why}How many more trials? The study has ${trialsSoFar(study)} so far; the sampler keeps learning from them.`,
    value: String(study.budget ?? 20),
    validateInput: (text) => (/^\s*[1-9]\d{0,5}\s*$/.test(text) ? null : 'A whole number of trials, 1 or more'),
  });
  return answer === undefined ? undefined : Number(answer.trim());
}

/** Asks how many more trials, then runs the study to that many more than it has; false when the user cancelled. */
export async function tuneMore(runs: TuneStarter, configUri: vscode.Uri, study: Pick<StudySummary, 'name' | 'budget' | 'trials'>, why = ''): Promise<boolean> {
  const more = await askForMoreTrials(study, why);
  if (more === undefined) return false;
  return runs.start(configUri, 'run', { trials: trialsSoFar(study) + more });
}

/** Tune: runs the config's study, or, when its budget is used up, offers to tune it further. */
export async function tuneConfig(runs: TuneStarter, targets: TuneTargets, configUri: vscode.Uri): Promise<boolean> {
  const configPath = path.resolve(configUri.fsPath);
  const study = targets.studyOf(configPath);
  const budget = targets.configBudget(configPath);
  if (study === undefined || budget === null || !isBudgetUsedUp(study, budget)) return runs.start(configUri, 'run');
  return tuneMore(runs, configUri, study, finishedReason(study, budget));
}

/**
 * Resume: continues the study to the budget its last run counted to. That run may have been a Tune
 * again with more trials than the config's `search.trials`; resuming with the config's alone would
 * find the budget used up and run nothing. A config raised since counts too (the larger wins).
 */
export async function resumeConfig(runs: TuneStarter, targets: TuneTargets, configUri: vscode.Uri): Promise<boolean> {
  const configPath = path.resolve(configUri.fsPath);
  const recorded = targets.studyOf(configPath)?.budget ?? null;
  const configured = targets.configBudget(configPath);
  const beyondConfig = recorded !== null && configured !== null && recorded > configured;
  return runs.start(configUri, 'resume', beyondConfig ? { trials: recorded } : {});
}

/** `iris-mlp has 20 trials and its search.trials is 20, so a run would start none. ` */
export function finishedReason(study: Pick<StudySummary, 'name' | 'trials'>, configBudget: number): string {
  return `${study.name} has ${trialsSoFar(study)} trials and its search.trials is ${configBudget}, so a run would start none. `;
}
