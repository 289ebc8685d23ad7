// 10,000 trials from the real engine (test/fixtures/leaderboard/largeStudy.ts): the page renders them,
// keeps only a window of rows in the DOM, scrolls to the end, filters and takes a batch of 100 more.
import { rankTrials } from '../../src/core/studyView/ranking';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BATCH_TRIALS, LARGE_TRIALS, largeStudy, type LargeStudy } from '../fixtures/leaderboard/largeStudy';
import { openLeaderboardPage, type LeaderboardPage } from './pageHarness';
import { renderedRows, rowCountText, rowsInView, selectedNumber } from './tableQueries';

describe('leaderboard at 10,000 trials', () => {
  let study: LargeStudy;
  let lb: LeaderboardPage;
  before(async () => {
    study = await largeStudy();
    lb = await openLeaderboardPage({ viewport: { width: 1400, height: 900 } });
  });
  after(async () => {
    await lb?.close();
  });

  it('renders the snapshot: the count, the best first, and only a window of rows in the DOM', async () => {
    await lb.send(study.snapshot);
    assert.equal(await rowCountText(lb.page), '10,000 trials');
    const rows = await renderedRows(lb.page);
    assert.ok(rows.length > 20 && rows.length < 80, `${rows.length} rows in the DOM`);
    const complete = study.snapshot.trials.filter((row) => row.state === 'complete').sort((a, b) => (a.value as number) - (b.value as number) || a.number - b.number);
    assert.deepEqual(rows.slice(0, 10).map((row) => row.number), complete.slice(0, 10).map((row) => row.number));
    assert.equal(rows[0]?.cells.rank, '★ 1');
    assert.deepEqual((await rowsInView(lb.page)).slice(0, 3), complete.slice(0, 3).map((row) => row.number));
    assert.equal(await lb.page.locator('.tb-grid').getAttribute('aria-rowcount'), String(LARGE_TRIALS + 1));
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('scrolls to the last trial with End, rendering only what is in view', async () => {
    await lb.page.locator('.tb-grid').focus();
    await lb.page.keyboard.press('End');
    await lb.settle();
    // The read model's ranking ends with the unranked trials, by state (failed, running, waiting) then number.
    const ranked = rankTrials(study.snapshot.trials, study.snapshot.header.direction);
    const last = ranked[ranked.length - 1]!;
    assert.equal(await selectedNumber(lb.page), last.number);
    assert.ok((await rowsInView(lb.page)).includes(last.number));
    assert.ok((await renderedRows(lb.page)).length < 80);
    await lb.page.keyboard.press('Home');
    await lb.settle();
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('filters 10,000 trials by state and text', async () => {
    await lb.page.locator('.tb-chip[data-state="complete"]').click();
    await lb.page.locator('.tb-chip[data-state="pruned"]').click();
    await lb.settle();
    const notComplete = study.snapshot.trials.filter((row) => row.state !== 'complete' && row.state !== 'pruned');
    assert.equal(await rowCountText(lb.page), `${notComplete.length.toLocaleString('en-US')} of 10,000 trials`);
    assert.ok((await renderedRows(lb.page)).every((row) => row.cells.state === 'failed' || row.cells.state?.startsWith('step')));
    await lb.page.locator('.tb-chip[data-state="complete"]').click();
    await lb.page.locator('.tb-chip[data-state="pruned"]').click();
    await lb.page.locator('.tb-text-filter input').fill('gelu');
    await lb.settle();
    const gelu = study.snapshot.trials.filter((row) => row.params.activation === 'gelu').length;
    assert.equal(await rowCountText(lb.page), `${gelu.toLocaleString('en-US')} of 10,000 trials`);
    await lb.page.locator('.tb-text-filter input').fill('');
    await lb.settle();
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('takes a batch of 100 new trials', async () => {
    await lb.send({ type: 'trials', upserts: study.batch });
    assert.equal(await rowCountText(lb.page), `${(LARGE_TRIALS + BATCH_TRIALS).toLocaleString('en-US')} trials`);
    assert.equal(await lb.page.locator('.tb-chip[data-state="complete"] .tb-chip-count').textContent(),
      String([...study.snapshot.trials, ...study.batch].filter((row) => row.state === 'complete').length));
    assert.deepEqual(lb.consoleErrors, []);
  });
});
