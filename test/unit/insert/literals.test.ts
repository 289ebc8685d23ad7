/**
 * How a value is spelled in each language (paramValueText, the literal a completion offers, and the
 * rule every insertion uses), and proof that what is written reads back: Python and PyYAML run by
 * python3, JavaScript by this Node, YAML by the yaml package, shell words by /bin/sh.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import type { ParamValue } from '../../../src/core/distributions';
import { paramValueText } from '../../../src/core/insert';
import { insert, type Inserted } from './insertHarness';

const PYTHON = '/usr/bin/python3';

type Spellings = Readonly<Record<'python' | 'javascript' | 'json' | 'yaml' | 'shellscript' | 'makefile' | 'markdown', string | null>>;

const same = (text: string): Spellings => ({ python: text, javascript: text, json: text, yaml: text, shellscript: text, makefile: text, markdown: text });

const SPELLINGS: readonly [string, ParamValue, Spellings, { float?: boolean }?][] = [
  ['0.1 + 0.2 is written 0.3, not 0.30000000000000004', 0.1 + 0.2, same('0.3')],
  ['a step grid’s 31 × 0.0001 is 0.0031, not 0.0031000000000000003', 31 * 0.0001, same('0.0031')],
  ['a sampled float keeps every digit', 0.0003338320367040979, same('0.0003338320367040979')],
  ['an int stays an int', 64, same('64')],
  ['a float param’s whole value keeps its point where the language tells ints apart', 1, { ...same('1'), python: '1.0', json: '1.0', yaml: '1.0' }, { float: true }],
  ['a small exponent (YAML with the point and sign PyYAML needs)', 1e-7, { ...same('1e-7'), yaml: '1.0e-7' }],
  ['a large exponent', 1e21, { ...same('1e+21'), yaml: '1.0e+21' }],
  ['a negative float', -0.5, same('-0.5')],
  ['true', true, { ...same('true'), python: 'True' }],
  ['false', false, { ...same('false'), python: 'False' }],
  ['null (None for Python and for a command line)', null, { ...same('null'), python: 'None', shellscript: 'None', makefile: 'None' }],
  ['inf', Infinity, { python: "float('inf')", javascript: 'Infinity', json: null, yaml: '.inf', shellscript: 'Infinity', makefile: 'Infinity', markdown: 'inf' }],
  ['-inf', -Infinity, { python: "-float('inf')", javascript: '-Infinity', json: null, yaml: '-.inf', shellscript: '-Infinity', makefile: '-Infinity', markdown: '-inf' }],
  ['NaN', NaN, { python: "float('nan')", javascript: 'NaN', json: null, yaml: '.nan', shellscript: 'NaN', makefile: 'NaN', markdown: 'nan' }],
  [
    'quotes and a backslash',
    `it's "q" \\ end`,
    { python: `'it\\'s "q" \\\\ end'`, javascript: `'it\\'s "q" \\\\ end'`, json: `"it's \\"q\\" \\\\ end"`, yaml: `'it''s "q" \\ end'`, shellscript: `'it'\\''s "q" \\ end'`, makefile: `'it'\\''s "q" \\ end'`, markdown: `it's "q" \\\\ end` },
  ],
  [
    'a line break and a tab',
    'a\nb\tc',
    { python: `'a\\nb\\tc'`, javascript: `'a\\nb\\tc'`, json: `"a\\nb\\tc"`, yaml: `"a\\nb\\tc"`, shellscript: `'a\nb\tc'`, makefile: null, markdown: 'a<br>b\tc' },
  ],
  ['unicode as it is', 'ünï ✓ 😀', { python: `'ünï ✓ 😀'`, javascript: `'ünï ✓ 😀'`, json: '"ünï ✓ 😀"', yaml: `'ünï ✓ 😀'`, shellscript: `'ünï ✓ 😀'`, makefile: `'ünï ✓ 😀'`, markdown: 'ünï ✓ 😀' }],
  ['other control characters escaped', '\u0001', { python: `'\\x01'`, javascript: `'\\u0001'`, json: '"\\u0001"', yaml: '"\\u0001"', shellscript: "'\u0001'", makefile: "'\u0001'", markdown: '\u0001' }],
  ['a string YAML would read as a boolean is quoted; a plain word is not', 'yes', { ...same("'yes'"), json: '"yes"', markdown: 'yes', shellscript: 'yes', makefile: 'yes' }],
  ['a `$` in a Makefile is doubled', '$HOME', { python: "'$HOME'", javascript: "'$HOME'", json: '"$HOME"', yaml: "'$HOME'", shellscript: "'$HOME'", makefile: "'$$HOME'", markdown: '$HOME' }],
];

describe('one spelling of a value per language (paramValueText)', () => {
  for (const [label, value, spellings, options] of SPELLINGS) {
    it(label, () => {
      for (const [languageId, expected] of Object.entries(spellings)) {
        assert.equal(paramValueText(languageId, value, options), expected, languageId);
      }
      // TypeScript and the React variants write as JavaScript does, JSON with comments as JSON.
      for (const languageId of ['typescript', 'javascriptreact', 'typescriptreact']) assert.equal(paramValueText(languageId, value, options), spellings.javascript, languageId);
      assert.equal(paramValueText('jsonc', value, options), spellings.json, 'jsonc');
    });
  }

  it('the file’s quote when the editor passes it; null for an unsupported language', () => {
    assert.equal(paramValueText('python', 'relu', { quote: '"' }), '"relu"');
    assert.equal(paramValueText('rust', 1), null);
  });
});

/** Values whose written form reads back as the value itself (short floats are tested above). */
const ROUND_TRIP: Record<string, ParamValue> = {
  lr: 0.0003338320367040979,
  tiny: 1.2e-7,
  one_e: 1e-7,
  big: 1e21,
  units: 64,
  neg: -3,
  dropout: 0,
  bn: true,
  off: false,
  none: null,
  act: 'relu',
  word: 'yes',
  quoted: `it's "q" \\ end`,
  lines: 'a\nb\tc\r',
  unicode: 'ünï ✓ 😀',
  control: '\u0001\u007f',
  separator: '\u2028',
  number_string: '64',
  colon: 'a: b',
  hash: '#x',
  dollar: '$HOME',
};
const NON_FINITE: Record<string, ParamValue> = { inf: Infinity, ninf: -Infinity, nan: NaN };

