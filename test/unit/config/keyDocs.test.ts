// One source of docs: the tables in src/core/config/ that hover and completion show say what the JSON
// schema says to users of the YAML extension, and name exactly the keys and options the parser accepts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { APPLY_ENTRY_DOCS, COMMAND_TRIAL_DOCS, CONSTRAINT_DOCS, DATA_DOCS, DISTRIBUTION_FORM_DOCS, MODEL_TRIAL_DOCS, OBJECTIVE_DOCS, RANGE_DOCS, SEARCH_DOCS, SPACE_PARAM_DOC, TOP_LEVEL_DOCS, VALIDATION_DOCS } from '../../../src/core/config/keyDocs';
import { PRUNER_DOCS, SAMPLER_DOCS } from '../../../src/core/config/samplerDocs';
import { parseSpace } from '../../../src/core/space';
import { PRUNERS } from '../../../src/core/pruners/spec';
import { SAMPLER_OPTIONS } from '../../../src/core/samplers/spec';
import { REPO_ROOT } from '../../fixtures/configs';

interface SchemaNode {
  readonly description?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly anyOf?: readonly SchemaNode[];
  readonly items?: SchemaNode;
  readonly additionalProperties?: SchemaNode;
  readonly const?: string;
}

const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schema', 'tune.schema.json'), 'utf8')) as SchemaNode;
const top = schema.properties ?? {};

/** Each property's description by name, for comparing with a docs table. */
function descriptions(node: SchemaNode | undefined): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(node?.properties ?? {}).map(([key, property]) => [key, property.description]));
}

/** The options of each `{ type: name, … }` alternative, with the type's description under `doc`. */
function algorithms(node: SchemaNode | undefined): Record<string, { doc: string | undefined; options: Record<string, string | undefined> }> {
  const found: Record<string, { doc: string | undefined; options: Record<string, string | undefined> }> = {};
  for (const alternative of node?.anyOf ?? []) {
    const type = alternative.properties?.type;
    if (type?.const === undefined) continue;
    const { type: _type, ...options } = descriptions(alternative);
    found[type.const] = { doc: type.description, options };
  }
  return found;
}

describe('the docs tables and the JSON schema say the same', () => {
  it('for the sections, objective, search, data, apply and storage', () => {
    assert.deepEqual(descriptions(schema), TOP_LEVEL_DOCS);
    assert.deepEqual(descriptions(top.objective?.anyOf?.[1]), OBJECTIVE_DOCS);
    assert.deepEqual(descriptions(top.objective?.anyOf?.[2]?.items?.anyOf?.[1]), OBJECTIVE_DOCS, 'each entry of a list of objectives');
    assert.deepEqual(descriptions(top.constraints?.items), CONSTRAINT_DOCS);
    assert.deepEqual(descriptions(top.search), SEARCH_DOCS);
    assert.deepEqual(descriptions(top.apply?.items), APPLY_ENTRY_DOCS);
  });

  it('for both kinds of trial and the data they read', () => {
    const [model, command] = top.trial?.anyOf ?? [];
    assert.deepEqual(descriptions(model), MODEL_TRIAL_DOCS);
    assert.deepEqual(descriptions(command), COMMAND_TRIAL_DOCS);
    assert.deepEqual(descriptions(model?.properties?.data), DATA_DOCS);
    assert.deepEqual(descriptions(model?.properties?.data?.properties?.validation?.anyOf?.[1]), VALIDATION_DOCS);
  });

  it('for a space parameter: its four forms and the keys of float and int ranges', () => {
    const param = top.space?.additionalProperties;
    assert.equal(param?.description, SPACE_PARAM_DOC);
    assert.deepEqual(param?.anyOf?.map((form) => form.description), Object.values(DISTRIBUTION_FORM_DOCS));
    assert.deepEqual(descriptions(param?.anyOf?.[0]), RANGE_DOCS.float);
    assert.deepEqual(descriptions(param?.anyOf?.[1]), RANGE_DOCS.int);
  });

  it('for every sampler and pruner and each of their options', () => {
    assert.deepEqual(algorithms(top.search?.properties?.sampler), SAMPLER_DOCS);
    assert.deepEqual(algorithms(top.search?.properties?.pruner), PRUNER_DOCS);
  });
});

describe('the docs tables name what the parser accepts', () => {
  it('every sampler option and every pruner option, no more', () => {
    for (const [type, options] of Object.entries(SAMPLER_OPTIONS)) assert.deepEqual(Object.keys(SAMPLER_DOCS[type as keyof typeof SAMPLER_DOCS].options), Object.keys(options), type);
    for (const [type, info] of Object.entries(PRUNERS)) assert.deepEqual(Object.keys(PRUNER_DOCS[type as keyof typeof PRUNERS].options), Object.keys(info.options), type);
  });

  it('the keys of a range, as the space parser lists them', () => {
    const [problem] = parseSpace({ x: { flot: [0, 1] } }).problems;
    const known = /\(known: ([^)]*)\)/.exec(problem?.message ?? '')?.[1]?.split(', ');
    assert.deepEqual(new Set(known), new Set([...Object.keys(RANGE_DOCS.float), ...Object.keys(RANGE_DOCS.int)]));
  });
});
