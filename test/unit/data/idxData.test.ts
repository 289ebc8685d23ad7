// IDX images and labels as training folds: pixels in [0, 1], labels as class indices, the shape of an
// image kept for the cnn, a seeded stratified split, and the pair checked against each other.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DataError, loadData, loadIdxData, prepareIdxData, resolveDataPaths } from '../../../src/runner/data';
import { idxFileBytes, writeBarFiles } from '../../fixtures/data/idxFiles';

let dir = '';

describe('loadIdxData', () => {
  before(() => (dir = mkdtempSync(join(tmpdir(), 'tuneboard-idxdata-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('scales pixels to [0, 1], keeps labels as class indices and the image shape [rows, cols, 1]', () => {
    const images = { dims: [4, 1, 2], total: 4, values: Uint8Array.from([0, 255, 51, 102, 0, 0, 255, 255]) };
    const labels = { dims: [4], total: 4, values: Uint8Array.from([2, 0, 2, 0]) };
    const data = prepareIdxData(images, labels, { images: 'i', labels: 'l', validation: 0.5, seed: 3 });
    assert.equal(data.task, 'classification');
    assert.deepEqual(data.sampleShape, [1, 2, 1]);
    assert.equal(data.featureCount, 2, 'an mlp takes the image flat');
    assert.deepEqual(data.classes, ['0', '1', '2'], 'labels are indices: class 1 has an output though no image');
    assert.match(data.warnings?.[0] ?? '', /class 1 of 0–2 has no images; the model keeps an output for it/);
    const [fold] = data.folds;
    assert.ok(fold);
    assert.equal(fold.trainCount + fold.valCount, 4);
    // Stratified: each class is in both halves.
    assert.deepEqual([...fold.yTrain].sort(), [0, 2]);
    assert.deepEqual([...fold.yVal].sort(), [0, 2]);
    const rows = [...fold.xTrain, ...fold.xVal];
    assert.ok(rows.every((v) => v >= 0 && v <= 1));
    assert.ok(rows.includes(1) && rows.includes(0));
    assert.ok(rows.some((v) => Math.abs(v - 0.2) < 1e-6), '51 / 255 = 0.2');
  });

  it('reads a pair of gzipped files, limited, the same split for the same seed, and k folds', async () => {
    const paths = writeBarFiles(dir, { count: 60, size: 6, classes: 3, gzip: true });
    const first = await loadIdxData({ ...paths, validation: 0.2, limit: 30, seed: 9 });
    assert.equal(first.sampleCount, 30);
    assert.deepEqual(first.sampleShape, [6, 6, 1]);
    assert.equal(first.folds[0]?.valCount, 6);
    assert.deepEqual(first.folds[0]?.yVal, (await loadIdxData({ ...paths, validation: 0.2, limit: 30, seed: 9 })).folds[0]?.yVal);
    const folds = await loadIdxData({ ...paths, validation: { kfold: 3 }, seed: 9 });
    assert.equal(folds.folds.length, 3);
    assert.deepEqual(folds.folds.map((f) => f.valCount), [20, 20, 20]);
  });

  it('is what loadData reads for data: { images, labels }, paths resolved against the config folder', async () => {
    const paths = writeBarFiles(dir, { count: 20, size: 4, classes: 2, gzip: false });
    const config = resolveDataPaths({ images: 'images.idx3-ubyte', labels: 'labels.idx1-ubyte', limit: 10 }, (written) => join(dir, written));
    assert.deepEqual(config, { ...paths, limit: 10 });
    const data = await loadData(config, 1);
    assert.equal(data.sampleCount, 10);
    assert.deepEqual(data.classes, ['0', '1']);
  });

  it('refuses images and labels of different counts, at the labels file', async () => {
    const images = join(dir, 'pair-images');
    const labels = join(dir, 'pair-labels');
    writeFileSync(images, idxFileBytes([3, 2, 2], new Uint8Array(12)));
    writeFileSync(labels, idxFileBytes([2], [0, 1]));
    await assert.rejects(loadIdxData({ images, labels, seed: 1, limit: 2 }), (error: unknown) => {
      assert.ok(error instanceof DataError);
      assert.equal(error.file, labels);
      assert.match(error.message, new RegExp(`holds 2 labels, but the images file ${images} holds 3 images; give the labels that come with these images`));
      return true;
    });
  });

  it('refuses labels of a single class, and a split the images cannot make', () => {
    const images = { dims: [3, 1, 1], total: 5, values: Uint8Array.from([1, 2, 3]) };
    assert.throws(() => prepareIdxData(images, { dims: [3], total: 5, values: Uint8Array.from([4, 4, 4]) }, { images: 'i', labels: 'l', seed: 1 }), /^DataError: l: holds a single class \(4\) among the first 3; classification needs at least two$/m);
    const two = { dims: [2], total: 5, values: Uint8Array.from([0, 1]) };
    assert.throws(() => prepareIdxData({ ...images, dims: [2, 1, 1] }, two, { images: 'i', labels: 'l', validation: { kfold: 3 }, seed: 1 }), /i: 3-fold cross-validation needs at least 3 rows, but there are 2/);
  });
});
