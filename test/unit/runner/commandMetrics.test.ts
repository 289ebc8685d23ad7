import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandArgs } from '../../../src/runner/command/expandArgs';
import { MetricTracker, parseMetricLine } from '../../../src/runner/command/metricLines';

describe('metric lines from a command trial', () => {
  it('reads key=value pairs anywhere on a line, with an optional step', () => {
    assert.deepEqual(parseMetricLine('epoch 3: val_loss=0.31 val_accuracy=0.9 step=3'), { step: 3, metrics: { val_loss: 0.31, val_accuracy: 0.9 } });
    assert.deepEqual(parseMetricLine('loss=1e-3, acc=.5'), { step: null, metrics: { loss: 0.001, acc: 0.5 } });
    assert.deepEqual(parseMetricLine('train/loss=2'), { step: null, metrics: { 'train/loss': 2 } });
  });

  it('reads JSON lines, including the NaN and Infinity tokens Python writes', () => {
    assert.deepEqual(parseMetricLine('{"step": 2, "val_loss": 0.5, "note": "ok"}'), { step: 2, metrics: { val_loss: 0.5 } });
    const line = parseMetricLine('{"val_loss": NaN, "grad": -Infinity}');
    assert.ok(line && Number.isNaN(line.metrics.val_loss) && line.metrics.grad === -Infinity);
  });

  it('understands nan and inf as scripts print them', () => {
    assert.ok(Number.isNaN(parseMetricLine('loss=nan')?.metrics.loss));
    assert.equal(parseMetricLine('loss=inf')?.metrics.loss, Infinity);
  });

  it('ignores ordinary output, words after =, URLs and broken JSON', () => {
    for (const line of ['Downloading model...', 'mode=train', 'see https://x.org/?a=1', '{"loss": 0.3', 'a==1', 'x=1.2.3', '']) {
      assert.equal(parseMetricLine(line), null, line);
    }
  });

  it('tracks the objective by step, numbering lines that give none, and keeps the last value', () => {
    const tracker = new MetricTracker('val_loss');
    assert.deepEqual(tracker.accept('val_loss=0.9 acc=0.1'), { step: 0, value: 0.9 });
    assert.equal(tracker.accept('acc=0.2'), null);
    assert.deepEqual(tracker.accept('val_loss=0.7'), { step: 1, value: 0.7 });
    assert.deepEqual(tracker.accept('{"step": 10, "val_loss": 0.5}'), { step: 10, value: 0.5 });
    assert.deepEqual(tracker.accept('val_loss=0.4'), { step: 11, value: 0.4 });
    assert.equal(tracker.objectiveValue, 0.4);
    assert.deepEqual(tracker.metrics, { val_loss: 0.4, acc: 0.2 });
    assert.equal(new MetricTracker('missing').objectiveValue, undefined);
  });
});

describe('command placeholders', () => {
  it('fills ${name} inside arguments, keeping each argument whole', () => {
    const argv = expandArgs(['python', 'train.py', '--lr', '${lr}', '--name=${act}-${units}', '--flag', '${on}'], {
      lr: 0.001,
      act: 'relu and more',
      units: 64,
      on: true,
    });
    assert.deepEqual(argv, ['python', 'train.py', '--lr', '0.001', '--name=relu and more-64', '--flag', 'true']);
  });

  it('passes $${ through as a literal ${, next to real placeholders', () => {
    assert.deepEqual(expandArgs(['echo $${HOME}', '$${lr}=${lr}', 'a$$${lr}', '$${', '$$x'], { lr: 0.5 }), ['echo ${HOME}', '${lr}=0.5', 'a$${lr}', '${', '$$x']);
  });

  it('refuses a placeholder that names no parameter', () => {
    assert.throws(() => expandArgs(['${lrr}'], { lr: 1 }), /\$\{lrr\}, which is not a parameter of this trial \(its parameters: lr\)/);
  });
});
