// data: { images, labels }: the parser's rules for the two forms of data, and checkConfigFiles on real
// IDX files, each problem positioned at the key that names the file (as the editor and validate show it).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { validateFiles } from '../../../src/cli/validateCommand';
import { checkConfigFiles } from '../../../src/configChecks/fileChecks';
import { parseConfig } from '../../../src/core/config';
import { docOfKey, keysAt } from '../../../src/core/config/keyCatalog';
import { formatKeyPath } from '../../../src/core/problems';
import { barImages, idxFileBytes, writeBarFiles } from '../../fixtures/data/idxFiles';

const HEAD = 'objective: { metric: val_accuracy, direction: maximize }\nsearch: { trials: 3 }\nspace:\n  filters: { int: [4, 8] }\ntrial:\n  model: cnn\n  data:\n';

let dir = '';

/** `line:col path message` of each problem, parse problems first. */
function problemsOf(data: string, withFiles = true): string[] {
  const file = join(dir, 'study.tune.yaml');
  const text = `${HEAD}${data}`;
  writeFileSync(file, text);
  const { problems, files } = parseConfig(text, file);
  const all = [...problems, ...(withFiles ? checkConfigFiles(files, file, text) : [])];
  return all.map((p) => `${p.start?.line}:${p.start?.col} ${formatKeyPath(p.path)} ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`);
}

