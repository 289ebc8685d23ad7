// checkConfigFiles: the files a config's valid sections name (data and its target column, apply: files),
// checked after parsing and reported at the config key that names them. Also through validateFiles.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { validateFiles } from '../../../src/cli/validateCommand';
import { checkConfigFiles } from '../../../src/configChecks/fileChecks';
import { parseConfig } from '../../../src/core/config';
import { formatKeyPath } from '../../../src/core/problems';

const HEAD = 'objective: val_loss\nsearch: { trials: 3 }\nspace:\n  learning_rate: { float: [0.001, 0.1], log: true }\ntrial:\n  model: mlp\n';

let dir = '';

/** Writes the config into the temp folder and returns its problems from the file checks as `line:col path message`. */
function fileProblems(data: string, extra = ''): string[] {
  const file = join(dir, 'study.tune.yaml');
  const text = `${HEAD}  data: ${data}\n${extra}`;
  writeFileSync(file, text);
  const { config, problems } = parseConfig(text, file);
  assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
  assert.ok(config);
  return checkConfigFiles(config, file, text).map((p) => `${p.start?.line}:${p.start?.col} ${formatKeyPath(p.path)} ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`);
}

describe('checkConfigFiles', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tuneboard-filechecks-'));
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'iris.csv'), '\uFEFFsepal_length,"petal, width",species\n5.1,0.2,setosa\n');
    writeFileSync(join(dir, 'data', 'iris.tsv'), 'sepal_length\tspecies\n5.1\tsetosa\n');
    writeFileSync(join(dir, 'data', 'rows.jsonl'), '\n{"x": 1, "label": "a"}\n{"x": 2, "label": "b"}\n');
    writeFileSync(join(dir, 'data', 'bad.jsonl'), 'root:x:0:0:root:/root:/bin/bash\n');
    writeFileSync(join(dir, 'data', 'table.txt'), 'a,b\n');
    writeFileSync(join(dir, 'train.py'), 'learning_rate = 0.01\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('finds nothing wrong when the files are there and hold the target', () => {
    assert.deepEqual(fileProblems('{ path: data/iris.csv, target: species }', 'apply:\n  - file: train.py\n'), []);
    assert.deepEqual(fileProblems('{ path: data/iris.tsv, target: species }'), []);
    assert.deepEqual(fileProblems('{ path: data/rows.jsonl, target: label }'), []);
    assert.deepEqual(fileProblems('{ path: data/table.txt, target: b, format: csv }'), []);
  });

  it('a data file that does not exist is an error at trial.data.path', () => {
    const [problem] = fileProblems('{ path: data/missing.csv, target: species }');
    assert.match(problem ?? '', /^7:17 trial\.data\.path data file data\/missing\.csv does not exist \(looked for .*missing\.csv: paths are relative to the config's folder\)$/);
    assert.deepEqual(fileProblems('{ path: data, target: species }'), ['7:17 trial.data.path data is a folder, not a data file']);
  });

  it('a target that is not a column is an error at trial.data.target, with did-you-mean', () => {
    assert.deepEqual(fileProblems('{ path: data/iris.csv, target: specis }'), [
      '7:40 trial.data.target the data file has no column "specis"; did you mean "species"? (columns: sepal_length, petal, width, species)',
    ]);
    assert.deepEqual(fileProblems('{ path: data/rows.jsonl, target: price }'), ['7:42 trial.data.target the data file has no column "price" (columns: x, label)']);
  });

  it('a file it cannot read as a table is an error at trial.data.path that quotes none of its lines', () => {
    assert.deepEqual(fileProblems('{ path: data/table.txt, target: b }'), [
      '7:17 trial.data.path data/table.txt: cannot tell the format from the extension ".txt"; use one of .csv, .tsv, .jsonl, .ndjson, .json-lines, or set the format (csv or jsonl)',
    ]);
    assert.deepEqual(fileProblems('{ path: data/bad.jsonl, target: b }'), ['7:17 trial.data.path data/bad.jsonl:1: expected a JSON object such as {"x": 1, "label": "a"}']);
  });

  it('an apply: file that does not exist is a warning at that entry\'s file: the study itself can run', () => {
    assert.deepEqual(fileProblems('{ path: data/iris.csv, target: species }', 'apply:\n  - file: train.py\n  - { file: conf/params.yaml }\n'), [
      "10:13 apply[1].file warning: conf/params.yaml does not exist (paths are relative to the config's folder): applying the best params will have nowhere to write",
    ]);
  });

  it('tuneboard validate reports them and fails, where before only run found them', () => {
    fileProblems('{ path: data/missing.csv, target: species }', 'apply:\n  - file: nope.py\n');
    const out = { stdout: '', stderr: '' };
    const code = validateFiles([join(dir, 'study.tune.yaml')], { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) });
    assert.equal(code, 1);
    assert.equal(out.stdout, '');
    const lines = out.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0] ?? '', /study\.tune\.yaml:7:17: data file data\/missing\.csv does not exist .* \(trial\.data\.path\)$/);
    assert.match(lines[1] ?? '', /study\.tune\.yaml:9:11: warning: nope\.py does not exist .* \(apply\[0\]\.file\)$/);
  });

  it('a config with an error in another section still gets its data and apply: files checked, in the editor and in validate', () => {
    // `sampler:` left empty while the user types: the target column's problem shows beside it, not after it is fixed.
    const file = join(dir, 'broken.tune.yaml');
    const text = HEAD.replace('search: { trials: 3 }', 'search:\n  sampler:\n  trials: 3') + '  data: { path: data/iris.csv, target: specie }\napply:\n  - file: nope.py\n';
    writeFileSync(file, text);
    const { config, problems, files } = parseConfig(text, file);
    assert.equal(config, null);
    assert.match(problems.map((p) => p.message).join('\n'), /sampler must be/);
    assert.deepEqual(checkConfigFiles(files, file, text).map((p) => `${p.start?.line}:${p.start?.col} ${formatKeyPath(p.path)}`), ['9:40 trial.data.target', '11:11 apply[0].file']);
    const out = { stdout: '', stderr: '' };
    assert.equal(validateFiles([file], { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) }), 1);
    assert.match(out.stderr, /broken\.tune\.yaml:3:3: sampler must be/);
    assert.match(out.stderr, /broken\.tune\.yaml:9:40: the data file has no column "specie"; did you mean "species"\?/);
    // A trial section that is itself broken names no file to check: nothing is guessed.
    const badTrial = parseConfig(HEAD.replace('model: mlp', 'model: 3') + '  data: { path: data/missing.csv, target: x }\n', file);
    assert.equal(badTrial.files.trial, undefined);
  });
});
