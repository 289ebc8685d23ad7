/**
 * Insert Best Params at the cursor (src/core/insert) in code: Python (files and notebook cells),
 * JavaScript and TypeScript, and what it refuses. Each case is the whole document after the
 * insertion, exactly; `‸` marks the cursor.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParamValue } from '../../../src/core/distributions';
import { SUPPORTED_LANGUAGE_IDS } from '../../../src/core/insert';
import { BEST, insert, runCases } from './insertHarness';

describe('Insert Best Params in Python', () => {
  runCases([
    { name: 'keyword arguments after other arguments', languageId: 'python', document: ['model.fit(x, y, ‸)'], expected: ['model.fit(x, y, lr=0.0031, units=64)'], kind: 'python-keyword-arguments', description: 'keyword arguments' },
    { name: 'a comma after the previous argument when it has none', languageId: 'python', document: ['model.fit(x, y‸)'], expected: ['model.fit(x, y, lr=0.0031, units=64)'], kind: 'python-keyword-arguments' },
    { name: 'a comma before the argument that follows', languageId: 'python', document: ['model.fit(x, ‸epochs=3)'], expected: ['model.fit(x, lr=0.0031, units=64, epochs=3)'], kind: 'python-keyword-arguments' },
    { name: 'between an argument and its comma', languageId: 'python', document: ['model.fit(x‸, epochs=3)'], expected: ['model.fit(x, lr=0.0031, units=64, epochs=3)'], kind: 'python-keyword-arguments' },
    {
      name: 'one per line where the call has one argument per line',
      languageId: 'python',
      document: ['model.fit(', '    x,', '    ‸', ')'],
      expected: ['model.fit(', '    x,', '    lr=0.0031,', '    units=64,', ')'],
      kind: 'python-keyword-arguments',
    },
    {
      name: 'one level deeper than a closing parenthesis the cursor stands before',
      languageId: 'python',
      document: ['model.fit(', '    x,', '‸)'],
      expected: ['model.fit(', '    x,', '    lr=0.0031,', '    units=64,', ')'],
      kind: 'python-keyword-arguments',
    },
    {
      name: 'on the lines below the opening parenthesis, lined up with the next argument',
      languageId: 'python',
      document: ['model.fit(‸', '          epochs=3)'],
      expected: ['model.fit(', '          lr=0.0031,', '          units=64,', '          epochs=3)'],
      kind: 'python-keyword-arguments',
    },
    { name: 'dict entries on the dict’s line', languageId: 'python', document: ["params = {'epochs': 3, ‸}"], expected: ["params = {'epochs': 3, 'lr': 0.0031, 'units': 64}"], kind: 'python-dict-entries', description: 'dict entries' },
    {
      name: 'dict entries in nested indentation, in the file’s quotes, with the comma the previous entry lacked',
      languageId: 'python',
      document: ['def config():', '    return {', '        "epochs": 3', '        ‸', '    }'],
      expected: ['def config():', '    return {', '        "epochs": 3,', '        "lr": 0.0031,', '        "units": 64,', '    }'],
      kind: 'python-dict-entries',
    },
    {
      name: 'argv elements after a trailing comma',
      languageId: 'python',
      document: ["args = parser.parse_args(['--epochs', '3', ‸])"],
      expected: ["args = parser.parse_args(['--epochs', '3', '--lr', '0.0031', '--units', '64'])"],
      kind: 'python-argv',
      description: 'command-line arguments',
    },
    {
      name: 'argv elements after an element without a comma',
      languageId: 'python',
      document: ["args = parser.parse_args(['--epochs', '3'‸])"],
      expected: ["args = parser.parse_args(['--epochs', '3', '--lr', '0.0031', '--units', '64'])"],
      kind: 'python-argv',
    },
    { name: 'argv elements in the empty list parse_args is given', languageId: 'python', document: ['args = parser.parse_args([‸])'], expected: ["args = parser.parse_args(['--lr', '0.0031', '--units', '64'])"], kind: 'python-argv' },
    {
      name: 'argv elements in a command subprocess runs, one flag and value per line',
      languageId: 'python',
      document: ['subprocess.run([', '    "python", "train.py",', '    ‸', '], check=True)'],
      expected: ['subprocess.run([', '    "python", "train.py",', '    "--lr", "0.0031",', '    "--units", "64",', '], check=True)'],
      kind: 'python-argv',
    },
    { name: 'a dict as an element of a list that is not a command line', languageId: 'python', document: ['grid = [{"lr": 0.1}, ‸]'], expected: ['grid = [{"lr": 0.1}, {"lr": 0.0031, "units": 64}]'], kind: 'python-dict' },
    {
      name: 'name = value lines at the cursor’s indentation',
      languageId: 'python',
      document: ['class Trainer:', '    def __init__(self):', '        ‸', '        self.ready = True'],
      expected: ['class Trainer:', '    def __init__(self):', '        lr = 0.0031', '        units = 64', '        self.ready = True'],
      kind: 'python-assignments',
      description: 'assignments',
    },
    {
      name: 'a dict literal after `=`, over lines at the file’s indent',
      languageId: 'python',
      document: ['best = ‸'],
      expected: ['best = {', "    'lr': 0.0031,", "    'units': 64,", '}'],
      kind: 'python-dict',
      description: 'a dict literal',
    },
    {
      name: 'a dict literal in a file indented with tabs',
      languageId: 'python',
      document: ['def main():', '\tcfg = ‸', '\trun(cfg)'],
      expected: ['def main():', '\tcfg = {', "\t\t'lr': 0.0031,", "\t\t'units': 64,", '\t}', '\trun(cfg)'],
      kind: 'python-dict',
    },
    {
      name: 'a dict literal in a CRLF file keeps CRLF',
      languageId: 'python',
      document: ['def main():', '  cfg = ‸', '  run(cfg)', ''],
      expected: ['def main():', '  cfg = {', "    'lr': 0.0031,", "    'units': 64,", '  }', '  run(cfg)', ''],
      kind: 'python-dict',
      eol: '\r\n',
    },
    { name: 'a dict as a keyword argument’s value', languageId: 'python', document: ['train(config=‸)'], expected: ["train(config={'lr': 0.0031, 'units': 64})"], kind: 'python-dict' },
    {
      name: 'names that are not Python names become a **dict of keyword arguments',
      languageId: 'python',
      document: ['train(x, ‸)'],
      params: { 'model.lr': 0.0031, units: 64 },
      expected: ["train(x, **{'model.lr': 0.0031, 'units': 64})"],
      kind: 'python-keyword-arguments',
      description: '"model.lr" is not a Python name',
    },
    {
      name: 'names that are not Python names become a dict assigned to best_params',
      languageId: 'python',
      document: ['import torch', '‸'],
      params: { 'drop-out': 0.5, lambda: 2 },
      // The document ended with a line break, and still does.
      expected: ['import torch', 'best_params = {', "    'drop-out': 0.5,", "    'lambda': 2,", '}', ''],
      kind: 'python-assignments',
      description: '"drop-out" is not a Python name',
    },
    {
      name: 'a notebook cell is Python by its own language id',
      languageId: 'python',
      document: ['import tensorflow as tf', '‸'],
      params: { lr: 0.0031, optimizer: 'adam', batch_norm: true, schedule: null },
      expected: ['import tensorflow as tf', 'lr = 0.0031', "optimizer = 'adam'", 'batch_norm = True', 'schedule = None', ''],
      kind: 'python-assignments',
    },
    {
      name: 'float params stay floats: 1.0, not 1',
      languageId: 'python',
      document: ['‸'],
      params: { dropout: 0, momentum: 1, units: 64 },
      floatParams: ['dropout', 'momentum'],
      expected: ['dropout = 0.0', 'momentum = 1.0', 'units = 64'],
      kind: 'python-assignments',
    },
  ]);
});

describe('Insert Best Params in JavaScript and TypeScript', () => {
  runCases([
    {
      name: 'object properties, one per line as the object has them',
      languageId: 'javascript',
      document: ['const config = {', '  epochs: 3,', '  ‸', '};'],
      expected: ['const config = {', '  epochs: 3,', '  lr: 0.0031,', '  units: 64,', '};'],
      kind: 'script-object-properties',
      description: 'object properties',
    },
    { name: 'object properties on the object’s line', languageId: 'typescript', document: ['const config = { epochs: 3‸ };'], expected: ['const config = { epochs: 3, lr: 0.0031, units: 64 };'], kind: 'script-object-properties' },
    { name: 'an object literal as a call’s argument', languageId: 'javascript', document: ['train(data, ‸);'], expected: ['train(data, { lr: 0.0031, units: 64 });'], kind: 'script-object', description: 'an object literal' },
    {
      name: 'const lines with semicolons where the file uses them',
      languageId: 'typescript',
      document: ["import { train } from './train';", '‸'],
      expected: ["import { train } from './train';", 'const lr = 0.0031;', 'const units = 64;', ''],
      kind: 'script-constants',
      description: 'const declarations',
    },
    {
      name: 'const lines without semicolons where the file has none',
      languageId: 'javascript',
      document: ["import { train } from './train'", '', 'function main() {', '    ‸', '}'],
      expected: ["import { train } from './train'", '', 'function main() {', '    const lr = 0.0031', '    const units = 64', '}'],
      kind: 'script-constants',
    },
    {
      name: 'an object literal after `=`, ended as the file ends statements',
      languageId: 'typescript',
      document: ["import type { Params } from './params';", 'const best: Params = ‸'],
      expected: ["import type { Params } from './params';", 'const best: Params = {', '  lr: 0.0031,', '  units: 64,', '};'],
      kind: 'script-object',
    },
    {
      name: 'class fields in a class body',
      languageId: 'typescriptreact',
      document: ['export class Trainer extends Base<Config> {', '  private epochs = 3;', '  ‸', '}'],
      expected: ['export class Trainer extends Base<Config> {', '  private epochs = 3;', '  lr = 0.0031;', '  units = 64;', '}'],
      kind: 'script-class-fields',
    },
    {
      name: 'keys that are not names are quoted in the file’s quotes',
      languageId: 'javascriptreact',
      document: ['const label = "x";', 'const config = { ‸ };'],
      params: { 'drop-out': 0.5, default: 1 },
      expected: ['const label = "x";', 'const config = { "drop-out": 0.5, default: 1 };'],
      kind: 'script-object-properties',
    },
    {
      name: 'names that cannot be consts become an object assigned to bestParams',
      languageId: 'javascript',
      document: ['‸'],
      params: { 'drop-out': 0.5, units: 64 },
      expected: ['const bestParams = {', "  'drop-out': 0.5,", '  units: 64,', '};'],
      kind: 'script-constants',
      description: '"drop-out" is not a valid const name',
    },
  ]);
});

describe('Insert Best Params refuses what it cannot write', () => {
  const errorOf = (languageId: string, withCursor: string, params: Record<string, ParamValue> = BEST): string => {
    const result = insert(languageId, withCursor, params);
    assert.ok('error' in result, `expected an error, inserted ${JSON.stringify(result)}`);
    return result.error;
  };

  it('an unsupported language, naming the supported ones', () => {
    assert.equal(
      errorOf('rust', 'fn main() {‸}'),
      'Tuneboard cannot insert params into a "rust" document; it writes python, javascript, javascriptreact, typescript, typescriptreact, json, jsonc, yaml, shellscript, makefile, markdown.',
    );
    assert.deepEqual(SUPPORTED_LANGUAGE_IDS, ['python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'json', 'jsonc', 'yaml', 'shellscript', 'makefile', 'markdown']);
  });

  it('a cursor in a string or a comment', () => {
    assert.match(errorOf('python', 'name = "ir‸is"'), /inside a string/);
    assert.match(errorOf('python', 'x = 1  # note‸'), /in a comment/);
    assert.match(errorOf('typescript', 'const x = 1; // note‸'), /in a comment/);
    assert.match(errorOf('json', '{ /* a‸ */ }'), /in a comment/);
    assert.match(errorOf('shellscript', 'echo "a‸"'), /in a quoted string/);
    assert.match(errorOf('yaml', 'a: 1 # note‸'), /in a comment/);
  });

  it('a place no form fits, saying where the cursor can go', () => {
    assert.match(errorOf('python', 'print(x)‸'), /put the cursor on a blank line, after `=`, or inside a call, a dict or a list/);
    assert.match(errorOf('javascript', 'run()‸'), /on a blank line, after `=`, or inside an object literal/);
    assert.match(errorOf('json', '{}\n‸'), /outside the document’s top-level value/);
    assert.match(errorOf('yaml', 'a: [1, ‸2]'), /put the cursor on a blank line, after a `key:`/);
    assert.match(errorOf('yaml', 'notes: |‸\n  text'), /put the cursor on a blank line, after a `key:`/);
  });

  it('values the language cannot hold: JSON has no inf or NaN; a Makefile line no line break', () => {
    assert.equal(errorOf('json', '{‸}', { lr: Infinity }), 'JSON has no literal for lr = Infinity; NaN and infinities cannot be written in JSON.');
    assert.match(errorOf('json', '‸', { lr: NaN }), /JSON has no literal for lr = NaN/);
    assert.equal(errorOf('makefile', 'train:\n\tpython train.py ‸', { note: 'a\nb' }), 'A Makefile line cannot hold the param "note": its name or value has a line break.');
  });

  it('no params', () => {
    assert.equal(errorOf('python', '‸', {}), 'Trial #5 of study iris has no params to insert.');
  });
});
