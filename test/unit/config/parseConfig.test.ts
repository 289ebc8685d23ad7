// parseConfig: positions, key paths and messages of each kind of problem, defaults, and odd inputs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig, parseDuration, formatDuration, type StudyConfig } from '../../../src/core/config';
import { formatKeyPath, formatProblem } from '../../../src/core/problems';
import { SAMPLER_TYPES } from '../../../src/core/samplers/spec';

const TRIAL = 'trial:\n  command: [python, train.py]\n';
const BASE = `objective: loss\nsearch: { trials: 5 }\nspace:\n  x: { float: [0, 1] }\n${TRIAL}`;

/** Each problem as `line:col path message`, for exact comparisons. */
function problemsOf(text: string, severity: 'error' | 'warning' = 'error'): string[] {
  return parseConfig(text, 'test.tune.yaml')
    .problems.filter((p) => p.severity === severity)
    .map((p) => `${p.start?.line}:${p.start?.col} ${formatKeyPath(p.path)} ${p.message}`);
}

function configOf(text: string, fileName = 'test.tune.yaml'): StudyConfig {
  const { config, problems } = parseConfig(text, fileName);
  assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
  assert.ok(config);
  return config;
}

describe('parseConfig: a valid config', () => {
  it('fills in the defaults: name from the file, tpe, no pruner, storage beside the config', () => {
    const config = configOf(BASE, 'studies/my-study.tune.yaml');
    assert.equal(config.name, 'my-study');
    assert.deepEqual(config.sampler, { type: 'tpe' });
    assert.deepEqual(config.pruner, { type: 'none' });
    assert.equal(config.storage, '.tuneboard/my-study.jsonl');
    assert.deepEqual(config.apply, []);
    assert.deepEqual(config.objectives, [{ metric: 'loss', direction: 'minimize' }]);
    assert.equal(configOf(BASE, 'C:\\work\\other.tune.yml').name, 'other');
  });

  it('keeps an explicit name and storage, and derives the default storage from the name', () => {
    assert.equal(configOf(`name: alpha\n${BASE}`).storage, '.tuneboard/alpha.jsonl');
    assert.equal(configOf(`name: alpha\nstorage: runs/a.jsonl\n${BASE}`).storage, 'runs/a.jsonl');
  });

  it('reads the objective in both forms, direction defaulting to minimize', () => {
    assert.deepEqual(configOf(BASE.replace('objective: loss', 'objective: { metric: acc, direction: maximize }')).objectives, [{ metric: 'acc', direction: 'maximize' }]);
    assert.deepEqual(configOf(BASE.replace('objective: loss', 'objective: { metric: acc }')).objectives, [{ metric: 'acc', direction: 'minimize' }]);
  });

  it('turns durations into seconds and keeps the budget', () => {
    const config = configOf(BASE.replace('search: { trials: 5 }', 'search: { trials: 5, timeout: 1h30m, parallel: 3, seed: 9 }').replace(TRIAL, `${TRIAL}  timeout: 90s\n`));
    assert.equal(config.timeoutSeconds, 5400);
    assert.equal(config.trials, 5);
    assert.equal(config.parallel, 3);
    assert.equal(config.seed, 9);
    assert.equal(config.trial.timeoutSeconds, 90);
  });

  it('stores a fixed scalar as a categorical with one choice, as Optuna records a fixed suggest', () => {
    const config = configOf(`${BASE}`.replace('  x: { float: [0, 1] }\n', '  x: { float: [0, 1] }\n  epochs: 40\n  act: relu\n  bn: false\n'));
    assert.deepEqual(config.space.epochs, { type: 'categorical', choices: [40] });
    assert.deepEqual(config.space.act, { type: 'categorical', choices: ['relu'] });
    assert.deepEqual(config.space.bn, { type: 'categorical', choices: [false] });
    assert.deepEqual(Object.keys(config.space), ['x', 'epochs', 'act', 'bn']);
  });

  it('reads a command trial with env and numbers in argv as strings', () => {
    const config = configOf(BASE.replace(TRIAL, 'trial:\n  command: [python, t.py, --n, 3]\n  env: { SEED: 1, DEBUG: "" }\n  cwd: src\n'));
    assert.deepEqual(config.trial, { kind: 'command', command: ['python', 't.py', '--n', '3'], cwd: 'src', env: { SEED: '1', DEBUG: '' }, metrics: 'stdout' });
  });

  it('reads a model trial with its data settings', () => {
    const text = BASE.replace('x: { float: [0, 1] }', 'filters: { int: [8, 32] }').replace(TRIAL, 'trial:\n  model: cnn\n  data: { path: d.csv, target: y, validation: { kfold: 5 } }\n  input_shape: [8, 8, 1]\n');
    assert.deepEqual(configOf(text).trial, { kind: 'model', model: 'cnn', data: { path: 'd.csv', target: 'y', validation: { kfold: 5 } }, backend: 'auto', inputShape: [8, 8, 1] });
  });

  it('warns (without failing) when there is no budget, and when grid: is set for a sampler that ignores it', () => {
    const text = BASE.replace('search: { trials: 5 }\n', '').replace('x: { float: [0, 1] }', 'x: { float: [0, 1], grid: 3 }');
    assert.ok(parseConfig(text, 'a.tune.yaml').config);
    assert.deepEqual(problemsOf(text, 'warning'), [
      '1:1 search no trials or timeout in search: the study runs until you stop it',
      '3:29 space.x.grid grid: is only used by the grid sampler (search.sampler is tpe)',
    ]);
  });
});

