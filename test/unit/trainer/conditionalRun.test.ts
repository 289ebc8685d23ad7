// `tuneboard run` on examples/digits/digits-conditional.tune.yaml (1 epoch, 5 trials): each trial has
// exactly the params its optimizer and layer count open, and the network the worker trains has the
// widths those trials chose (its parameter_count, reported each epoch, counts their weights).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ParamValue } from '../../../src/core/distributions';
import { REPO_ROOT } from '../../fixtures/configs';
import { ensureBuilt, runCli } from '../cli/cliHarness';

const EXAMPLE = join(REPO_ROOT, 'examples', 'digits', 'digits-conditional.tune.yaml');
const DIGITS = join(REPO_ROOT, 'examples', 'digits', 'data', 'digits.csv');
const FEATURES = 64;
const CLASSES = 10;
/** What each branch of the example's optimizer choice opens. */
const BRANCH_PARAMS: Readonly<Record<string, readonly string[]>> = {
  sgd: ['sgd.learning_rate', 'momentum', 'nesterov'],
  adam: ['adam.learning_rate', 'beta1'],
  rmsprop: ['rmsprop.learning_rate', 'rho'],
};

interface Event {
  readonly type: string;
  readonly number?: number;
  readonly state?: string;
  readonly params?: Readonly<Record<string, ParamValue>>;
  readonly metrics?: Readonly<Record<string, number>>;
}

let dir = '';
before(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tuneboard-conditional-model-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('a conditional model study, trained', () => {
  it('trains each trial with the layers and optimizer settings it was given, and only those', () => {
    const config = readFileSync(EXAMPLE, 'utf8').replace('data/digits.csv', JSON.stringify(DIGITS).slice(1, -1)).replace(/epochs: 10\b/, 'epochs: 1');
    assert.match(config, /epochs: 1\n/);
    writeFileSync(join(dir, 'conditional.tune.yaml'), config);
    const { status, stdout, stderr } = runCli(dir, ['run', 'conditional.tune.yaml', '--json', '--trials', '5', '--parallel', '1']);
    assert.equal(status, 0, stderr);
    const events = stdout.trim().split('\n').map((line) => JSON.parse(line) as Event);
    const finished = events.filter((e) => e.type === 'trial-finished');
    assert.deepEqual(finished.map((e) => e.state), ['complete', 'complete', 'complete', 'complete', 'complete']);
    const optimizers = new Set<ParamValue>();
    const layerCounts = new Set<ParamValue>();
    for (const trial of finished) {
      const params = trial.params ?? {};
      const optimizer = String(params.optimizer);
      const layers = params.layers as number;
      optimizers.add(optimizer);
      layerCounts.add(layers);
      const perLayer = Array.from({ length: layers }, (_, i) => [`units_${i}`, `dropout_${i}`]).flat();
      const expected = ['optimizer', ...(BRANCH_PARAMS[optimizer] ?? []), 'layers', ...perLayer, 'batch_size', 'epochs'];
      assert.deepEqual(Object.keys(params).sort(), expected.sort(), `trial ${trial.number}: only the params its branch and layer count open`);
      const widths = [FEATURES, ...Array.from({ length: layers }, (_, i) => params[`units_${i}`] as number), CLASSES];
      const weights = widths.slice(1).reduce((sum, width, i) => sum + (widths[i] as number) * width + width, 0);
      const report = events.find((e) => e.type === 'trial-reported' && e.number === trial.number);
      assert.equal(report?.metrics?.parameter_count, weights, `trial ${trial.number}: a ${widths.join('-')} network`);
    }
    // Seed 3 draws trials from two branches and two layer counts, at least.
    assert.ok(optimizers.size >= 2 && layerCounts.size >= 2, `${[...optimizers].join(', ')}; layers ${[...layerCounts].join(', ')}`);
  });
});
