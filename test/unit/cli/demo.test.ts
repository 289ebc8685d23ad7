// `npm run demo`: a study where the search visibly beats its random start, written where the README's
// next commands (`node dist/cli.js show|best <config>`) look for it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../../../src/core/config';
import { formatSearchSummary, searchSummary, type ExportedTrial } from '../../../scripts/demoSummary.mjs';
import { REPO_ROOT } from '../../fixtures/configs';
import { ensureBuilt, runCli } from './cliHarness';

const DEMO_CONFIG = join(REPO_ROOT, 'examples', 'digits', 'digits-mlp.tune.yaml');

function trial(number: number, value: number, state = 'complete'): ExportedTrial {
  return { number, state, value, user_attrs: { metrics: { val_accuracy: 1 - value } } };
}

describe('the demo config', () => {
  const { config, problems } = parseConfig(readFileSync(DEMO_CONFIG, 'utf8'), DEMO_CONFIG);

  it('is valid and its data ships in the repository (the demo runs offline)', () => {
    assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
    assert.ok(config);
    assert.equal(config.trial.kind, 'model', 'the built-in trainer: no Python, no download');
    assert.ok(config.trial.kind === 'model' && existsSync(join(REPO_ROOT, 'examples', 'digits', config.trial.data.path ?? 'no data.path')));
  });

  it('leaves the sampler most of the budget after its random start, and prunes gently', () => {
    const text = readFileSync(DEMO_CONFIG, 'utf8');
    const startup = Number(/n_startup_trials: (\d+), multivariate/.exec(text)?.[1]);
    assert.equal(config?.sampler.type, 'tpe');
    assert.ok(config?.trials !== undefined && config.trials >= 3 * startup, `${config?.trials} trials for ${startup} random ones`);
    // No ASHA/Hyperband cutting trials at the first rungs (51 of 60 pruned was the old demo); the
    // median pruner waits for as many complete trials as the random start has.
    assert.match(text, /pruner: \{ type: median, n_startup_trials: (\d+), n_warmup_steps: [1-9]/);
    assert.ok(Number(/pruner: \{ type: median, n_startup_trials: (\d+)/.exec(text)?.[1]) >= startup);
    // A loss, not accuracy: accuracy ties at its ceiling, so "best" would stay an early trial.
    assert.equal(config?.objectives[0]?.metric, 'val_loss');
  });

  it('writes its journal beside the config, in a git-ignored .tuneboard/', () => {
    assert.equal(config?.storage.replace(/\\/g, '/'), '.tuneboard/digits-mlp.jsonl');
    const ignored = spawnSync('git', ['check-ignore', '-q', 'examples/digits/.tuneboard/digits-mlp.jsonl'], { cwd: REPO_ROOT });
    assert.equal(ignored.status, 0, 'examples/digits/.tuneboard/ must be git-ignored');
  });
});

describe('the demo summary: best of the random start vs best of all', () => {
  it('says when the search found a better trial after the random start', () => {
    const trials = [trial(0, 0.5), trial(1, 0.3), ...Array.from({ length: 8 }, (_, i) => trial(i + 2, 0.9)), trial(10, 0.2), trial(11, 0.1, 'pruned'), trial(12, 0.05)];
    const summary = searchSummary(trials, { direction: 'minimize', startup: 10 });
    assert.equal(summary.startupBest?.number, 1);
    assert.equal(summary.best?.number, 12);
    assert.equal(summary.improved, true);
    const lines = formatSearchSummary(summary, { metric: 'val_loss', extra: 'val_accuracy', startup: 10, total: trials.length });
    assert.match(lines.join('\n'), /best of the first 10: #1 val_loss 0\.3000 {2}\(val_accuracy 0\.7000\)\n {2}best of all 13: {7}#12 val_loss 0\.0500/);
    assert.ok(!lines.join('\n').includes('did not beat'));
  });

  it('says so when the best is still one of the random trials (the old demo: best #0)', () => {
    const trials = [trial(0, 0.98), ...Array.from({ length: 14 }, (_, i) => trial(i + 1, 0.9))];
    const summary = searchSummary(trials, { direction: 'maximize', startup: 10 });
    assert.equal(summary.best?.number, 0);
    assert.equal(summary.improved, false);
    assert.match(formatSearchSummary(summary, { metric: 'val_accuracy', extra: 'val_loss', startup: 10, total: 15 }).join('\n'), /did not beat its random start \(the best is #0\)/);
  });

  it('a study that never got past its random start has nothing to compare', () => {
    const summary = searchSummary([trial(0, 1), trial(1, 2)], { direction: 'minimize', startup: 10 });
    assert.equal(summary.searched, false);
    assert.match(formatSearchSummary(summary, { metric: 'v', extra: 'x', startup: 10, total: 2 })[0] ?? '', /no trials past the first 10/);
  });
});

describe('npm run demo (on a copy of the config, 2 trials)', () => {
  let dir = '';
  before(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tuneboard-demo-'));
    mkdirSync(join(dir, 'data'));
    copyFileSync(DEMO_CONFIG, join(dir, 'digits-mlp.tune.yaml'));
    copyFileSync(join(REPO_ROOT, 'examples', 'digits', 'data', 'digits.csv'), join(dir, 'data', 'digits.csv'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('starts afresh in the config\'s own journal, which `show <config>` then reads', () => {
    const config = join(dir, 'digits-mlp.tune.yaml');
    const journal = join(dir, '.tuneboard', 'digits-mlp.jsonl');
    // A journal left by an earlier demo: the demo replaces it (a resumed study would run nothing).
    mkdirSync(join(dir, '.tuneboard'));
    writeFileSync(journal, '{"op_code": 0, "worker_id": "w", "study_name": "left-over", "directions": [1]}\n');
    const demo = spawnSync(process.execPath, ['scripts/demo.mjs', '--trials', '2', '--parallel', '1', '--plain'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, TUNEBOARD_DEMO_CONFIG: config },
      timeout: 120_000,
    });
    assert.equal(demo.status, 0, demo.stderr);
    assert.ok(!readFileSync(journal, 'utf8').includes('left-over'), 'the old journal was resumed');
    assert.match(demo.stdout, /Best parameters/);
    assert.match(demo.stdout, /Search vs its random start: the study has no trials past the first 10/);
    assert.ok(demo.stdout.includes(`node dist/cli.js show ${config}`), demo.stdout);
    const show = runCli(REPO_ROOT, ['show', config]);
    assert.equal(show.status, 0, show.stderr);
    assert.match(show.stdout, /trials 2: 2 complete/);
  });
});
