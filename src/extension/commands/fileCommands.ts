/** Opening a study's files, revealing a trial's log, deleting a study, and New Tuning Config (src/extension/newConfig). */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { isStorageUrl } from '../../core';
import { openJournalStorage } from '../../redis/openJournal';
import { newConfig } from '../newConfig/newConfigFlow';
import type { StudyIndex } from '../studies/studyIndex';
import type { StudyRuns } from '../running/studyRuns';
import { pickStudy, trialOfNode } from './studyTargets';
import { openTrialLog } from './trialLog';

export function registerFileCommands(index: StudyIndex, runs: StudyRuns): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tuneboard.openJournal', async (arg: unknown) => {
      const study = await pickStudy(arg, index, 'Open the journal of which study?');
      if (!study) return;
      if (isStorageUrl(study.journalPath)) {
        void vscode.window.showInformationMessage(`${study.name} is on a server (${study.journalPath}), not in a file: the leaderboard's Export saves its trials as CSV or JSON.`);
        return;
      }
      if (!existsSync(study.journalPath)) {
        void vscode.window.showInformationMessage(`${study.name} has no journal yet: tune it first.`);
        return;
      }
      await vscode.window.showTextDocument(vscode.Uri.file(study.journalPath), { preview: true });
    }),
    vscode.commands.registerCommand('tuneboard.openConfig', async (arg: unknown) => {
      const study = await pickStudy(arg, index, 'Open the config of which study?', (s) => s.configPath !== null);
      if (study?.configPath) await vscode.window.showTextDocument(vscode.Uri.file(study.configPath));
      else if (study) void vscode.window.showInformationMessage(`${study.name} has no config in this workspace (it was started elsewhere).`);
    }),
    vscode.commands.registerCommand('tuneboard.revealLog', async (arg: unknown) => {
      const found = trialOfNode(arg, index);
      if (!found) return;
      await openTrialLog(found.trial).catch((error: Error) => void vscode.window.showInformationMessage(error.message));
    }),
    vscode.commands.registerCommand('tuneboard.deleteStudy', async (arg: unknown) => {
      const study = await pickStudy(arg, index, 'Delete which study?', (s) => s.trials.length > 0);
      if (!study) return;
      if (runs.isRunning(study.key)) {
        void vscode.window.showWarningMessage(`${study.name} is running; stop it before deleting it.`);
        return;
      }
      const answer = await vscode.window.showWarningMessage(
        `Delete study ${study.name} and its ${study.trials.length} trials from ${vscode.workspace.asRelativePath(study.journalPath)}?`,
        { modal: true, detail: 'The journal keeps a deletion record, as Optuna writes it; the config file is not touched.' },
        'Delete',
      );
      if (answer !== 'Delete') return;
      const storage = await openJournalStorage(index.storageArgument(study));
      try {
        const record = storage.findStudy(study.name);
        if (record) await storage.deleteStudy(record.id);
      } finally {
        await storage.close();
      }
      await index.refreshNow();
    }),
    vscode.commands.registerCommand('tuneboard.newConfig', async (arg: unknown) => newConfig(arg)),
  ];
}
