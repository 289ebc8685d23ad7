/**
 * What the config editing providers need of `vscode` beyond ./fakeVscode (shared with other provider
 * tests): more completion item kinds, snippets, code actions and their registration. Added to the same
 * fake module object, and only where it lacks them, so the two files can grow apart without clashing.
 * Import this before the code under test.
 */
import './fakeVscode';
import Module from 'node:module';

type FakeModule = Record<string, unknown> & { languages: Record<string, unknown>; CompletionItemKind: Record<string, number> };
const fake = Module.createRequire(__filename)('vscode') as FakeModule;

// VS Code's own numbers, so a test can compare with vscode.CompletionItemKind.X either way.
for (const [name, value] of Object.entries({ Field: 4, Variable: 5, Property: 9, EnumMember: 19 })) fake.CompletionItemKind[name] ??= value;

class SnippetString {
  constructor(readonly value = '') {}
}

class CodeActionKind {
  static readonly QuickFix = new CodeActionKind('quickfix');
  constructor(readonly value: string) {}
}

class CodeAction {
  diagnostics?: unknown[];
  isPreferred?: boolean;
  edit?: unknown;
  constructor(
    readonly title: string,
    readonly kind?: CodeActionKind,
  ) {}
}

/** Every code action provider registered, with its selector and metadata; dispose() takes it out again. */
export const registeredCodeActionProviders: { readonly selector: unknown; readonly provider: unknown; readonly metadata: unknown }[] = [];

function registerCodeActionsProvider(selector: unknown, provider: unknown, metadata?: unknown): { dispose(): void } {
  const entry = { selector, provider, metadata };
  registeredCodeActionProviders.push(entry);
  return { dispose: () => void registeredCodeActionProviders.splice(registeredCodeActionProviders.indexOf(entry), 1) };
}

fake.SnippetString ??= SnippetString;
fake.CodeActionKind ??= CodeActionKind;
fake.CodeAction ??= CodeAction;
fake.languages.registerCodeActionsProvider ??= registerCodeActionsProvider;