describe('parseConfig: problems with their line, column and key path', () => {
  it('an unknown key points at the key and suggests the known one', () => {
    assert.deepEqual(problemsOf(BASE.replace('search: { trials: 5 }', 'search: { trials: 5, samplr: tpe }')), [
      "2:22 search.samplr unknown key 'samplr' in search; did you mean 'sampler'? (known: sampler, trials, timeout, parallel, seed, pruner, retries, gpus)",
    ]);
  });

  it('a misspelt required section is reported once, not also as missing', () => {
    assert.deepEqual(problemsOf(BASE.replace('objective:', 'objectve:')), [
      "1:1 objectve unknown key 'objectve' in the config; did you mean 'objective'? (known: name, objective, constraints, search, space, trial, apply, storage)",
    ]);
  });

  it('a duplicate key is reported at the second occurrence', () => {
    assert.deepEqual(problemsOf(`${BASE}objective: acc\n`), ["7:1 objective duplicate key 'objective': each key may appear once in a map"]);
  });

  it('finds duplicate keys in one pass, at every level, however many keys a map has', () => {
    const keys = Array.from({ length: 16_000 }, (_, i) => `  p${i}: [${i}, ${i + 1}]\n`);
    const many = `${BASE.replace('  x: { float: [0, 1] }\n', keys.join(''))}`;
    assert.deepEqual(problemsOf(many), []);
    const duplicated = BASE.replace('  x: { float: [0, 1] }\n', [...keys, '  p7: [a, b]\n', '  p15999: [a, b]\n'].join(''));
    const line = 4 + keys.length;
    assert.deepEqual(problemsOf(duplicated), [
      `${line}:3 space.p7 duplicate key 'p7': each key may appear once in a map`,
      `${line + 1}:3 space.p15999 duplicate key 'p15999': each key may appear once in a map`,
    ]);
    assert.deepEqual(problemsOf(`${BASE}apply:\n  - { file: a.py, map: { x: lr, x: rate } }\n`), ["8:33 apply[0].map.x duplicate key 'x': each key may appear once in a map"]);
  });

  it('a YAML syntax error carries the position the parser gives', () => {
    assert.ok(problemsOf('objective: loss\nspace:\n\tx: [a, b]\n').includes('3:1 (root) YAML: Tabs are not allowed as indentation'));
    assert.ok(problemsOf(BASE.replace('[0, 1] }', '[0, 1 }')).includes('4:21 space.x YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'));
  });

  it('range problems point at the bounds, the step or the option at fault', () => {
    const space = [
      '  a: { float: [2, 1] }',
      '  b: { float: [0, 1], log: true }',
      '  c: { float: [0, 1], step: 0.3 }',
      '  d: { int: [1, 64], log: true, step: 2 }',
      '  e: { float: [0, 1], grid: 1 }',
    ].join('\n');
    assert.deepEqual(problemsOf(BASE.replace('  x: { float: [0, 1] }', space)), [
      '4:15 space.a.float low (2) must be less than high (1)',
      '5:16 space.b.float[0] log scale needs low > 0, got 0',
      '6:29 space.c.step step 0.3 does not divide the range [0, 1] (high would be 0.9)',
      '7:39 space.d.step log and step cannot be used together',
      '8:29 space.e.grid grid must be a whole number of points ≥ 2, got number 1',
    ]);
  });

  it('a low equal to high suggests writing a fixed value', () => {
    assert.deepEqual(problemsOf(BASE.replace('x: { float: [0, 1] }', 'x: { int: [3, 3] }')), ['4:13 space.x.int low (3) must be less than high (3); for a fixed value write x: 3']);
  });

  it('choices: empty and duplicate (at the duplicate)', () => {
    assert.deepEqual(problemsOf(BASE.replace('x: { float: [0, 1] }', 'x: [a, b, a]\n  y: []')), [
      '4:13 space.x[2] duplicate choice "a" (same as choice 1)',
      '5:6 space.y the list of choices is empty; give at least one choice',
    ]);
  });

  it('wrong types name what they got', () => {
    assert.deepEqual(problemsOf(BASE.replace('x: { float: [0, 1] }', 'x: { float: [0, "a"] }\n  y: { float: 3 }')), [
      '4:19 space.x.float[1] high must be a finite number, got string "a"',
      '5:15 space.y.float float must be a list [low, high], got number 3',
    ]);
  });

  it('an empty value points at its key', () => {
    assert.deepEqual(problemsOf(BASE.replace('x: { float: [0, 1] }', 'x: { float: [0, 1] }\n  y:')), [
      "5:3 space.y parameter 'y' needs { float: [low, high] }, { int: [low, high] }, a list of choices or a fixed value, got nothing",
    ]);
  });

  it('unknown sampler and pruner names, with did-you-mean', () => {
    assert.deepEqual(problemsOf(BASE.replace('search: { trials: 5 }', 'search: { sampler: rando, pruner: hyperbnd }')), [
      `2:20 search.sampler unknown sampler "rando"; did you mean 'random'? (known: ${SAMPLER_TYPES.join(', ')})`,
      "2:35 search.pruner unknown pruner \"hyperbnd\"; did you mean 'hyperband'? (known: none, median, percentile, asha, hyperband, pareto_asha, successive_halving)",
    ]);
  });

  it('a command written as a string asks for an argv list', () => {
    assert.deepEqual(problemsOf(BASE.replace('[python, train.py]', 'python train.py')), [
      '6:12 trial.command give the command as a list (argv), e.g. [python, train.py]; it runs without a shell',
    ]);
  });

  it('placeholders must name a space parameter', () => {
    assert.deepEqual(problemsOf(BASE.replace('[python, train.py]', '[python, train.py, "--x=${y}", "${X}"]')), [
      '6:31 trial.command[2] ${y} is not a space parameter; did you mean \'x\'? (parameters: x)',
      '6:43 trial.command[3] ${X} is not a space parameter; did you mean \'x\'? (parameters: x)',
    ]);
  });

  it('$${ is a literal ${: not a placeholder, not unclosed; the hint for an unknown name says so', () => {
    const escaped = configOf(BASE.replace('[python, train.py]', () => '[sh, -c, "echo $${HOME} $${", "a$$${x}"]'));
    assert.deepEqual(escaped.trial.kind === 'command' && escaped.trial.command, ['sh', '-c', 'echo $${HOME} $${', 'a$$${x}']);
    assert.deepEqual(problemsOf(BASE.replace('[python, train.py]', '[python, "${HOME}", "${x"]')), [
      '6:21 trial.command[1] ${HOME} is not a space parameter (parameters: x); for a literal ${HOME} write $${HOME}',
      '6:32 trial.command[2] unclosed ${ in command argument: write ${name}, or $${ for a literal ${',
    ]);
  });

  it('the grid sampler needs a way to discretise each float range', () => {
    const grid = BASE.replace('search: { trials: 5 }', 'search: { sampler: grid }');
    assert.deepEqual(problemsOf(grid), ['4:6 space.x grid search needs step or grid: N for this float range (or set search.sampler: { type: grid, points: N })']);
    assert.deepEqual(problemsOf(grid.replace('sampler: grid', 'sampler: { type: grid, points: 4 }')), []);
    assert.deepEqual(problemsOf(grid.replace('[0, 1] }', '[0, 1], grid: 4 }')), []);
    assert.deepEqual(problemsOf(grid.replace('[0, 1] }', '[0, 1], step: 0.25 }')), []);
  });

  it('reports every problem of the file at once, in source order', () => {
    const text = [
      'name: a/b',
      'objective: { metric: loss, direction: maximise }',
      'search: { trials: 0, timeout: soon }',
      'space:',
      '  x: { float: [1, 0] }',
      '  y: [a, a]',
      'trial:',
      '  model: mlp',
      '  command: [python]',
    ].join('\n');
    assert.deepEqual(problemsOf(text), [
      '1:7 name name must not contain / or \\ or control characters: it names the journal file',
      "2:39 objective.direction direction must be one of minimize, maximize, got string \"maximise\"; did you mean 'maximize'?",
      '3:19 search.trials trials must be a whole number ≥ 1, got number 0',
      '3:31 search.timeout timeout must be a positive duration (a number of seconds or a string like 90s, 10m, 1h30m), got string "soon"',
      '5:15 space.x.float low (1) must be less than high (0)',
      '6:10 space.y[1] duplicate choice "a" (same as choice 1)',
      '7:1 trial trial has both model and command; keep one (model: the built-in trainer, command: your own program)',
    ]);
  });

  it('every problem has a file, a start and an end no earlier than the start', () => {
    for (const problem of parseConfig('objective: [\nspace: {x: [}\n', 'f.tune.yaml').problems) {
      assert.equal(problem.file, 'f.tune.yaml');
      assert.ok(problem.start && problem.end);
      assert.ok(problem.end.line > problem.start.line || (problem.end.line === problem.start.line && problem.end.col >= problem.start.col));
    }
  });
});

