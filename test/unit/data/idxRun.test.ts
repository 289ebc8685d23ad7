// `tuneboard run` on IDX files end to end: forked workers read gzipped images and labels this test
// writes, a cnn trains on them without input_shape (an mlp on the same pixels, flat), the cost
// metrics land in the journal, and a broken file stops the study with its config line.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { StudyEvent } from '../../../src/protocol/studyEvents';
import { ensureBuilt, runCli } from '../cli/cliHarness';
import { writeBarFiles } from '../../fixtures/data/idxFiles';

let dir = '';

function config(name: string, model: 'cnn' | 'mlp', space: string, data = '{ images: images.idx3-ubyte.gz, labels: labels.idx1-ubyte.gz, validation: 0.25, limit: 160 }'): string {
  const file = join(dir, `${name}.tune.yaml`);
  writeFileSync(
    file,
    `name: ${name}
objective: { metric: val_accuracy, direction: maximize }
search: { sampler: random, trials: 2, parallel: 2, seed: 5 }
space:
${space}
trial:
  model: ${model}
  data: ${data}
`,
  );
  return file;
}

function events(stdout: string): StudyEvent[] {
  return stdout.trim().split('\n').map((line) => JSON.parse(line) as StudyEvent);
}

describe('tuneboard run on IDX images and labels', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tuneboard-idxrun-'));
    ensureBuilt();
    // 200 images of 8 × 8 in 3 classes; the configs read the first 160.
    writeBarFiles(dir, { count: 200, size: 8, classes: 3, gzip: true });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a cnn learns the images shaped [8, 8, 1] from the file, and the journal holds the cost metrics', () => {
    const file = config('bars-cnn', 'cnn', '  learning_rate: { float: [0.005, 0.02], log: true }\n  conv_blocks: 1\n  filters: 4\n  dense_units: 0\n  epochs: 8\n  batch_size: 16');
    const { status, stdout, stderr } = runCli(dir, ['run', file, '--json']);
    assert.equal(status, 0, stderr);
    const all = events(stdout);
    const ready = all.find((e): e is Extract<StudyEvent, { type: 'worker-ready' }> => e.type === 'worker-ready');
    assert.ok(ready, 'a worker got ready');
    const finished = all.filter((e): e is Extract<StudyEvent, { type: 'trial-finished' }> => e.type === 'trial-finished');
    assert.equal(finished.length, 2);
    for (const trial of finished) {
      assert.equal(trial.state, 'complete', trial.reason ?? '');
      assert.ok((trial.value ?? 0) > 0.9, `trial ${trial.number} learned the bars: val_accuracy ${trial.value}`);
    }
    const journal = readFileSync(join(dir, '.tuneboard', 'bars-cnn.jsonl'), 'utf8');
    // conv 3×3×1×4 + 4 biases, pooled 4×4×4 → 3 classes.
    assert.match(journal, /"parameter_count":\s*235\b/);
    assert.match(journal, /"train_seconds":\s*\d/);
    assert.match(journal, /"inference_ms":\s*\d/);
  });

  it('an mlp takes the same pixels flat; a limit over the count is all of them', () => {
    const file = config('bars-mlp', 'mlp', '  learning_rate: 0.01\n  units: [8, 16]\n  layers: 1\n  epochs: 10', '{ images: images.idx3-ubyte.gz, labels: labels.idx1-ubyte.gz, limit: 1000 }');
    const { status, stdout, stderr } = runCli(dir, ['run', file, '--json']);
    assert.equal(status, 0, stderr);
    const finished = events(stdout).filter((e): e is Extract<StudyEvent, { type: 'trial-finished' }> => e.type === 'trial-finished');
    assert.deepEqual(finished.map((e) => e.state), ['complete', 'complete']);
    const journal = readFileSync(join(dir, '.tuneboard', 'bars-mlp.jsonl'), 'utf8');
    // 64 pixels → 8 or 16 units → 3 classes.
    assert.match(journal, /"parameter_count":\s*(547|1091)\b/);
  });

  it('a broken images file stops the study, blamed on the config line that names the data', () => {
    const images = readFileSync(join(dir, 'images.idx3-ubyte.gz'));
    writeFileSync(join(dir, 'cut.gz'), images.subarray(0, images.length / 2));
    const file = config('bars-broken', 'cnn', '  filters: { int: [2, 4] }', '{ images: cut.gz, labels: labels.idx1-ubyte.gz }');
    const { status, stderr } = runCli(dir, ['run', file]);
    assert.notEqual(status, 0);
    assert.match(stderr, /bars-broken\.tune\.yaml:8:9: .*cut\.gz: is not a whole gzip file \(unexpected end of file\).* \(trial\.data\)/);
    const validate = runCli(dir, ['validate', file]);
    assert.equal(validate.status, 1);
    assert.match(validate.stderr, /bars-broken\.tune\.yaml:8:19: cut\.gz: is not a whole gzip file .* \(trial\.data\.images\)/);
  });
});
