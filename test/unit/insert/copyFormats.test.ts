/**
 * The Copy formats (`tuneboard best --format`, the editor's Copy Best Params) spell shell arguments
 * and Python literals by the same rule as Insert Best Params, and Copy picks its first format from
 * the active editor's language.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { floatDistribution, intDistribution, type ParamValue } from '../../../src/core/distributions';
import { paramValueText } from '../../../src/core/insert';
import { formatArgs, formatForLanguage, formatTrialParams } from '../../../src/core/studyView/paramFormats';
import type { FrozenTrial } from '../../../src/core/trial';

function trialWith(params: Record<string, ParamValue>, value: number | null): FrozenTrial {
  return {
    id: 7, number: 7, state: 'complete', value, values: value === null ? null : [value], params, intermediateValues: new Map(), userAttrs: {}, systemAttrs: {}, datetimeStart: null, datetimeComplete: null,
    distributions: { dropout: floatDistribution(0, 0.5, { step: 0.05 }), lr: floatDistribution(1e-4, 1e-1, { log: true }), units: intDistribution(8, 256), zero: floatDistribution(0, 1) },
  };
}

const STUDY = { name: 'iris', metric: 'val_accuracy' };

describe('Copy formats share the insertion’s spelling', () => {
  it('Python: floats as precise as their range needs, whole floats with a point, True/False/None, escapes, inf', () => {
    const trial = trialWith({ dropout: 3 * 0.05, lr: 0.0003338320367040979, units: 64, bn: true, schedule: null, label: 'it\'s "a"\n', zero: 0 }, -Infinity);
    assert.equal(
      formatTrialParams(STUDY, trial, 'python', 'best'),
      [
        '# best trial #7 of study "iris": val_accuracy = -float("inf")',
        'best_params = {',
        '    "dropout": 0.15,',
        '    "lr": 0.0003338,', // within 1e-4 of the value (a log range): 4 digits
        '    "units": 64,',
        '    "bn": True,',
        '    "schedule": None,',
        '    "label": "it\'s \\"a\\"\\n",',
        '    "zero": 0.0,',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('args: the same short floats and shell words as inserted flags', () => {
    const params = { dropout: 3 * 0.05, units: 64, label: "it's", schedule: null, bn: false };
    assert.equal(formatArgs(params), `--dropout 0.15 --units 64 --label 'it'\\''s' --schedule None --bn false`);
    for (const [name, value] of Object.entries(params)) assert.ok(formatArgs(params).includes(`--${name} ${paramValueText('shellscript', value)}`), name);
  });

  it('JSON keeps full precision, for programs', () => {
    const json = JSON.parse(formatTrialParams(STUDY, trialWith({ dropout: 3 * 0.05 }, 0.9), 'json')) as { params: { dropout: number } };
    assert.equal(json.params.dropout, 3 * 0.05);
  });
});

describe('Copy Best Params defaults to the active editor’s language', () => {
  const cases: [string, string][] = [
    ['python', 'python'],
    ['yaml', 'yaml'],
    ['shellscript', 'args'],
    ['makefile', 'args'],
    ['json', 'json'],
    ['jsonc', 'json'],
    ['typescript', 'json'],
    ['markdown', 'json'],
    ['plaintext', 'json'],
  ];
  for (const [languageId, format] of cases) it(`${languageId} → ${format}`, () => assert.equal(formatForLanguage(languageId), format));
});
