import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, pinSpaceInConfig, planParamEdits } from '../../../src/core/apply';
import { parseConfig } from '../../../src/core/config';
import type { ParamValue } from '../../../src/core/distributions';
import { EXAMPLES, lines } from './applyHelpers';

const EXAMPLE_CONFIG = join(EXAMPLES, 'command-python', 'iris-softmax.tune.yaml');

describe('apply best params to the examples', () => {
  it("writes a best trial into the Python example's argparse defaults, through its apply: targets", () => {
    const { config } = parseConfig(readFileSync(EXAMPLE_CONFIG, 'utf8'), EXAMPLE_CONFIG);
    assert.ok(config);
    const best = { learning_rate: 0.31622776601683794, l2: 1.2e-7, batch_size: 32, epochs: 60 };
    const target = config.apply[0];
    assert.ok(target);
    const file = resolve(dirname(EXAMPLE_CONFIG), target.file);
    const source = readFileSync(file, 'utf8');
    const plan = planParamEdits(source, file, best, target.map);
    assert.deepEqual(plan.missing, []);
    const updated = applyEdits(source, plan.placed.flatMap((p) => p.edits));
    const arguments_ = updated.split('\n').filter((line) => line.startsWith('parser.add_argument'));
    assert.deepEqual(arguments_.slice(0, 4), [
      'parser.add_argument("--learning-rate", "--learning_rate", dest="learning_rate", type=float, default=0.31622776601683794)',
      'parser.add_argument("--l2", type=float, default=1.2e-7)',
      'parser.add_argument("--epochs", type=int, default=60)',
      'parser.add_argument("--batch-size", "--batch_size", dest="batch_size", type=int, default=32)',
    ]);
    // Only those four defaults changed (epochs already was 60).
    assert.equal(plan.placed.find((p) => p.param === 'epochs')?.edits[0]?.unchanged, true);
    assert.equal(updated.replace(/default=[^,)]*/g, ''), source.replace(/default=[^,)]*/g, ''));
  });
});

/** Deterministic values of every kind a param can take, awkward ones included. */
function* sampleValues(seed: number): Generator<ParamValue> {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const strings = ['relu', "it's", 'say "hi"', 'yes', '64', 'a: b', 'tab\tand\\slash', 'é ü', '', 'null'];
  for (;;) {
    const kind = Math.floor(next() * 6);
    if (kind === 0) yield 10 ** (-8 + next() * 10) * (next() < 0.2 ? -1 : 1);
    else if (kind === 1) yield Math.floor(next() * 512) - 16;
    else if (kind === 2) yield strings[Math.floor(next() * strings.length)] ?? 'x';
    else if (kind === 3) yield next() < 0.5;
    else if (kind === 4) yield Math.round(next() * 20) / 4;
    else yield null;
  }
}

const FIXTURES: readonly (readonly [string, string])[] = [
  ['p.py', lines('a = 0.1', 'self.b: float = 2', 'c = {"d": "x", \'e\': None}', 'parser.add_argument("--f", default=True)', 'g = dict(h=1e-3)')],
  ['p.ts', lines('const a = 0.1;', 'this.b = 2', "const c = { d: 'x', \"e\": null };", 'let f: boolean = true', 'const g = { h: `t` }')],
  ['p.json', '{"a": 0.1, "b": 2, "c": {"d": "x", "e": null}, "f": true, "g": [{"h": 1e-3}]}'],
  ['p.yaml', lines('a: 0.1', "b: '2'", 'c: { d: x, e: ~ }', 'f: "true"', 'g:', '  - h: 1.0e-3')],
];

/** In YAML and JSON the fixtures' d, e and h are nested: only a map: path from the top writes them. */
const KEYED_MAP = { d: 'c.d', e: 'c.e', h: 'g.h' };
const mapFor = (file: string): Record<string, string> => (/\.(json|ya?ml)$/.test(file) ? KEYED_MAP : {});

describe('applying is stable', () => {
  it('re-planning the same values after applying them changes nothing, for every language and kind of value', () => {
    const values = sampleValues(7);
    for (let round = 0; round < 40; round++) {
      for (const [file, source] of FIXTURES) {
        const params: Record<string, ParamValue> = {};
        for (const name of ['a', 'b', 'd', 'e', 'f', 'h']) params[name] = values.next().value ?? null;
        const first = planParamEdits(source, file, params, mapFor(file));
        assert.deepEqual(first.missing, [], `${file} ${JSON.stringify(params)}`);
        const applied = applyEdits(source, first.placed.flatMap((p) => p.edits));
        const again = planParamEdits(applied, file, params, mapFor(file));
        const edits = again.placed.flatMap((p) => p.edits);
        assert.equal(edits.length, 6, `${file}: every param is still found after ${JSON.stringify(params)}\n${applied}`);
        assert.ok(edits.every((e) => e.unchanged), `${file}: ${JSON.stringify(edits.filter((e) => !e.unchanged))}\n${applied}`);
        assert.equal(applyEdits(applied, edits), applied);
      }
    }
  });

  it('reads back the values it wrote, in YAML and JSON', async () => {
    const { parse } = await import('yaml');
    const values = sampleValues(11);
    for (let round = 0; round < 60; round++) {
      const params = { a: values.next().value ?? null, d: values.next().value ?? null, h: values.next().value ?? null };
      const yaml = FIXTURES[3]?.[1] ?? '';
      const json = FIXTURES[2]?.[1] ?? '';
      const yamlData = parse(applyEdits(yaml, planParamEdits(yaml, 'p.yaml', params, KEYED_MAP).placed.flatMap((p) => p.edits)));
      assert.deepEqual([yamlData.a, yamlData.c.d, yamlData.g[0].h], [params.a, params.d, params.h]);
      const jsonData = JSON.parse(applyEdits(json, planParamEdits(json, 'p.json', params, KEYED_MAP).placed.flatMap((p) => p.edits)));
      assert.deepEqual([jsonData.a, jsonData.c.d, jsonData.g[0].h], [params.a, params.d, params.h]);
    }
  });

  it('pins the same values twice without a change', () => {
    const source = readFileSync(join(EXAMPLES, 'iris', 'iris.tune.yaml'), 'utf8');
    const params = { learning_rate: 3.3e-3, activation: 'elu', dropout: 0.35 };
    const once = applyEdits(source, pinSpaceInConfig(source, 'iris.tune.yaml', params).edits);
    const again = pinSpaceInConfig(once, 'iris.tune.yaml', params);
    assert.ok(again.edits.every((e) => e.unchanged));
    assert.equal(applyEdits(once, again.edits), once);
  });
});