describe('data: { images, labels } in a config', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tuneboard-idxchecks-'));
    mkdirSync(join(dir, 'data'));
    writeBarFiles(join(dir, 'data'), { count: 40, size: 5, classes: 2, gzip: true });
    writeBarFiles(join(dir, 'data'), { count: 40, size: 5, classes: 2, gzip: false });
    const images = idxFileBytes([40, 5, 5], barImages(40, 5, 2).images);
    const zipped = gzipSync(images);
    writeFileSync(join(dir, 'data', 'cut.gz'), zipped.subarray(0, zipped.length / 2));
    writeFileSync(join(dir, 'data', 'short-plain'), images.subarray(0, 500));
    writeFileSync(join(dir, 'data', 'plain.gz'), images);
    writeFileSync(join(dir, 'data', 'ten-labels.gz'), gzipSync(idxFileBytes([10], new Uint8Array(10))));
    writeFileSync(join(dir, 'data', 'digits.csv'), 'p0,p1,digit\n1,2,3\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads both forms of data, and the files check clean', () => {
    const text = '    images: data/images.idx3-ubyte.gz\n    labels: data/labels.idx1-ubyte.gz\n    validation: 0.25\n    limit: 20\n';
    assert.deepEqual(problemsOf(text), []);
    const { config } = parseConfig(`${HEAD}${text}`, 'x.tune.yaml');
    assert.deepEqual(config?.trial.kind === 'model' && config.trial.data, { images: 'data/images.idx3-ubyte.gz', labels: 'data/labels.idx1-ubyte.gz', validation: 0.25, limit: 20 });
    assert.deepEqual(problemsOf('    images: data/images.idx3-ubyte\n    labels: data/labels.idx1-ubyte\n'), []);
  });

  it('completion offers the keys of the form of data written, hover explains them', () => {
    const names = (data: Record<string, unknown>): string[] => (keysAt(['trial', 'data'], { trial: { model: 'cnn', data } }) ?? []).map((entry) => entry.name);
    assert.deepEqual(names({}), ['path', 'target', 'images', 'labels', 'validation', 'limit', 'format']);
    assert.deepEqual(names({ images: 'a.gz' }), ['images', 'labels', 'validation', 'limit']);
    assert.deepEqual(names({ path: 'a.csv' }), ['path', 'target', 'validation', 'format']);
    assert.match(docOfKey(['trial', 'data', 'limit'], { trial: { data: { images: 'a.gz', limit: 10 } } }) ?? '', /only the first N of each/);
    assert.equal(names({ path: 'a.csv', limit: 10 }).length, 7, 'both forms written: the parser says which keys clash, hover still explains each');
  });

  it('the parser: a half pair, keys of the other form, a bad limit, each at its key', () => {
    assert.deepEqual(problemsOf('    images: data/images.idx3-ubyte.gz\n    limit: 1\n', false).sort(byPosition), [
      '7:3 trial.data.labels images needs labels beside it: the idx1-ubyte file of their class indices, relative to the config',
      '9:12 trial.data.limit limit must be a whole number ≥ 2, got number 1',
    ]);
    assert.deepEqual(problemsOf('    labels: data/labels.idx1-ubyte.gz\n    target: label\n    format: csv\n', false).sort(byPosition), [
      "7:3 trial.data.images labels needs images beside it: the idx3-ubyte file of the images, relative to the config",
      "9:5 trial.data.target 'target' is for a table; with images and labels (IDX files) the labels are the target: keep one form of data",
      "10:5 trial.data.format 'format' is for a table; with images and labels (IDX files) the labels are the target: keep one form of data",
    ]);
    assert.deepEqual(problemsOf('    path: data/digits.csv\n    target: digit\n    limit: 100\n', false), ["10:5 trial.data.limit 'limit' only applies to images and labels (IDX files), not to a table"]);
  });

  it('a missing file and a folder, at images or labels', () => {
    const [missing, folder] = problemsOf('    images: data/nope.gz\n    labels: data\n');
    assert.match(missing ?? '', /^8:13 trial\.data\.images data\/nope\.gz: the images file does not exist \(looked for .*nope\.gz: paths are relative to the config's folder\)$/);
    assert.equal(folder, '9:13 trial.data.labels data: is a folder, not an IDX labels file');
  });

  it('a wrong magic number, a .gz that is not gzip, a truncated file: each names the file', () => {
    assert.deepEqual(problemsOf('    images: data/digits.csv\n    labels: data/labels.idx1-ubyte.gz\n'), [
      '8:13 trial.data.images data/digits.csv: is not an IDX file: it starts with bytes 70 30 2c 70, where IDX images start with the magic number 00 00 08 03',
    ]);
    assert.deepEqual(problemsOf('    images: data/plain.gz\n    labels: data/labels.idx1-ubyte.gz\n'), [
      '8:13 trial.data.images data/plain.gz: is named .gz but is not gzip (it starts with bytes 00 00 08 03, where gzip starts 1f 8b); it looks like a plain IDX file: drop the .gz from its name',
    ]);
    assert.deepEqual(problemsOf('    images: data/cut.gz\n    labels: data/labels.idx1-ubyte.gz\n'), [
      '8:13 trial.data.images data/cut.gz: is not a whole gzip file (unexpected end of file): the download may have been cut short; fetch it again',
    ]);
    assert.deepEqual(problemsOf('    images: data/short-plain\n    labels: data/labels.idx1-ubyte.gz\n'), [
      '8:13 trial.data.images data/short-plain: is cut short: its header promises 40 images of 5 × 5 bytes (1000 bytes after the header), but only 484 follow; fetch it again',
    ]);
  });

  it('swapped files, and images and labels of different counts', () => {
    assert.deepEqual(problemsOf('    images: data/labels.idx1-ubyte.gz\n    labels: data/images.idx3-ubyte.gz\n'), [
      '8:13 trial.data.images data/labels.idx1-ubyte.gz: has 1 dimension where images need 3 (count, rows, columns) or 4 (with channels last); is it the labels file?',
      '9:13 trial.data.labels data/images.idx3-ubyte.gz: has 3 dimensions where labels need 1 (count); is it the images file?',
    ]);
    assert.deepEqual(problemsOf('    images: data/images.idx3-ubyte.gz\n    labels: data/ten-labels.gz\n'), [
      '9:13 trial.data.labels data/ten-labels.gz holds 10 labels, but data/images.idx3-ubyte.gz holds 40 images; give the labels that come with these images (train-labels with train-images, t10k with t10k)',
    ]);
  });

  it('a limit above the count is a warning; tuneboard validate prints file:line:col for each problem', () => {
    assert.deepEqual(problemsOf('    images: data/images.idx3-ubyte.gz\n    labels: data/labels.idx1-ubyte.gz\n    limit: 1000\n'), ['10:12 trial.data.limit warning: limit 1000 is more than the 40 images the files hold: all of them are used']);
    problemsOf('    images: data/cut.gz\n    labels: data/ten-labels.gz\n');
    const out = { stdout: '', stderr: '' };
    assert.equal(validateFiles([join(dir, 'study.tune.yaml')], { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) }), 1);
    assert.match(out.stderr, /study\.tune\.yaml:8:13: data\/cut\.gz: is not a whole gzip file .* \(trial\.data\.images\)\n/);
  });
});

function byPosition(a: string, b: string): number {
  const [la = 0, ca = 0] = a.split(' ')[0]?.split(':').map(Number) ?? [];
  const [lb = 0, cb = 0] = b.split(' ')[0]?.split(':').map(Number) ?? [];
  return la - lb || ca - cb;
}
