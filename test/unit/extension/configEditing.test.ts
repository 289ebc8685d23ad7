// The config editing providers with a fake vscode: what is registered for which files, completion
// items as VS Code gets them (snippets, ranges, kinds), the data file's columns read in the background
// and cached by modification time, hover, and quick fixes matched to the diagnostics under the cursor.
import './fakeConfigEditing';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as vscode from 'vscode';
import { parseConfig, SAMPLER_TYPES } from '../../../src/core';
import { CONFIG_SELECTOR, ConfigCompletionProvider, ConfigHoverProvider, registerConfigEditing } from '../../../src/extension/configEditing/configEditing';
import { ConfigQuickFixes } from '../../../src/extension/configEditing/configQuickFixes';
import { DataColumnsCache } from '../../../src/extension/configEditing/dataColumnsCache';
import { SAMPLER_DOCS } from '../../../src/core/config/samplerDocs';
import { REPO_ROOT } from '../../fixtures/configs';
import { config } from '../config/cursorAt';
import { fakeDocument } from './fakeDocument';
import { registeredProviders } from './fakeVscode';

const IRIS_PATH = join(REPO_ROOT, 'examples', 'iris', 'iris.tune.yaml');
const IRIS = config('examples/iris/iris.tune.yaml');
const NO_TOKEN = { isCancellationRequested: false } as unknown as vscode.CancellationToken;

/** The iris config as an open document, with `find` replaced by `replace` and the cursor at its `|`. */
function irisAt(find: string, replace: string): { document: vscode.TextDocument; position: vscode.Position } {
  const at = IRIS.indexOf(find);
  assert.ok(at >= 0, find);
  const text = IRIS.slice(0, at) + replace.replace('|', '') + IRIS.slice(at + find.length);
  const document = fakeDocument(IRIS_PATH, text, 'yaml');
  return { document, position: document.positionAt(at + replace.indexOf('|')) };
}

function complete(provider: ConfigCompletionProvider, find: string, replace: string, trigger?: string): vscode.CompletionItem[] {
  const { document, position } = irisAt(find, replace);
  const context = (trigger === undefined ? { triggerKind: 0 } : { triggerKind: 1, triggerCharacter: trigger }) as vscode.CompletionContext;
  return provider.provideCompletionItems(document, position, NO_TOKEN, context);
}

