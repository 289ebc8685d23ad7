/**
 * What a command acts on. Commands are invoked from the Studies tree (a study or trial node), from
 * the explorer, editor title or CodeLens (a config's Uri), from the status bar (a study key), or from
 * the palette (nothing: ask).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FrozenTrial } from '../../core';
import type { StudyIndex, StudySummary } from '../studies/studyIndex';

/** The parts of a tree node commands read; both node kinds carry their study's key. */
interface NodeLike {
  readonly kind: string;
  readonly key: string;
  readonly number?: number;
}

function isNode(arg: unknown): arg is NodeLike {
  return typeof arg === 'object' && arg !== null && typeof (arg as NodeLike).key === 'string' && typeof (arg as NodeLike).kind === 'string';
}

/** A config file, from a Uri, a tree node or the active editor; asks when there is none. */
export async function pickConfig(arg: unknown, index: StudyIndex, purpose: string): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  if (isNode(arg)) {
    const config = index.get(arg.key)?.configPath;
    if (config) return vscode.Uri.file(config);
    void vscode.window.showWarningMessage(`Study ${index.get(arg.key)?.name ?? arg.key} has no *.tune.yaml config in this workspace, so it cannot be ${purpose} from here.`);
    return undefined;
  }
  const active = vscode.window.activeTextEditor?.document;
  if (active && /\.tune\.ya?ml$/i.test(active.fileName)) return active.uri;
  const configs = await vscode.workspace.findFiles('**/*.tune.{yaml,yml}', '**/node_modules/**', 200);
  if (configs.length === 0) {
    const pick = await vscode.window.showInformationMessage('There is no *.tune.yaml config in this workspace.', 'New Tuning Config');
    if (pick) void vscode.commands.executeCommand('tuneboard.newConfig');
    return undefined;
  }
  if (configs.length === 1) return configs[0];
  const items = configs.map((uri) => ({ label: path.basename(uri.fsPath), description: vscode.workspace.asRelativePath(path.dirname(uri.fsPath)), uri }));
  return (await vscode.window.showQuickPick(items, { title: `Which config should be ${purpose}?`, matchOnDescription: true }))?.uri;
}

/** A study, from a node, a key, a config Uri or the active editor; asks among `filter`ed studies otherwise. */
export async function pickStudy(arg: unknown, index: StudyIndex, title: string, filter: (study: StudySummary) => boolean = () => true): Promise<StudySummary | undefined> {
  if (isNode(arg)) return index.get(arg.key);
  if (typeof arg === 'string') return index.get(arg) ?? studyOfConfig(index, arg);
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  if (uri && /\.tune\.ya?ml$/i.test(uri.fsPath)) {
    // A config saved a moment ago may not have reached the file watcher yet: read it now before asking.
    const study = studyOfConfig(index, uri.fsPath) ?? (await index.readNow([uri.fsPath]).then(() => studyOfConfig(index, uri.fsPath)));
    if (study) return study;
  }
  const candidates = index.studies().filter(filter);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`${title}: there is no such study in this workspace.`);
    return undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const items = candidates.map((study) => ({ label: study.name, description: vscode.workspace.asRelativePath(study.journalPath), study }));
  return (await vscode.window.showQuickPick(items, { title, matchOnDescription: true }))?.study;
}

export function studyOfConfig(index: StudyIndex, configPath: string): StudySummary | undefined {
  const resolved = path.resolve(configPath);
  return index.studies().find((study) => study.configPath !== null && path.resolve(study.configPath) === resolved);
}

/** The trial a trial node points at. */
export function trialOfNode(arg: unknown, index: StudyIndex): { study: StudySummary; trial: FrozenTrial } | undefined {
  if (!isNode(arg) || arg.number === undefined) return undefined;
  const study = index.get(arg.key);
  const trial = study?.trials.find((t) => t.number === arg.number);
  return study && trial ? { study, trial } : undefined;
}
