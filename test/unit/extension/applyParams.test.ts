// The editor's Apply (src/extension/apply/applyParams.ts) against a small fake of the editor: it plans
// with the same core plan as `tuneboard apply` (nested keys and function defaults left alone and
// listed), and refuses the whole Apply when a target lies outside the workspace folder, saying which
// target, which folder and what to do instead.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { floatDistribution, intDistribution } from '../../../src/core/distributions';
import { editor, installEditorFakes, resetEditor } from './applyFakes';

type ApplyParams = typeof import('../../../src/extension/apply/applyParams').applyParams;

const root = realpathSync(mkdtempSync(join(tmpdir(), 'tuneboard-editor-apply-')));
const ws = join(root, 'ws');
let applyParams: ApplyParams;

before(() => {
  installEditorFakes();
  // Loaded only now, so that it sees the fake's additions.
  ({ applyParams } = createRequire(__filename)('../../../src/extension/apply/applyParams') as { applyParams: ApplyParams });
});
after(() => rmSync(root, { recursive: true, force: true }));

beforeEach(() => {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(ws, { recursive: true });
  mkdirSync(join(root, 'outside'));
  writeFileSync(join(ws, 'params.yaml'), 'lr: 0.05\nscheduler:\n  warmup:\n    lr: 1.0e-6\n');
  writeFileSync(join(ws, 'train.py'), 'def warmup(step, lr=1e-6):\n    return lr\nunits = 8\n');
  writeFileSync(join(root, 'outside', 'settings.json'), '{"lr": 0.5}\n');
  resetEditor(ws);
});

const channel = { appendLine: (line: string) => void editor.output.push(line), show: () => undefined } as unknown as Parameters<ApplyParams>[1];
const messages = (): string[] => editor.messages.map((m) => m.text);
const textOf = (file: string): string => editor.documents.get(join(ws, file))?.getText() ?? readFileSync(join(ws, file), 'utf8');

function writeConfig(targets: readonly string[]): string {
  const path = join(ws, 'exp.tune.yaml');
  const apply = targets.map((file) => `  - { file: ${file} }\n`).join('');
  writeFileSync(path, `name: exp\nobjective: loss\nspace:\n  lr: { float: [1.0e-4, 1.0], log: true }\n  units: { int: [8, 128] }\ntrial: { command: [python3, train.py] }\napply:\n${apply}`);
  return path;
}

const DISTRIBUTIONS = { lr: floatDistribution(1e-4, 1, { log: true }), units: intDistribution(8, 128) };
const request = (configPath: string, lr = 0.003) => ({ study: 'exp', studyKey: 'key-of-exp', trialNumber: 4, params: { lr, units: 64 }, distributions: DISTRIBUTIONS, configPath });

