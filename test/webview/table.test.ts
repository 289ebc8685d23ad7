// The trial table with the recorded iris study: rows, sorting, filters, the pinned best trial and
// keyboard navigation, as a user sees them in the built page (run `npm run build` first).
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { formatParamValue, formatValue } from '../../src/core/studyView/format';
import type { TrialRow } from '../../src/protocol/leaderboard';
import { bestOf, finalSnapshot } from './leaderboardFixtures';
import { openLeaderboardPage, type LeaderboardPage } from './pageHarness';
import { clickHeader, gridScrollTop, renderedNumbers, renderedRows, rowCountText, rowsInView, selectedNumber, sortState } from './tableQueries';

const snapshot = finalSnapshot();
const rows = snapshot.trials;
const best = bestOf(rows, snapshot.header.direction);
const byNumber = new Map(rows.map((row) => [row.number, row]));

/** Expected order: the best trial first, then by `key` (missing values last in both directions, ties by number). */
function expectedOrder(key: (row: TrialRow) => number | null, descending: boolean, subset: readonly TrialRow[] = rows): number[] {
  const rest = subset.filter((row) => row !== best).sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null || kb === null) return ka === kb ? a.number - b.number : ka === null ? 1 : -1;
    return (descending ? kb - ka : ka - kb) || a.number - b.number;
  });
  return [...(subset.includes(best) ? [best.number] : []), ...rest.map((row) => row.number)];
}

