/**
 * What a user does with Tuneboard in a real VS Code (code-server in headless Chromium): Tune from the
 * explorer fills the Studies tree, a broken config shows in Problems, Apply Best Params rewrites the
 * training script through the refactor preview, Stop stops a running study (and Resume is offered),
 * `.tuneboard/` keeps its logs out of git, and an untrusted workspace refuses to run commands.
 * Screenshots of each step land in test-results/e2e/<test>/.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { valueAsWritten } from '../../src/core/apply/formatValue';
import { journalTrials, launchVsCode, skipUnlessPrepared, until, type VsCodeSession } from './harness';

const skip = skipUnlessPrepared();

describe('e2e: tuning from VS Code', { skip, timeout: 300_000 }, () => {
  let vscode: VsCodeSession;

  before(async () => {
    // Auto save off, as VS Code ships: Apply must then offer to save what it changed.
    vscode = await launchVsCode({ testName: 'user-flows', workspaceSource: 'examples', userSettings: { 'files.autoSave': 'off' } });
    await vscode.waitForActivation('tuneboard.tuneboard');
  });

  after(async () => {
    await vscode?.stop();
  });

  it('Tune from the explorer context menu fills the Studies tree with finished trials', async () => {
    const config = await vscode.revealInExplorer('branin/branin.tune.yaml');
    await vscode.rightClick(config);
    // VS Code's menus act on the key or mouse-up of a focused item: hover it, then Enter.
    await vscode.menuItem('Tune').hover();
    await vscode.page.keyboard.press('Enter');
    // Open it in an editor while it runs, so its CodeLens shows whether the study runs.
    await vscode.openFile('branin/branin.tune.yaml');
    const toast = await vscode.waitForNotification(/branin finished/, 90_000);
    await vscode.screenshot('01-branin-finished');
    // One read model behind every view: the notification, the tree and the status bar agree the moment
    // "finished" shows (the run's end waits for the journal read before any view says it is over).
    assert.match((await toast.textContent()) ?? '', /branin finished: 40\/40 · best #\d+ /);
    const lenses = vscode.page.locator('.codelens-decoration');
    await vscode.step('codelens-says-tune', () => lenses.filter({ hasText: 'Tune' }).first().waitFor({ timeout: 1_500 }));
    assert.equal(await lenses.filter({ hasText: 'Stop' }).count(), 0, 'the CodeLens no longer offers Stop');

    await vscode.activityBar('Tuneboard').click();
    const tree = vscode.page.locator('.pane-body .monaco-list-row');
    const study = tree.filter({ hasText: 'branin' }).first();
    // The tree follows the journal: all 40 trials, and the best value; not spinning any more.
    await vscode.step('tree-40-of-40', () => tree.filter({ hasText: /branin40\/40 · best \d/ }).first().waitFor({ timeout: 1_500 }));
    assert.equal(await study.locator('.codicon-sync').count(), 0, 'the study is no longer shown running');
    assert.equal(await vscode.page.locator('.statusbar-item', { hasText: /branin/ }).count(), 0, 'the status bar item is gone with the run');
    // Expand it: the trials appear, the best one starred.
    if ((await study.getAttribute('aria-expanded')) !== 'true') await study.click();
    await tree.filter({ hasText: '#39' }).first().waitFor();
    await vscode.step('best-trial-starred', () => tree.filter({ hasText: '★' }).first().waitFor());
    await vscode.screenshot('02-studies-tree');
    const trials = await journalTrials(join(vscode.workspaceDir, 'branin', '.tuneboard', 'branin.jsonl'));
    assert.equal(trials.filter((t) => t.state === 'complete').length, 40);
  });

  it('shows a broken config’s problem in the Problems panel, at its line', async () => {
    writeFileSync(
      join(vscode.workspaceDir, 'broken.tune.yaml'),
      'name: broken\nobjective: { metric: value, direction: maximise }\nspace:\n  x: { float: [1, 0] }\ntrial:\n  command: [node, x.mjs]\n',
    );
    // (Quick Open may not have indexed a file this new: open it from the explorer.)
    await vscode.runCommand('View: Show Explorer');
    await (await vscode.revealInExplorer('broken.tune.yaml')).click();
    await vscode.waitForProblem(/direction must be/);
    const problems = await vscode.problems();
    await vscode.screenshot('03-problems');
    assert.ok(problems.some((p) => /direction must be .*line 2/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /low .*high|1.*0/.test(p) && /line 4/.test(p)), problems.join('\n'));
  });

  it('Apply Best Params rewrites the training script through the refactor preview', async () => {
    const script = join(vscode.workspaceDir, 'command-python', 'train.py');
    const before = readFileSync(script, 'utf8');
    await vscode.openFile('command-python/iris-softmax.tune.yaml');
    await vscode.runCommand('Tuneboard: Tune');
    await vscode.waitForNotification(/iris-softmax-python finished/, 120_000);

    await vscode.openFile('command-python/iris-softmax.tune.yaml');
    await vscode.runCommand('Tuneboard: Apply Best Params');
    // The refactor preview shows the edits to train.py ticked (pinning the config is offered unticked).
    const apply = vscode.page.getByRole('button', { name: 'Apply', exact: true });
    await vscode.step('refactor-preview', () => apply.waitFor({ timeout: 20_000 }));
    await vscode.screenshot('04-refactor-preview');
    await apply.click();
    // Said once the preview closed: which params landed in which file. With auto save off train.py is
    // left modified but unsaved, and the notification's Save saves exactly it.
    const applied = await vscode.waitForNotification(/Applied trial #\d+ of iris-softmax-python: .*in command-python\/train\.py/, 20_000);
    const save = applied.getByRole('button', { name: 'Save' });
    await vscode.step('save-offered', () => save.waitFor({ timeout: 10_000 }));
    assert.equal(readFileSync(script, 'utf8'), before, 'nothing is written to disk before the user saves');
    await vscode.step('tab-modified', () => vscode.page.locator('.tab.dirty', { hasText: 'train.py' }).first().waitFor({ timeout: 10_000 }));
    await save.click();

    const trials = await journalTrials(join(vscode.workspaceDir, 'command-python', '.tuneboard', 'iris-softmax-python.jsonl'));
    const best = trials.filter((t) => t.state === 'complete').sort((a, b) => (a.value ?? 0) - (b.value ?? 0))[0];
    assert.ok(best, 'the study has a complete trial');
    const after = await until('train.py to change', () => {
      const text = readFileSync(script, 'utf8');
      return text !== before ? text : undefined;
    }, 20_000);
    await vscode.screenshot('05-applied');
    await vscode.step('saved-tab-clean', () => vscode.page.locator('.tab.dirty', { hasText: 'train.py' }).waitFor({ state: 'detached', timeout: 10_000 }));
    assert.match(readFileSync(join(vscode.workspaceDir, 'command-python', 'iris-softmax.tune.yaml'), 'utf8'), /learning_rate: \{ float/, 'the config is not pinned unless asked');
    // With the precision its log range calls for (valueAsWritten), not all 17 sampled digits.
    const learningRate = String(valueAsWritten(best.params.learning_rate ?? null, best.distributions.learning_rate));
    assert.ok(after.includes(`default=${learningRate}`), `learning_rate ${best.params.learning_rate} written as the argparse default ${learningRate}:\n${after}`);
    assert.ok(after.includes(`default=${String(best.params.batch_size)}`), 'batch_size written too');
  });

  it('Stop stops a running study and records its running trials as interrupted; the CodeLens then offers Resume', async () => {
    writeFileSync(join(vscode.workspaceDir, 'slow.mjs'), "setTimeout(() => console.log('value=' + process.argv[2]), 120000);\n");
    writeFileSync(
      join(vscode.workspaceDir, 'slow.tune.yaml'),
      'name: slow\nobjective: { metric: value, direction: minimize }\nsearch: { sampler: random, trials: 4, parallel: 2 }\nspace:\n  x: { float: [0, 1] }\ntrial:\n  command: [node, slow.mjs, "${x}"]\n',
    );
    const journal = join(vscode.workspaceDir, '.tuneboard', 'slow.jsonl');
    await vscode.runCommand('View: Show Explorer');
    await (await vscode.revealInExplorer('slow.tune.yaml')).click();
    await vscode.runCommand('Tuneboard: Tune');
    await until('two running trials', async () => (existsSync(journal) && (await journalTrials(journal)).filter((t) => t.state === 'running').length === 2 ? true : undefined));
    await vscode.screenshot('07-running');
    await vscode.runCommand('Tuneboard: Stop');
    await vscode.waitForNotification(/slow stopped/, 30_000);
    await vscode.screenshot('08-stopped');
    const trials = await journalTrials(journal);
    assert.deepEqual(trials.map((t) => t.state), ['fail', 'fail']);
    assert.ok(trials.every((t) => String(t.systemAttrs.fail_reason).startsWith('interrupted')));
    // A stopped study is continued with Resume, which the config's CodeLens now offers instead of Tune.
    await vscode.openFile('slow.tune.yaml');
    await vscode.step('codelens-says-resume', () => vscode.page.locator('.codelens-decoration').filter({ hasText: 'Resume' }).first().waitFor({ timeout: 10_000 }));
    await vscode.screenshot('09-resume-offered');
  });

  it('keeps the trial logs of .tuneboard/ out of git, and the journals in', () => {
    const git = (...args: string[]): string => {
      const result = spawnSync('git', args, { cwd: vscode.workspaceDir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: vscode.workspaceDir } });
      assert.equal(result.status, 0, result.stderr);
      return result.stdout;
    };
    git('init', '-q');
    const untracked = git('status', '--porcelain', '--untracked-files=all').split('\n').filter((line) => line.includes('.tuneboard/'));
    assert.ok(untracked.some((line) => line.endsWith('.tuneboard/branin.jsonl')), untracked.join('\n'));
    assert.ok(untracked.some((line) => line.endsWith('.tuneboard/.gitignore')), untracked.join('\n'));
    assert.deepEqual(untracked.filter((line) => line.includes('/logs/')), [], 'no trial log is listed');
  });
});

describe('e2e: an untrusted workspace', { skip, timeout: 120_000 }, () => {
  let vscode: VsCodeSession;

  before(async () => {
    vscode = await launchVsCode({ testName: 'untrusted', workspaceSource: 'examples', trustWorkspace: false });
  });

  after(async () => {
    await vscode?.stop();
  });

  it('refuses to run a command trial and says why', async () => {
    await vscode.openFile('branin/branin.tune.yaml');
    await vscode.runCommand('Tuneboard: Tune');
    await vscode.waitForNotification(/does not run command trials in an untrusted workspace/);
    await vscode.screenshot('01-refused');
    assert.equal(existsSync(join(vscode.workspaceDir, 'branin', '.tuneboard', 'branin.jsonl')), false, 'nothing ran');
  });
});
