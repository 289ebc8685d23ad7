import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyParams, lines, lookedFor } from './applyHelpers';

describe('apply params to JavaScript and TypeScript', () => {
  it('rewrites const/let/var declarations, typed or not, and attribute assignments', () => {
    const source = lines('const lr = 0.01;', 'let units: number = 32', 'var act = "relu";', 'this.lr = 0.02;', 'model.opt.lr = 0.03', 'export const dropout: number | undefined = 0.1;');
    const { text, lines: edited } = applyParams(source, 'train.ts', { lr: 0.5, units: 64, act: 'tanh', dropout: 0.25 });
    assert.equal(text, lines('const lr = 0.5;', 'let units: number = 64', 'var act = "tanh";', 'this.lr = 0.5;', 'model.opt.lr = 0.5', 'export const dropout: number | undefined = 0.25;'));
    assert.deepEqual(edited.lr, [1, 4, 5]);
  });

  it('rewrites object entries with bare or quoted keys, nested objects too', () => {
    const source = lines('export default {', '  lr: 0.1,', "  'units': 16,", '  model: { "lr": 0.2, layers: 2 },', '};');
    const { text } = applyParams(source, 'config.mjs', { lr: 0.05, units: 64, layers: 3 });
    assert.equal(text, lines('export default {', '  lr: 0.05,', "  'units': 64,", '  model: { "lr": 0.05, layers: 3 },', '};'));
  });

  it('rewrites class fields, destructuring defaults of declarations and subscripts; a parameter default only through the map', () => {
    const source = lines(
      'class Trainer {',
      '  private readonly lr: number = 0.1;',
      '  units = 8;',
      '  train(data: number[], epochs: number = 10) {}',
      '}',
      'const { act = "relu" } = options;',
      "cfg['lr'] = 0.3;",
    );
    const { text, plan } = applyParams(source, 'trainer.ts', { lr: 0.2, units: 16, epochs: 40, act: 'elu' });
    assert.equal(text, lines('class Trainer {', '  private readonly lr: number = 0.2;', '  units = 16;', '  train(data: number[], epochs: number = 10) {}', '}', 'const { act = "elu" } = options;', "cfg['lr'] = 0.2;"));
    assert.match(lookedFor(plan.missing[0]), /found `epochs: number = 10` at line 4, but it is a default of train\(\), not a setting; map the param to train\.epochs/);
    const mapped = applyParams(source, 'trainer.ts', { epochs: 40 }, { epochs: 'train.epochs' });
    assert.equal(mapped.text, source.replace('epochs: number = 10', 'epochs: number = 40'));
  });

  it('leaves the defaults of functions, methods and arrows alone, but not calls, blocks or object literals', () => {
    const source = lines(
      'function warmup(lr = 1e-6) {}',
      'async function* gen<T>(a: T, { lr = 2 }: Opts = {}): AsyncGenerator<T> {}',
      'const decay = async (lr: number = 3) => lr;',
      'const anon = function (opts = { lr: 4 }) {};',
      'setRate(lr = 5);',
      'if (ok) { const o = { lr: 6 }; }',
      'export default { lr: 7, nested: { lr: 8 } };',
    );
    const { text, plan } = applyParams(source, 'sched.ts', { lr: 0.5 });
    assert.deepEqual(plan.placed[0]?.edits.map((e) => e.line), [5, 6, 7, 7]);
    assert.deepEqual(plan.placed[0]?.skipped.map((s) => [s.line, s.why.split(',')[0]]), [
      [1, 'it is a default of warmup()'],
      [2, 'it is a default of gen()'],
      [3, 'it is a default of decay()'],
      [4, 'it is a default of an anonymous function'],
    ]);
    assert.match(text, /^function warmup\(lr = 1e-6\) \{\}$/m);
  });

  it('keeps the quote style, including template literals, and writes true/false/null', () => {
    const source = lines("const act = 'relu';", 'const name = `run`;', 'const bn = false;', 'const norm = null;', 'const other = undefined;', "const tag = 'x' as const;");
    const { text } = applyParams(source, 'a.js', { act: "it's", name: 'a`b${c}', bn: true, norm: 'layer', other: null, tag: 'y' });
    assert.equal(text, lines("const act = 'it\\'s';", 'const name = `a\\`b\\${c}`;', 'const bn = true;', "const norm = 'layer';", 'const other = undefined;', "const tag = 'y' as const;"));
  });

  it('writes integers as integers and keeps floats floats and exponents exponents', () => {
    const { text } = applyParams('const epochs = 5;\nconst lr = 0.5;\nconst wd = 1E-4;\nconst shift = -1;\n', 'a.ts', { epochs: 64, lr: 1, wd: 3e-5, shift: -2.5 });
    assert.equal(text, 'const epochs = 64;\nconst lr = 1.0;\nconst wd = 3E-5;\nconst shift = -2.5;\n');
  });

  it('ends a value at a line break without semicolons', () => {
    const source = lines('const lr = 0.1', 'const units = 8', '  + 1', 'const act = "relu"');
    const { text, plan } = applyParams(source, 'a.js', { lr: 0.2, units: 16, act: 'tanh' });
    assert.equal(text, lines('const lr = 0.2', 'const units = 8', '  + 1', 'const act = "tanh"'));
    assert.match(lookedFor(plan.missing[0]), /found `units = 8 \+ 1` at line 2, but its value is not a literal/);
  });

  it('never matches inside strings, templates, regular expressions or comments', () => {
    const source = lines(
      'console.log("lr = 0.1");',
      '// lr = 0.1',
      '/* lr: 0.1, */',
      'const s = `lr = ${lr} ${{ lr: 0.1 }.lr}`;',
      "const re = /lr = '0.1/;",
      'const lr = 0.3;',
    );
    const { text, lines: edited } = applyParams(source, 'a.js', { lr: 0.9 });
    assert.equal(text, source.replace('const lr = 0.3', 'const lr = 0.9'));
    assert.deepEqual(edited, { lr: [6] });
  });

  it('does not rewrite a string missing its closing quote', () => {
    const { text } = applyParams("const act = 'relu\nconst units = 8;\n", 'a.js', { act: 'elu', units: 16 });
    assert.equal(text, "const act = 'relu\nconst units = 16;\n");
  });

  it('matches whole names, and not comparisons, arrows, ternaries or case labels', () => {
    const source = lines('const base_lr = 0.1;', 'const lr2 = 0.2;', 'if (lr === 0.1) {}', 'const f = (lr) => lr;', 'const x = big ? lr : 0.5;', 'switch (k) { case lr: y = 1; }', 'lr = 0.3;');
    const { lines: edited, plan } = applyParams(source, 'a.js', { lr: 0.4 });
    assert.deepEqual(edited, { lr: [7] });
    assert.deepEqual(plan.placed[0]?.skipped, []);
  });

  it('reports computed values, but not the type of a declaration', () => {
    const source = lines('interface Options { lr: number; units?: number }', 'const lr = compute();', 'const opts = { units: base * 2 };');
    const { plan } = applyParams(source, 'a.ts', { lr: 0.1, units: 8 });
    const reasons = Object.fromEntries(plan.missing.map((m) => [m.param, lookedFor(m)]));
    assert.match(reasons.lr ?? '', /`const lr = …`.*; found `lr = compute\(\)` at line 2, but its value is not a literal$/);
    assert.match(reasons.units ?? '', /found `units: base \* 2` at line 3/);
    assert.doesNotMatch(reasons.lr ?? '', /line 1/);
  });
});