function inserted(languageId: string, document: string, params: Record<string, ParamValue>): string {
  const result: Inserted | { readonly error: string } = insert(languageId, document, params, ['dropout']);
  if ('error' in result) assert.fail(result.error);
  return result.document;
}

/** Runs `code` in python3 with `source` on stdin; its stdout parsed as JSON. */
function python(code: string, source: string): unknown {
  const run = spawnSync(PYTHON, ['-c', code], { input: source, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

/** Python's view of its values: type name and, for non-finite floats, their repr. */
const PYTHON_VALUES = `
import json, math, sys
def view(v):
    return [type(v).__name__, repr(v) if isinstance(v, float) and not math.isfinite(v) else v]
`;

/** Whole numbers Python reads as floats: `dropout` is a float param (written 0.0), `big` is written 1e+21. */
const WHOLE_BUT_FLOAT = new Set(['dropout', 'big']);

/** What pythonView should print for `params`: Python's type names, and non-finite floats by repr. */
function pythonView(params: Record<string, ParamValue>): Record<string, [string, unknown]> {
  const typeOf = (name: string, value: ParamValue): string => {
    if (value === null) return 'NoneType';
    if (typeof value === 'boolean') return 'bool';
    if (typeof value === 'string') return 'str';
    return Number.isInteger(value) && !WHOLE_BUT_FLOAT.has(name) ? 'int' : 'float';
  };
  const shown = (value: ParamValue): unknown => (typeof value === 'number' && !Number.isFinite(value) ? (Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf') : value);
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, [typeOf(name, value), shown(value)]]));
}

describe('what is written reads back as the same values', () => {
  it('JavaScript', () => {
    const source = inserted('javascript', 'const best = ‸', { ...ROUND_TRIP, ...NON_FINITE });
    const best = new Function(`${source}\nreturn best;`)() as Record<string, ParamValue>;
    assert.deepEqual(best, { ...ROUND_TRIP, ...NON_FINITE });
  });

  it('JSON', () => {
    assert.deepEqual(JSON.parse(inserted('json', '‸', ROUND_TRIP)), ROUND_TRIP);
  });

  it('YAML (the yaml package, YAML 1.2)', () => {
    assert.deepEqual(parseYaml(inserted('yaml', '‸', { ...ROUND_TRIP, ...NON_FINITE })), { ...ROUND_TRIP, ...NON_FINITE });
  });

  it('a POSIX shell splits the flags back into the words', () => {
    const { lines: _multiline, control: _control, ...oneLine } = ROUND_TRIP;
    const flags = inserted('shellscript', 'set -- ‸', { ...oneLine, lines: 'a\nb' });
    const shell = spawnSync('/bin/sh', ['-c', `${flags}\nprintf '%s\\0' "$@"`], { encoding: 'utf8' });
    assert.equal(shell.status, 0, shell.stderr);
    const expected = Object.entries({ ...oneLine, lines: 'a\nb' }).flatMap(([name, value]) => [`--${name}`, value === null ? 'None' : String(value)]);
    assert.deepEqual(shell.stdout.split('\0').slice(0, -1), expected);
  });

  it('Python: a dict literal and keyword arguments, ints and floats apart', { skip: !existsSync(PYTHON) && 'no python3' }, () => {
    const params = { ...ROUND_TRIP, ...NON_FINITE };
    const dict = inserted('python', 'best = ‸', params);
    assert.deepEqual(python(`${PYTHON_VALUES}\nexec(sys.stdin.read())\nprint(json.dumps({k: view(v) for k, v in best.items()}))`, dict), pythonView(params));
    const call = inserted('python', 'best = dict(‸)', params);
    assert.deepEqual(python(`${PYTHON_VALUES}\nexec(sys.stdin.read())\nprint(json.dumps({k: view(v) for k, v in best.items()}))`, call), pythonView(params));
  });

  it('PyYAML (YAML 1.1) and Python’s json', { skip: !existsSync(PYTHON) && 'no python3' }, () => {
    const params = { ...ROUND_TRIP, ...NON_FINITE };
    const yaml = inserted('yaml', '‸', params);
    assert.deepEqual(python(`${PYTHON_VALUES}\nimport yaml\nprint(json.dumps({k: view(v) for k, v in yaml.safe_load(sys.stdin.read()).items()}))`, yaml), pythonView(params));
    const json = inserted('json', '‸', ROUND_TRIP);
    assert.deepEqual(python(`${PYTHON_VALUES}\nprint(json.dumps({k: view(v) for k, v in json.loads(sys.stdin.read()).items()}))`, json), pythonView(ROUND_TRIP));
  });
});
