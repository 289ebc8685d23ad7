/** Apply Best Params, Apply Trial Params and Copy Best Params. */
import * as vscode from 'vscode';
import { formatBestParams, formatForLanguage, PARAM_FORMAT_LABELS, PARAM_FORMATS, type ParamFormat } from '../../core';
import { applyParams } from '../apply/applyParams';
import type { StudyIndex, StudySummary } from '../studies/studyIndex';
import { pickStudy, trialOfNode } from './studyTargets';

const hasBest = (study: StudySummary): boolean => study.best !== null;

/** The formats, the one of the active editor's language first (a Python file copies a Python dict). */
export async function pickFormat(title: string, languageId = vscode.window.activeTextEditor?.document.languageId): Promise<ParamFormat | undefined> {
  const preferred = languageId === undefined ? 'json' : formatForLanguage(languageId);
  const formats = [preferred, ...PARAM_FORMATS.filter((f) => f !== preferred)];
  const items = formats.map((f) => ({ label: PARAM_FORMAT_LABELS[f], description: f === preferred && languageId !== undefined ? `the language of the active editor (${languageId})` : undefined, format: f }));
  return (await vscode.window.showQuickPick(items, { title }))?.format;
}

export function registerParamCommands(index: StudyIndex, output: vscode.OutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tuneboard.applyBest', async (arg: unknown) => {
      const study = await pickStudy(arg, index, 'Apply the best params of which study?', hasBest);
      if (!study) return;
      if (!study.best) {
        void vscode.window.showInformationMessage(`${study.name} has no complete trial yet, so no best params.`);
        return;
      }
      if (!study.configPath) {
        void vscode.window.showWarningMessage(`${study.name} has no config in this workspace, so Tuneboard does not know where to write; use Copy Best Params.`);
        return;
      }
      await applyParams({ study: study.name, studyKey: study.key, trialNumber: study.best.number, params: study.best.params, distributions: study.best.distributions, configPath: study.configPath }, output);
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
      const study = await pickStudy(arg, index, 'Copy the best params of which study?', hasBest);
      if (!study) return;
      const format = preset ?? (await pickFormat(`Copy the best params of ${study.name} as…`));
      if (!format) return;
      const text = formatBestParams(study, format);
      if (text === null) {
        void vscode.window.showInformationMessage(`${study.name} has no complete trial yet, so no best params.`);
        return;
      }
      await vscode.env.clipboard.writeText(text);
      vscode.window.setStatusBarMessage(`$(copy) Copied the best params of ${study.name} as ${PARAM_FORMAT_LABELS[format]}`, 4000);
    }),
  ];
}
