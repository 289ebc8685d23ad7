/**
 * Problems in `*.tune.yaml` files as you type: the same parser as `tuneboard validate`, debounced, with
 * exact ranges in the Problems panel. Closed files keep the problems they had when last checked.
 */
import * as vscode from 'vscode';
import { checkConfigFiles } from '../../configChecks/fileChecks';
import { parseConfig, type Problem } from '../../core';

const DEBOUNCE_MS = 250;

export function isTuneConfig(document: vscode.TextDocument): boolean {
  return /\.tune\.ya?ml$/i.test(document.fileName);
}

export class ConfigDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('tuneboard');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((doc) => this.check(doc)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidSaveTextDocument((doc) => this.check(doc)),
    );
    for (const document of vscode.workspace.textDocuments) this.check(document);
  }

  /** Checks every config in the workspace once, so problems show before the files are opened. */
  async checkWorkspace(): Promise<void> {
    const files = await vscode.workspace.findFiles('**/*.tune.{yaml,yml}', '**/node_modules/**', 500);
    for (const uri of files) {
      if (vscode.workspace.textDocuments.some((doc) => doc.uri.toString() === uri.toString())) continue;
      try {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        this.collection.set(uri, toDiagnostics(configProblems(text, uri.fsPath)));
      } catch {
        // unreadable: the file watcher or the next open will tell
      }
    }
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isTuneConfig(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.check(document);
    }, DEBOUNCE_MS));
  }

  private check(document: vscode.TextDocument): void {
    if (!isTuneConfig(document) || document.isClosed) return;
    this.collection.set(document.uri, toDiagnostics(configProblems(document.getText(), document.fileName)));
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }
}

/** What `tuneboard validate` reports: the parser's problems and those of the data and apply files it names. */
function configProblems(text: string, file: string): Problem[] {
  const { files, problems } = parseConfig(text, file);
  if (file.startsWith('untitled:')) return [...problems];
  try {
    return [...problems, ...checkConfigFiles(files, file, text)];
  } catch {
    return [...problems]; // a file check that fails must not take the parser's problems with it
  }
}

/** Parser problems (1-based line/col) as diagnostics (0-based), with the key path as the code. */
export function toDiagnostics(problems: readonly Problem[]): vscode.Diagnostic[] {
  return problems.map((problem) => {
    const start = problem.start ?? { line: 1, col: 1 };
    const end = problem.end ?? start;
    // An empty range would be invisible: mark at least one character.
    const endCol = end.line === start.line ? Math.max(end.col - 1, start.col) : end.col - 1;
    const range = new vscode.Range(start.line - 1, start.col - 1, end.line - 1, endCol);
    const severity = problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
    const diagnostic = new vscode.Diagnostic(range, problem.message, severity);
    diagnostic.source = 'tuneboard';
    if (problem.path.length > 0) diagnostic.code = problem.path.join('.');
    return diagnostic;
  });
}
