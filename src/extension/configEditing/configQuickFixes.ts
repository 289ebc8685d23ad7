/**
 * Quick fixes for the problems Tuneboard reports in `*.tune.yaml`: each did-you-mean ("unknown key
 * 'samplr'; did you mean 'sampler'?") and a range written high-first. The fixes come with the parser's
 * problems as text edits (src/core/config/fixes.ts); this provider matches them to the diagnostics
 * under the cursor by position and message, so it never reads a message to find a fix.
 */
import * as vscode from 'vscode';
import { type ConfigProblem, parseConfig } from '../../core';

export class ConfigQuickFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  /** The last document's problems: the lightbulb asks again on every cursor move, the text rarely changed. */
  private cached: { readonly uri: string; readonly version: number; readonly problems: readonly ConfigProblem[] } | null = null;

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((diagnostic) => diagnostic.source === 'tuneboard');
    if (ours.length === 0) return [];
    const problems = this.problemsOf(document);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const fix = problems.find((problem) => problem.fix !== undefined && problem.message === diagnostic.message && startsAt(problem, diagnostic.range.start))?.fix;
      if (fix === undefined) continue;
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      // Each problem has one obvious fix: preferred, so Ctrl+. / Shift+Alt+. applies it at once.
      action.isPreferred = true;
      action.edit = new vscode.WorkspaceEdit();
      for (const edit of fix.edits) {
        action.edit.replace(document.uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.newText);
      }
      actions.push(action);
    }
    return actions;
  }

  private problemsOf(document: vscode.TextDocument): readonly ConfigProblem[] {
    const uri = document.uri.toString();
    if (this.cached?.uri !== uri || this.cached.version !== document.version) {
      this.cached = { uri, version: document.version, problems: parseConfig(document.getText(), document.fileName).problems };
    }
    return this.cached.problems;
  }
}

/** Diagnostics are 0-based, problems 1-based. */
function startsAt(problem: ConfigProblem, position: vscode.Position): boolean {
  return problem.start !== undefined && problem.start.line - 1 === position.line && problem.start.col - 1 === position.character;
}
