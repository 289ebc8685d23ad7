import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { languageForFile } from '../../../src/core/apply';
import { applyParams, lines, lookedFor } from './applyHelpers';

describe('apply params to YAML', () => {
  it('rewrites top-level keys keeping comments and alignment, and lists nested keys of the same name as skipped', () => {
    const source = lines(
      '# training settings',
      'lr:     0.01   # the step size',
      'model:',
      '  units: 32',
      '  head: { units: 8, act: relu }',
      'stages:',
      '  - lr: 0.1',
      'units: 16',
      '',
    );
    const { text, lines: edited, plan } = applyParams(source, 'params.yaml', { lr: 0.5, units: 64 });
    assert.equal(text, source.replace('lr:     0.01', 'lr:     0.5').replace('units: 16', 'units: 64'));
    assert.deepEqual(edited, { lr: [2], units: [8] });
    const skipped = plan.placed.flatMap((p) => p.skipped.map((s) => `${p.param} ${s.line} ${s.found}`));
    assert.deepEqual(skipped, ['lr 7 lr: 0.1', 'units 4 units: 32', 'units 5 units: 8']);
    assert.equal(plan.placed[1]?.skipped[1]?.why, 'it is nested under model.head; a name matches top-level keys only, so map the param to model.head.units (apply: map:) to write this one');
  });

  it('writes a nested key only through a map: path from the top, and reports one found only deeper', () => {
    const source = lines('scheduler:', '  warmup:', '    lr: 1.0e-6', 'optimizer:', '  lr: 0.1', 'model:', '  optimizer:', '    lr: 0.2');
    const { text, plan } = applyParams(source, 'p.yaml', { lr: 0.05, momentum: 0.9 }, { lr: 'optimizer.lr', momentum: 'sgd.momentum' });
    assert.equal(text, source.replace('lr: 0.1', 'lr: 0.05'));
    assert.deepEqual(plan.placed[0]?.skipped.map((s) => [s.line, s.why]), [[8, 'it is nested under model.optimizer; a name matches top-level keys only, so map the param to model.optimizer.lr (apply: map:) to write this one']]);
    const unmapped = applyParams(source, 'p.yaml', { lr: 0.05 });
    assert.equal(unmapped.text, source);
    assert.match(lookedFor(unmapped.plan.missing[0]), /^a "lr:" key at the top level \(nested ones only through apply: map:\); found `lr: 1\.0e-6` at line 3, but it is nested under scheduler\.warmup;/);
    assert.equal(lookedFor(plan.missing[0]), 'the nested keys sgd → momentum from the top level (or a "sgd.momentum:" key there)');
  });

  it('keeps the quote style of strings and quotes a plain string only when it must', () => {
    const source = lines("a: 'relu'", 'b: "relu"', 'c: relu', 'd: relu', 'e: relu', 'f: 3', 'g: |', '  text', 'h: x');
    const { text } = applyParams(source, 'p.yml', { a: "it's", b: 'tab\there', c: 'tanh', d: 'yes', e: '1e-3', f: 'elu', g: 'line', h: 'a: b' });
    assert.equal(text, lines("a: 'it''s'", 'b: "tab\\there"', 'c: tanh', "d: 'yes'", "e: '1e-3'", 'f: elu', 'g: "line"', "h: 'a: b'"));
    assert.deepEqual(parse(text), { a: "it's", b: 'tab\there', c: 'tanh', d: 'yes', e: '1e-3', f: 'elu', g: 'line', h: 'a: b' });
  });

  it('writes numbers, booleans and null so YAML 1.1 readers (PyYAML) read the same types', () => {
    const source = lines('epochs: 10', 'lr: 0.1', 'wd: 1.0e-4', 'tiny: 0.5', 'bn: False', 'norm: ~', 'empty:', 'drop: 0.2');
    const { text } = applyParams(source, 'p.yaml', { epochs: 64, lr: 1, wd: 2.5e-5, tiny: 1e-7, bn: true, norm: null, empty: 3, drop: null });
    assert.equal(text, lines('epochs: 64', 'lr: 1.0', 'wd: 2.5e-5', 'tiny: 1.0e-7', 'bn: True', 'norm: ~', 'empty: 3', 'drop: null'));
    assert.deepEqual(parse(text), { epochs: 64, lr: 1, wd: 2.5e-5, tiny: 1e-7, bn: true, norm: null, empty: 3, drop: null });
  });

  it('leaves maps, lists, aliases and tagged values alone and says so', () => {
    const source = lines('base: &b 0.1', 'lr: *b', 'units: [8, 16]', 'act:', '  name: relu', 'drop: !!float 1');
    const { plan } = applyParams(source, 'p.yaml', { lr: 0.2, units: 8, act: 'tanh', drop: 0.5 });
    assert.deepEqual(plan.placed, []);
    const reasons = Object.fromEntries(plan.missing.map((m) => [m.param, lookedFor(m)]));
    assert.match(reasons.lr ?? '', /found `lr: \*b` at line 2, but its value is an alias \(\*b\)/);
    assert.match(reasons.units ?? '', /found `units: \[8, 16\]` at line 3, but its value is a list/);
    assert.match(reasons.act ?? '', /found `act:` at line 4, but its value is a map/);
    assert.match(reasons.drop ?? '', /explicit tag/);
  });

  it('keeps anchors, matches whole keys, and reads a dotted name as nested keys', () => {
    const source = lines('base_lr: 0.1', 'optimizer:', '  lr: &x 0.2', 'scheduler:', '  lr: 0.3', 'lr_decay: 0.5');
    const { text } = applyParams(source, 'p.yaml', { learning_rate: 0.05 }, { learning_rate: 'optimizer.lr' });
    assert.equal(text, lines('base_lr: 0.1', 'optimizer:', '  lr: &x 0.05', 'scheduler:', '  lr: 0.3', 'lr_decay: 0.5'));
  });

  it('edits every document of a multi-document file', () => {
    const { lines: edited } = applyParams('lr: 0.1\n---\nlr: 0.2\n', 'p.yaml', { lr: 0.3 });
    assert.deepEqual(edited, { lr: [1, 3] });
  });
});

