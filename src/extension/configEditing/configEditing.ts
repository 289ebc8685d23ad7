/**
 * Help while writing `*.tune.yaml` configs, without Red Hat's YAML extension: completion, hover with
 * each key's doc, and quick fixes for the problems the config diagnostics report. The JSON schema stays
 * contributed for users who have that extension; both may then offer items, which VS Code merges.
 */
import * as vscode from 'vscode';
import { configHover } from '../../core';
import { COMPLETION_TRIGGERS, ConfigCompletionProvider } from './configCompletionProvider';
import { ConfigQuickFixes } from './configQuickFixes';
import { DataColumnsCache } from './dataColumnsCache';

/** Configs by file name, in any scheme (an untitled or remote config is helped too). */
export const CONFIG_SELECTOR: vscode.DocumentSelector = [
  { language: 'yaml', pattern: '**/*.tune.yaml' },
  { language: 'yaml', pattern: '**/*.tune.yml' },
];

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