describe('leaderboard table', () => {
  let lb: LeaderboardPage | null = null;
  afterEach(async () => {
    await lb?.close();
    lb = null;
  });

  it('renders every trial of a snapshot with the header, ranked best first', async () => {
    lb = await openLeaderboardPage();
    await lb.send(snapshot);
    const page = lb.page;
    assert.equal(await page.locator('.tb-study-name').textContent(), 'iris-mlp');
    assert.equal(await rowCountText(page), `${rows.length} trials`);
    const shown = await renderedRows(page);
    assert.equal(shown.length, rows.length);
    // Rank order: complete trials by value (maximize), then the rest.
    const complete = rows.filter((row) => row.state === 'complete').sort((a, b) => (b.value as number) - (a.value as number) || a.number - b.number);
    assert.deepEqual(shown.slice(0, complete.length).map((row) => row.number), complete.map((row) => row.number));
    assert.deepEqual(shown.slice(0, complete.length).map((row) => row.cells.rank), complete.map((_, i) => (i === 0 ? '★ 1' : String(i + 1))));
    const first = shown[0]!;
    // Values and params read as in the tree, the CLI and the notifications (the read model's formatters).
    assert.equal(first.cells.value, formatValue(best.value));
    assert.equal(first.cells['param:learning_rate'], formatParamValue(best.params.learning_rate ?? null));
    // Pruned trials are ranked after the complete ones, as `tuneboard show` ranks them.
    const prunedRanks = shown.filter((row) => byNumber.get(row.number)?.state === 'pruned' && byNumber.get(row.number)?.value !== null).map((row) => Number(row.cells.rank));
    assert.ok(prunedRanks.length > 0 && prunedRanks.every((rank) => rank > complete.length), `pruned ranks ${prunedRanks.join(', ')}`);
    assert.equal(first.cells['param:units'], String(best.params.units));
    assert.equal(first.cells['param:activation'], String(best.params.activation));
    assert.equal(first.cells.state, 'complete');
    const pruned = shown.find((row) => byNumber.get(row.number)?.state === 'pruned');
    assert.match(pruned?.cells.state ?? '', /^pruned @\d+$/);
    // A column per parameter and per final metric, the objective named after its metric, and once:
    // the metric val_accuracy is the objective, so it has no column of its own.
    const columns = await page.locator('.tb-head-cell').evaluateAll((cells) => cells.map((cell) => cell.dataset.column));
    assert.deepEqual(columns, ['rank', 'number', 'state', 'value', ...snapshot.space.map((spec) => `param:${spec.name}`),
      'metric:accuracy', 'metric:loss', 'metric:val_loss', 'duration', 'start']);
    assert.equal(await page.locator('.tb-head-cell[data-column="value"] .tb-head-label').textContent(), 'val_accuracy');
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('sorts by the objective, a parameter and the number, both ways, keeping the best pinned first', async () => {
    lb = await openLeaderboardPage();
    await lb.send(snapshot);
    const value = (row: TrialRow): number | null => row.value;
    const lr = (row: TrialRow): number | null => row.params.learning_rate as number;
    const number = (row: TrialRow): number | null => row.number;
    for (const [column, key] of [['value', value], ['param:learning_rate', lr], ['number', number]] as const) {
      await clickHeader(lb, column);
      assert.equal((await sortState(lb.page))[column], 'ascending', column);
      assert.deepEqual(await renderedNumbers(lb.page), expectedOrder(key, false), `${column} ascending`);
      await clickHeader(lb, column);
      assert.equal((await sortState(lb.page))[column], 'descending', column);
      assert.deepEqual(await renderedNumbers(lb.page), expectedOrder(key, true), `${column} descending`);
    }
    // Only the sorted column says so.
    const states = await sortState(lb.page);
    assert.deepEqual(Object.entries(states).filter(([, sort]) => sort !== 'none'), [['number', 'descending']]);
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('pins the best trial first and marks it with a star whatever the sort', async () => {
    lb = await openLeaderboardPage();
    await lb.send(snapshot);
    await clickHeader(lb, 'number');
    await clickHeader(lb, 'number');
    const shown = await renderedRows(lb.page);
    assert.equal(shown[0]?.number, best.number);
    assert.equal(shown[0]?.best, true);
    assert.equal(shown[0]?.cells.rank, '★ 1');
    assert.deepEqual(shown.filter((row) => row.best).map((row) => row.number), [best.number]);
    // The rest follow in descending number order.
    assert.deepEqual(shown.slice(1).map((row) => row.number), rows.filter((row) => row !== best).map((row) => row.number).reverse());
    // The header shows it too, to 6 significant digits.
    assert.equal(await lb.page.locator('.tb-best').textContent(), `Best ${Number((best.value as number).toPrecision(6))}#${best.number}`);
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('filters by state with chips that count trials', async () => {
    lb = await openLeaderboardPage();
    await lb.send(snapshot);
    const page = lb.page;
    const count = (state: string): number => rows.filter((row) => row.state === state).length;
    assert.equal(await page.locator('.tb-chip[data-state="pruned"] .tb-chip-count').textContent(), String(count('pruned')));
    await page.locator('.tb-chip[data-state="pruned"]').click();
    await lb.settle();
    assert.equal(await page.locator('.tb-chip[data-state="pruned"]').getAttribute('aria-pressed'), 'false');
    const shown = await renderedNumbers(page);
    assert.deepEqual(new Set(shown), new Set(rows.filter((row) => row.state !== 'pruned').map((row) => row.number)));
    assert.equal(await rowCountText(page), `${rows.length - count('pruned')} of ${rows.length} trials`);
    await page.locator('.tb-chip[data-state="complete"]').click();
    await lb.settle();
    assert.deepEqual(await renderedNumbers(page), rows.filter((row) => row.state === 'fail').map((row) => row.number));
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('shows a trial its study\'s stop interrupted as stopped, apart from failures: its own icon, colour and chip', async () => {
    lb = await openLeaderboardPage();
    const stopped = rows.find((row) => row.state === 'fail')!;
    const crashed = rows.find((row) => row.state === 'complete' && row !== best)!;
    const failed: TrialRow = { ...crashed, state: 'fail', value: null, metrics: {}, failReason: 'CUDA out of memory' };
    await lb.send({ ...snapshot, trials: rows.map((row) => (row === crashed ? failed : row)) });
    const page = lb.page;
    const stateCell = (number: number) => page.locator(`.tb-grid-body .tb-row[data-number="${number}"] [data-column="state"]`);
    assert.equal(await stateCell(stopped.number).textContent(), 'stopped');
    assert.equal(await stateCell(stopped.number).getAttribute('data-state'), 'stopped');
    assert.equal(await stateCell(stopped.number).locator('.codicon-debug-stop').count(), 1);
    assert.match(await stateCell(stopped.number).getAttribute('title') ?? '', /^Stopped: it was running when its study was stopped; it used no budget.*\ninterrupted: /s);
    assert.equal(await stateCell(failed.number).textContent(), 'failed');
    assert.equal(await stateCell(failed.number).locator('.codicon-error').count(), 1);
    const colour = (number: number): Promise<string> => stateCell(number).locator('.tb-state-icon').evaluate((icon) => icon.ownerDocument.defaultView.getComputedStyle(icon).color);
    assert.notEqual(await colour(stopped.number), await colour(failed.number), 'not the error colour');
    // One chip each: hiding stopped trials keeps the failed one.
    assert.equal(await page.locator('.tb-chip[data-state="stopped"] .tb-chip-count').textContent(), '1');
    assert.equal(await page.locator('.tb-chip[data-state="failed"] .tb-chip-count').textContent(), '1');
    assert.match(await page.locator('.tb-chip[data-state="stopped"]').getAttribute('title') ?? '', /no budget/);
    await page.locator('.tb-chip[data-state="stopped"]').click();
    await lb.settle();
    const shown = await renderedNumbers(page);
    assert.ok(!shown.includes(stopped.number) && shown.includes(failed.number), shown.join());
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('filters by text', async () => {
    lb = await openLeaderboardPage();
    await lb.send(snapshot);
    const page = lb.page;
    await page.locator('.tb-text-filter input').fill('tanh');
    await lb.settle();
    const tanh = rows.filter((row) => row.params.activation === 'tanh').map((row) => row.number);
    assert.ok(tanh.length > 0 && tanh.length < rows.length);
    assert.deepEqual(new Set(await renderedNumbers(page)), new Set(tanh));
    assert.equal(await rowCountText(page), `${tanh.length} of ${rows.length} trials`);
    // The state as the table shows it: the recorded run's one failed trial is one its stop interrupted.
    await page.locator('.tb-text-filter input').fill('stopped');
    await lb.settle();
    assert.deepEqual(await renderedNumbers(page), rows.filter((row) => row.state === 'fail').map((row) => row.number));
    await page.locator('.tb-text-filter input').fill('failed');
    await lb.settle();
    assert.deepEqual(await renderedNumbers(page), []);
    await page.locator('.tb-text-filter input').fill('#13');
    await lb.settle();
    assert.deepEqual(await renderedNumbers(page), [13]);
    await page.locator('.tb-text-filter input').fill('no trial has this');
    await lb.settle();
    assert.deepEqual(await renderedNumbers(page), []);
    assert.equal(await page.locator('.tb-grid-empty').textContent(), 'No trials match the filters.');
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('filters by a parameter range, shown as a removable chip', async () => {
    lb = await openLeaderboardPage();
    await lb.send(snapshot);
    const page = lb.page;
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.getByRole('menuitem', { name: 'learning_rate' }).click();
    await page.locator('.tb-filter-min input').fill('0.01');
    await page.locator('.tb-filter-max input').fill('0.06');
    await page.locator('.tb-filter-apply').click();
    await lb.settle();
    const inRange = rows.filter((row) => (row.params.learning_rate as number) >= 0.01 && (row.params.learning_rate as number) <= 0.06);
    assert.ok(inRange.length > 0 && inRange.length < rows.length);
    assert.deepEqual(new Set(await renderedNumbers(page)), new Set(inRange.map((row) => row.number)));
    assert.equal(await page.locator('.tb-filter-chip').textContent(), 'learning_rate 0.01–0.06');
    // A categorical parameter: only the ticked choices.
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.getByRole('menuitem', { name: 'activation' }).click();
    await page.locator('.tb-filter-choice[label="tanh"]').click();
    await page.locator('.tb-filter-apply').click();
    await lb.settle();
    const both = inRange.filter((row) => row.params.activation !== 'tanh').map((row) => row.number);
    assert.deepEqual(new Set(await renderedNumbers(page)), new Set(both));
    assert.equal(await page.locator('.tb-filter-chip').count(), 2);
    // Removing the chips brings every row back.
    await page.getByRole('button', { name: /^Remove filter learning_rate/ }).click();
    await page.getByRole('button', { name: /^Remove filter activation/ }).click();
    await lb.settle();
    assert.equal((await renderedNumbers(page)).length, rows.length);
    assert.equal(await page.locator('.tb-filter-chip').count(), 0);
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('hides and shows columns with the column chooser', async () => {
    lb = await openLeaderboardPage();
    await lb.send(snapshot);
    const page = lb.page;
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.locator('.tb-column-choice[data-column="param:dropout"]').click();
    await page.locator('.tb-column-choice[data-column="start"]').click();
    await lb.settle();
    const columns = await page.locator('.tb-head-cell').evaluateAll((cells) => cells.map((cell) => cell.dataset.column));
    assert.ok(!columns.includes('param:dropout') && !columns.includes('start'));
    assert.ok(columns.includes('param:units'));
    const first = (await renderedRows(page))[0]!;
    assert.equal(first.cells['param:dropout'], undefined);
    await page.locator('.tb-column-choice[data-column="start"]').click();
    await lb.settle();
    assert.ok((await page.locator('.tb-head-cell').evaluateAll((cells) => cells.map((cell) => cell.dataset.column))).includes('start'));
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('moves the selection with the keyboard and scrolls it into view', async () => {
    lb = await openLeaderboardPage({ viewport: { width: 1100, height: 420 } });
    await lb.send(snapshot);
    const page = lb.page;
    const order = await renderedNumbers(page);
    await page.locator('.tb-grid').focus();
    await page.keyboard.press('ArrowDown');
    await lb.settle();
    assert.equal(await selectedNumber(page), order[0]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await lb.settle();
    assert.equal(await selectedNumber(page), order[2]);
    await page.keyboard.press('ArrowUp');
    await lb.settle();
    assert.equal(await selectedNumber(page), order[1]);
    assert.equal(await page.locator('.tb-grid').getAttribute('aria-activedescendant'), await page.locator('.tb-row[aria-selected="true"]').getAttribute('id'));

    await page.keyboard.press('End');
    await lb.settle();
    assert.equal(await selectedNumber(page), order.at(-1));
    assert.ok(await gridScrollTop(page) > 0, 'scrolled down');
    assert.ok((await rowsInView(page)).includes(order.at(-1)!), 'the last row is in view');
    await page.keyboard.press('PageUp');
    await lb.settle();
    const afterPageUp = await selectedNumber(page);
    assert.ok(order.indexOf(afterPageUp!) < order.length - 3, 'PageUp moves by a page');
    assert.ok((await rowsInView(page)).includes(afterPageUp!), 'PageUp keeps the selection in view');
    await page.keyboard.press('Home');
    await lb.settle();
    assert.equal(await selectedNumber(page), order[0]);
    assert.equal(await gridScrollTop(page), 0);
    await page.keyboard.press('PageDown');
    await lb.settle();
    assert.ok((await rowsInView(page)).includes((await selectedNumber(page))!));
    // Enter opens the details of the selected trial and moves focus there.
    await page.keyboard.press('Enter');
    await lb.settle();
    assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { className: string } } }).document.activeElement.className), 'tb-details');
    assert.equal(await page.locator('.tb-details h2').textContent(), `Trial #${await selectedNumber(page)}`);
    assert.deepEqual(lb.consoleErrors, []);
  });
});