describe('apply params to JSON', () => {
  it('rewrites top-level keys and keeps the layout; a nested key is written through a map: path and listed otherwise', () => {
    const source = lines('{', '  "lr": 0.01,', '  "model": {"units": 32, "layers": [1, {"units": 4}]},', '  "base_lr": 1', '}');
    const { text, lines: edited, plan } = applyParams(source, 'p.json', { lr: 0.5, units: 64 });
    assert.equal(text, source.replace('"lr": 0.01', '"lr": 0.5'));
    assert.deepEqual(edited, { lr: [2] });
    assert.deepEqual(plan.missing[0]?.skipped.map((s) => [s.line, s.found]), [[3, '"units": 32'], [3, '"units": 4']]);
    assert.match(plan.missing[0]?.skipped[1]?.why ?? '', /nested under model\.layers; .* map the param to model\.layers\.units/);
    const mapped = applyParams(source, 'p.json', { units: 64 }, { units: 'model.units' });
    assert.equal(mapped.text, source.replace('"units": 32', '"units": 64'));
  });

  it('escapes strings as JSON and writes true/false/null and numbers', () => {
    const source = '{"act": "relu", "note": 1, "bn": false, "norm": "x", "lr": 0.1, "tiny": 0.5}';
    const { text } = applyParams(source, 'p.json', { act: 'say "hi"\\\n', note: 'é\u0001', bn: true, norm: null, lr: 1, tiny: 1e-7 });
    assert.deepEqual(JSON.parse(text), { act: 'say "hi"\\\n', note: 'é\u0001', bn: true, norm: null, lr: 1, tiny: 1e-7 });
    assert.equal(text, '{"act": "say \\"hi\\"\\\\\\n", "note": "é\\u0001", "bn": true, "norm": null, "lr": 1.0, "tiny": 1e-7}');
  });

  it('tolerates comments and trailing commas (JSONC), and never matches strings that are values', () => {
    const source = lines('{', '  // "lr": 0.1', '  "name": "lr",', '  /* "lr": 2 */ "lr": 0.3, // the rate', '  "list": ["lr", 0.4],', '}');
    const { text, lines: edited } = applyParams(source, 'settings.jsonc', { lr: 0.7 });
    assert.equal(text, source.replace('"lr": 0.3', '"lr": 0.7'));
    assert.deepEqual(edited, { lr: [4] });
  });

  it('leaves objects and arrays alone and reports them; dotted names follow nesting', () => {
    const source = '{"optim": {"lr": 0.1}, "sched": {"lr": 0.2}, "units": [8]}';
    const { text, plan } = applyParams(source, 'p.json', { lr: 0.3, units: 8, optim: 1 }, { lr: 'sched.lr' });
    assert.equal(text, '{"optim": {"lr": 0.1}, "sched": {"lr": 0.3}, "units": [8]}');
    const reasons = Object.fromEntries(plan.missing.map((m) => [m.param, lookedFor(m)]));
    assert.match(reasons.units ?? '', /found `"units": \[` at line 1, but its value is an array/);
    assert.match(reasons.optim ?? '', /its value is an object/);
  });
});

describe('the language of a file', () => {
  it('comes from the extension; other files are reported, not guessed', () => {
    assert.deepEqual(
      ['a.yaml', 'b.YML', 'c.json', 'd.jsonc', 'e.py', 'f.mjs', 'g.cjs', 'h.ts', 'i.tsx', 'dir.v1/j.toml', 'Makefile'].map(languageForFile),
      ['yaml', 'yaml', 'json', 'json', 'python', 'javascript', 'javascript', 'typescript', 'typescript', null, null],
    );
    const { plan } = applyParams('lr = 0.1', 'conf/params.toml', { lr: 0.2 });
    assert.equal(plan.language, null);
    assert.match(lookedFor(plan.missing[0]), /not params\.toml/);
  });
});
