// The JSON schema the extension contributes for *.tune.yaml: it accepts every example and valid
// fixture, rejects the broken fixtures it can express, and stays in step with the parser's tables.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv, { type ErrorObject } from 'ajv';
import { parse } from 'yaml';
import { PRUNER_ALIASES, PRUNER_TYPES } from '../../../src/core/pruners/spec';
import { SAMPLER_TYPES } from '../../../src/core/samplers/spec';
import { brokenFixtures, exampleConfigs, REPO_ROOT, validFixtures } from '../../fixtures/configs';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schema', 'tune.schema.json'), 'utf8')) as { [key: string]: Json };
// allowUnionTypes: `type: [string, number, boolean]` is how the schema says "a scalar";
// strictRequired off: `not: { required: [step, grid] }` names properties defined one level up.
const validate = new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true }).compile(schema);

function check(text: string): ErrorObject[] {
  validate(parse(text) as unknown);
  return validate.errors ?? [];
}

describe('tune.schema.json', () => {
  it('is a draft-07 schema with an $id and a title', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(typeof schema.$id, 'string');
    assert.equal(typeof schema.title, 'string');
  });

  for (const fixture of [...exampleConfigs(), ...validFixtures()]) {
    it(`accepts ${fixture.file}`, () => assert.deepEqual(check(fixture.text), []));
  }

  for (const fixture of brokenFixtures().filter((f) => f.schema !== 'n/a')) {
    it(`${fixture.schema === 'reject' ? 'rejects' : 'cannot express the problems of'} ${fixture.file}`, () => {
      const errors = check(fixture.text);
      if (fixture.schema === 'reject') assert.ok(errors.length > 0, 'the schema should reject this file');
      else assert.deepEqual(errors, []);
    });
  }

  describe('conditional space forms', () => {
    const withSpace = (space: string): string => `objective: loss\nspace:\n${space}\ntrial:\n  command: [python, train.py]\n`;
    const CONDITIONAL = [
      '  optimizer:',
      '    choice:',
      '      sgd:  { momentum: { float: [0.0, 0.99] }, nesterov: [true, false], sched: { choice: { step: { gamma: { float: [0.1, 0.9] } }, cosine: null } } }',
      '      adam: { beta1: { float: [0.8, 0.999] } }',
      '      rms:',
      '  model: [mlp, cnn]',
      '  pool: { choice: [max, avg], when: { model: cnn } }',
      '  kernel_size: { int: [3, 7], step: 2, when: { model: [cnn], optimizer: adam } }',
      '  layers: { int: [1, 4] }',
      '  units: { int: [16, 512], log: true, each: layers }',
    ].join('\n');

    it('accepts branches (nested, null), a choice list with when, when with a value or a list, and each', () => {
      assert.deepEqual(check(withSpace(CONDITIONAL)), []);
    });

    for (const [what, space] of [
      ['a when that is not a map', '  m: [a, b]\n  k: { int: [1, 3], when: m }'],
      ['a when with an empty list of values', '  m: [a, b]\n  k: { int: [1, 3], when: { m: [] } }'],
      ['an each that is not a name', '  n: { int: [1, 3] }\n  k: { int: [1, 3], each: 3 }'],
      ['a branch that is not a map', '  opt: { choice: { sgd: 3, adam: null } }'],
      ['a choice map with no branches', '  opt: { choice: {} }'],
      ['a misspelt range key inside a branch', '  opt: { choice: { sgd: { m: { flot: [0, 1] } } } }'],
      ['a when on a fixed value', '  m: [a, b]\n  k: { when: { m: a } }'],
    ] as const) {
      it(`rejects ${what}`, () => assert.ok(check(withSpace(space)).length > 0));
    }
  });

  it('names the same samplers, pruners, models, backends and directions as the parser', () => {
    const enums = collectEnums(schema);
    assert.deepEqual(enums.sampler, SAMPLER_TYPES);
    assert.deepEqual([...(enums.pruner as string[])].sort(), [...PRUNER_TYPES, ...Object.keys(PRUNER_ALIASES)].sort());
    assert.deepEqual(enums.model, ['mlp', 'cnn']);
    assert.deepEqual(enums.backend, ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);
    assert.deepEqual(enums.direction, ['minimize', 'maximize']);
  });

  it('describes every property, for hover', () => {
    const missing: string[] = [];
    walk(schema, '', (node, path) => {
      const properties = node.properties;
      if (!isObject(properties)) return;
      for (const [key, property] of Object.entries(properties)) {
        if (!isObject(property) || typeof property.description !== 'string') missing.push(`${path}.${key}`);
      }
    });
    assert.deepEqual(missing, []);
  });
});

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function walk(node: Json, path: string, visit: (node: { [key: string]: Json }, path: string) => void): void {
  if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${path}[${i}]`, visit));
  if (!isObject(node)) return;
  visit(node, path);
  for (const [key, value] of Object.entries(node)) walk(value, `${path}.${key}`, visit);
}

/** The string enum found under each property name (the first one met). */
function collectEnums(root: Json): Record<string, Json> {
  const found: Record<string, Json> = {};
  walk(root, '', (node) => {
    if (!isObject(node.properties)) return;
    for (const [key, property] of Object.entries(node.properties)) {
      if (!isObject(property) || key in found) continue;
      const options = [property, ...(Array.isArray(property.anyOf) ? property.anyOf : [])];
      const withEnum = options.find((o) => isObject(o) && Array.isArray(o.enum));
      if (isObject(withEnum)) found[key] = withEnum.enum ?? null;
    }
  });
  return found;
}
