/**
 * Insert Best Params at the cursor (src/core/insert) in data and text: JSON (with comments too),
 * YAML, shell scripts, Makefiles and Markdown. Each case is the whole document after the insertion,
 * exactly; `‸` marks the cursor.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paramsInsertion } from '../../../src/core/insert';
import { runCases } from './insertHarness';

describe('Insert Best Params in JSON', () => {
  runCases([
    { name: 'a whole object in an empty file', languageId: 'json', document: ['‸'], expected: ['{', '  "lr": 0.0031,', '  "units": 64', '}'], kind: 'json-object', description: 'a JSON object' },
    {
      name: 'a comma before, when the member before lacks one (cursor at its end)',
      languageId: 'json',
      document: ['{', '  "epochs": 3‸', '}'],
      expected: ['{', '  "epochs": 3,', '  "lr": 0.0031,', '  "units": 64', '}'],
      kind: 'json-members',
      description: 'JSON members',
    },
    {
      name: 'a comma before, when the member before lacks one (cursor on the next line)',
      languageId: 'json',
      document: ['{', '    "epochs": 3', '    ‸', '}'],
      expected: ['{', '    "epochs": 3,', '    "lr": 0.0031,', '    "units": 64', '}'],
      kind: 'json-members',
    },
    {
      name: 'a comma after, when a member follows',
      languageId: 'json',
      document: ['{', '  ‸', '  "epochs": 3', '}'],
      expected: ['{', '  "lr": 0.0031,', '  "units": 64,', '  "epochs": 3', '}'],
      kind: 'json-members',
    },
    { name: 'commas on both sides on one line', languageId: 'json', document: ['{"epochs": 3, ‸"seed": 1}'], expected: ['{"epochs": 3, "lr": 0.0031, "units": 64, "seed": 1}'], kind: 'json-members' },
    { name: 'no comma in an empty object', languageId: 'json', document: ['{‸}'], expected: ['{"lr": 0.0031, "units": 64}'], kind: 'json-members' },
    {
      name: 'an object as a key’s value, at the file’s indent, with the comma the next member needs',
      languageId: 'json',
      document: ['{', '    "params": ‸', '    "seed": 1', '}'],
      expected: ['{', '    "params": {', '        "lr": 0.0031,', '        "units": 64', '    },', '    "seed": 1', '}'],
      kind: 'json-object',
    },
    {
      name: 'an object as an array element',
      languageId: 'json',
      document: ['[', '  {"lr": 0.1}‸', ']'],
      expected: ['[', '  {"lr": 0.1},', '  {"lr": 0.0031, "units": 64}', ']'],
      kind: 'json-object',
    },
    {
      name: 'JSON with comments: a comment after the last member is not a member',
      languageId: 'jsonc',
      document: ['{', '  // tuned by Tuneboard', '  "epochs": 3, // fixed', '  ‸', '}'],
      expected: ['{', '  // tuned by Tuneboard', '  "epochs": 3, // fixed', '  "lr": 0.0031,', '  "units": 64', '}'],
      kind: 'json-members',
    },
    {
      name: 'CRLF and float params written 1.0',
      languageId: 'json',
      document: ['{', '  ‸', '}'],
      params: { momentum: 1, units: 64 },
      floatParams: ['momentum'],
      expected: ['{', '  "momentum": 1.0,', '  "units": 64', '}'],
      kind: 'json-members',
      eol: '\r\n',
    },
  ]);
});

describe('Insert Best Params in YAML', () => {
  runCases([
    {
      name: 'keys at the cursor’s indentation',
      languageId: 'yaml',
      document: ['search:', '  trials: 30', '  ‸'],
      expected: ['search:', '  trials: 30', '  lr: 0.0031', '  units: 64'],
      kind: 'yaml-mapping',
      description: 'YAML keys',
    },
    {
      name: 'a mapping under `key:` at the end of its line, indented by the file’s step',
      languageId: 'yaml',
      document: ['search:', '    trials: 30', 'params:‸', 'seed: 1'],
      expected: ['search:', '    trials: 30', 'params:', '    lr: 0.0031', '    units: 64', 'seed: 1'],
      kind: 'yaml-mapping',
      description: 'a YAML mapping under params',
    },
    {
      name: 'a mapping under `key:` from the blank line below it',
      languageId: 'yaml',
      document: ['model:', '‸', 'seed: 1'],
      expected: ['model:', '  lr: 0.0031', '  units: 64', 'seed: 1'],
      kind: 'yaml-mapping',
      description: 'under model',
    },
    {
      name: 'siblings of `key: value` at the end of its line',
      languageId: 'yaml',
      document: ['search:', '  trials: 30‸', 'seed: 1'],
      expected: ['search:', '  trials: 30', '  lr: 0.0031', '  units: 64', 'seed: 1'],
      kind: 'yaml-mapping',
    },
    {
      name: 'a sequence item’s mapping after `- `',
      languageId: 'yaml',
      document: ['runs:', '  - ‸'],
      expected: ['runs:', '  - lr: 0.0031', '    units: 64'],
      kind: 'yaml-mapping',
    },
    {
      name: 'quoted only where YAML would read something else',
      languageId: 'yaml',
      document: ['‸'],
      params: { act: 'relu', answer: 'yes', note: 'a: b', quote: "it's", 'model.lr': 0.0031, count: '64', empty: null, bn: false },
      expected: ['act: relu', "answer: 'yes'", "note: 'a: b'", "quote: 'it''s'", 'model.lr: 0.0031', "count: '64'", 'empty: null', 'bn: false'],
      kind: 'yaml-mapping',
    },
    {
      name: 'CRLF under a key',
      languageId: 'yaml',
      document: ['model:‸', ''],
      expected: ['model:', '  lr: 0.0031', '  units: 64', ''],
      kind: 'yaml-mapping',
      eol: '\r\n',
    },
  ]);
});

describe('Insert Best Params in shell scripts and Makefiles', () => {
  runCases([
    { name: 'flags after the command', languageId: 'shellscript', document: ['python train.py ‸'], expected: ['python train.py --lr 0.0031 --units 64'], kind: 'shell-flags', description: '--name value flags' },
    { name: 'a space before the flags where the cursor ends a word', languageId: 'shellscript', document: ['python train.py‸ --epochs 3'], expected: ['python train.py --lr 0.0031 --units 64 --epochs 3'], kind: 'shell-flags' },
    { name: 'a space after the flags where a word follows', languageId: 'shellscript', document: ['python train.py ‸--epochs 3'], expected: ['python train.py --lr 0.0031 --units 64 --epochs 3'], kind: 'shell-flags' },
    {
      name: 'one flag per line in a command continued with backslashes',
      languageId: 'shellscript',
      document: ['python train.py \\', '  --epochs 3 \\', '  ‸'],
      expected: ['python train.py \\', '  --epochs 3 \\', '  --lr 0.0031 \\', '  --units 64'],
      kind: 'shell-flags',
    },
    {
      name: 'continued before more flags',
      languageId: 'shellscript',
      document: ['python train.py \\', '  ‸--epochs 3'],
      expected: ['python train.py \\', '  --lr 0.0031 \\', '  --units 64 \\', '  --epochs 3'],
      kind: 'shell-flags',
    },
    {
      name: 'strings quoted for the shell',
      languageId: 'shellscript',
      document: ['python train.py ‸'],
      params: { label: `it's "a" $HOME`, act: 'relu', bn: true, schedule: null },
      expected: [`python train.py --label 'it'\\''s "a" $HOME' --act relu --bn true --schedule None`],
      kind: 'shell-flags',
    },
    {
      name: 'a Makefile recipe doubles `$` for make',
      languageId: 'makefile',
      document: ['train:', '\tpython train.py ‸'],
      params: { label: 'cost $5', lr: 0.0031 },
      expected: ['train:', "\tpython train.py --label 'cost $$5' --lr 0.0031"],
      kind: 'shell-flags',
    },
  ]);
});

describe('Insert Best Params in Markdown', () => {
  runCases([
    {
      name: 'a table with a caption, blank lines around it',
      languageId: 'markdown',
      document: ['# Results', '‸', 'More text.'],
      expected: ['# Results', '', 'Best params of study iris: trial #5, val_accuracy = 0.95', '', '| param | value |', '| --- | --- |', '| lr | 0.0031 |', '| units | 64 |', '', 'More text.'],
      kind: 'markdown-table',
      description: 'a Markdown table',
    },
    {
      name: 'a cursor inside a paragraph splits it; cells escape Markdown',
      languageId: 'markdown',
      document: ['Before ‸after'],
      params: { 'a|b': 'x*y', note: 'two\nlines', _private: true },
      expected: ['Before ', '', 'Best params of study iris: trial #5, val_accuracy = 0.95', '', '| param | value |', '| --- | --- |', '| a\\|b | x\\*y |', '| note | two<br>lines |', '| \\_private | true |', '', 'after'],
      kind: 'markdown-table',
    },
  ]);
});

describe('Insert a Pareto front trial in Markdown', () => {
  it('names the trade-off it is, with every objective’s value, and never calls it the best', () => {
    const source = { study: 'fashion', trial: 12, objectives: [{ metric: 'val_accuracy', value: 0.88 }, { metric: 'parameter_count', value: 5130 }] };
    const result = paramsInsertion({ languageId: 'markdown', text: '', offset: 0, params: { lr: 0.01 }, source });
    if ('error' in result) assert.fail(result.error);
    assert.equal(result.text.split('\n')[0], 'Params of study fashion, Pareto front trial #12, val_accuracy = 0.88, parameter_count = 5130');
  });
});
