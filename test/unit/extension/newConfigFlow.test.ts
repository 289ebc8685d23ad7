/**
 * New Tuning Config as the user walks through it, on the shared fake editor: each question's
 * answer taken from a queue, the config written beside the data or script (never over one already
 * there), valid as written, and opened.
 */
import './fakeVscode';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { parseConfig } from '../../../src/core/config';

type NewConfig = typeof import('../../../src/extension/newConfig/newConfigFlow').newConfig;
interface FakeUri {
  readonly fsPath: string;
}

const EXAMPLES = resolve(__dirname, '..', '..', '..', 'examples');
const ws = realpathSync(mkdtempSync(join(tmpdir(), 'tuneboard-new-config-flow-')));
const picks: string[] = [];
const inputs: (string | undefined)[] = [];
const shown: string[] = [];
const asked: string[] = [];
let newConfig: NewConfig;
let uriOf: (path: string) => FakeUri;

const filesUnder = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));

before(() => {
  const vscode = createRequire(__filename)('vscode') as Record<string, unknown> & { workspace: Record<string, unknown>; Uri: { file(path: string): FakeUri } };
  uriOf = (path) => vscode.Uri.file(path);
  const pickFrom = (items: readonly { readonly label: string }[], options: { readonly title: string }): Promise<unknown> => {
    asked.push(options.title);
    const wanted = picks.shift();
    return Promise.resolve(items.find((item) => item.label === wanted || item.label.startsWith(wanted ?? '\0')));
  };
  Object.assign(vscode, { RelativePattern: class {} });
  Object.assign(vscode.window as object, {
    showQuickPick: pickFrom,
    showInputBox: (options: { readonly value: string; readonly validateInput: (text: string) => string | null }) => {
      const answer = inputs.shift();
      asked.push(`name (suggested ${options.value})`);
      const value = answer === '' ? options.value : answer;
      return Promise.resolve(value !== undefined && options.validateInput(value) === null ? value : undefined);
    },
    showTextDocument: (uri: FakeUri) => void shown.push(relative(ws, uri.fsPath)),
    showInformationMessage: () => Promise.resolve(undefined),
    showErrorMessage: (text: string) => Promise.reject(new Error(text)),
    showWarningMessage: () => Promise.resolve(undefined),
  });
  Object.assign(vscode.workspace, {
    workspaceFolders: [{ uri: vscode.Uri.file(ws) }],
    findFiles: (glob: string) => Promise.resolve(filesUnder(ws).filter((file) => (glob.includes('csv') ? /\.csv$/ : /\.(py|mjs)$/).test(file)).map(uriOf)),
    asRelativePath: (uri: FakeUri) => relative(ws, uri.fsPath),
    fs: {
      readFile: (uri: FakeUri) => Promise.resolve(readFileSync(uri.fsPath)),
      writeFile: (uri: FakeUri, bytes: Uint8Array) => Promise.resolve(writeFileSync(uri.fsPath, bytes, { flag: 'wx' })),
    },
  });
  ({ newConfig } = createRequire(__filename)('../../../src/extension/newConfig/newConfigFlow') as { newConfig: NewConfig });
});
after(() => rmSync(ws, { recursive: true, force: true }));
beforeEach(() => {
  for (const list of [picks, inputs, shown, asked]) list.length = 0;
  rmSync(ws, { recursive: true, force: true });
  mkdirSync(join(ws, 'data'), { recursive: true });
  copyFileSync(join(EXAMPLES, 'iris', 'data', 'iris.csv'), join(ws, 'data', 'iris.csv'));
  copyFileSync(join(EXAMPLES, 'command-python', 'train.py'), join(ws, 'train.py'));
});

function configAt(file: string): NonNullable<ReturnType<typeof parseConfig>['config']> {
  const { config, problems } = parseConfig(readFileSync(join(ws, file), 'utf8'), join(ws, file));
  assert.deepEqual(problems, []);
  assert.ok(config);
  return config;
}

describe('New Tuning Config', () => {
  it('data: file, target column, name; written beside the data with a -2 since iris.tune.yaml is there, then opened', async () => {
    writeFileSync(join(ws, 'data', 'iris.tune.yaml'), 'name: mine\n');
    picks.push('Train a model', 'iris.csv', 'species');
    inputs.push('');
    await newConfig(undefined);
    assert.deepEqual(asked, ['New Tuning Config: what does a trial run?', 'New Tuning Config: which data file?', 'New Tuning Config: which column of iris.csv should the model predict?', 'name (suggested iris)']);
    assert.deepEqual(shown, ['data/iris-2.tune.yaml']);
    assert.equal(readFileSync(join(ws, 'data', 'iris.tune.yaml'), 'utf8'), 'name: mine\n', 'the existing config is untouched');
    const config = configAt('data/iris-2.tune.yaml');
    assert.equal(config.name, 'iris-2');
    assert.deepEqual(config.objectives, [{ metric: 'val_accuracy', direction: 'maximize' }]);
    assert.ok(config.trial.kind === 'model' && config.trial.data.path === 'iris.csv' && config.trial.data.target === 'species');
  });

  it('a right-clicked script skips the first two questions; its argparse flags become the command', async () => {
    inputs.push('softmax');
    await newConfig(uriOf(join(ws, 'train.py')));
    assert.deepEqual(asked, ['name (suggested train)']);
    assert.deepEqual(shown, ['softmax.tune.yaml']);
    const config = configAt('softmax.tune.yaml');
    assert.ok(config.trial.kind === 'command');
    assert.deepEqual(config.trial.command.slice(0, 4), ['python3', 'train.py', '--learning-rate', '${learning_rate}']);
  });

  it('leaving at any question writes nothing', async () => {
    picks.push('Train a model', 'iris.csv');
    await newConfig(undefined);
    assert.deepEqual(shown, []);
    assert.equal(existsSync(join(ws, 'data', 'iris.tune.yaml')), false);
  });
});
