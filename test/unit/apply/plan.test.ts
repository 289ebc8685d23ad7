import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, planParamEdits, type TextEditPlan } from '../../../src/core/apply';
import { lookedFor } from './applyHelpers';

describe('planning edits for a file', () => {
  it('gives offsets and 1-based lines an editor can use, marking values that already hold', () => {
    const text = 'x = 1\nlr = 0.1\nunits = 64\n';
    const plan = planParamEdits(text, 'a.py', { lr: 0.2, units: 64 });
    assert.deepEqual(
      plan.placed.map((p) => p.edits),
      [[{ start: 11, end: 14, newText: '0.2', param: 'lr', line: 2, unchanged: false }], [{ start: 23, end: 25, newText: '64', param: 'units', line: 3, unchanged: true }]],
    );
  });

  it('counts offsets in UTF-16 units, as editors do', () => {
    const text = 'name = "😀 ü"\nlr = 0.1\n';
    const [edit] = planParamEdits(text, 'a.py', { lr: 0.3 }).placed[0]?.edits ?? [];
    assert.equal(text.slice(edit?.start, edit?.end), '0.1');
  });

  it('writes one place once when two params map to the same name, and says which one won', () => {
    const plan = planParamEdits('lr = 0.1\n', 'a.py', { lr: 0.2, learning_rate: 0.3 }, { learning_rate: 'lr' });
    assert.deepEqual(plan.placed.map((p) => p.param), ['lr']);
    assert.equal(plan.missing[0]?.param, 'learning_rate');
    assert.match(lookedFor(plan.missing[0]), /found `0\.1` at line 1, but lr is already written there/);
  });

  it('refuses overlapping edits rather than corrupting the text', () => {
    const edit = (start: number, end: number): TextEditPlan => ({ start, end, newText: 'x', param: 'p', line: 1, unchanged: false });
    assert.equal(applyEdits('abcdef', [edit(4, 5), edit(0, 2)]), 'xcdxf');
    assert.throws(() => applyEdits('abcdef', [edit(0, 3), edit(2, 4)]), /overlaps/);
    assert.throws(() => applyEdits('abc', [edit(2, 9)]), /outside/);
  });
});
