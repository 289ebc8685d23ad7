// Where the cursor is in a config being typed, on the examples as a user edits them: half-typed keys
// on lines of their own, values after `key: `, keys and values inside `{ … }`, list items, `${…}`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cursorContext, type CursorContext } from '../../../src/core/config/cursorContext';
import { COMMAND_CONFIG, cursor, IRIS } from './cursorAt';

/** A context without the document's plain values, which every context carries (per kind of context). */
type WithoutRoot<T> = T extends unknown ? Omit<T, 'root'> : never;

function contextAt(text: string, offset: number): WithoutRoot<CursorContext> | null {
  const context = cursorContext(text, offset);
  if (context === null) return null;
  const { root: _root, ...rest } = context;
  return rest;
}

function at(text: string, find: string, replace?: string): WithoutRoot<CursorContext> | null {
  const { text: edited, offset } = cursor(text, find, replace);
  return contextAt(edited, offset);
}

describe('cursorContext', () => {
  it('a value after `key: `, empty or half-typed', () => {
    const start = IRIS.indexOf('sampler: tpe') + 'sampler: '.length;
    assert.deepEqual(at(IRIS, '  sampler: |tpe'), { kind: 'value', path: ['search', 'sampler'], inList: false, prefix: '', replace: [start, start + 3] });
    assert.deepEqual(at(IRIS, '  sampler: tpe', '  sampler: t|'), { kind: 'value', path: ['search', 'sampler'], inList: false, prefix: 't', replace: [start, start + 1] });
  });

  it('a key on a line of its own, by its indentation: a section, the space, the top level', () => {
    const search = at(IRIS, '  seed: 7\n', '  seed: 7\n  ti|\n');
    assert.deepEqual(search && { kind: search.kind, path: search.path, prefix: search.prefix }, { kind: 'key', path: ['search'], prefix: 'ti' });
    const space = at(IRIS, '  epochs: 40\n', '  epochs: 40\n  |\n');
    assert.equal(space?.kind, 'key');
    assert.deepEqual(space?.kind === 'key' && [space.path, space.present, space.flow], [['space'], ['learning_rate', 'units', 'layers', 'dropout', 'activation', 'epochs'], false]);
    const topLevel = at(IRIS, '  timeout: 10m\n', '  timeout: 10m\nst|');
    assert.deepEqual(topLevel?.kind === 'key' && [topLevel.path, topLevel.present], [[], ['name', 'objective', 'search', 'space', 'trial']]);
  });

  it('a key inside `{ … }`, and one already followed by its colon', () => {
    const pruner = at(IRIS, 'reduction_factor: 3 }', 'reduction_factor: 3, | }');
    assert.deepEqual(pruner?.kind === 'key' && [pruner.path, pruner.present, pruner.flow, pruner.hasColon], [['search', 'pruner'], ['type', 'min_resource', 'reduction_factor'], true, false]);
    const renamed = at(IRIS, '  par|allel: 2');
    assert.deepEqual(renamed?.kind === 'key' && [renamed.path, renamed.prefix, renamed.hasColon], [['search'], 'par', true]);
  });

  it('a value inside `{ … }` and an item of a list', () => {
    assert.deepEqual(at(IRIS, 'direction: |maximize')?.path, ['objective', 'direction']);
    const item = at(IRIS, '[relu, tanh, elu]', '[relu, tanh, elu, |]');
    assert.deepEqual(item?.kind === 'value' && [item.path, item.inList], [['space', 'activation', 3], true]);
  });

  it('a name inside `${…}` of a command argument, but not after the escape $${', () => {
    const placeholder = at(COMMAND_CONFIG, '"${l|2}"');
    assert.deepEqual(placeholder && [placeholder.kind, placeholder.path, placeholder.prefix], ['placeholder', ['trial', 'command', 5], 'l']);
    const escaped = at(COMMAND_CONFIG, '"${l2}"', '"$${l|2}"');
    assert.deepEqual(escaped && [escaped.kind, escaped.path], ['value', ['trial', 'command', 5]]);
  });

  it('an empty file is the top level, and the word at the cursor is left out of the plain values', () => {
    assert.deepEqual(contextAt('', 0), { kind: 'key', path: [], present: [], flow: false, hasColon: false, prefix: '', replace: [0, 0] });
    const { text, offset } = cursor(IRIS, '  seed: 7\n', '  seed: 7\n  retr|\n');
    const search = (cursorContext(text, offset)?.root as { search: Record<string, unknown> }).search;
    assert.deepEqual(Object.keys(search), ['sampler', 'trials', 'parallel', 'seed', 'pruner']);
  });
});
