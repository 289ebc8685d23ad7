/**
 * New Tuning Config's answers become valid configs (parsed with the same parser as the CLI, and the
 * data file checked as `tuneboard validate` checks it), names are checked as the parser checks them,
 * and a config or journal already there is never overwritten.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseConfig } from '../../../src/core/config';
import { checkConfigFiles } from '../../../src/configChecks/fileChecks';
import { freeConfigPath, modelConfigText, scriptConfigText, studyNameProblem, suggestedStudyName } from '../../../src/extension/commands/configTemplates';
import { argparseParams } from '../../../src/extension/newConfig/scriptParams';

const EXAMPLES = resolve(__dirname, '..', '..', '..', 'examples');
const dir = mkdtempSync(join(tmpdir(), 'tuneboard-new-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Parses `text` as `<dir>/<file>` and checks the files it names: no problem of any severity. */
function assertValid(text: string, file: string): NonNullable<ReturnType<typeof parseConfig>['config']> {
  const path = join(dir, file);
  const { config, problems } = parseConfig(text, path);
  assert.deepEqual(problems, [], text);
  assert.ok(config);
  assert.deepEqual(checkConfigFiles(config, path, text), [], text);
  return config;
}

describe('a config for the built-in trainer', () => {
  writeFileSync(join(dir, 'iris.csv'), readFileSync(join(EXAMPLES, 'iris', 'data', 'iris.csv')));
  writeFileSync(join(dir, 'odd name.csv'), 'x,petal width (cm),yes\n1,2,3\n');

  it('classification maximizes val_accuracy on the picked column', () => {
    const config = assertValid(modelConfigText({ name: 'iris', dataPath: 'iris.csv', target: 'species', task: 'classification', classes: 3 }), 'iris.tune.yaml');
    assert.deepEqual(config.objectives, [{ metric: 'val_accuracy', direction: 'maximize' }]);
    assert.equal(config.name, 'iris');
    assert.ok(config.trial.kind === 'model' && config.trial.data.target === 'species' && config.trial.data.path === 'iris.csv');
  });

  it('regression minimizes val_loss; awkward names and paths are quoted', () => {
    const text = modelConfigText({ name: 'my study: v2', dataPath: 'odd name.csv', target: 'petal width (cm)', task: 'regression' });
    const config = assertValid(text, 'odd.tune.yaml');
    assert.deepEqual(config.objectives, [{ metric: 'val_loss', direction: 'minimize' }]);
    assert.equal(config.name, 'my study: v2');
    assert.ok(config.trial.kind === 'model' && config.trial.data.target === 'petal width (cm)');
    assert.ok(assertValid(modelConfigText({ name: 'yes', dataPath: 'odd name.csv', target: 'yes', task: 'classification' }), 'y.tune.yaml').name === 'yes', 'a YAML boolean word stays a string');
  });
});

describe('a config for the user’s own script', () => {
  const script = readFileSync(join(EXAMPLES, 'command-python', 'train.py'), 'utf8');

  it('reads the argparse flags: floats a decade around their default, ints around theirs, epochs fixed, the seed left out', () => {
    assert.deepEqual(argparseParams(script), [
      { name: 'learning_rate', flag: '--learning-rate', spec: { kind: 'float', low: 0.005, high: 0.5, log: true } },
      { name: 'l2', flag: '--l2', spec: { kind: 'float', low: 0.00001, high: 0.001, log: true } },
      { name: 'epochs', flag: '--epochs', spec: { kind: 'fixed', value: 60 } },
      { name: 'batch_size', flag: '--batch-size', spec: { kind: 'int', low: 4, high: 64, log: true } },
    ]);
    assert.deepEqual(argparseParams('p.add_argument("--act", choices=["relu", "tanh"], default="relu")\np.add_argument("--dropout", type=float, default=0.0)\np.add_argument("--verbose", action="store_true")'), [
      { name: 'act', flag: '--act', spec: { kind: 'choices', choices: ['relu', 'tanh'] } },
      { name: 'dropout', flag: '--dropout', spec: { kind: 'float', low: 0, high: 0.5, log: false } },
    ]);
  });

  it('passes each param as the flag the script reads, and applies back to the script', () => {
    writeFileSync(join(dir, 'train.py'), script);
    const config = assertValid(scriptConfigText({ name: 'train', scriptPath: 'train.py', program: 'python3', params: argparseParams(script) }), 'train.tune.yaml');
    assert.ok(config.trial.kind === 'command');
    assert.deepEqual(config.trial.command, ['python3', 'train.py', '--learning-rate', '${learning_rate}', '--l2', '${l2}', '--epochs', '${epochs}', '--batch-size', '${batch_size}']);
    assert.deepEqual(config.space.learning_rate, { type: 'float', low: 0.005, high: 0.5, log: true, step: null });
    assert.deepEqual(config.apply.map((target) => target.file), ['train.py']);
  });

  it('a script without argparse flags gets example params to rename', () => {
    writeFileSync(join(dir, 'train.mjs'), 'console.log("val_loss=1")\n');
    const config = assertValid(scriptConfigText({ name: 'js', scriptPath: 'train.mjs', program: 'node', params: [] }), 'js.tune.yaml');
    assert.deepEqual(Object.keys(config.space), ['learning_rate', 'batch_size']);
  });
});

describe('the study name and the file', () => {
  const problems: [string, boolean][] = [['iris', true], ['iris mlp v2', true], ['', false], ['  ', false], ['a/b', false], ['a\\b', false], ['a:b', false], ['.hidden', false], ['iris.tune.yaml', false]];
  for (const [name, ok] of problems) it(`${JSON.stringify(name)} is ${ok ? 'a name' : 'refused'}`, () => assert.equal(studyNameProblem(name) === null, ok, String(studyNameProblem(name))));

  it('suggests the file’s base name, cleaned', () => {
    assert.equal(suggestedStudyName('/w/data/iris.csv'), 'iris');
    assert.equal(suggestedStudyName('/w/My Data (v2).jsonl'), 'My-Data-v2');
    assert.equal(suggestedStudyName('/w/.csv'), 'study');
  });

  it('never overwrites: a config or a journal already there moves the name to -2, -3', () => {
    const taken = new Set([join('/w', 'iris.tune.yaml'), join('/w', '.tuneboard', 'iris-2.jsonl')]);
    assert.deepEqual(freeConfigPath('/w', 'iris', (file) => taken.has(file)), { file: join('/w', 'iris-3.tune.yaml'), name: 'iris-3' });
    assert.deepEqual(freeConfigPath('/w', 'new', (file) => taken.has(file)), { file: join('/w', 'new.tune.yaml'), name: 'new' });
  });
});
