// The real Fashion-MNIST files as Debian's dataset-fashion-mnist installs them (the example reads them):
// their headers, the cheap checks the editor runs on them, and the example's subset. Skipped, with a
// note, on a machine without the package (.ci/run installs it).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkIdxFiles } from '../../../src/configChecks/idxChecks';
import { loadIdxData, readIdxFile } from '../../../src/runner/data';

// FASHION_MNIST_DIR, as for the trainer benchmark (docs/recipes.md), points at another copy.
const FOLDER = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';
const FILES = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'];
const missing = FILES.filter((name) => !existsSync(join(FOLDER, name)));
const skip = missing.length > 0 ? `Fashion-MNIST is not installed (no ${join(FOLDER, missing[0] ?? '')}): apt-get install dataset-fashion-mnist` : false;

describe('the Fashion-MNIST files of dataset-fashion-mnist', { skip }, () => {
  it('have the headers MNIST-style files have: 60,000 and 10,000 images of 28 × 28 with as many labels', () => {
    const problems: string[] = [];
    const report = (severity: string, path: readonly (string | number)[], message: string): void => void problems.push(`${path.join('.')} ${message}`);
    for (const split of ['train', 't10k']) {
      checkIdxFiles({ images: `${split}-images-idx3-ubyte.gz`, labels: `${split}-labels-idx1-ubyte.gz`, limit: 6000 }, FOLDER, report);
    }
    assert.deepEqual(problems, [], 'the editor\'s checks find the files whole and paired');
  });

  it('read as the example reads them: the first 6,000 training images, every class, pixels in [0, 1]', async () => {
    const labels = await readIdxFile(join(FOLDER, 't10k-labels-idx1-ubyte.gz'), 'labels');
    assert.deepEqual(labels.dims, [10000]);
    assert.ok(labels.values.every((label) => label <= 9));
    const data = await loadIdxData({ images: join(FOLDER, FILES[0] ?? ''), labels: join(FOLDER, FILES[1] ?? ''), validation: 0.2, limit: 6000, seed: 1 });
    assert.equal(data.sampleCount, 6000);
    assert.deepEqual(data.sampleShape, [28, 28, 1]);
    assert.equal(data.featureCount, 784);
    assert.deepEqual(data.classes, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    assert.deepEqual(data.warnings, []);
    const [fold] = data.folds;
    assert.equal(fold?.trainCount, 4800);
    assert.equal(fold?.valCount, 1200);
    // Stratified: 1,200 held-out images over 10 classes, each within one of its share of the subset.
    const perClass = new Array<number>(10).fill(0);
    for (const label of fold?.yVal ?? []) perClass[label] = (perClass[label] ?? 0) + 1;
    assert.ok(perClass.every((count) => count >= 100 && count <= 140), `held out per class: ${perClass.join(', ')}`);
    let low = Infinity;
    let high = -Infinity;
    for (const pixel of fold?.xTrain ?? []) [low, high] = [Math.min(low, pixel), Math.max(high, pixel)];
    assert.deepEqual([low, high], [0, 1]);
  });
});