describe("the editor's Apply", () => {
  it('writes top-level keys and assignments only, and lists the nested key and the function default it left alone', async () => {
    const done = await applyParams(request(writeConfig(['params.yaml', 'train.py'])), channel);
    assert.equal(done, true);
    assert.equal(textOf('params.yaml'), 'lr: 0.003\nscheduler:\n  warmup:\n    lr: 1.0e-6\n');
    assert.equal(textOf('train.py'), 'def warmup(step, lr=1e-6):\n    return lr\nunits = 64\n');
    assert.ok(editor.output.includes('  params.yaml:4: lr: left `lr: 1.0e-6` alone: it is nested under scheduler.warmup; a name matches top-level keys only, so map the param to scheduler.warmup.lr (apply: map:) to write this one'), editor.output.join('\n'));
    assert.ok(editor.output.some((line) => line.startsWith('  train.py:1: lr: left `lr=1e-6` alone: it is a default of warmup()')), editor.output.join('\n'));
    assert.deepEqual(messages(), ['Tuneboard: Applied trial #4 of exp: lr in params.yaml (unsaved); units in train.py (unsaved).'], 'every param was placed somewhere: no warning');
  });

  it('refuses a target outside the workspace folder, naming the config line, the target and the folder, and writes nothing', async () => {
    const done = await applyParams(request(writeConfig(['params.yaml', '../outside/settings.json'])), channel);
    assert.equal(done, false);
    assert.equal(editor.previews, 0);
    assert.equal(messages().length, 1);
    assert.equal(
      messages()[0],
      `Tuneboard: Apply refused (exp.tune.yaml line 9): apply target ../outside/settings.json is outside the workspace folder ${ws} (it is ${join(root, 'outside', 'settings.json')}); Apply writes only inside it. ` +
        'Move the file into the workspace folder, or run `tuneboard apply --allow-outside` in a terminal to write it anyway.',
    );
    assert.match(editor.output.join('\n'), /exp\.tune\.yaml:9:13: apply target \.\.\/outside\/settings\.json is outside the workspace folder/);
  });

  it('says what changed only after the preview closed, and Save saves exactly the changed documents', async () => {
    editor.answers.push('Save');
    await applyParams(request(writeConfig(['params.yaml', 'train.py'])), channel);
    assert.deepEqual(editor.messages, [{ text: 'Tuneboard: Applied trial #4 of exp: lr in params.yaml (unsaved); units in train.py (unsaved).', items: ['Save'] }]);
    assert.ok(!editor.output.slice(0, editor.outputAtPreview[0]).some((line) => line.includes('✔')), 'nothing logged as applied while the preview was open');
    assert.deepEqual(editor.output.slice(-2), ['✔ Applied trial #4 of exp: lr in params.yaml (unsaved); units in train.py (unsaved)', '✔ saved params.yaml, train.py']);
    assert.equal(readFileSync(join(ws, 'params.yaml'), 'utf8').split('\n')[0], 'lr: 0.003');
    assert.match(readFileSync(join(ws, 'train.py'), 'utf8'), /units = 64/);
    assert.equal(readFileSync(join(ws, 'exp.tune.yaml'), 'utf8').includes('lr: 0.003'), false, 'the unticked pin was neither written nor saved');
  });

  it('cancelled in the preview: no notification, and the log says nothing was written', async () => {
    editor.preview = () => false;
    const done = await applyParams(request(writeConfig(['params.yaml', 'train.py'])), channel);
    assert.equal(done, false);
    assert.deepEqual(messages(), []);
    assert.equal(editor.output.at(-1), 'Apply of trial #4 of exp: cancelled in the preview, nothing was written');
  });

  it('names only the params the user kept ticked, and the pin they ticked', async () => {
    editor.preview = (edit) => edit.file !== 'train.py';
    await applyParams(request(writeConfig(['params.yaml', 'train.py'])), channel);
    assert.deepEqual(messages(), ['Tuneboard: Applied trial #4 of exp: lr in params.yaml (unsaved); pinned lr, units in exp.tune.yaml (unsaved); left out units.']);
  });

  it('with auto save after a delay there is nothing to offer: no Save, no "(unsaved)"', async () => {
    editor.autoSave = 'afterDelay';
    await applyParams(request(writeConfig(['params.yaml', 'train.py'])), channel);
    assert.deepEqual(editor.messages, [{ text: 'Tuneboard: Applied trial #4 of exp: lr in params.yaml; units in train.py.', items: [] }]);
  });

  it('writes a sampled float with the precision of its range (log: within 1e-4 of the value), not 17 digits', async () => {
    await applyParams(request(writeConfig(['params.yaml']), 0.02320496157929085), channel);
    assert.equal(textOf('params.yaml').split('\n')[0], 'lr: 0.023205');
  });
});

describe('Apply on a config without apply: targets', () => {
  const NO_TARGETS = 'Tuneboard: exp.tune.yaml has no apply: targets, so there is nowhere to write the params of trial #4. Add a file to apply:, or insert the params at the cursor.';

  it('says so instead of opening an empty preview, and Insert at Cursor inserts this very trial', async () => {
    editor.answers.push('Insert at Cursor');
    const done = await applyParams(request(writeConfig([])), channel);
    assert.equal(done, false);
    assert.equal(editor.previews, 0);
    assert.deepEqual(editor.messages, [{ text: NO_TARGETS, items: ['Add apply: Target…', 'Insert at Cursor'] }]);
    assert.deepEqual(editor.commands, [{ id: 'tuneboard.insertTrialParams', arg: { key: 'key-of-exp', number: 4 } }]);
  });

  it('Add apply: Target… writes the picked file into apply:, saves the config and applies', async () => {
    editor.answers.push('Add apply: Target…');
    editor.quickPick = 'train.py';
    const config = writeConfig([]);
    const done = await applyParams(request(config), channel);
    assert.equal(done, true);
    assert.match(readFileSync(config, 'utf8'), /\napply:\n {2}- \{ file: train\.py \}\n$/);
    assert.equal(messages().at(-1), 'Tuneboard: Applied trial #4 of exp: units in train.py (unsaved).');
    assert.ok(editor.output.includes('✔ added train.py to the apply: targets of exp.tune.yaml'), editor.output.join('\n'));
  });
});
