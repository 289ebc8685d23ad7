/**
 * Completion in `*.tune.yaml` without the YAML extension: keys with their docs, enum values, the forms
 * of a space parameter, the parameters a model trial's trainer accepts, the data file's columns after
 * `target:`, and space names inside `${…}`. What to offer is decided by src/core/config (pure); this
 * file only turns it into VS Code items and supplies the data columns from the cache.
 */
import * as vscode from 'vscode';
import { type CompletionKind, configCompletions, type ConfigCompletion } from '../../core';
import type { DataColumnsCache } from './dataColumnsCache';

const ITEM_KINDS: Readonly<Record<CompletionKind, vscode.CompletionItemKind>> = {
  key: vscode.CompletionItemKind.Property,
  modelParam: vscode.CompletionItemKind.Field,
  value: vscode.CompletionItemKind.EnumMember,
  distribution: vscode.CompletionItemKind.Snippet,
  param: vscode.CompletionItemKind.Variable,
  column: vscode.CompletionItemKind.Field,
};

/** Typed characters that open the list: a space after `key:` or `,`, a `{`, and the `{` of `${`. */
export const COMPLETION_TRIGGERS = [' ', '{'];

export class ConfigCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly columns: DataColumnsCache) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, _token: vscode.CancellationToken, context?: vscode.CompletionContext): vscode.CompletionItem[] {
    // A space typed as indentation is no request for keys: only `key: `, `, ` and `{ ` open the list.
    if (context?.triggerCharacter === ' ') {
      const before = document.getText(new vscode.Range(new vscode.Position(position.line, 0), position));
      if (!/[:,{]\s$/.test(before)) return [];
    }
    const configPath = document.uri.scheme === 'file' ? document.uri.fsPath : null;
    const items = configCompletions(document.getText(), document.offsetAt(position), {
      columnsOf: (data) => (configPath === null ? undefined : this.columns.columnsOf(configPath, data)),
    });
    return items.map((item, index) => toCompletionItem(document, item, index));
  }
}

function toCompletionItem(document: vscode.TextDocument, completion: ConfigCompletion, index: number): vscode.CompletionItem {
  const item = new vscode.CompletionItem(completion.label);
  item.kind = ITEM_KINDS[completion.kind];
  item.insertText = new vscode.SnippetString(completion.insertText);
  item.range = new vscode.Range(document.positionAt(completion.replace[0]), document.positionAt(completion.replace[1]));
  item.documentation = new vscode.MarkdownString(completion.doc);
  if (completion.detail !== undefined) item.detail = completion.detail;
  // In the order core gives them (the docs' order, samplers as the schema lists them), not alphabetical.
  item.sortText = String(index).padStart(4, '0');
  return item;
}
