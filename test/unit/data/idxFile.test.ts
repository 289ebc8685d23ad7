// The IDX reader (MNIST's format) on real small files this test writes, plain and gzipped, and each
// way a file can be wrong: every problem a DataError naming the file.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { DataError, decodeIdx, readIdxFile } from '../../../src/runner/data';
import { idxFileBytes } from '../../fixtures/data/idxFiles';

let dir = '';

function write(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** Asserts the promise rejects with a DataError for `file` whose message matches `pattern`. */
async function assertIdxError(promise: Promise<unknown>, file: string, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof DataError, `expected a DataError, got ${String(error)}`);
    assert.equal(error.file, file);
    assert.equal(error.line, null);
    assert.match(error.message, pattern);
    assert.ok(error.message.startsWith(`${file}: `), error.message);
    return true;
  });
}

// Two 2 × 3 images and their labels.
const PIXELS = [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255];
const IMAGES = idxFileBytes([2, 2, 3], PIXELS);
const LABELS = idxFileBytes([2], [7, 1]);

describe('readIdxFile', () => {
  before(() => (dir = mkdtempSync(join(tmpdir(), 'tuneboard-idx-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads images and labels, plain and gzipped alike', async () => {
    for (const [suffix, encode] of [['', (b: Buffer) => b], ['.gz', gzipSync]] as const) {
      const images = await readIdxFile(write(`i${suffix}`, encode(IMAGES)), 'images');
      assert.deepEqual(images.dims, [2, 2, 3]);
      assert.equal(images.total, 2);
      assert.deepEqual([...images.values], PIXELS);
      const labels = await readIdxFile(write(`l${suffix}`, encode(LABELS)), 'labels');
      assert.deepEqual(labels.dims, [2]);
      assert.deepEqual([...labels.values], [7, 1]);
    }
  });

  it('reads the first `limit` items and still knows how many the file holds', async () => {
    const images = await readIdxFile(write('limit.gz', gzipSync(IMAGES)), 'images', 1);
    assert.deepEqual(images.dims, [1, 2, 3]);
    assert.equal(images.total, 2);
    assert.deepEqual([...images.values], PIXELS.slice(0, 6));
  });

  it('takes images with channels last (4 dimensions) and a gzipped file without .gz in its name', async () => {
    const images = await readIdxFile(write('rgb', gzipSync(idxFileBytes([1, 1, 2, 3], [1, 2, 3, 4, 5, 6]))), 'images');
    assert.deepEqual(images.dims, [1, 1, 2, 3]);
  });

  it('refuses a missing file and a folder', async () => {
    await assertIdxError(readIdxFile(join(dir, 'nope.gz'), 'images'), join(dir, 'nope.gz'), /the images file does not exist/);
    await assertIdxError(readIdxFile(dir, 'labels'), dir, /the labels file is a folder/);
  });

  it('refuses a wrong magic number, saying what it found and what IDX starts with', async () => {
    const csv = write('digits.csv', Buffer.from('p0,p1,label\n1,2,3\n'));
    await assertIdxError(readIdxFile(csv, 'images'), csv, /not an IDX file: it starts with bytes 70 30 2c 70, where IDX images start with the magic number 00 00 08 03/);
    const empty = write('empty', new Uint8Array(0));
    await assertIdxError(readIdxFile(empty, 'labels'), empty, /not an IDX file: it is empty.*00 00 08 01/);
  });

  it('refuses a value type other than unsigned bytes, naming it', async () => {
    const floats = write('floats', idxFileBytes([1], [0, 0, 128, 63], 0x0d));
    await assertIdxError(readIdxFile(floats, 'labels'), floats, /IDX type 0x0d \(float32\); only unsigned bytes \(0x08\)/);
  });

  it('refuses images and labels swapped (by their number of dimensions)', async () => {
    const labels = write('swapped-labels', LABELS);
    await assertIdxError(readIdxFile(labels, 'images'), labels, /has 1 dimension where images need 3 .* is it the labels file\?/);
    const images = write('swapped-images', IMAGES);
    await assertIdxError(readIdxFile(images, 'labels'), images, /has 3 dimensions where labels need 1 \(count\); is it the images file\?/);
  });

  it('refuses a truncated file, plain or gzipped, and one with bytes to spare', async () => {
    const short = write('short', IMAGES.subarray(0, IMAGES.length - 2));
    await assertIdxError(readIdxFile(short, 'images'), short, /cut short: its header promises 2 images of 2 × 3 bytes \(12 bytes after the header\), but only 10 follow/);
    const inHeader = write('header-cut', IMAGES.subarray(0, 10));
    await assertIdxError(readIdxFile(inHeader, 'images'), inHeader, /cut short inside its header \(10 of 16 bytes\)/);
    const zipped = gzipSync(IMAGES);
    const cut = write('cut.gz', zipped.subarray(0, zipped.length - 6));
    await assertIdxError(readIdxFile(cut, 'images'), cut, /not a whole gzip file \(unexpected end of file\)/);
    const long = write('long', Buffer.concat([LABELS, Buffer.from([9, 9, 9])]));
    await assertIdxError(readIdxFile(long, 'labels'), long, /has 3 bytes more than its header promises \(2 labels\)/);
  });

  it('refuses a .gz that is not gzip, telling a plain IDX file from anything else', async () => {
    const plain = write('plain.gz', IMAGES);
    await assertIdxError(readIdxFile(plain, 'images'), plain, /named \.gz but is not gzip \(it starts with bytes 00 00 08 03, .*drop the \.gz from its name/);
    const text = write('text.gz', Buffer.from('hello'));
    await assertIdxError(readIdxFile(text, 'images'), text, /named \.gz but is not gzip .*is it the right file\?/);
  });

  it('refuses a dimension of size 0', () => {
    assert.throws(() => decodeIdx(idxFileBytes([0, 28, 28], []), 'none', 'images'), /has a dimension of size 0 \(0 × 28 × 28\): it holds no images/);
  });
});
