/**
 * The text editor the user last worked in. Insert These Params is started from the Studies tree or the
 * leaderboard, which take the focus away from the editor: the params go where the cursor was.
 */
import * as vscode from 'vscode';

export class EditorTracker implements vscode.Disposable {
  private last: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor && isEditable(editor)) this.last = editor;
    });
  }

  /** The active editor, else the last one still open; undefined when there is none. */
  get target(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active && isEditable(active)) return active;
    const last = this.last;
    return last && vscode.window.visibleTextEditors.includes(last) && !last.document.isClosed ? last : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** Files and notebook cells take params; the output panel and other read-only views do not. */
function isEditable(editor: vscode.TextEditor): boolean {
  return ['file', 'untitled', 'vscode-notebook-cell', 'vscode-remote'].includes(editor.document.uri.scheme);
}
