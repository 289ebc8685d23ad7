import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyParams, lines, lookedFor } from './applyHelpers';

describe('apply params to Python', () => {
  it('rewrites assignments at any indentation, attributes and annotated names', () => {
    const source = lines(
      'lr = 0.01',
      'class Trainer:',
      '    lr: float = 0.02  # the step size',
      '    def __init__(self, cfg):',
      '        self.lr = 0.03',
      '        cfg.optim.lr = 0.04',
      '        self.lr: float = 0.05',
      '',
    );
    const { text, lines: edited, plan } = applyParams(source, 'train.py', { lr: 0.5 });
    assert.equal(
      text,
      lines('lr = 0.5', 'class Trainer:', '    lr: float = 0.5  # the step size', '    def __init__(self, cfg):', '        self.lr = 0.5', '        cfg.optim.lr = 0.5', '        self.lr: float = 0.5', ''),
    );
    assert.deepEqual(edited, { lr: [1, 3, 5, 6, 7] });
    assert.deepEqual(plan.missing, []);
  });

  it('rewrites dict entries in either quote, nested dicts and subscript assignments', () => {
    const source = lines("config = {'lr': 0.1, \"model\": {\"units\": 32, 'lr': 0.2}}", 'config["lr"] = 0.3', "config['units'] = 16");
    const { text } = applyParams(source, 'cfg.py', { lr: 0.05, units: 64 });
    assert.equal(text, lines("config = {'lr': 0.05, \"model\": {\"units\": 64, 'lr': 0.05}}", 'config["lr"] = 0.05', "config['units'] = 64"));
  });

  it("rewrites keyword arguments of calls, and leaves a function's parameter defaults alone, listing them", () => {
    const source = lines('opt = dict(lr=0.1, momentum=0.9)', 'model = Model(units=8,', '              lr = 0.2)', 'def train(data, lr=0.3, *, units: int = 4):', '    pass', 'warm = lambda lr=1e-6: lr');
    const { text, plan } = applyParams(source, 'train.py', { lr: 0.01, units: 128 });
    assert.equal(text, lines('opt = dict(lr=0.01, momentum=0.9)', 'model = Model(units=128,', '              lr = 0.01)', 'def train(data, lr=0.3, *, units: int = 4):', '    pass', 'warm = lambda lr=1e-6: lr'));
    const skipped = plan.placed.flatMap((p) => p.skipped.map((s) => `${s.line} ${s.found}: ${s.why}`));
    assert.deepEqual(skipped, [
      '4 lr=0.3: it is a default of train(), not a setting; map the param to train.lr (apply: map:) to write it',
      '6 lr=1e-6: lr: it is a default of an anonymous function, not a setting', // (a lambda's body is shown with its default)
      '4 units: int = 4: it is a default of train(), not a setting; map the param to train.units (apply: map:) to write it',
    ]);
  });

  it("writes a function's default when the map names function.param, and only that function's", () => {
    const source = lines('def warmup(steps, lr=1e-6):', '    return lr', 'async def decay(lr=0.5, cfg={"lr": 0.1}):', '    pass', 'lr = 0.01');
    const { text, plan } = applyParams(source, 'sched.py', { warmup_lr: 2e-6, decay_lr: 0.25 }, { warmup_lr: 'warmup.lr', decay_lr: 'decay.lr' });
    assert.equal(text, source.replace('lr=1e-6', 'lr=2e-6').replace('lr=0.5', 'lr=0.25'));
    assert.deepEqual(plan.missing, []);
    const unmapped = applyParams(source, 'sched.py', { lr: 0.02 });
    assert.equal(unmapped.text, source.replace('lr = 0.01', 'lr = 0.02'));
    // A dict in a default's value belongs to the function too.
    assert.deepEqual(unmapped.plan.placed[0]?.skipped.map((s) => [s.line, s.found]), [[1, 'lr=1e-6'], [3, 'lr=0.5'], [3, '"lr": 0.1']]);
  });

  it('rewrites argparse defaults by option name, dashed alias or dest, and click options', () => {
    const source = lines(
      'parser.add_argument("--lr", type=float, default=0.1, help="learning rate")',
      "parser.add_argument('--learning-rate', type=float, default=1e-3)",
      'parser.add_argument("-u", dest="units", type=int, default=16)',
      '@click.option("--dropout", "drop", default=0.5, show_default=True)',
      'group.add_argument("--act", choices=["relu", "tanh"], default="relu")',
    );
    const { text, plan } = applyParams(source, 'cli.py', { lr: 0.2, learning_rate: 2e-4, units: 64, drop: 0.25, act: 'tanh' });
    assert.equal(
      text,
      lines(
        'parser.add_argument("--lr", type=float, default=0.2, help="learning rate")',
        "parser.add_argument('--learning-rate', type=float, default=2e-4)",
        'parser.add_argument("-u", dest="units", type=int, default=64)',
        '@click.option("--dropout", "drop", default=0.25, show_default=True)',
        'group.add_argument("--act", choices=["relu", "tanh"], default="tanh")',
      ),
    );
    assert.deepEqual(plan.missing, []);
  });

  it('reports an option without a default, and does not mistake keywords of add_argument for params', () => {
    const source = 'parser.add_argument("--lr", type=float)\nparser.add_argument("--x", default=1, type=int)\n';
    const { plan } = applyParams(source, 'cli.py', { lr: 0.1, type: 'int', default: 3 });
    assert.deepEqual(plan.placed, []);
    const lr = plan.missing.find((m) => m.param === 'lr');
    assert.match(lookedFor(lr), /found `add_argument\("--lr", type=float\)` at line 1, but it has no default=/);
  });

  it('writes Python literals: True/False/None, strings in the original quote, ints and floats', () => {
    const source = lines("use_bn = False", 'norm = None', "act = 'relu'", 'name = "plain"', 'epochs = 10', 'lr = 0.1', 'wd = 1e-4', 'shift = -0.5', 'width = 8');
    const { text } = applyParams(source, 'p.py', { use_bn: true, norm: null, act: "it's", name: 'say "hi"\n', epochs: 64, lr: 1, wd: 0.00025, shift: -0.25, width: 'wide' });
    assert.equal(
      text,
      lines("use_bn = True", 'norm = None', "act = 'it\\'s'", 'name = "say \\"hi\\"\\n"', 'epochs = 64', 'lr = 1.0', 'wd = 2.5e-4', 'shift = -0.25', 'width = "wide"'),
    );
  });

  it('quotes a string written over a number the way the file usually quotes', () => {
    const { text } = applyParams("a = 'x'\nb = 'y'\nact = 3\n", 'p.py', { act: 'relu' });
    assert.equal(text, "a = 'x'\nb = 'y'\nact = 'relu'\n");
  });

  it('never matches inside strings, comments, f-strings or docstrings', () => {
    const source = lines('"""Set lr = 0.1 here."""', 'print("lr = 0.1")', "# lr = 0.1", "msg = f'{lr=}'", 'x = "lr": 0.1', "s = '''", "lr = 0.2", "'''", 'lr = 0.3  # lr = 0.4');
    const { text, lines: edited } = applyParams(source, 'p.py', { lr: 0.9 });
    assert.equal(text, source.replace('lr = 0.3', 'lr = 0.9'));
    assert.deepEqual(edited, { lr: [9] });
  });

  it('matches whole names only', () => {
    const source = lines('base_lr = 0.1', 'lr_decay = 0.5', 'lr2 = 3', 'self.base_lr = 1', 'lr = 0.2');
    const { lines: edited } = applyParams(source, 'p.py', { lr: 0.3 });
    assert.deepEqual(edited, { lr: [5] });
  });

  it('leaves computed values alone and says where they are', () => {
    const source = lines('import math', '', 'lr = compute()', 'units = 2 ** 6', 'drop = 0.1 if big else 0.2', "act = 'a' 'b'", 'if lr == 0.1: pass', 'lr += 0.5');
    const { plan } = applyParams(source, 'p.py', { lr: 0.1, units: 64, drop: 0.3, act: 'relu' });
    assert.deepEqual(plan.placed, []);
    const reasons = Object.fromEntries(plan.missing.map((m) => [m.param, lookedFor(m)]));
    assert.match(reasons.lr ?? '', /found `lr = compute\(\)` at line 3, but its value is not a literal/);
    assert.match(reasons.units ?? '', /found `units = 2 \*\* 6` at line 4/);
    assert.match(reasons.drop ?? '', /found `drop = 0\.1 if big else 0\.2` at line 5/);
    assert.match(reasons.act ?? '', /line 6/);
    // The comparison and the augmented assignment are not places to write.
    assert.doesNotMatch(reasons.lr ?? '', /line [78]/);
  });

  it('edits every literal place of a name and reports the others beside them', () => {
    const source = lines('lr = 0.1', 'lr = schedule(lr)', 'opt = SGD(lr=0.2)');
    const { text, plan } = applyParams(source, 'p.py', { lr: 0.05 });
    assert.equal(text, lines('lr = 0.05', 'lr = schedule(lr)', 'opt = SGD(lr=0.05)'));
    assert.deepEqual(plan.placed[0]?.edits.map((e) => e.line), [1, 3]);
    assert.deepEqual(plan.placed[0]?.skipped.map((s) => s.line), [2]);
  });

  it('uses the target map, dotted names for attribute chains, and explains what it looked for', () => {
    const source = lines('optimizer.lr = 0.1', 'scheduler.lr = 0.5', 'hidden = 32');
    const { text, plan } = applyParams(source, 'p.py', { learning_rate: 0.2, units: 64, missing_one: 1 }, { learning_rate: 'optimizer.lr', units: 'hidden' });
    assert.equal(text, lines('optimizer.lr = 0.2', 'scheduler.lr = 0.5', 'hidden = 64'));
    assert.deepEqual(plan.placed.map((p) => [p.param, p.name]), [['learning_rate', 'optimizer.lr'], ['units', 'hidden']]);
    assert.equal(plan.missing[0]?.param, 'missing_one');
    assert.match(lookedFor(plan.missing[0]), /`missing_one = …` assignment.*"missing_one" dict key.*--missing_one\/--missing-one/);
  });

  it('does not take the first item of a tuple for the value, and keeps a spaced sign as written', () => {
    const source = lines('betas = 0.9, 0.999', 'shift = - 0.5', 'opt = Adam(betas=0.9, eps=1e-8)');
    const { text, plan } = applyParams(source, 'p.py', { betas: 0.8, shift: -0.5, eps: 1e-6 });
    assert.equal(text, lines('betas = 0.9, 0.999', 'shift = - 0.5', 'opt = Adam(betas=0.8, eps=1e-6)'));
    assert.match(plan.placed[0]?.skipped[0]?.reason ?? '', /found `betas = 0\.9` at line 1, but its value is a tuple/);
    assert.deepEqual(plan.placed[1]?.edits.map((e) => [e.newText, e.unchanged]), [['- 0.5', true]]);
  });

  it('does not rewrite a string missing its closing quote, and reads on after it', () => {
    const { text, plan } = applyParams('act = "relu\nact = "tanh"\n', 'p.py', { act: 'elu' });
    assert.equal(text, 'act = "relu\nact = "elu"\n');
    assert.match(plan.placed[0]?.skipped[0]?.reason ?? '', /line 1, but its value is not a literal/);
  });

  it('handles line continuations and CRLF line endings', () => {
    const source = 'x = 1 + \\\r\n    2\r\nlr = 0.1\r\nopt = Adam(\r\n    lr=0.2,\r\n)\r\n';
    const { text } = applyParams(source, 'p.py', { lr: 0.3 });
    assert.equal(text, 'x = 1 + \\\r\n    2\r\nlr = 0.3\r\nopt = Adam(\r\n    lr=0.3,\r\n)\r\n');
  });
});
