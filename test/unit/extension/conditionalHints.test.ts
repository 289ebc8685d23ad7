/**
 * Code hints over a conditional study (the fixture: Python Optuna's journal, its config, train.py as
 * the apply: target, in a real Studies index): where train.py names a param the best trial did not
 * take, the inlay hint and hover say it is inactive there and why, and offer no value to apply.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hoverBody, inlayHintText } from '../../../src/extension/codeHints/hintText';
import { findParamSites, studiesForFile } from '../../../src/extension/codeHints/paramSites';
import { StudyIndex } from '../../../src/extension/studies/studyIndex';
import { CONDITIONAL_CONFIG, CONDITIONAL_JOURNAL, CONDITIONAL_TRAIN_PY } from '../../fixtures/conditional';

let workspace: string;
let index: StudyIndex;

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'tuneboard-conditional-hints-'));
  mkdirSync(join(workspace, '.tuneboard'));
  copyFileSync(CONDITIONAL_CONFIG, join(workspace, 'conditional.tune.yaml'));
  copyFileSync(CONDITIONAL_TRAIN_PY, join(workspace, 'train.py'));
  copyFileSync(CONDITIONAL_JOURNAL, join(workspace, '.tuneboard', 'conditional.jsonl'));
  index = new StudyIndex({ roots: [workspace] });
  await index.start();
});

after(async () => {
  await index?.dispose();
  rmSync(workspace, { recursive: true, force: true });
});

describe('code hints: a param inactive in the best trial', () => {
  const sitesOfTrainPy = () => {
    const file = join(workspace, 'train.py');
    const hints = studiesForFile(file, index.studies(), (config) => index.config(config), 'applyTargets');
    assert.equal(hints.length, 1);
    assert.equal(hints[0]?.best?.number, 1); // adam, one layer
    return findParamSites(readFileSync(file, 'utf8'), file, hints);
  };

  it('marks the sites of the branches the best trial did not take, with the parent value behind each', () => {
    const sites = sitesOfTrainPy();
    const inactive = Object.fromEntries(sites.filter((s) => s.inactive !== undefined).map((s) => [s.param, s.inactive]));
    assert.deepEqual(inactive, {
      momentum: 'inactive in trial #1 (optimizer = adam)',
      nesterov: 'inactive in trial #1 (optimizer = adam)',
      units_1: 'inactive in trial #1 (layers = 1)',
      units_2: 'inactive in trial #1 (layers = 1)',
    });
    assert.deepEqual(sites.filter((s) => s.inactive === undefined).map((s) => s.param).sort(), ['beta1', 'layers', 'lr', 'optimizer', 'units_0']);
  });

  it('says so in the inlay hint and the hover, with the range of the top trials that have it and no value to apply', () => {
    const momentum = sitesOfTrainPy().find((s) => s.param === 'momentum');
    assert.ok(momentum);
    assert.equal(inlayHintText(momentum).label, ' · inactive in best (#1)');
    assert.match(inlayHintText(momentum).tooltip, /momentum is inactive in trial #1 \(optimizer = adam\), the best .*; Apply leaves it as it is/);
    const hover = hoverBody(momentum, '0.0', () => 'command:apply').join('\n');
    assert.match(hover, /does not have it: inactive in trial \\#1 \\\(optimizer = adam\\\); Apply leaves `0\.0` as it is/);
    assert.match(hover, /Top \d+ trials that have it: 0\\\.5 – 0\\\.9/);
    assert.doesNotMatch(hover, /command:apply/);
  });
});
