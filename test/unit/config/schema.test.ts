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
