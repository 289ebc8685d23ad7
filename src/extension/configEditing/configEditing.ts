/**
 * Help while writing `*.tune.yaml` configs, without Red Hat's YAML extension: completion (keys with
 * their docs, enum values, the forms of a space parameter, the parameters a model trial's trainer
 * accepts, the data file's columns after `target:`, space names inside `${…}`), hover with each key's
 * or value's doc, and quick fixes for the problems the config diagnostics report (configQuickFixes.ts).
 * What to offer is decided by src/core/config (pure); this file turns it into VS Code items. The JSON
 * schema stays contributed for users who have that extension; VS Code then merges both offers.
 */
import * as vscode from 'vscode';
import { type CompletionKind, configCompletions, type ConfigCompletion, configHover } from '../../core';
import { ConfigQuickFixes } from './configQuickFixes';
import { DataColumnsCache } from './dataColumnsCache';

/** Configs by file name, in any scheme (an untitled or remote config is helped too). */
export const CONFIG_SELECTOR: vscode.DocumentSelector = [
  { language: 'yaml', pattern: '**/*.tune.yaml' },
  { language: 'yaml', pattern: '**/*.tune.yml' },
];

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

export class ConfigHoverProvider implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | null {
    const hover = configHover(document.getText(), document.offsetAt(position));
    if (hover === null) return null;
    const range = new vscode.Range(document.positionAt(hover.range[0]), document.positionAt(hover.range[1]));
    return new vscode.Hover(new vscode.MarkdownString(hover.markdown), range);
  }
}

/** Registers the three providers; dispose the result to take them away. */
export function registerConfigEditing(): vscode.Disposable[] {
  const columns = new DataColumnsCache();
  return [
    vscode.languages.registerCompletionItemProvider(CONFIG_SELECTOR, new ConfigCompletionProvider(columns), ...COMPLETION_TRIGGERS),
    vscode.languages.registerHoverProvider(CONFIG_SELECTOR, new ConfigHoverProvider()),
    vscode.languages.registerCodeActionsProvider(CONFIG_SELECTOR, new ConfigQuickFixes(columns), ConfigQuickFixes.metadata),
  ];
}
