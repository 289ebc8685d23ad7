/** Where trial logs go: beside the journal, keyed by journal and study, so no two runs share a folder. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { trialLogDir } from '../../../src/runner/createExecutor';

describe('trialLogDir', () => {
  it('keys the folder by the journal as well as the study, readably', () => {
    assert.equal(trialLogDir('/p/.tuneboard/mnist.jsonl', 'mnist'), '/p/.tuneboard/logs/mnist/mnist');
    assert.equal(trialLogDir('/p/.tuneboard/sweep-2.jsonl', 'mnist'), '/p/.tuneboard/logs/sweep-2/mnist');
  });

  it('two journals in one folder with a study of the same name never share a log folder', () => {
    const dirs = ['a.jsonl', 'b.jsonl', 'a', 'a.JSONL.bak', 'a.log'].map((journal) => trialLogDir(`/p/${journal}`, 'study'));
    assert.equal(new Set(dirs).size, dirs.length, dirs.join('\n'));
  });

  it('study names that are not plain folder names get a cleaned name and a hash, and stay inside logs/', () => {
    const names = ['a b', 'a_b', 'a/b', '..', '.', ''];
    const dirs = names.map((name) => trialLogDir('/p/j.jsonl', name));
    assert.equal(new Set(dirs).size, names.length, dirs.join('\n'));
    for (const dir of dirs) assert.match(dir, /^\/p\/logs\/j\/[\w.-]+$/);
    assert.match(trialLogDir('/p/j.jsonl', 'a b'), /\/logs\/j\/a_b-[0-9a-f]{8}$/);
    assert.equal(trialLogDir('/p/j.jsonl', 'a_b'), '/p/logs/j/a_b');
  });
});