describe('config editing providers', () => {
  it('registers completion, hover and quick fixes for *.tune.yaml and *.tune.yml YAML files, and takes them away again', () => {
    const disposables = registerConfigEditing();
    assert.equal(disposables.length, 3);
    const ours = registeredProviders.filter((entry) => entry.selector === CONFIG_SELECTOR).map((entry) => entry.kind);
    assert.deepEqual(ours, ['completion', 'hover']);
    assert.deepEqual(CONFIG_SELECTOR, [{ language: 'yaml', pattern: '**/*.tune.yaml' }, { language: 'yaml', pattern: '**/*.tune.yml' }]);
    for (const disposable of disposables) disposable.dispose();
    assert.deepEqual(registeredProviders.filter((entry) => entry.selector === CONFIG_SELECTOR), []);
  });

  it('offers the samplers after `sampler: ` as snippets replacing the word typed, in core’s order', () => {
    const items = complete(new ConfigCompletionProvider(new DataColumnsCache()), '  sampler: tpe', '  sampler: t|');
    assert.deepEqual(SAMPLER_TYPES.slice(0, 3), ['random', 'grid', 'tpe']);
    assert.deepEqual(
      items.map((item) => [item.label, item.kind, (item.insertText as vscode.SnippetString).value, item.sortText]),
      SAMPLER_TYPES.map((type, i) => [type, vscode.CompletionItemKind.EnumMember, type, String(i).padStart(4, '0')]),
    );
    const range = items[0]?.range as vscode.Range;
    assert.deepEqual([range.start.line, range.start.character, range.end.character], [4, 11, 12]);
    assert.equal((items[2]?.documentation as vscode.MarkdownString).value, SAMPLER_DOCS.tpe.doc, "each sampler's doc is core's");
  });

  it('offers an mlp’s parameters under space:, and opens on a typed space only after `key: `', () => {
    const provider = new ConfigCompletionProvider(new DataColumnsCache());
    const params = complete(provider, '  epochs: 40\n', '  epochs: 40\n  |\n');
    assert.deepEqual(params.map((item) => item.label), ['l2', 'batch_norm', 'optimizer', 'momentum', 'nesterov', 'beta1', 'beta2', 'epsilon', 'rho', 'centered', 'decay', 'initial_accumulator_value', 'batch_size', 'patience', 'loss']);
    assert.equal(params.find((item) => item.label === 'batch_size')?.detail, 'int in [1, 65536], default 32');
    assert.deepEqual(complete(provider, '  epochs: 40\n', '  epochs: 40\n  |\n', ' '), [], 'indenting a line opens no list');
    assert.equal(complete(provider, 'backend: auto', 'backend: |', ' ').length, 5);
  });

  it('reads the data file’s columns in the background, once per modification', async () => {
    const columns = new DataColumnsCache();
    const provider = new ConfigCompletionProvider(columns);
    assert.deepEqual(complete(provider, 'target: species', 'target: |'), [], 'nothing is waited for');
    await columns.whenIdle();
    const expected = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species'];
    assert.deepEqual(complete(provider, 'target: species', 'target: |').map((item) => [item.label, item.kind]), expected.map((name) => [name, vscode.CompletionItemKind.Field]));
    await columns.whenIdle();
    complete(provider, 'target: species', 'target: sp|');
    await columns.whenIdle();
    assert.equal(columns.reads, 1, 'an unchanged file is not read again');
  });

  it('shows a key’s doc on hover, over the key', () => {
    const document = fakeDocument(IRIS_PATH, IRIS, 'yaml');
    const hover = new ConfigHoverProvider().provideHover(document, document.positionAt(IRIS.indexOf('reduction_factor') + 3));
    assert.equal((hover?.contents[0] as vscode.MarkdownString).value, '**reduction_factor**: Keep 1/reduction_factor of the trials at each rung (default 4).');
    assert.deepEqual([hover?.range?.start.line, hover?.range?.start.character, hover?.range?.end.character], [8, 41, 57]);
    assert.equal(new ConfigHoverProvider().provideHover(document, document.positionAt(IRIS.indexOf('iris-mlp') + 1)), null);
  });

  it('offers the did-you-mean of a diagnostic as the preferred quick fix, and swaps a reversed range', () => {
    const slipped = IRIS.replace('  trials: 60', '  trails: 60').replace('{ int: [1, 3] }', '{ int: [3, 1] }');
    const document = fakeDocument(IRIS_PATH, slipped, 'yaml');
    const diagnostics = parseConfig(slipped, IRIS_PATH).problems.map((problem) => {
      const start = new vscode.Position((problem.start?.line ?? 1) - 1, (problem.start?.col ?? 1) - 1);
      return { source: 'tuneboard', message: problem.message, range: new vscode.Range(start, start) } as unknown as vscode.Diagnostic;
    });
    const fixes = new ConfigQuickFixes(new DataColumnsCache());
    const actions = fixes.provideCodeActions(document, diagnostics[0]?.range as vscode.Range, { diagnostics, only: undefined, triggerKind: 1 } as vscode.CodeActionContext);
    assert.deepEqual(actions.map((action) => [action.title, action.kind?.value, action.isPreferred, action.diagnostics?.length]), [
      ["Change to 'trials'", 'quickfix', true, 1],
      ['Swap low and high', 'quickfix', true, 1],
    ]);
    const edits = actions.map((action) => (action.edit as unknown as { replacements: { range: vscode.Range; text: string }[] }).replacements);
    let fixed = slipped;
    for (const { range, text } of edits.flat().sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start))) {
      fixed = fixed.slice(0, document.offsetAt(range.start)) + text + fixed.slice(document.offsetAt(range.end));
    }
    assert.equal(fixed, IRIS);
    assert.deepEqual(fixes.provideCodeActions(document, new vscode.Range(new vscode.Position(0, 0), new vscode.Position(0, 0)), { diagnostics: [], triggerKind: 1 } as unknown as vscode.CodeActionContext), []);
  });

  it('offers the column a misspelt target: meant, once the data file’s header is read', async () => {
    const slipped = IRIS.replace('target: species', 'target: specie');
    const document = fakeDocument(IRIS_PATH, slipped, 'yaml');
    const start = document.positionAt(slipped.indexOf('target: specie') + 'target: '.length);
    // As the file checks report it (src/configChecks/fileChecks.ts), with the key path as the code.
    const diagnostic = { source: 'tuneboard', code: 'trial.data.target', message: 'the data file has no column "specie"; did you mean "species"? (…)', range: new vscode.Range(start, start) };
    const context = { diagnostics: [diagnostic], triggerKind: 1 } as unknown as vscode.CodeActionContext;
    const columns = new DataColumnsCache();
    const fixes = new ConfigQuickFixes(columns);
    assert.deepEqual(fixes.provideCodeActions(document, diagnostic.range, context), [], 'the header is not read yet');
    await columns.whenIdle();
    const [action] = fixes.provideCodeActions(document, diagnostic.range, context);
    assert.equal(action?.title, "Change to 'species'");
    const [edit] = (action?.edit as unknown as { replacements: { range: vscode.Range; text: string }[] }).replacements;
    assert.deepEqual([edit?.range.start.character, edit?.range.end.character, edit?.text], [start.character, start.character + 'specie'.length, 'species']);
  });
});
