import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editDistance, suggestName } from '../../../src/core/suggest';

describe('did-you-mean suggestions', () => {
  it('finds typos, swapped letters and clipped or extended names', () => {
    assert.equal(suggestName('trails', ['sampler', 'trials', 'timeout']), 'trials');
    assert.equal(suggestName('smapler', ['sampler', 'trials']), 'sampler');
    assert.equal(suggestName('cwdir', ['command', 'cwd', 'env']), 'cwd');
    assert.equal(suggestName('epoch', ['epochs', 'units']), 'epochs');
    assert.equal(suggestName('TPE', ['tpe', 'grid']), 'tpe');
  });

  it('stays quiet when nothing is close', () => {
    assert.equal(suggestName('banana', ['sampler', 'trials']), null);
    assert.equal(suggestName('lr', ['learning_rate']), null);
  });

  it('counts a transposition as one edit', () => {
    assert.equal(editDistance('ab', 'ba'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });
});
