/**
 * New Tuning Config's view of a data file (src/configChecks/dataTargets.ts): its columns, a few words
 * on each, and the task the trainer's own prepareData decides for a target, or why it cannot train.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { type DataFileSummary, readDataFileSummary } from '../../../src/configChecks/dataTargets';

const EXAMPLES = resolve(__dirname, '..', '..', '..', 'examples');
const dir = mkdtempSync(join(tmpdir(), 'tuneboard-data-targets-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function columnsOf(file: string): Promise<DataFileSummary> {
  const read = await readDataFileSummary(file);
  assert.ok(!('error' in read), JSON.stringify(read));
  return read;
}

describe('a data file as New Tuning Config shows it', () => {
  it('iris: the species column is classification into 3 classes', async () => {
    const iris = await columnsOf(join(EXAMPLES, 'iris', 'data', 'iris.csv'));
    assert.deepEqual(iris.columns, ['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species']);
    assert.equal(iris.describe('species'), '3 values: setosa, versicolor, virginica');
    assert.match(iris.describe('sepal_length'), /^\d+ numbers, 4\.3 – 7\.9$/);
    assert.deepEqual(iris.taskOf('species'), { task: 'classification', classes: 3 });
  });

  it('diabetes: a numeric target with many values is regression', async () => {
    const diabetes = await columnsOf(join(EXAMPLES, 'diabetes', 'data', 'diabetes.csv'));
    assert.deepEqual(diabetes.taskOf('progression'), { task: 'regression', classes: 0 });
    assert.deepEqual(diabetes.taskOf('sex'), { task: 'classification', classes: 2 }, 'few whole numbers are class labels, as the trainer reads them');
  });

  it('says why the trainer cannot predict a column, and why a file cannot be read', async () => {
    const file = join(dir, 'one.jsonl');
    writeFileSync(file, '{"x": 1, "y": "a"}\n{"x": 2, "y": "a"}\n');
    const one = await columnsOf(file);
    assert.equal(one.describe('y'), '1 value: a');
    const task = one.taskOf('y');
    assert.ok('error' in task && /single value/.test(task.error), JSON.stringify(task));
    const unreadable = await readDataFileSummary(join(dir, 'missing.csv'));
    assert.ok('error' in unreadable && /cannot read/.test(unreadable.error), JSON.stringify(unreadable));
  });
});
