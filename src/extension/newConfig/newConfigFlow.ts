/**
 * New Tuning Config as a short guided flow: what a trial runs (the built-in trainer on a data file, or
 * the user's own script), which file (from the workspace, or the one right-clicked), for data the
 * column to predict (the task detected as the trainer will detect it, so the objective fits), then a
 * study name. The config is written beside the data or script, never over an existing file, and
 * opened. The text itself is configTemplates.ts's; this file only asks.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readDataFileSummary } from '../../configChecks/dataTargets';
import { freeConfigPath, type ModelConfigAnswers, modelConfigText, scriptConfigText, studyNameProblem, suggestedStudyName } from '../commands/configTemplates';
import { argparseParams } from './scriptParams';

const DATA_FILES = /\.(csv|tsv|jsonl|ndjson|json-lines)$/i;
const SCRIPTS = /\.(py|js|mjs|cjs)$/i;
const NOT_SOURCES = '**/{node_modules,.git,.tuneboard,.venv,venv,__pycache__,dist,out}/**';

type Kind = 'data' | 'script';

export async function newConfig(arg: unknown): Promise<void> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage('Open a folder first: a config lives beside the data or script it tunes.');
    return;
  }
  const clicked = arg instanceof vscode.Uri ? arg : undefined;
  const clickedFile = clicked && (DATA_FILES.test(clicked.fsPath) || SCRIPTS.test(clicked.fsPath)) ? clicked : undefined;
  const kind: Kind | undefined = clickedFile ? (DATA_FILES.test(clickedFile.fsPath) ? 'data' : 'script') : await pickKind();
  if (!kind) return;
  const file = clickedFile ?? (await pickFile(kind, clicked));
  if (!file) return;
  const written = kind === 'data' ? await writeModelConfig(file) : await writeScriptConfig(file);
  if (written) await vscode.window.showTextDocument(written);
}

async function pickKind(): Promise<Kind | undefined> {
  const items: (vscode.QuickPickItem & { readonly runs: Kind })[] = [
    { runs: 'data', label: 'Train a model on a CSV or JSON Lines file', detail: 'The built-in TensorFlow.js MLP learns one column from the others: no code to write' },
    { runs: 'script', label: 'Run my own script', detail: 'Each trial runs your Python or Node script with the params as flags and reads the metrics it prints' },
  ];
  return (await vscode.window.showQuickPick(items, { title: 'New Tuning Config: what does a trial run?' }))?.runs;
}

/** A data file or script from the workspace (under the right-clicked folder, if any), shallowest first. */
async function pickFile(kind: Kind, folder: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const glob = kind === 'data' ? '**/*.{csv,tsv,jsonl,ndjson,json-lines}' : '**/*.{py,js,mjs,cjs}';
  const found = await vscode.workspace.findFiles(folder ? new vscode.RelativePattern(folder, glob) : glob, NOT_SOURCES, 2000);
  if (found.length === 0) {
    const what = kind === 'data' ? 'CSV, TSV or JSON Lines file (a header row, one column to predict)' : 'Python or JavaScript script';
    void vscode.window.showInformationMessage(`Tuneboard: there is no ${what} in ${folder ? vscode.workspace.asRelativePath(folder) : 'the workspace'} yet; add one and run New Tuning Config again.`);
    return undefined;
  }
  const items = found
    .map((uri) => ({ uri, label: path.basename(uri.fsPath), description: vscode.workspace.asRelativePath(uri) }))
    .sort((a, b) => a.description.split('/').length - b.description.split('/').length || a.description.localeCompare(b.description));
  const title = kind === 'data' ? 'New Tuning Config: which data file?' : 'New Tuning Config: which script?';
  return (await vscode.window.showQuickPick(items, { title, matchOnDescription: true }))?.uri;
}

/** Asks for the target column and the name, then writes the config beside the data. */
async function writeModelConfig(data: vscode.Uri): Promise<vscode.Uri | undefined> {
  const table = await readDataFileSummary(data.fsPath);
  if ('error' in table) {
    void vscode.window.showErrorMessage(`Tuneboard: cannot read ${vscode.workspace.asRelativePath(data)}: ${table.error}`);
    return undefined;
  }
  // The last column is the usual place for the label, so it comes first.
  const ordered = [...table.columns.slice(-1), ...table.columns.slice(0, -1)];
  for (;;) {
    const pick = await vscode.window.showQuickPick(
      ordered.map((column, i) => ({ label: column, description: table.describe(column), detail: i === 0 ? 'the last column' : undefined })),
      { title: `New Tuning Config: which column of ${path.basename(data.fsPath)} should the model predict?`, matchOnDescription: true },
    );
    if (!pick) return undefined;
    const found = table.taskOf(pick.label);
    if ('error' in found) {
      // Said now rather than at the first trial; the user picks another column or leaves.
      await vscode.window.showWarningMessage(`Tuneboard: the trainer cannot predict ${pick.label}: ${found.error}`, { modal: true });
      continue;
    }
    const answers: Omit<ModelConfigAnswers, 'name'> = { dataPath: path.basename(data.fsPath), target: pick.label, task: found.task, classes: found.classes };
    const task = found.task === 'classification' ? `classification into ${found.classes} classes: the config maximizes val_accuracy` : 'regression: the config minimizes val_loss';
    return writeConfig(data, task, (name) => modelConfigText({ ...answers, name }));
  }
}

/** Reads the script's argparse flags, asks for the name, then writes the config beside the script. */
async function writeScriptConfig(script: vscode.Uri): Promise<vscode.Uri | undefined> {
  const isPython = /\.py$/i.test(script.fsPath);
  const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(script));
  const params = isPython ? argparseParams(source) : [];
  const found = params.length > 0 ? `${params.length} flags found (${params.map((p) => p.flag).join(', ')}) become the space` : 'no argparse flags found: the space holds example params to rename';
  const scriptPath = path.basename(script.fsPath);
  return writeConfig(script, found, (name) => scriptConfigText({ name, scriptPath, program: isPython ? 'python3' : 'node', params }));
}

/** Asks for the study name (checked as the parser checks it), writes `<name>.tune.yaml` beside `source` without overwriting, and says so. */
async function writeConfig(source: vscode.Uri, about: string, text: (name: string) => string): Promise<vscode.Uri | undefined> {
  const entered = await vscode.window.showInputBox({
    title: 'New Tuning Config: study name',
    prompt: `It names the config and its journal. ${about[0]?.toUpperCase() ?? ''}${about.slice(1)}.`,
    value: suggestedStudyName(source.fsPath),
    validateInput: studyNameProblem,
  });
  if (entered === undefined) return undefined;
  const { file, name } = freeConfigPath(path.dirname(source.fsPath), entered.trim(), existsSync);
  const uri = vscode.Uri.file(file);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text(name)));
  const renamed = name === entered.trim() ? '' : ` (${entered.trim()} was taken)`;
  void vscode.window.showInformationMessage(`Tuneboard: wrote ${vscode.workspace.asRelativePath(uri)}${renamed}. Right-click it and pick Tune, or adjust the space first.`);
  return uri;
}
