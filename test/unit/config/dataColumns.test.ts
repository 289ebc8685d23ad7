// The header columns the editor completes after `target:`, read from the head of the data file.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readDataColumns } from '../../../src/configChecks/dataColumns';
import { REPO_ROOT } from '../../fixtures/configs';

const dir = mkdtempSync(join(tmpdir(), 'tuneboard-columns-'));
const file = (name: string, text: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('readDataColumns', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the header of a real CSV, with the file’s modification time', async () => {
    const read = await readDataColumns(join(REPO_ROOT, 'examples', 'iris', 'data', 'iris.csv'));
    assert.deepEqual(read?.columns, ['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species']);
    assert.equal(typeof read?.mtimeMs, 'number');
  });

  it('reads TSV by its extension, JSON Lines by the keys of the first object, and a format given over the extension', async () => {
    assert.deepEqual((await readDataColumns(file('a.tsv', 'x\ty\tlabel\n1\t2\ta\n')))?.columns, ['x', 'y', 'label']);
    assert.deepEqual((await readDataColumns(file('a.jsonl', '\n{"x": 1, "label": "a"}\n{"x": 2}\n')))?.columns, ['x', 'label']);
    assert.deepEqual((await readDataColumns(file('a.txt', '{"x": 1}\n'), 'jsonl'))?.columns, ['x']);
  });

  it('gives no columns where there are none to offer, and never throws', async () => {
    assert.equal(await readDataColumns(join(dir, 'missing.csv')), null);
    assert.equal(await readDataColumns(file('a.dat', 'x,y\n')), null, 'unknown format');
    assert.equal(await readDataColumns(file('empty.csv', '')), null);
    assert.equal(await readDataColumns(file('bad.jsonl', 'not json\n')), null);
    assert.equal(await readDataColumns(file('wide.csv', `${'c,'.repeat(200_000)}c\n1\n`)), null, 'a header longer than the head read');
  });
});
