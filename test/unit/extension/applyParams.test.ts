// The editor's Apply (src/extension/apply/applyParams.ts) against a small fake of the editor: it plans
// with the same core plan as `tuneboard apply` (nested keys and function defaults left alone and
// listed), and refuses the whole Apply when a target lies outside the workspace folder, saying which
// target, which folder and what to do instead.
import './fakeVscode';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';

type ApplyParams = typeof import('../../../src/extension/apply/applyParams').applyParams;

interface FakeUri {
  readonly fsPath: string;
}
interface Replacement {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const root = realpathSync(mkdtempSync(join(tmpdir(), 'tuneboard-editor-apply-')));
const ws = join(root, 'ws');
const messages: string[] = [];
const output: string[] = [];
let applied: Replacement[][] = [];
let applyParams: ApplyParams;

class Range {
  constructor(readonly start: number, readonly end: number) {}
}

class WorkspaceEdit {
  readonly replacements: Replacement[] = [];
  replace(uri: FakeUri, range: Range, text: string): void {
    this.replacements.push({ file: relative(ws, uri.fsPath), start: range.start, end: range.end, text });
  }
}

before(() => {
  // The rest of the editor API Apply uses, on the shared fake (each test file runs in its own process).
  const vscode = createRequire(__filename)('vscode') as Record<string, unknown> & { workspace: Record<string, unknown>; Uri: { file(path: string): FakeUri } };
  const say = (text: string): Promise<undefined> => {
    messages.push(text);
    return Promise.resolve(undefined);
  };
  Object.assign(vscode, { Range, WorkspaceEdit, window: { showErrorMessage: say, showWarningMessage: say, showInformationMessage: say } });
  Object.assign(vscode.workspace, {
    openTextDocument: (uri: FakeUri) => {
      const text = readFileSync(uri.fsPath, 'utf8');
      return Promise.resolve({ uri, fileName: uri.fsPath, isDirty: false, getText: () => text, positionAt: (offset: number) => offset });
    },
    asRelativePath: (uri: FakeUri) => relative(ws, uri.fsPath),
    getWorkspaceFolder: (uri: FakeUri) => (uri.fsPath.startsWith(`${ws}/`) ? { uri: vscode.Uri.file(ws) } : undefined),
    applyEdit: (edit: WorkspaceEdit) => {
      applied.push(edit.replacements);
      return Promise.resolve(true);
    },
  });
  // Loaded only now, so that it sees the fake's additions.
  ({ applyParams } = createRequire(__filename)('../../../src/extension/apply/applyParams') as { applyParams: ApplyParams });
});
after(() => rmSync(root, { recursive: true, force: true }));

beforeEach(() => {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(ws, { recursive: true });
  mkdirSync(join(root, 'outside'));
  writeFileSync(join(ws, 'params.yaml'), 'lr: 0.05\nscheduler:\n  warmup:\n    lr: 1.0e-6\n');
  writeFileSync(join(ws, 'train.py'), 'def warmup(step, lr=1e-6):\n    return lr\nunits = 8\n');
  writeFileSync(join(root, 'outside', 'settings.json'), '{"lr": 0.5}\n');
  messages.length = 0;
  output.length = 0;
  applied = [];
});

const channel = { appendLine: (line: string) => void output.push(line), show: () => undefined } as unknown as Parameters<ApplyParams>[1];

function writeConfig(targets: readonly string[]): string {
  const path = join(ws, 'exp.tune.yaml');
  const apply = targets.map((file) => `  - { file: ${file} }\n`).join('');
  writeFileSync(path, `name: exp\nobjective: loss\nspace:\n  lr: { float: [1.0e-4, 1.0], log: true }\n  units: { int: [8, 128] }\ntrial: { command: [python3, train.py] }\napply:\n${apply}`);
  return path;
}

const request = (configPath: string) => ({ study: 'exp', trialNumber: 4, params: { lr: 0.003, units: 64 }, configPath });

describe("the editor's Apply", () => {
  it('writes top-level keys and assignments only, and lists the nested key and the function default it left alone', async () => {
    const done = await applyParams(request(writeConfig(['params.yaml', 'train.py'])), channel);
    assert.equal(done, true);
    const edits = (applied[0] ?? []).filter((edit) => edit.file !== 'exp.tune.yaml');
    assert.deepEqual(edits, [
      { file: 'params.yaml', start: 4, end: 8, text: '0.003' },
      { file: 'train.py', start: 49, end: 50, text: '64' },
    ]);
    assert.ok(output.includes('  params.yaml:4: lr: left `lr: 1.0e-6` alone: it is nested under scheduler.warmup; a name matches top-level keys only, so map the param to scheduler.warmup.lr (apply: map:) to write this one'), output.join('\n'));
    assert.ok(output.some((line) => line.startsWith('  train.py:1: lr: left `lr=1e-6` alone: it is a default of warmup()')), output.join('\n'));
    assert.deepEqual(messages, [], 'every param was placed somewhere: no warning');
  });

  it('refuses a target outside the workspace folder, naming the config line, the target and the folder, and writes nothing', async () => {
    const done = await applyParams(request(writeConfig(['params.yaml', '../outside/settings.json'])), channel);
    assert.equal(done, false);
    assert.deepEqual(applied, []);
    assert.equal(messages.length, 1);
    assert.equal(
      messages[0],
      `Tuneboard: Apply refused (exp.tune.yaml line 9): apply target ../outside/settings.json is outside the workspace folder ${ws} (it is ${join(root, 'outside', 'settings.json')}); Apply writes only inside it. ` +
        'Move the file into the workspace folder, or run `tuneboard apply --allow-outside` in a terminal to write it anyway.',
    );
    assert.match(output.join('\n'), /exp\.tune\.yaml:9:13: apply target \.\.\/outside\/settings\.json is outside the workspace folder/);
  });
});