describe('parseConfig: inputs that are not configs', () => {
  const NOT_A_CONFIG = 'not a Tuneboard config: expected a YAML map of sections (name, objective, constraints, search, space, trial, apply, storage), ';
  const cases: [string, string][] = [
    ['', '1:1 (root) config is empty: start with name, objective, search, space and trial (see the examples folder)'],
    ['# only a comment\n', '1:1 (root) config is empty: start with name, objective, search, space and trial (see the examples folder)'],
    ['42', `1:1 (root) ${NOT_A_CONFIG}found a number (the file's text is not repeated here)`],
    ['- a\n- b\n', `1:1 (root) ${NOT_A_CONFIG}found a list (the file's text is not repeated here)`],
    ['objective: *nowhere\n', '1:12 objective alias *nowhere refers to no anchor &nowhere before it'],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${expected.split(' ').slice(1, 4).join(' ')}…`, () => assert.deepEqual(problemsOf(text), [expected]));
  }

  it('never throws on broken YAML or binary bytes', () => {
    for (const text of ['[', '{a: [}', '{', ']]]', 'a:\n\tb: 1', '\u0000\u0001\u00ff\ufffd', '? [a]\n: 1', '&a [*a]', 'a: !!binary xyz', '%YAML 1.1\n---\na: !!set {x}', '---\n---\n', '"unterminated']) {
      const { config, problems } = parseConfig(text, 'x.tune.yaml');
      assert.equal(config, null);
      assert.ok(problems.some((p) => p.severity === 'error'), JSON.stringify(text));
    }
  });

  it('a key that is a list is a problem, not a crash', () => {
    assert.ok(problemsOf('objective: loss\n? [a, b]\n: 1\n').includes('2:3 (root) a key must be a plain name, not a list or map'));
  });

  it('a file that is no config (a symlink to a system file, a binary) is one positioned problem that quotes none of it', () => {
    const secret = 'root:$6$c2VjcmV0$hash:19000:0:99999:7:::';
    const files: [string, string][] = [
      [`${secret}\ndaemon:*:19000:0:99999:7:::\n`, `1:1 (root) ${NOT_A_CONFIG}found a map without any of these sections (the file's text is not repeated here)`],
      ['root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n', `1:1 (root) ${NOT_A_CONFIG}found text (the file's text is not repeated here)`],
      [`${secret}: "bad \\q escape"\n`, `1:${secret.length + 8} (root) ${NOT_A_CONFIG}found a map without any of these sections, and YAML syntax errors from here on (the file's text is not repeated here)`],
      ['\u0000\u0001ELF\u00ff: [\n', `2:1 (root) ${NOT_A_CONFIG}found a map without any of these sections, and YAML syntax errors from here on (the file's text is not repeated here)`],
    ];
    for (const [text, expected] of files) {
      const { config, problems } = parseConfig(text, '/etc/shadow');
      assert.equal(config, null);
      assert.deepEqual(problems.map((p) => `${p.start?.line}:${p.start?.col} ${formatKeyPath(p.path)} ${p.message}`), [expected], JSON.stringify(text));
      for (const problem of problems) assert.ok(!formatProblem(problem).includes('root:') && !formatProblem(problem).includes('ELF'), formatProblem(problem));
    }
  });

  it('a config being written still gets its own text quoted: a near miss of a section makes it a config', () => {
    assert.deepEqual(problemsOf('objectiv: loss\n'), [
      "1:1 objectiv unknown key 'objectiv' in the config; did you mean 'objective'? (known: name, objective, constraints, search, space, trial, apply, storage)",
      '1:1 space space is missing: add the parameters to tune, e.g. lr: { float: [1.0e-4, 1.0e-1], log: true }',
      '1:1 trial trial is missing: give model: mlp with data: { path, target }, or command: [python, train.py]',
    ]);
  });
});

describe('parseDuration and formatDuration', () => {
  it('reads seconds and unit strings', () => {
    const cases: [unknown, number | null][] = [
      [90, 90], ['90', 90], ['90s', 90], ['10m', 600], ['1h30m', 5400], [' 1h 30m ', 5400], ['1.5h', 5400], ['2d', 172800], ['0.5s', 0.5],
      [0, null], [-5, null], ['0s', null], ['soon', null], ['', null], ['1h30', null], ['m', null], [Infinity, null], [null, null], [[1], null],
    ];
    for (const [input, seconds] of cases) assert.equal(parseDuration(input), seconds, JSON.stringify(input));
  });

  it('prints durations compactly', () => {
    assert.equal(formatDuration(5400), '1h30m');
    assert.equal(formatDuration(90), '1m30s');
    assert.equal(formatDuration(600), '10m');
    assert.equal(formatDuration(0.5), '0.5s');
    assert.equal(formatDuration(90061), '1d1h1m1s');
  });
});
