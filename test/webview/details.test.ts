// The detail pane: selecting a trial asks the host for its detail and shows params, metrics, folds,
// the fail reason, per-step curves and the log; its buttons post what the user asked for.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { detailOf, finalSnapshot } from './leaderboardFixtures';
import { openLeaderboardPage, type LeaderboardPage } from './pageHarness';
import { rowsInView } from './tableQueries';

const snapshot = finalSnapshot();
const complete = snapshot.trials.find((row) => row.state === 'complete' && row.foldValues !== null && row.number !== 0)!;
/** The recorded run was stopped: its one failed trial is one the stop interrupted, shown as stopped. */
const stopped = snapshot.trials.find((row) => row.state === 'fail')!;

async function sectionPairs(lb: LeaderboardPage, section: string): Promise<Record<string, string>> {
  const pairs = await lb.page.locator(`.tb-details-section[data-section="${section}"] dt`).evaluateAll((terms) =>
    terms.map((term) => [term.textContent, term.nextElementSibling.textContent]));
  return Object.fromEntries(pairs as [string, string][]);
}

describe('leaderboard details', () => {
  let lb: LeaderboardPage | null = null;
  afterEach(async () => {
    await lb?.close();
    lb = null;
  });

  it('opens on a click, asks the host for the detail and shows the trial', async () => {
    lb = await openLeaderboardPage();
    await lb.send(snapshot);
    const page = lb.page;
    assert.match(await page.locator('.tb-details').textContent() ?? '', /Select a trial/);
    await page.locator(`.tb-grid-body .tb-row[data-number="${complete.number}"]`).click();
    await lb.settle();
    assert.deepEqual((await lb.posted()).slice(1), [{ type: 'requestDetail', number: complete.number }]);
    assert.equal(await page.locator(`.tb-grid-body .tb-row[data-number="${complete.number}"]`).getAttribute('aria-selected'), 'true');
    assert.equal(await page.locator('.tb-details h2').textContent(), `Trial #${complete.number}`);
    const params = await sectionPairs(lb, 'params');
    assert.deepEqual(Object.keys(params), Object.keys(complete.params));
    assert.equal(params.units, String(complete.params.units));
    assert.equal(params.activation, String(complete.params.activation));
    const metrics = await sectionPairs(lb, 'metrics');
    assert.deepEqual(Object.keys(metrics).sort(), Object.keys(complete.metrics).sort());
    assert.match(await page.locator('.tb-details-section[data-section="folds"] h3').textContent() ?? '', new RegExp(`Folds \\(${complete.foldValues!.length}\\)`));
    // Until the host answers: the objective's curve from the row, the log still loading.
    assert.equal(await page.locator('.tb-line-chart').count(), 1);
    assert.equal(await page.locator('.tb-details-section[data-section="log"] p').textContent(), 'Loading…');

    const detail = detailOf(complete.number);
    await lb.send({ type: 'detail', detail });
    const charts = await page.locator('.tb-line-chart').evaluateAll((figures) => figures.map((figure) => figure.dataset.metric));
    assert.deepEqual(charts, Object.keys(detail.history).sort());
    const points = await page.locator('.tb-line-chart[data-metric="val_accuracy"] polyline').getAttribute('points');
    assert.equal(points?.split(' ').length, detail.history.val_accuracy?.length);
    const log = await page.locator('.tb-log').textContent();
    assert.equal(log, detail.logTail);
    assert.match(log ?? '', /step 40 /);
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('shows why a trial ended: a stopped one as stopped, without an error icon', async () => {
    lb = await openLeaderboardPage();
    await lb.send(snapshot);
    await lb.page.locator(`.tb-grid-body .tb-row[data-number="${stopped.number}"]`).click();
    await lb.send({ type: 'detail', detail: detailOf(stopped.number) });
    assert.equal(await lb.page.locator('.tb-fail-reason').textContent(), stopped.failReason);
    assert.match(stopped.failReason ?? '', /^interrupted/);
    assert.equal(await lb.page.locator('.tb-fail-reason').getAttribute('data-state'), 'stopped');
    assert.equal(await lb.page.locator('.tb-fail-reason .codicon-debug-stop').count(), 1);
    assert.equal(await lb.page.locator('.tb-fail-reason .codicon-error').count(), 0);
    assert.match(await lb.page.locator('.tb-details-facts').textContent() ?? '', /^stopped/);
    // A real failure keeps its error look.
    const failed = { ...stopped, failReason: 'CUDA out of memory' };
    await lb.send({ type: 'trials', upserts: [failed] });
    assert.match(await lb.page.locator('.tb-details-facts').textContent() ?? '', /^failed/);
    assert.equal(await lb.page.locator('.tb-fail-reason .codicon-error').count(), 1);
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('says which epoch the metrics are of: the best one the trainer kept, not the last', async () => {
    lb = await openLeaderboardPage();
    await lb.send(snapshot);
    await lb.page.locator(`.tb-grid-body .tb-row[data-number="${complete.number}"]`).click();
    const title = lb.page.locator('.tb-details-section[data-section="metrics"] h3');
    assert.equal(await title.textContent(), 'Metrics', 'not yet known which: the detail has not come');
    const detail = detailOf(complete.number);
    await lb.send({ type: 'detail', detail });
    const { best_epoch: best, epochs_run: ran } = detail.userAttrs;
    assert.ok(typeof best === 'number' && typeof ran === 'number' && best < ran, 'the fixture trial kept an earlier epoch');
    assert.equal(await title.textContent(), `Metrics at best epoch (epoch ${best} of ${ran} run)`);
    // A command trial records no epoch: its metrics are the last it printed.
    await lb.send({ type: 'detail', detail: { ...detail, userAttrs: { metrics: detail.userAttrs.metrics ?? {} } } });
    assert.equal(await title.textContent(), 'Final metrics');
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('posts apply, copy, rerun and open-log for the shown trial', async () => {
    lb = await openLeaderboardPage();
    await lb.send(snapshot);
    await lb.page.locator(`.tb-grid-body .tb-row[data-number="${complete.number}"]`).click();
    await lb.send({ type: 'detail', detail: detailOf(complete.number) });
    for (const action of ['applyParams', 'copyParams', 'rerunParams', 'openLog']) {
      await lb.page.locator(`.tb-details-actions vscode-button[data-action="${action}"]`).click();
    }
    const posted = (await lb.posted()).filter((message) => message.type !== 'ready' && message.type !== 'requestDetail');
    assert.deepEqual(posted, ['applyParams', 'copyParams', 'rerunParams', 'openLog'].map((type) => ({ type, number: complete.number })));
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('follows a selection made by the host ("Show in Leaderboard")', async () => {
    lb = await openLeaderboardPage({ viewport: { width: 1100, height: 400 } });
    await lb.send(snapshot);
    const last = snapshot.trials.find((row) => row.state === 'pruned' && row.number > 15)!;
    await lb.send({ type: 'select', number: last.number });
    assert.equal(await lb.page.locator('.tb-details h2').textContent(), `Trial #${last.number}`);
    const row = lb.page.locator(`.tb-grid-body .tb-row[data-number="${last.number}"]`);
    assert.equal(await row.getAttribute('aria-selected'), 'true');
    assert.ok((await rowsInView(lb.page)).includes(last.number), 'scrolled into view');
    assert.deepEqual((await lb.posted()).at(-1), { type: 'requestDetail', number: last.number });
    assert.deepEqual(lb.consoleErrors, []);
  });
});
