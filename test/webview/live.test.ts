// A live panel: the recorded run streamed in (running trials, upserts that keep the selection, the
// scroll position and the column widths), the user's view restored from the webview state, and the
// theme switched while the page is open.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { finalSnapshot, iris, rowsAfter } from './leaderboardFixtures';
import { openLeaderboardPage, type LeaderboardPage } from './pageHarness';
import { clickHeader, gridScrollTop, renderedRows, rowCountText, selectedNumber, sortState } from './tableQueries';

/** How many messages it takes until at least `trials` trials exist and one has completed. */
function messagesUntil(trials: number): number {
  for (let count = 1; count <= iris.messages.length; count++) {
    const rows = rowsAfter(count);
    if (rows.length >= trials && rows.some((row) => row.state === 'complete')) return count;
  }
  throw new Error(`the fixture never has ${trials} trials`);
}

async function columnWidths(lb: LeaderboardPage): Promise<Record<string, number>> {
  const widths = await lb.page.locator('.tb-head-cell').evaluateAll((cells) => cells.map((cell) => [cell.dataset.column, cell.getBoundingClientRect().width]));
  return Object.fromEntries(widths as [string, number][]);
}

async function computed(lb: LeaderboardPage, selector: string, property: string): Promise<string> {
  return lb.page.locator(selector).first().evaluate((element, name) => element.ownerDocument.defaultView.getComputedStyle(element).getPropertyValue(name), property);
}

