/**
 * What the leaderboard's buttons do in the editor: start, stop or extend the study, apply, copy or
 * rerun a trial's params, open its log, and save exports and chart images where the user chooses.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatTrialParams, type FrozenTrial, isStorageUrl, leftOutNote, PARAM_FORMAT_LABELS } from '../../core';
import { pickFormat } from '../commands/paramCommands';
import type { ExportFormat, ImageFormat, StudyAction } from '../../protocol/leaderboard';
import { applyParams } from '../apply/applyParams';
import { openTrialLog } from '../commands/trialLog';
import type { StudyRuns } from '../running/studyRuns';
import { resumeConfig, tuneMore } from '../running/tuneMore';
import type { StudySummary } from '../studies/studyIndex';


export class LeaderboardActions {
  constructor(
    private readonly runs: StudyRuns,
    private readonly output: vscode.OutputChannel,
    /** The language of the editor the user last worked in (the leaderboard has the focus now). */
    private readonly lastLanguage: () => string | undefined = () => undefined,
  ) {}

  async studyAction(study: StudySummary, action: StudyAction): Promise<void> {
    switch (action) {
      case 'stop':
        return this.runs.stop(study.key);
      case 'resume':
        await resumeConfig(this.runs, this.runs, this.configUri(study));
        return;
      case 'tuneAgain':
        await tuneMore(this.runs, this.configUri(study), study);
        return;
      default:
        throw new TypeError(`unknown study action ${JSON.stringify(action satisfies never)}`);
    }
  }

  async applyParams(study: StudySummary, trial: FrozenTrial): Promise<void> {
    await applyParams({ study: study.name, studyKey: study.key, trialNumber: trial.number, params: trial.params, distributions: trial.distributions, configPath: this.configUri(study).fsPath }, this.output);
  }

  async copyParams(study: StudySummary, trial: FrozenTrial): Promise<void> {
    const format = await pickFormat(`Copy the params of trial #${trial.number} as…`, this.lastLanguage());
    if (!format) return;
    await vscode.env.clipboard.writeText(formatTrialParams(study, trial, format));
    vscode.window.setStatusBarMessage(`$(copy) Copied the params of ${study.name} #${trial.number} as ${PARAM_FORMAT_LABELS[format]}${leftOutNote(trial, study.trials)}`, 4000);
  }

  /** Insert These Params: the command writes them at the cursor of the editor the user last worked in. */
  async insertParams(study: StudySummary, trial: FrozenTrial): Promise<void> {
    await vscode.commands.executeCommand('tuneboard.insertTrialParams', { key: study.key, number: trial.number });
  }

  /** Enqueues a trial with these params (`tuneboard enqueue`) and runs the study if it is not running. */
  async rerunParams(study: StudySummary, trial: FrozenTrial): Promise<string> {
    const config = this.configUri(study);
    const args = ['enqueue', config.fsPath, '--storage', this.runs.storageArgument(study), '--params', JSON.stringify(trial.params)];
    const printed = await this.runs.runCliCommand(config, args, path.dirname(config.fsPath)).catch((error: unknown) => {
      throw new Error(`Could not enqueue the params of #${trial.number}: ${error instanceof Error ? error.message : String(error)}`);
    });
    this.output.appendLine(`[${study.name}] ${printed}`);
    if (this.runs.isRunning(study.key)) return `${printed}; the running study takes it next.`;
    const started = await this.runs.start(config, 'run');
    return started ? `${printed}; tuning started to run it.` : printed;
  }

  openLog(trial: FrozenTrial): Promise<void> {
    return openTrialLog(trial);
  }

  /** Saves the table the user sees; resolves to where, or null when the user cancelled. */
  saveExport(study: StudySummary, format: ExportFormat, content: string): Promise<string | null> {
    const filters: Record<ExportFormat, Record<string, string[]>> = { csv: { CSV: ['csv'] }, json: { JSON: ['json'] } };
    return this.save(study, `${safeName(study.name)}-trials.${format}`, filters[format], new TextEncoder().encode(content));
  }

  saveImage(study: StudySummary, format: ImageFormat, name: string, content: string): Promise<string | null> {
    const bytes = format === 'png' ? Buffer.from(content.slice(content.indexOf(',') + 1), 'base64') : new TextEncoder().encode(content);
    return this.save(study, `${name}.${format}`, format === 'png' ? { 'PNG image': ['png'] } : { 'SVG image': ['svg'] }, bytes);
  }

  private async save(study: StudySummary, fileName: string, filters: Record<string, string[]>, bytes: Uint8Array): Promise<string | null> {
    const folder = study.configPath ? path.dirname(study.configPath) : isStorageUrl(study.journalPath) ? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir() : path.dirname(study.journalPath);
    const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(path.join(folder, fileName)), filters, title: `Save ${fileName}` });
    if (!target) return null;
    await vscode.workspace.fs.writeFile(target, bytes);
    return vscode.workspace.asRelativePath(target);
  }

  private configUri(study: StudySummary): vscode.Uri {
    if (!study.configPath) throw new Error(`${study.name} has no *.tune.yaml config in this workspace, so Tuneboard cannot run it or apply its params.`);
    return vscode.Uri.file(study.configPath);
  }
}

function safeName(name: string): string {
  return name.replace(/[^\w.-]+/g, '_').slice(0, 60) || 'study';
}
