/**
 * The precision a float param is written with (valueAsWritten): the fewest significant digits, at
 * least 4, that stay inside the distribution and within 1e-4 of the range (of the value on a log
 * scale) of the sampled value; step grids lose only arithmetic noise; ints and choices are untouched.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoricalDistribution, type Distribution, floatDistribution, intDistribution, type ParamValue } from '../../../src/core/distributions';
import { PARAM_PRECISION, paramsAsWritten, valueAsWritten } from '../../../src/core/apply/formatValue';
import { formatTrialParams } from '../../../src/core/studyView/paramFormats';
import type { FrozenTrial } from '../../../src/core/trial';

const linear = floatDistribution(0, 0.1);
const logLr = floatDistribution(1e-4, 1e-1, { log: true });
const wide = floatDistribution(0, 1000);
const CASES: [string, ParamValue, Distribution | undefined, ParamValue][] = [
  ['a linear range: 4 digits are within 1e-4 of the range', 0.02320496157929085, linear, 0.0232],
  ['a log range: within 1e-4 of the value, so 5 digits here', 0.02320496157929085, logLr, 0.023205],
  ['a log range near its low end keeps its own scale', 0.00012345678901234, logLr, 0.00012346],
  ['a wide linear range: 4 digits of a large value', 512.3456789012, wide, 512.3],
  ['a wide linear range: a small value is not rounded to fewer than 4 digits', 0.0123456789, wide, 0.01235],
  ['a step grid loses only noise', 3 * 0.05, floatDistribution(0, 0.5, { step: 0.05 }), 0.15],
  ['a fine step grid keeps every step digit', 0.123457, floatDistribution(0, 1, { step: 1e-6 }), 0.123457],
  ['rounding never leaves the range: 0.99996 in [0, 0.99996] stays', 0.99996, floatDistribution(0, 0.99996), 0.99996],
  ['rounding never crosses the low end', 1.00004e-4, floatDistribution(1.00004e-4, 1, { log: true }), 1.00004e-4],
  ['a whole float stays as it is', 2, floatDistribution(0, 10), 2],
  ['a single-value range keeps the exact value', 0.3333333333333333, floatDistribution(0.3333333333333333, 0.3333333333333333), 0.3333333333333333],
  ['ints are exact', 37, intDistribution(8, 256, { log: true }), 37],
  ['numeric choices are exact', 0.123456789, categoricalDistribution([0.123456789, 0.5]), 0.123456789],
  ['strings are untouched', 'relu', categoricalDistribution(['relu', 'tanh']), 'relu'],
  ['no distribution: as it is', 0.02320496157929085, undefined, 0.02320496157929085],
  ['a value outside its range (enqueued by hand) still gets short digits', 0.5000001234, floatDistribution(0, 0.1), 0.5],
];

describe('float params are written with a precision that fits their range', () => {
  for (const [name, value, distribution, expected] of CASES) {
    it(name, () => {
      const written = valueAsWritten(value, distribution);
      assert.equal(written, expected);
      if (typeof value === 'number' && typeof written === 'number' && distribution?.type === 'float' && distribution.step === null) {
        const scale = distribution.log ? Math.abs(value) : distribution.high - distribution.low;
        assert.ok(Math.abs(written - value) <= scale * PARAM_PRECISION, 'within the tolerance');
      }
    });
  }

  it('paramsAsWritten maps every param by its own distribution', () => {
    assert.deepEqual(paramsAsWritten({ lr: 0.02320496157929085, units: 64, act: 'relu' }, { lr: linear, units: intDistribution(8, 256) }), { lr: 0.0232, units: 64, act: 'relu' });
  });

  it('Copy formats use it, except JSON, which keeps full precision for programs', () => {
    const trial: FrozenTrial = {
      id: 1, number: 1, state: 'complete', value: 0.5, values: [0.5], params: { lr: 0.02320496157929085 }, intermediateValues: new Map(), userAttrs: {}, systemAttrs: {},
      datetimeStart: null, datetimeComplete: null, distributions: { lr: logLr },
    };
    const study = { name: 'iris', metric: 'val_loss' };
    assert.equal(formatTrialParams(study, trial, 'args'), '--lr 0.023205\n');
    assert.equal(formatTrialParams(study, trial, 'yaml'), 'lr: 0.023205\n');
    assert.match(formatTrialParams(study, trial, 'python'), /"lr": 0\.023205,/);
    assert.equal((JSON.parse(formatTrialParams(study, trial, 'json')) as { params: { lr: number } }).params.lr, 0.02320496157929085);
  });
});
