// The study header (state, facts, n/N, run time, wall time and ETA, best, Stop/Resume/Tune again, problems) and
// the host's transient notices, in the built page.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { StudyHeader, TrialRow } from '../../src/protocol/leaderboard';
import { finalSnapshot, iris } from './leaderboardFixtures';
import { openLeaderboardPage, type LeaderboardPage } from './pageHarness';

const final = finalSnapshot();

async function facts(lb: LeaderboardPage): Promise<Record<string, string>> {
  const entries = await lb.page.locator('.tb-fact').evaluateAll((elements) =>
    elements.map((element) => [element.querySelector('dt').textContent, element.querySelector('dd').textContent]));
  return Object.fromEntries(entries as [string, string][]);
}

async function actionButtons(lb: LeaderboardPage): Promise<string[]> {
  return lb.page.locator('.tb-actions vscode-button').allTextContents();
}

describe('leaderboard header', () => {
  let lb: LeaderboardPage | null = null;
  afterEach(async () => {
    await lb?.close();
    lb = null;
  });

  it('shows the study, how it searches and how far it got; Resume and Tune again when idle', async () => {
    lb = await openLeaderboardPage();
    await lb.send(final);
    const header = final.header;
    assert.equal(await lb.page.locator('.tb-study-state').textContent(), 'Idle');
    const shown = await facts(lb);
    assert.equal(shown.Trials, `${header.done}/${header.budget}`, 'n/N as every view prints it: finished trials that used budget');
    assert.equal(shown.Objective, '↑ val_accuracy');
    assert.equal(shown.Sampler, 'tpe');
    assert.equal(shown.Pruner, header.pruner);
    assert.equal(shown.Backend, header.backend);
    assert.equal(shown.ETA, undefined, 'no ETA once the study stopped');
    // One run without a pause: its run time is from the first start to the last finish, and wall time
    // would say the same, so it is not shown.
    const lastFinish = Math.max(...final.trials.map((row) => row.complete ?? 0));
    assert.equal(shown['Run time'], `${Math.round((lastFinish - (header.startedAt as number)) / 1000)}s`);
    assert.equal(shown['Wall time'], undefined);
    assert.equal(shown.Elapsed, undefined, 'no unlabelled elapsed time');
    assert.match(await lb.page.locator('[data-fact="run-time"]').getAttribute('title') ?? '', /idle time between runs left out/);
    assert.deepEqual(await actionButtons(lb), ['Resume', 'Tune again']);
    await lb.page.locator('.tb-actions vscode-button[data-action="resume"]').click();
    await lb.page.locator('.tb-actions vscode-button[data-action="tuneAgain"]').click();
    assert.deepEqual((await lb.posted()).slice(1), [{ type: 'studyAction', action: 'resume' }, { type: 'studyAction', action: 'tuneAgain' }]);
    assert.equal(await lb.page.locator('.tb-problem').isVisible(), false);
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('while running: Stop, a run time that ticks, and an ETA from the mean trial duration', async () => {
    lb = await openLeaderboardPage();
    const start = Date.UTC(2026, 2, 1, 12, 0, 0);
    const template = final.trials[0]!;
    const trial = (number: number, state: TrialRow['state'], startS: number, endS: number | null): TrialRow => ({
      ...template, number, state, value: state === 'complete' ? 0.9 : null, start: start + startS * 1000, complete: endS === null ? null : start + endS * 1000,
    });
    // Two finished trials of 10 s each, two running for 4 s: 6 not started + 2 × 6 s left, over 2 at once.
    const rows = [trial(0, 'complete', 0, 10), trial(1, 'complete', 0, 10), trial(2, 'running', 20, null), trial(3, 'running', 20, null)];
    const header: StudyHeader = { ...final.header, state: 'running', budget: 10, counted: 4, done: 2, startedAt: start };
    await lb.page.clock.setFixedTime(start + 24_000);
    await lb.send({ type: 'snapshot', header, space: final.space, trials: rows });
    let shown = await facts(lb);
    assert.equal(shown['Run time'], '24s', 'the 10 s between trials is part of the run');
    assert.equal(shown.ETA, '~36s');
    assert.equal(await lb.page.locator('.tb-study-state').textContent(), 'Running');
    assert.deepEqual(await actionButtons(lb), ['Stop']);
    await lb.page.clock.setFixedTime(start + 95_000);
    await lb.page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } } }).document
      .querySelector('[data-fact="run-time"] dd').textContent === '1m 35s');
    shown = await facts(lb);
    assert.equal(shown['Run time'], '1m 35s');
    await lb.page.locator('.tb-actions vscode-button[data-action="stop"]').click();
    assert.deepEqual((await lb.posted()).at(-1), { type: 'studyAction', action: 'stop' });
    // The host says it stopped: no Stop any more.
    await lb.send({ type: 'header', header: { ...header, state: 'idle' } });
    assert.deepEqual(await actionButtons(lb), ['Resume', 'Tune again']);
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('a study run twice a day apart: run time leaves out the idle day, wall time counts it, each labelled', async () => {
    lb = await openLeaderboardPage();
    const start = Date.UTC(2026, 2, 1, 12, 0, 0);
    const day = 24 * 3600_000;
    const template = final.trials[0]!;
    const trial = (number: number, startMs: number, endMs: number): TrialRow => ({ ...template, number, state: 'complete', value: 0.9, start: start + startMs, complete: start + endMs });
    // First run: two trials side by side (10 s); the next day, two one after the other (2 × 10 s).
    const rows = [trial(0, 0, 10_000), trial(1, 2000, 10_000), trial(2, day, day + 10_000), trial(3, day + 10_000, day + 20_000)];
    await lb.send({ type: 'snapshot', header: { ...final.header, state: 'idle', budget: 4, counted: 4, done: 4, startedAt: start }, space: final.space, trials: rows });
    const shown = await facts(lb);
    assert.equal(shown['Run time'], '30s');
    assert.equal(shown['Wall time'], '1d 0h');
    assert.match(await lb.page.locator('[data-fact="wall-time"]').getAttribute('title') ?? '', /idle time between runs included/);
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('shows no ETA under a second (the next trial takes longer to start)', async () => {
    lb = await openLeaderboardPage();
    const start = Date.UTC(2026, 2, 1, 12, 0, 0);
    const template = final.trials[0]!;
    const trial = (number: number, state: TrialRow['state'], startMs: number, endMs: number | null): TrialRow => ({
      ...template, number, state, value: state === 'complete' ? 0.9 : null, start: start + startMs, complete: endMs === null ? null : start + endMs,
    });
    // Trials of 120 ms, one left to start: about 120 ms left, which no one can act on.
    const rows = [trial(0, 'complete', 0, 120), trial(1, 'complete', 130, 250), trial(2, 'running', 260, null)];
    await lb.page.clock.setFixedTime(start + 300);
    await lb.send({ type: 'snapshot', header: { ...final.header, state: 'running', budget: 4, counted: 3, done: 2, startedAt: start }, space: final.space, trials: rows });
    const shown = await facts(lb);
    assert.equal(shown.ETA, undefined);
    assert.equal(shown['Run time'], '300ms');
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('follows the header messages of a live run', async () => {
    lb = await openLeaderboardPage();
    const headers = iris.messages.filter((message) => message.type === 'header');
    await lb.send(iris.messages.slice(0, 6));
    const counted = (await facts(lb)).Trials;
    await lb.send(iris.messages.slice(6));
    assert.notEqual((await facts(lb)).Trials, counted);
    assert.equal((await facts(lb)).Trials, `${headers.at(-1)?.header.counted}/30`);
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('shows a problem prominently and offers no run without a valid config', async () => {
    lb = await openLeaderboardPage();
    const problem = 'examples/iris/iris.tune.yaml:9:28: pruner.min_resource must be a positive integer, got -2';
    await lb.send({ ...final, header: { ...final.header, state: 'problem', problem, canRun: false } });
    const alert = lb.page.getByRole('alert');
    assert.equal(await alert.isVisible(), true);
    assert.equal(await alert.textContent(), problem);
    assert.equal(await lb.page.locator('.tb-study-state').textContent(), 'Problem');
    assert.deepEqual(await actionButtons(lb), []);
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('shows notices from the host for a while, and lets them be dismissed', async () => {
    lb = await openLeaderboardPage();
    await lb.send(final);
    await lb.send({ type: 'notice', level: 'info', text: 'Copied the params of trial 5 as JSON' });
    const info = lb.page.locator('.tb-notice.info');
    assert.equal(await info.textContent(), 'Copied the params of trial 5 as JSON');
    assert.equal(await info.getAttribute('role'), 'status');
    await lb.send({ type: 'notice', level: 'error', text: 'Cannot apply: train.py has unsaved changes' });
    assert.equal(await lb.page.locator('.tb-notice.error').getAttribute('role'), 'alert');
    assert.deepEqual(await lb.page.locator('.tb-notice-text').allTextContents(), ['Cannot apply: train.py has unsaved changes', 'Copied the params of trial 5 as JSON']);
    await lb.page.locator('.tb-notice.error .tb-notice-close').click();
    assert.equal(await lb.page.locator('.tb-notice').count(), 1);
    // Transient: gone after a few seconds.
    await lb.page.locator('.tb-notice.info').waitFor({ state: 'detached', timeout: 8000 });
    assert.deepEqual(lb.consoleErrors, []);
  });
});
