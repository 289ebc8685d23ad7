/**
 * The extension host side of Tuneboard: wires the Studies tree, config checks, study processes and
 * commands together. It never trains or samples (docs/design.md §1): studies run in `tuneboard run`
 * processes, and every view is a projection of the journals, which the study index watches.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerFileCommands } from './commands/fileCommands';
import { registerParamCommands } from './commands/paramCommands';
import { registerRunCommands } from './commands/runCommands';
import { ConfigCodeLens } from './configChecks/configCodeLens';
import { ConfigDiagnostics } from './configChecks/configDiagnostics';
import { registerConfigEditing } from './configEditing/configEditing';
import { CodeHints } from './codeHints/codeHints';
import { registerHintCommands } from './codeHints/hintCommands';
import { EditorTracker } from './insert/editorTracker';
import { offersParams } from './insert/insertChoices';
import { registerInsertCommands } from './insert/insertParams';
import { ParamCompletions } from './insert/paramCompletions';
import { registerLeaderboardCommands } from './leaderboard/leaderboardCommands';
import { LeaderboardActions } from './leaderboard/leaderboardActions';
import { ImportanceService } from './leaderboard/importanceService';
import { LeaderboardPanels } from './leaderboard/leaderboardPanels';
import { StudyRuns } from './running/studyRuns';
import { wasStopped } from './running/tuneMore';
import { StudiesTreeProvider } from './studies/studiesTree';
import { StudyIndex } from './studies/studyIndex';

let disposeAll: (() => Promise<void>) | null = null;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Tuneboard');
  const index = new StudyIndex({ roots: workspaceRoots(), storageDirs: storageDirs(), storages: storageUrls(), log: (message) => output.appendLine(message) });
  const runs = new StudyRuns(context.extensionPath, output, index);
  const tree = new StudiesTreeProvider(index, (key) => runs.isRunning(key));
  const view = vscode.window.createTreeView('tuneboard.studies', { treeDataProvider: tree, showCollapseAll: true });
  const indexed = index.start();
  const importance = new ImportanceService(path.join(context.extensionPath, 'dist', 'importanceWorker.js'));
  const editors = new EditorTracker();
  const leaderboardActions = new LeaderboardActions(runs, output, () => editors.target?.document.languageId);
  const leaderboards = new LeaderboardPanels(
    {
      index,
      extensionUri: context.extensionUri,
      actions: leaderboardActions,
      whenIndexed: indexed,
      isRunning: (key) => runs.isRunning(key),
      liveBackend: (key) => runs.backendOf(key),
      importance: (study) => importance.computeForTrials(study.trials),
    },
    index,
    runs.onDidChange,
  );
  const diagnostics = new ConfigDiagnostics();
  const codeLens = new ConfigCodeLens({
    isConfigRunning: (configPath) => runs.isConfigRunning(configPath),
    paramsToApply: (configPath) => {
      const study = index.studies().find((s) => s.configPath !== null && path.resolve(s.configPath) === path.resolve(configPath) && offersParams(s));
      return study === undefined ? null : study.pareto === null ? 'best' : 'front';
    },
    hasTrials: (configPath) => index.studies().some((s) => s.configPath !== null && path.resolve(s.configPath) === path.resolve(configPath) && s.trials.length > 0),
    wasStopped: (configPath) => wasStopped(runs.studyOf(configPath)),
    onDidChange: (listener) => {
      const a = runs.onDidChange(listener);
      const b = index.onDidChange(() => listener());
      return { dispose: () => (a.dispose(), b.dispose()) };
    },
  });

  const setContext = (key: string, value: unknown): void => void vscode.commands.executeCommand('setContext', key, value);
  const updateEditorContext = (): void => {
    const document = vscode.window.activeTextEditor?.document;
    const running = document !== undefined && runs.isConfigRunning(document.fileName);
    setContext('tuneboard.activeConfigRunning', running);
    // The editor title offers Resume instead of Tune once the config's study was stopped mid-run.
    setContext('tuneboard.activeConfigStopped', document !== undefined && !running && wasStopped(runs.studyOf(document.fileName)));
  };
  setContext('tuneboard.trialSort', 'value');

  context.subscriptions.push(
    output,
    view,
    leaderboards,
    diagnostics,
    codeLens,
    vscode.languages.registerCodeLensProvider([{ pattern: '**/*.tune.yaml' }, { pattern: '**/*.tune.yml' }], codeLens),
    ...registerConfigEditing(),
    runs.onDidChange(() => {
      tree.refresh();
      updateEditorContext();
      const running = runs.active.length;
      // The activity-bar badge counts running studies, so a run is visible with the sidebar closed.
      view.badge = running > 0 ? { value: running, tooltip: `${running} ${running === 1 ? 'study' : 'studies'} running` } : undefined;
    }),
    vscode.window.onDidChangeActiveTextEditor(updateEditorContext),
    index.onDidChange(updateEditorContext),
    vscode.workspace.onDidChangeWorkspaceFolders(() => index.setRoots(workspaceRoots(), storageDirs())),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('tuneboard.storageDir')) index.setRoots(workspaceRoots(), storageDirs());
      if (event.affectsConfiguration('tuneboard.storages')) void index.setStorages(storageUrls());
    }),
    ...registerRunCommands(index, runs),
    ...registerParamCommands(index, output),
    editors,
    ...registerInsertCommands(index, editors),
    new ParamCompletions(index),
    new CodeHints(index, (study) => importance.computeForTrials(study.trials)),
    ...registerHintCommands(index, leaderboards),
    ...registerFileCommands(index, runs),
    ...registerLeaderboardCommands(index, leaderboards, leaderboardActions, output),
    vscode.commands.registerCommand('tuneboard.sortByValue', () => {
      tree.setSortMode('value');
      setContext('tuneboard.trialSort', 'value');
    }),
    vscode.commands.registerCommand('tuneboard.sortByNumber', () => {
      tree.setSortMode('number');
      setContext('tuneboard.trialSort', 'number');
    }),
    vscode.commands.registerCommand('tuneboard.refresh', () => index.refreshNow()),
    vscode.commands.registerCommand('tuneboard.showLog', () => output.show(true)),
    vscode.commands.registerCommand('tuneboard.revealStudy', async (keyOrConfig: unknown) => {
      const node = typeof keyOrConfig === 'string' ? tree.studyNode(keyOrConfig) : undefined;
      if (node) await view.reveal(node, { select: true, focus: true, expand: true });
      else await vscode.commands.executeCommand('tuneboard.studies.focus');
    }),
  );
  disposeAll = async () => {
    // Stop studies first: their processes must not outlive the window.
    await runs.dispose();
    leaderboards.dispose();
    await importance.dispose();
    await index.dispose();
    tree.dispose();
  };
  updateEditorContext();
  // The first scan fills the tree when it is done; activation does not wait for a large workspace.
  void indexed;
  void diagnostics.checkWorkspace();
}

export async function deactivate(): Promise<void> {
  await disposeAll?.();
  disposeAll = null;
}

function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
}

/** The servers whose studies the Studies view shows besides the workspace's (`tuneboard.storages`). */
function storageUrls(): string[] {
  const urls = vscode.workspace.getConfiguration('tuneboard').get<unknown>('storages', []);
  return Array.isArray(urls) ? urls.filter((url): url is string => typeof url === 'string' && url.trim() !== '').map((url) => url.trim()) : [];
}

/** The `tuneboard.storageDir` of each workspace folder, where studies started from here keep journals. */
function storageDirs(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).flatMap((folder) => {
    const dir = vscode.workspace.getConfiguration('tuneboard', folder.uri).get<string>('storageDir', '');
    return dir.trim() ? [path.resolve(folder.uri.fsPath, dir)] : [];
  });
}
