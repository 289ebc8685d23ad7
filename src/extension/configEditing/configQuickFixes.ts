/**
 * Quick fixes for the problems Tuneboard reports in `*.tune.yaml`: each did-you-mean ("unknown key
 * 'samplr'; did you mean 'sampler'?") and a range written high-first. The parser's fixes come with its
 * problems as text edits (src/core/config/fixes.ts) and are matched to the diagnostics under the cursor
 * by position and message, so no message is read to find a fix. A `target:` the data file has no
 * column of is found by the file checks, not the parser: its fix is the column suggestName picks from
 * the header, as that check's did-you-mean does, once the header is in the columns cache.
 */
import * as vscode from 'vscode';
import { type ConfigProblem, isIdxData, parseConfig, type ProblemFix, replaceValueAt, type StudyConfig, suggestName } from '../../core';
import type { DataColumnsCache } from './dataColumnsCache';

const TARGET_PATH = ['trial', 'data', 'target'];

interface Parsed {
  readonly uri: string;
  readonly version: number;
  readonly config: StudyConfig | null;
  readonly problems: readonly ConfigProblem[];
}

export class ConfigQuickFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  /** The last document parsed: the lightbulb asks again on every cursor move, the text rarely changed. */
  private cached: Parsed | null = null;

  constructor(private readonly columns: DataColumnsCache) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((diagnostic) => diagnostic.source === 'tuneboard');
    if (ours.length === 0) return [];
    const parsed = this.parse(document);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const fix = parsed.problems.find((problem) => problem.fix !== undefined && problem.message === diagnostic.message && startsAt(problem, diagnostic.range.start))?.fix ?? this.targetFix(document, diagnostic, parsed.config);
      if (fix !== undefined) actions.push(toAction(document, diagnostic, fix));
    }
    return actions;
  }

  /** The column a misspelt `target:` probably meant, when the header has been read. */
  private targetFix(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, config: StudyConfig | null): ProblemFix | undefined {
    if (diagnostic.code !== TARGET_PATH.join('.') || config?.trial.kind !== 'model' || isIdxData(config.trial.data) || document.uri.scheme !== 'file') return undefined;
    const { target } = config.trial.data;
    const columns = this.columns.columnsOf(document.uri.fsPath, config.trial.data);
    const hint = columns === undefined || columns.includes(target) ? null : suggestName(target, columns);
    return hint === null ? undefined : (replaceValueAt(document.getText(), TARGET_PATH, hint) ?? undefined);
  }

  private parse(document: vscode.TextDocument): Parsed {
    const uri = document.uri.toString();
    if (this.cached?.uri !== uri || this.cached.version !== document.version) {
      const { config, problems } = parseConfig(document.getText(), document.fileName);
      this.cached = { uri, version: document.version, config, problems };
    }
    return this.cached;
  }
}

function toAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, fix: ProblemFix): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  // Each problem has one obvious fix: preferred, so Ctrl+. / Shift+Alt+. applies it at once.
  action.isPreferred = true;
  action.edit = new vscode.WorkspaceEdit();
  for (const edit of fix.edits) {
    action.edit.replace(document.uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.newText);
  }
  return action;
}

/** Diagnostics are 0-based, problems 1-based. */
function startsAt(problem: ConfigProblem, position: vscode.Position): boolean {
  return problem.start !== undefined && problem.start.line - 1 === position.line && problem.start.col - 1 === position.character;
}
