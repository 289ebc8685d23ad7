/**
 * Apply, Copy and Insert Best Params on a multi-objective study: it has no single best trial, so the
 * user picks one of its Pareto front (insertChoices' `frontChoices`: every objective's value and the
 * params, by the first objective). A front of one is taken without asking, as a single best is.
 */
import * as vscode from 'vscode';
import type { FrozenTrial } from '../../core';
import { frontChoices, noParamsMessage } from '../insert/insertChoices';
import type { StudySummary } from '../studies/studyIndex';

export async function pickFrontTrial(study: StudySummary, title: string): Promise<FrozenTrial | undefined> {
  const choices = frontChoices(study);
  if (choices.length === 0) {
    void vscode.window.showInformationMessage(noParamsMessage(study));
    return undefined;
  }
  const pick = choices.length === 1 ? choices[0] : await vscode.window.showQuickPick(choices, { title, matchOnDescription: true });
  return pick ? study.trials.find((t) => t.number === pick.number) : undefined;
}
