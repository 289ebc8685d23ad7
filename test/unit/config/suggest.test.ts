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
  });

  it('prefers a name the input abbreviates, starts or is part of over one a letter away', () => {
    const modelParams = ['layers', 'units', 'activation', 'dropout', 'l2', 'batch_norm', 'learning_rate', 'optimizer', 'momentum', 'batch_size', 'epochs'];
    assert.equal(suggestName('lr', modelParams), 'learning_rate');
    assert.equal(suggestName('bs', modelParams), 'batch_size');
    assert.equal(suggestName('lear', modelParams), 'learning_rate');
    assert.equal(suggestName('rate', modelParams), 'learning_rate');
    assert.equal(suggestName('learningRate', ['lr', 'momentum']), 'lr');
    assert.equal(suggestName('l3', modelParams), 'l2');
    assert.equal(suggestName('x', ['xylophone']), null);
  });

  it('counts a transposition as one edit', () => {
    assert.equal(editDistance('ab', 'ba'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });
});
