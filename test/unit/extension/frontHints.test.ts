/**
 * Code hints of a multi-objective study: no single "best" claim. The inlay hint names the param's range
 * over the Pareto front, the hover each front trial's value (as Apply would write it) with every
 * objective's value and an Apply link where the file differs; a single-objective study's hint reads as
 * before.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { METRIC_NAMES_ATTR } from '../../../src/core/studyView';
import type { Distribution } from '../../../src/core/distributions';
import type { Direction, FrozenTrial } from '../../../src/core/trial';
import { hoverBody, inlayHintText } from '../../../src/extension/codeHints/hintText';
import { findParamSites, type HintStudy, offeredTrials } from '../../../src/extension/codeHints/paramSites';
import { buildSummaries, type JournalSnapshot, type StudySummary } from '../../../src/extension/studies/studySummary';

const START = new Date('2026-03-01T10:00:00Z');
const DISTRIBUTIONS: Record<string, Distribution> = { lr: { type: 'float', low: 1e-4, high: 0.1, log: true, step: null }, units: { type: 'int', low: 16, high: 256, log: false, step: 1 } };

function trial(number: number, values: readonly number[], lr: number, units: number): FrozenTrial {
  return {
    id: number, number, state: 'complete', value: values[0] ?? null, values, params: { lr, units }, distributions: DISTRIBUTIONS,
    intermediateValues: new Map(), userAttrs: {}, systemAttrs: {}, datetimeStart: START, datetimeComplete: new Date(START.getTime() + 1000),
  };
}

function summary(trials: readonly FrozenTrial[], directions: readonly Direction[], metrics: readonly string[]): StudySummary {
  const journal: JournalSnapshot = {
    path: '/w/.tuneboard/s.jsonl',
    studies: [{ id: 0, name: 'cnn', direction: directions[0] ?? 'minimize', directions, userAttrs: {}, systemAttrs: { [METRIC_NAMES_ATTR]: [...metrics] } }],
    trialsOf: () => trials,
    problem: null,
    modified: START,
  };
  const [built] = buildSummaries([], [journal]);
  assert.ok(built);
  return built;
}

function hintOf(study: StudySummary): HintStudy {
  const offered = offeredTrials(study);
  assert.ok(offered);
  return { study, ...offered, map: {}, isTarget: true };
}

// Maximise accuracy, minimise size: #0, #1 and #3 are the front; #2 is dominated by #1.
const MO_TRIALS = [trial(0, [0.8, 100], 0.001, 32), trial(1, [0.9, 400], 0.01, 64), trial(2, [0.85, 500], 0.02, 128), trial(3, [0.95, 900], 0.05, 128)];
const SCRIPT = 'lr = 0.01\nunits = 200\n';

describe('code hints of a multi-objective study', () => {
  const study = summary(MO_TRIALS, ['maximize', 'minimize'], ['val_accuracy', 'size']);
  const sites = findParamSites(SCRIPT, 'train.py', [hintOf(study)]);
  const lr = sites.find((s) => s.param === 'lr');
  const units = sites.find((s) => s.param === 'units');

  it('speaks through the Pareto front (by the first objective), not a best', () => {
    const offered = offeredTrials(study);
    assert.equal(offered?.best, null);
    assert.deepEqual(offered?.trials.map((t) => t.number), [3, 1, 0]);
    assert.equal(offeredTrials(summary([], ['maximize', 'minimize'], ['a', 'b'])), null, 'no front yet: no hints');
  });

  it('gives each front trial’s value at a site; the file differs only when it has none of them', () => {
    assert.ok(lr && units);
    assert.deepEqual(lr.values.map((v) => [v.trial.number, v.text, v.unchanged]), [[3, '0.05', false], [1, '0.01', true], [0, '0.001', false]]);
    assert.equal(lr.differs, false, 'lr = 0.01 is #1’s value');
    assert.equal(units.differs, true);
  });

  it('the inlay hint names the range over the front and never a best', () => {
    assert.ok(units);
    const text = inlayHintText(units);
    assert.equal(text.label, ' · front 32 – 128 (3 trials)');
    assert.doesNotMatch(text.label, /best/);
    assert.equal(text.tooltip, 'cnn has no single best (max val_accuracy, min size): units over its Pareto front of 3 trials: 128 (#3), 64 (#1), 32 (#0)');
  });

  it('the hover lists the front trials with every objective, an Apply link on each value the file does not have', () => {
    assert.ok(lr);
    const body = hoverBody(lr, '0.01', (text) => `cmd:${text}`).join('\n\n');
    assert.doesNotMatch(body, /[Bb]est:/);
    assert.match(body, /Pareto front: 3 trials, no single best; here `0\.01` — as in #1/);
    assert.match(body, /- `0\.05` in #3 \(val\\_accuracy = 0\\\.95, size = 900\) · \[Apply\]\(cmd:0\.05\)/);
    assert.match(body, /- `0\.01` in #1 \(val\\_accuracy = 0\\\.9, size = 400\) — as here/);
    assert.match(body, /Over the front: 0\\\.001 – 0\\\.05/);
  });
});

describe('code hints of a single-objective study', () => {
  it('read as before: best value and trial', () => {
    const study = summary([trial(0, [0.5], 0.001, 32), trial(1, [0.25], 0.02, 64)], ['minimize'], ['loss']);
    const [site] = findParamSites('lr = 0.01\n', 'train.py', [hintOf(study)]);
    assert.ok(site);
    assert.equal(site.differs, true);
    assert.deepEqual(inlayHintText(site), { label: ' · best 0.02 (#1)', tooltip: 'cnn: trial #1 has lr = 0.02 (loss = 0.25)' });
    assert.match(hoverBody(site, '0.01', () => '')[1] ?? '', /^Best: `0\.02` in trial #1 \(loss = 0\.25\); here `0\.01`$/);
  });
});