describe('leaderboard live', () => {
  let lb: LeaderboardPage | null = null;
  afterEach(async () => {
    await lb?.close();
    lb = null;
  });

  it('shows a running trial as step k/N with a sparkline of its curve', async () => {
    lb = await openLeaderboardPage();
    await lb.send(iris.messages.slice(0, 3));
    const running = rowsAfter(3).find((row) => row.state === 'running' && row.curve.length > 1)!;
    const cells = (await renderedRows(lb.page)).find((row) => row.number === running.number)!.cells;
    assert.equal(cells.state, `step ${running.curve.at(-1)![0]}/${running.params.epochs}`);
    const points = await lb.page.locator(`.tb-row[data-number="${running.number}"] .tb-sparkline polyline`).getAttribute('points');
    assert.equal(points?.split(' ').length, running.curve.length);
    // The next message moves it on.
    await lb.send(iris.messages[3]!);
    const next = rowsAfter(4).find((row) => row.number === running.number)!;
    assert.notEqual(next.curve.length, running.curve.length);
    assert.equal((await renderedRows(lb.page)).find((row) => row.number === running.number)?.cells.state,
      next.state === 'running' ? `step ${next.curve.at(-1)![0]}/${next.params.epochs}` : next.state);
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('grows with upserts without losing the selection, the scroll position or the column widths', async () => {
    lb = await openLeaderboardPage({ viewport: { width: 1200, height: 420 } });
    const start = messagesUntil(14);
    await lb.send(iris.messages.slice(0, start));
    assert.equal(await rowCountText(lb.page), `${rowsAfter(start).length} trials`);
    const chosen = rowsAfter(start).find((row) => row.state === 'pruned')!;
    await lb.page.locator(`.tb-grid-body .tb-row[data-number="${chosen.number}"]`).click();
    await lb.page.locator('.tb-grid').evaluate((grid) => {
      grid.scrollTop = 60;
    });
    await lb.settle();
    const scrollTop = await gridScrollTop(lb.page);
    assert.ok(scrollTop > 0);
    const widths = await columnWidths(lb);

    for (const message of iris.messages.slice(start)) {
      await lb.send(message);
      assert.equal(await selectedNumber(lb.page), chosen.number);
      assert.equal(await gridScrollTop(lb.page), scrollTop);
    }
    assert.equal(await rowCountText(lb.page), `${rowsAfter().length} trials`);
    assert.equal(await lb.page.locator('.tb-details h2').textContent(), `Trial #${chosen.number}`);
    const after = await columnWidths(lb);
    for (const [column, width] of Object.entries(widths)) assert.equal(after[column], width, `width of ${column}`);
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('restores sort, filters, hidden columns, selection and scroll from the saved state', async () => {
    const snapshot = finalSnapshot();
    const viewport = { width: 1200, height: 420 };
    lb = await openLeaderboardPage({ viewport });
    await lb.send(snapshot);
    const page = lb.page;
    await clickHeader(lb, 'param:units');
    await page.locator('.tb-chip[data-state="stopped"]').click();
    await page.locator('.tb-text-filter input').fill('e');
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.locator('.tb-column-choice[data-column="start"]').click();
    await page.keyboard.press('Escape');
    await page.locator('.tb-grid').focus();
    await page.keyboard.press('End');
    await lb.settle();
    const selected = await selectedNumber(page);
    const scrollTop = await gridScrollTop(page);
    const order = (await renderedRows(page)).map((row) => row.number);
    assert.ok(selected !== null && scrollTop > 0);
    await page.waitForFunction((number) => (globalThis as unknown as { __harness: { state(): { selected?: number } | undefined } }).__harness.state()?.selected === number, selected);
    const saved = await lb.savedState();
    // The host's serializer reopens the panel's study from this key after a window reload.
    assert.equal((saved as { studyKey?: unknown }).studyKey, snapshot.header.key);
    await lb.close();

    // A new page, as after VS Code restored the panel: the view comes back with the first snapshot.
    lb = await openLeaderboardPage({ viewport, state: saved });
    await lb.send(snapshot);
    assert.equal((await sortState(lb.page))['param:units'], 'ascending');
    assert.equal(await lb.page.locator('.tb-chip[data-state="stopped"]').getAttribute('aria-pressed'), 'false');
    assert.equal(await lb.page.locator('.tb-text-filter input').inputValue(), 'e');
    assert.equal(await lb.page.locator('.tb-head-cell[data-column="start"]').count(), 0);
    assert.deepEqual((await renderedRows(lb.page)).map((row) => row.number), order);
    assert.equal(await selectedNumber(lb.page), selected);
    assert.equal(await gridScrollTop(lb.page), scrollTop);
    assert.equal(await lb.page.locator('.tb-details h2').textContent(), `Trial #${selected}`);
    // A reload of the webview keeps it too.
    await lb.reload();
    await lb.send(snapshot);
    assert.equal(await selectedNumber(lb.page), selected);
    assert.equal((await sortState(lb.page))['param:units'], 'ascending');
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('ignores a saved state it cannot use', async () => {
    lb = await openLeaderboardPage({ state: { version: 1, sort: { column: 42 }, states: 'all', hidden: [null], selected: 'x', scrollTop: -5, paramFilters: [['lr', { kind: 'range', min: 2, max: 1 }]] } });
    await lb.send(finalSnapshot());
    assert.equal((await sortState(lb.page)).rank, 'ascending');
    assert.equal(await rowCountText(lb.page), `${finalSnapshot().trials.length} trials`);
    assert.equal(await selectedNumber(lb.page), null);
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('restores a state filter saved before failed and stopped trials were told apart (Optuna\'s "fail" for both)', async () => {
    lb = await openLeaderboardPage({ state: { version: 1, states: ['complete', 'fail'] } });
    await lb.send(finalSnapshot());
    const pressed = (state: string): Promise<string | null> => lb!.page.locator(`.tb-chip[data-state="${state}"]`).getAttribute('aria-pressed');
    assert.deepEqual(await Promise.all(['complete', 'failed', 'stopped', 'pruned'].map(pressed)), ['true', 'true', 'true', 'false']);
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('re-themes live when VS Code switches between dark, light and high contrast', async () => {
    lb = await openLeaderboardPage({ theme: 'dark' });
    const snapshot = finalSnapshot();
    await lb.send(snapshot);
    const row = snapshot.trials.find((trial) => trial.state === 'complete' && trial.number !== 0)!;
    await lb.page.locator(`.tb-grid-body .tb-row[data-number="${row.number}"]`).click();
    await lb.settle();
    const selectedRow = `.tb-grid-body .tb-row[data-number="${row.number}"]`;
    const look = async (): Promise<string[]> => [
      await computed(lb!, 'body', 'background-color'),
      await computed(lb!, 'body', 'color'),
      await computed(lb!, selectedRow, 'background-color'),
      await computed(lb!, '.tb-line-chart .tb-line', 'stroke'),
    ];
    assert.deepEqual(await look(), ['rgb(30, 30, 30)', 'rgb(204, 204, 204)', 'rgb(4, 57, 94)', 'rgb(55, 148, 255)']);
    await lb.setTheme('light');
    assert.deepEqual(await look(), ['rgb(255, 255, 255)', 'rgb(97, 97, 97)', 'rgb(0, 96, 192)', 'rgb(26, 133, 255)']);
    await lb.setTheme('high-contrast');
    const [background, color, rowBackground] = await look();
    assert.deepEqual([background, color, rowBackground], ['rgb(0, 0, 0)', 'rgb(255, 255, 255)', 'rgba(0, 0, 0, 0)']);
    // No fills in high contrast: the selection is an outline in the contrast colour.
    assert.equal(await computed(lb, selectedRow, 'border-top-color'), 'rgb(243, 133, 24)');
    assert.deepEqual(lb.consoleErrors, []);
  });
});
