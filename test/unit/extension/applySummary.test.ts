/**
 * What Apply says after the preview closed (pure: src/extension/apply/applySummary.ts), and where a
 * new apply: entry goes in a config (applyTargetEntry.ts): texts as the user sees them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../src/core/config';
import { type AppliedFile, appliedLogLine, appliedMessage, editsMade, filesToSave, paramsMade, type PlannedEdit } from '../../../src/extension/apply/applySummary';
import { applyEntryInsertion } from '../../../src/extension/apply/applyTargetEntry';

const BEFORE = 'lr = 0.1\nunits = 8\nlr2 = 0.1\n';
const LR: PlannedEdit = { start: 5, end: 8, newText: '0.15', param: 'lr' };
const UNITS: PlannedEdit = { start: 17, end: 18, newText: '64', param: 'units' };
const LR2: PlannedEdit = { start: 25, end: 28, newText: '0.15', param: 'lr' };
const ALL = [LR, UNITS, LR2];

describe('which planned edits a document holds after the preview', () => {
  const cases: [string, string, PlannedEdit[] | null][] = [
    ['all of them', 'lr = 0.15\nunits = 64\nlr2 = 0.15\n', ALL],
    ['none (cancelled)', BEFORE, []],
    ['some (unticked units), the new text starting like the old', 'lr = 0.15\nunits = 8\nlr2 = 0.15\n', [LR, LR2]],
    ['an edit ticked, the one after it not', 'lr = 0.1\nunits = 64\nlr2 = 0.1\n', [UNITS]],
    ['null when the text changed otherwise', 'lr = 0.15\nunits = 64 # typed\nlr2 = 0.15\n', null],
  ];
  for (const [name, after, expected] of cases) it(name, () => assert.deepEqual(editsMade(BEFORE, after, ALL), expected));

  it('a param counts as applied when all its edits were made; one of its edits unticked leaves it out', () => {
    assert.deepEqual(paramsMade(ALL, [LR, UNITS]), { params: ['units'], leftOut: ['lr'] });
    assert.deepEqual(paramsMade(ALL, null), { params: ['lr', 'units'], leftOut: [] });
  });
});

describe('the words after an Apply', () => {
  const subject = { study: 'iris', trialNumber: 41 };
  const train: AppliedFile = { file: 'train.py', kind: 'apply', params: ['lr', 'units'], leftOut: [], unsaved: true };

  it('names the trial, the params and the file, and that it is unsaved', () => {
    assert.equal(appliedMessage(subject, [train]), 'Applied trial #41 of iris: lr, units in train.py (unsaved)');
    assert.equal(appliedLogLine(subject, [train]), '✔ Applied trial #41 of iris: lr, units in train.py (unsaved)');
    assert.deepEqual(filesToSave([train]), ['train.py']);
  });

  it('lists each file, pins apart, and params left out of every target', () => {
    const files: AppliedFile[] = [
      { file: 'conf/params.yaml', kind: 'apply', params: ['lr'], leftOut: ['dropout'], unsaved: false },
      { file: 'train.py', kind: 'apply', params: [], leftOut: ['lr'], unsaved: false },
      { file: 'iris.tune.yaml', kind: 'pin', params: ['lr'], leftOut: ['units'], unsaved: true },
    ];
    assert.equal(appliedMessage(subject, files), 'Applied trial #41 of iris: lr in conf/params.yaml; pinned lr in iris.tune.yaml (unsaved); left out dropout');
    assert.deepEqual(filesToSave(files), ['iris.tune.yaml']);
  });

  it('says nothing was written when nothing was kept', () => {
    const cancelled: AppliedFile = { ...train, params: [], leftOut: ['lr', 'units'] };
    assert.equal(appliedMessage(subject, [cancelled]), null);
    assert.equal(appliedLogLine(subject, [cancelled]), 'Apply of trial #41 of iris: cancelled in the preview, nothing was written');
  });
});

describe('a new apply: entry in the config', () => {
  const HEAD = 'name: iris\nobjective: loss\nspace:\n  lr: { float: [1.0e-4, 1.0e-1], log: true }\ntrial: { command: [python3, train.py] }\n';
  const cases: [string, string, string][] = [
    ['no apply: a section at the end', HEAD, `${HEAD}apply:\n  - { file: train.py }\n`],
    ['no line break at the end', HEAD.trimEnd(), `${HEAD}apply:\n  - { file: train.py }\n`],
    ['an empty apply: before another section', `name: iris\napply:\n${HEAD.slice(11)}`, `name: iris\napply:\n  - { file: train.py }\n${HEAD.slice(11)}`],
    ['an empty flow list', `${HEAD}apply: []\n`, `${HEAD}apply: [{ file: train.py }]\n`],
    ['a flow list', `${HEAD}apply: [{ file: a.json }]\n`, `${HEAD}apply: [{ file: a.json }, { file: train.py }]\n`],
    ['a block list, after its last item, at its indent', `${HEAD}apply:\n- file: a.yaml\n  map: { lr: opt.lr }\n# done\n`, `${HEAD}apply:\n- file: a.yaml\n  map: { lr: opt.lr }\n- { file: train.py }\n# done\n`],
  ];
  for (const [name, before, expected] of cases) {
    it(name, () => {
      const insertion = applyEntryInsertion(before, 'train.py');
      assert.ok(!('error' in insertion), JSON.stringify(insertion));
      const after = before.slice(0, insertion.start) + insertion.text + before.slice(insertion.end);
      assert.equal(after, expected);
      const { config, problems } = parseConfig(after, 'iris.tune.yaml');
      assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
      assert.equal(config?.apply.at(-1)?.file, 'train.py');
    });
  }

  it('quotes a path YAML would misread, and refuses an apply: that is not a list', () => {
    const insertion = applyEntryInsertion(HEAD, 'my dir/#1.py');
    assert.ok(!('error' in insertion) && insertion.text.includes('{ file: "my dir/#1.py" }'));
    assert.deepEqual(applyEntryInsertion(`${HEAD}apply: train.py\n`, 'x.py'), { error: 'apply: is not a list of files' });
  });
});
