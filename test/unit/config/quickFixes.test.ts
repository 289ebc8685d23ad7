// Quick fixes carried by parseConfig's problems: every did-you-mean has one and applying it clears the
// problem; a range written high-first is swapped as spelt; the edits are exact offsets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig, type ConfigProblem } from '../../../src/core/config';
import { brokenFixtures } from '../../fixtures/configs';
import { applyEdits, COMMAND_CONFIG, CONDITIONAL, DIGITS, IRIS } from './cursorAt';

/**
 * Real configs with one slip each, as a user makes them: every kind of did-you-mean the parser has.
 * `fixed` is the slipped text after the fixes, where it is not `from` again.
 */
const SLIPS: readonly (readonly [config: string, from: string, to: string, fixed?: string])[] = [
  [IRIS, 'search:', 'serach:'],
  [IRIS, '  trials: 60', '  trails: 60'],
  [IRIS, 'direction: maximize', 'direction: maximise'],
  [IRIS, 'metric: val_accuracy', 'metric: val_acuracy'],
  [IRIS, 'sampler: tpe', 'sampler: tpee'],
  [IRIS, '{ type: asha', '{ type: ashaa'],
  [IRIS, 'reduction_factor: 3', 'reduction_factr: 3'],
  [DIGITS, '{ type: tpe, n_startup_trials: 8 }', '{ type: qmc, qmc_type: sobl, scrambel: true }', '{ type: qmc, qmc_type: sobol, scramble: true }'],
  [IRIS, '  units:  ', '  unts:   ', '  units:   '],
  [IRIS, '[relu, tanh, elu]', '[relu, tanh, eluu]'],
  [IRIS, 'model: mlp', 'model: mlpp'],
  [IRIS, 'backend: auto', 'backend: "autoo"', 'backend: "auto"'],
  [IRIS, 'log: true }\n  layers', 'lgo: true }\n  layers'],
  [IRIS, 'validation:', 'valdation:'],
  [COMMAND_CONFIG, '"${l2}"', '"${l22}"'],
  [COMMAND_CONFIG, '  timeout: 2m', '  timout: 2m'],
  [COMMAND_CONFIG, '{ file: train.py }', '{ file: train.py, map: { learning_rat: lr } }', '{ file: train.py, map: { learning_rate: lr } }'],
  [CONDITIONAL, 'when: { model: cnn }', 'when: { modle: cnn }'],
  [CONDITIONAL, 'each: layers', 'each: layer'],
  [CONDITIONAL, 'when: { model: cnn }', 'whem: { model: cnn }'],
];

function didYouMeans(text: string): ConfigProblem[] {
  return parseConfig(text, 'slip.tune.yaml').problems.filter((problem) => /did you mean/.test(problem.message));
}

describe('quick fixes', () => {
  for (const [original, from, to, fixed = from] of SLIPS) {
    it(`${to.trim()}: the did-you-mean has a fix, and the fix makes the config valid again`, () => {
      assert.ok(original.includes(from), from);
      let text = original.replace(from, to);
      const problems = didYouMeans(text);
      assert.ok(problems.length > 0, 'the slip is reported with a did-you-mean');
      // One fix at a time, as a user clicks them: each edit's offsets are for the text as it is then.
      for (let round = 0; round < 3 && didYouMeans(text).length > 0; round++) {
        const [first] = didYouMeans(text);
        assert.ok(first?.fix, `no fix for: ${first?.message ?? ''}`);
        assert.match(first.fix.title, /^Change to '/);
        text = applyEdits(text, first.fix.edits);
      }
      assert.deepEqual(parseConfig(text, 'slip.tune.yaml').problems.filter((p) => p.severity === 'error').map((p) => p.message), []);
      assert.equal(text, original.replace(from, fixed));
    });
  }

  it('renames a key by its exact offsets, and keeps the quotes of a quoted value', () => {
    const text = IRIS.replace('  trials: 60', '  trails: 60');
    const start = text.indexOf('trails');
    assert.deepEqual(didYouMeans(text)[0]?.fix, { title: "Change to 'trials'", edits: [{ start, end: start + 'trails'.length, newText: 'trials' }] });
    const quoted = IRIS.replace('backend: auto', 'backend: "autoo"');
    const at = quoted.indexOf('autoo');
    assert.deepEqual(didYouMeans(quoted)[0]?.fix?.edits, [{ start: at, end: at + 'autoo'.length, newText: 'auto' }]);
  });

  it('changes only the name inside ${…}', () => {
    const text = COMMAND_CONFIG.replace('"${l2}"', '"${l22}"');
    const start = text.indexOf('${l22}') + 2;
    assert.deepEqual(didYouMeans(text)[0]?.fix, { title: "Change to '${l2}'", edits: [{ start, end: start + 3, newText: 'l2' }] });
  });

  it('a required ${momentum} on a conditional parameter becomes ${momentum?}, and the config is valid again', () => {
    const text = CONDITIONAL.replace('${momentum?}', '${momentum}');
    const [problem] = parseConfig(text, 'c.tune.yaml').problems;
    assert.match(problem?.message ?? '', /^\$\{momentum\} is not in every trial \(it is only active when optimizer = sgd\)/);
    assert.equal(problem?.fix?.title, "Change to '${momentum?}'");
    const fixed = applyEdits(text, problem?.fix?.edits ?? []);
    assert.equal(fixed, CONDITIONAL);
    assert.deepEqual(parseConfig(fixed, 'c.tune.yaml').problems, []);
  });

  it('swaps a range written high-first, each bound as spelt; an empty range gets no swap', () => {
    const text = IRIS.replace('{ float: [1.0e-4, 1.0e-1], log: true }', '{ float: [1.0e-1, 1.0e-4], log: true }');
    const [problem] = parseConfig(text, 'swap.tune.yaml').problems;
    assert.equal(problem?.message, 'low (0.1) must be less than high (0.0001)');
    assert.equal(problem?.fix?.title, 'Swap low and high');
    assert.equal(applyEdits(text, problem?.fix?.edits ?? []), IRIS);
    const fixture = brokenFixtures().find((f) => f.file.endsWith('low-not-below-high.tune.yaml'));
    const fixes = parseConfig(fixture?.text ?? '', 'f.tune.yaml').problems.map((p) => [p.path.join('.'), p.fix?.title ?? null]);
    assert.deepEqual(fixes, [['space.x.float', null], ['space.y.int', 'Swap low and high']]);
  });

  it('every did-you-mean in the broken fixtures has a fix, but one that would list a choice twice', () => {
    const unfixed = brokenFixtures().flatMap((fixture) => didYouMeans(fixture.text).filter((p) => p.fix === undefined).map((p) => `${fixture.file}: ${p.message}`));
    assert.deepEqual(unfixed, ['test/fixtures/configs/broken/model-params.tune.yaml: optimizer cannot be "adamw"; did you mean \'adam\'? (choices: adam, adamax, sgd, rmsprop, adagrad, adadelta)']);
  });

  it('a problem without an obvious fix carries none', () => {
    const text = IRIS.replace('trials: 60', 'trials: 0');
    assert.deepEqual(parseConfig(text, 'f.tune.yaml').problems.map((p) => p.fix), [undefined]);
  });
});
