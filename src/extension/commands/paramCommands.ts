/**
 * Apply Best Params, Apply Trial Params, Copy Best Params and Copy These Params. A multi-objective
 * study has no single best: Apply and Copy Best Params offer its Pareto front to pick from.
 */
import * as vscode from 'vscode';
import { formatTrialParams, formatForLanguage, type FrozenTrial, leftOutNote, PARAM_FORMAT_LABELS, PARAM_FORMATS, type ParamFormat } from '../../core';
import { applyParams } from '../apply/applyParams';
import { noParamsMessage, offersParams } from '../insert/insertChoices';
import type { StudyIndex, StudySummary } from '../studies/studyIndex';
import { pickFrontTrial } from './frontPick';
import { pickStudy, trialOfNode } from './studyTargets';

/** The formats, the one of the active editor's language first (a Python file copies a Python dict). */
export async function pickFormat(title: string, languageId = vscode.window.activeTextEditor?.document.languageId): Promise<ParamFormat | undefined> {
  const preferred = languageId === undefined ? 'json' : formatForLanguage(languageId);
  const formats = [preferred, ...PARAM_FORMATS.filter((f) => f !== preferred)];
  const items = formats.map((f) => ({ label: PARAM_FORMAT_LABELS[f], description: f === preferred && languageId !== undefined ? `the language of the active editor (${languageId})` : undefined, format: f }));
  return (await vscode.window.showQuickPick(items, { title }))?.format;
}

/** The study's best trial, or the front trial the user picks (several objectives); undefined after saying why not. */
async function bestOrFrontTrial(study: StudySummary, verb: string): Promise<FrozenTrial | undefined> {
  if (study.pareto !== null) return pickFrontTrial(study, `${verb} the params of which trial on the Pareto front of ${study.name}?`);
  if (!study.best) void vscode.window.showInformationMessage(noParamsMessage(study));
  return study.best ?? undefined;
}

export function registerParamCommands(index: StudyIndex, output: vscode.OutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tuneboard.applyBest', async (arg: unknown) => {
      const study = await pickStudy(arg, index, 'Apply the best params of which study?', offersParams);
      if (!study) return;
      if (!offersParams(study)) {
        void vscode.window.showInformationMessage(noParamsMessage(study));
        return;
      }
      if (!study.configPath) {
        void vscode.window.showWarningMessage(`${study.name} has no config in this workspace, so Tuneboard does not know where to write; use Copy Best Params.`);
        return;
      }
      const trial = await bestOrFrontTrial(study, 'Apply');
      if (!trial) return;
      await applyParams({ study: study.name, studyKey: study.key, trialNumber: trial.number, params: trial.params, distributions: trial.distributions, configPath: study.configPath }, output);
    }),
    vscode.commands.registerCommand('tuneboard.applyTrial', async (arg: unknown) => {
      const found = trialOfNode(arg, index);
      if (!found) return;
      if (!found.study.configPath) {
        void vscode.window.showWarningMessage(`${found.study.name} has no config in this workspace, so Tuneboard does not know where to write.`);
        return;
      }
      await applyParams({ study: found.study.name, studyKey: found.study.key, trialNumber: found.trial.number, params: found.trial.params, distributions: found.trial.distributions, configPath: found.study.configPath }, output);
    }),
    vscode.commands.registerCommand('tuneboard.copyBest', async (arg: unknown, preset?: ParamFormat) => {
      const study = await pickStudy(arg, index, 'Copy the best params of which study?', offersParams);
      if (!study) return;
      const trial = await bestOrFrontTrial(study, 'Copy');
      if (!trial) return;
      const format = preset ?? (await pickFormat(study.pareto === null ? `Copy the best params of ${study.name} as…` : `Copy the params of ${study.name} #${trial.number} as…`));
      if (!format) return;
      await vscode.env.clipboard.writeText(formatTrialParams(study, trial, format, study.pareto === null ? 'best' : 'front'));
      const copied = study.pareto === null ? `$(copy) Copied the best params of ${study.name} as ${PARAM_FORMAT_LABELS[format]}` : `$(copy) Copied the params of ${study.name} #${trial.number} (Pareto front) as ${PARAM_FORMAT_LABELS[format]}`;
      vscode.window.setStatusBarMessage(`${copied}${leftOutNote(trial, study.trials)}`, 4000);
    }),
    vscode.commands.registerCommand('tuneboard.copyTrial', async (arg: unknown) => {
      const found = trialOfNode(arg, index);
      if (!found) return;
      const format = await pickFormat(`Copy the params of trial #${found.trial.number} as…`);
      if (!format) return;
      await vscode.env.clipboard.writeText(formatTrialParams(found.study, found.trial, format));
      vscode.window.setStatusBarMessage(`$(copy) Copied the params of ${found.study.name} #${found.trial.number} as ${PARAM_FORMAT_LABELS[format]}${leftOutNote(found.trial, found.study.trials)}`, 4000);
    }),
  ];
}
